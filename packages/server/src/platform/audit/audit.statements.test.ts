import { randomUUID } from 'node:crypto';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, systemActor, type Actor } from './audit.js';
import { sealAuditEntries } from './seal.js';
import { verifyAuditChain } from './verify.js';
import { auditEntry } from '../../modules/case/audited-statement.js';
import { auditRefusedRead, readPersonAudited } from '../../modules/person/person.repo.js';
import { withBulkConnection } from '../../modules/statistical-records/copy-writer.js';
import { migrate } from '../db/migrate.js';
import type { Db } from '../db/database.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/** Entries written by the reading statement itself: authenticated, and still one statement. */
let testDb: TestDatabase;
let db: Db;
const actor: Actor = { userId: randomUUID(), name: 'Caseworker', organisationId: randomUUID() };

/** A handle on the same database that counts the statements sent through it. */
function counting(): { db: Db; statements: () => number } {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      count += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { db: db.withPlugin(plugin), statements: () => count };
}

async function asOwner(statements: string) {
  await testDb.database.withScriptRunner((run) => run(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${statements}; ALTER TABLE audit_log ENABLE TRIGGER USER;`));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  await migrate(testDb.database);
});
afterAll(async () => testDb.drop());

describe('audited statements', () => {
  it('authenticate the entry a reading statement writes, in that one statement, with the time taken in the application', async () => {
    const counted = counting();
    const before = Date.now();
    const read = sql<{ n: number }>`
      with r as (select generate_series(1, 3) as n),
        logged as (${auditEntry(actor, { action: 'case.list', recordType: 'case', purpose: 'case_management' }, sql<string>`'listed ' || count(*)`, sql`from r`)})
      select n from r order by n`;
    const { rows } = await read.execute(counted.db);
    expect(rows).toHaveLength(3);
    expect(counted.statements()).toBe(1);
    await sealAuditEntries(db);
    const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'case.list').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ summary: 'listed 3', forged: false, statement_fields: ['summary'] });
    expect(entry.occurred_at.getTime()).toBeGreaterThanOrEqual(before);
    // Run again, the same statement is a new entry with a token of its own, also genuine.
    await read.execute(db);
    await sealAuditEntries(db);
    const entries = await db.selectFrom('audit_log').select(['entry_token', 'forged']).where('action', '=', 'case.list').execute();
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((e) => e.entry_token)).size).toBe(2);
    expect(entries.every((e) => !e.forged)).toBe(true);
  });

  it('authenticate an outcome the statement decides, and name it as decided by the statement', async () => {
    await sql`
      with page as (select false as found),
        logged as (${auditEntry(actor, { action: 'case.read', recordType: 'case', recordId: 'c-1', purpose: 'case_management' }, sql<string>`'refused by access rules'`, sql`from page`, sql<string>`case when page.found then 'allowed' else 'denied' end`)})
      select 1`.execute(db);
    await sealAuditEntries(db);
    expect(await db.selectFrom('audit_log').select(['outcome', 'forged', 'statement_fields']).where('record_id', '=', 'c-1').executeTakeFirstOrThrow()).toEqual({
      outcome: 'denied',
      forged: false,
      statement_fields: ['summary', 'outcome'],
    });
  });

  it('keep the person read and the refused person read one statement each, authenticated', async () => {
    const organisation = randomUUID();
    const user = randomUUID();
    const person = randomUUID();
    await sql`insert into organisations (id, name, type) values (${organisation}, 'Shelter', 'shelter')`.execute(db);
    await sql`insert into users (id, organisation_id, display_name, email, password_hash, roles) values (${user}, ${organisation}, 'U', ${`${user}@example.test`}, 'x', '{caseworker}')`.execute(db);
    await sql`insert into persons (id, reference, organisation_id, created_by) values (${person}, 'P-1', ${organisation}, ${user})`.execute(db);
    const counted = counting();
    expect(await auditRefusedRead(counted.db, person, actor, { action: 'person.read', recordType: 'person', purpose: 'case_management', summary: 'refused' })).toBe(true);
    expect(counted.statements()).toBe(1);
    await sealAuditEntries(db);
    expect(await db.selectFrom('audit_log').select(['forged', 'outcome']).where('record_id', '=', person).executeTakeFirstOrThrow()).toEqual({ forged: false, outcome: 'denied' });

    // The allowed read: the row, its consents and its authenticated entry in one statement; a filtered-out read writes none.
    const event = { action: 'person.read', recordType: 'person', purpose: 'case_management', summary: 'person viewed' };
    const read = counting();
    const row = await readPersonAudited(read.db, person, sql<boolean>`true`, sql<string[]>`array['reference']::text[]`, actor, event);
    expect(row?.reference).toBe('P-1');
    expect(read.statements()).toBe(1);
    expect(await readPersonAudited(db, person, sql<boolean>`false`, sql<string[]>`array['reference']::text[]`, actor, event)).toBeUndefined();
    await sealAuditEntries(db);
    const entries = await db.selectFrom('audit_log').select(['forged', 'outcome', 'summary', 'statement_fields']).where('record_id', '=', person).where('outcome', '=', 'allowed').execute();
    expect(entries).toEqual([{ forged: false, outcome: 'allowed', summary: 'person viewed; fields shown: reference', statement_fields: ['summary'] }]);
  });

  it.skipIf(!process.env['PALERMO_TEST_DATABASE_URL'] || process.env['PALERMO_TEST_DB'] !== 'postgres')(
    'authenticate entries written through a bulk (COPY) connection of their own, as a CTDC import writes them',
    async () => {
      if (!testDb.url) throw new Error('PostgreSQL only');
      await withBulkConnection(testDb.url, db, (bulk) => appendAudit(bulk.db, systemActor('test'), { action: 'test.bulk', purpose: 'testing', summary: 'bulk' }));
      await sealAuditEntries(db);
      expect(await db.selectFrom('audit_log').select('forged').where('action', '=', 'test.bulk').executeTakeFirstOrThrow()).toEqual({ forged: false });
    },
  );

  it('seal as forged an entry altered between its commit and its sealing (a made-up actor put in)', async () => {
    await db.transaction().execute((tx) => appendAudit(tx, systemActor('test'), { action: 'test.altered', purpose: 'testing', summary: 'genuine' }));
    await asOwner(`UPDATE audit_log SET actor_name = 'Someone else', occurred_at = '2019-01-01T00:00:00Z' WHERE action = 'test.altered' AND seq IS NULL`);
    await sealAuditEntries(db);
    expect(await db.selectFrom('audit_log').select('forged').where('action', '=', 'test.altered').executeTakeFirstOrThrow()).toEqual({ forged: true });
  });

  it('verify in another database after the rows and the head are copied as they are (what a restore must keep)', async () => {
    await sealAuditEntries(db);
    const copy = await createTestDatabase();
    try {
      await migrate(copy.database);
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      for (const row of rows) await copy.database.db.insertInto('audit_log').values(row).execute();
      await copy.database.db.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
      const result = await verifyAuditChain(copy.database.db);
      expect(result).toMatchObject({ chainIntact: true, entriesChecked: rows.length });
      // The one forged entry above stays forged in the copy.
      expect(result.forgedCount).toBe(1);
    } finally {
      await copy.drop();
    }
  });
});
