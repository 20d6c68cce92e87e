import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { DERIVED_SCHEMAS, quoteIdent, sequences, tablesInDependencyOrder, tablesNotAccountedFor } from './tables.js';
import { populateEverything, rowCounts } from './populate.test-support.js';
import { migrate } from '../db/migrate.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Keyring } from '../crypto/keyring.js';
import { verifyAuditChain } from '../audit/verify.js';
import { appendAudit, systemActor } from '../audit/audit.js';
import { sealAuditEntries } from '../audit/seal.js';
import { attachAuditAuthenticator, auditAuthenticatorOf } from '../audit/audit-key-slot.js';
import type { Database } from '../db/database.js';
import { readPerson } from '../../modules/person/person.service.js';
import { refreshCountryDataset } from '../../modules/statistical-records/country-dataset.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * Tables allowed to be empty in the fully populated database, each with the reason. Any other empty table fails the
 * test: a table nobody fills is a table whose backup nobody tests.
 */
const MAY_BE_EMPTY: Record<string, string> = {};

let source: TestDatabase;
let dir: string;
let keyring: Keyring;
let archive: string;
let backedUp: Awaited<ReturnType<typeof writeBackup>>;
/** What the source held and how its audit chain verified when it was backed up. */
let sourceContents: Record<string, string[]>;
let sourceVerification: Awaited<ReturnType<typeof verifyAuditChain>>;
let sourceCounts: Record<string, number>;
const opened: TestDatabase[] = [];

/** A freshly migrated and started database, as `palermo restore` finds it in a new data folder. */
async function freshTarget(): Promise<TestDatabase> {
  const target = await createTestDatabase();
  opened.push(target);
  await migrate(target.database);
  await new FieldCipher(keyring).init(target.database.db);
  return target;
}

/** Every table's rows (all columns, ordered by primary key; derived tables' rows sorted), times in UTC. */
/** The audit entries a backup and a restore write about themselves, after the archive was made (not yet sealed). */
const isBackupEntry = (row: string) => /"action":"backup\.(created|restored)"/.test(row) && row.includes('"seq":null');

/**
 * Compares two databases' contents table by table, naming the first table and row that differ; the entries backups
 * and restores write about themselves aside.
 */
async function expectSameContents(actual: Database, e: Record<string, string[]>): Promise<void> {
  const a = await everything(actual);
  a['audit_log'] = (a['audit_log'] ?? []).filter((row) => !isBackupEntry(row));
  expect(Object.keys(a)).toEqual(Object.keys(e));
  for (const table of Object.keys(e)) {
    const index = (e[table] ?? []).findIndex((row, i) => a[table]?.[i] !== row);
    expect({ table, rows: a[table]?.length, row: a[table]?.[index] }).toEqual({ table, rows: e[table]?.length, row: e[table]?.[index] });
  }
}

async function everything(database: Database): Promise<Record<string, string[]>> {
  return database.db.transaction().execute(async (tx) => {
    await sql`set local time zone 'UTC'`.execute(tx);
    const out: Record<string, string[]> = {};
    for (const table of await tablesInDependencyOrder(tx)) {
      const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : '1';
      const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(quoteIdent(table.name))} t order by ${sql.raw(order)}`.execute(tx);
      out[table.name] = rows.rows.map((r) => r.j);
    }
    const derived = await sql<{ name: string }>`
      select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = any(${Object.keys(DERIVED_SCHEMAS)}::text[]) order by 1`.execute(tx);
    for (const { name } of derived.rows) {
      const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(name.split('.').map(quoteIdent).join('.'))} t`.execute(tx);
      out[name] = rows.rows.map((r) => r.j).sort();
    }
    return out;
  });
}

/**
 * The restored audit chain verifies as the original did (same findings, intact), continued by exactly the entries
 * the restores wrote about themselves, which verifying seals first.
 */
async function expectSameAuditVerification(restored: Database): Promise<void> {
  expect(sourceVerification).toMatchObject({ ok: true, chainIntact: true, forgedCount: 0 });
  const own = await restored.db.selectFrom('audit_log').select('entry_id').where('seq', 'is', null).where('action', 'like', 'backup.%').execute();
  const verified = await verifyAuditChain(restored.db);
  const { headSeq, headHash, entriesChecked, ...findings } = sourceVerification;
  expect(verified).toMatchObject({ ...findings, headSeq: (headSeq ?? 0) + own.length, entriesChecked: entriesChecked + own.length });
  if (own.length === 0) expect(verified.headHash).toBe(headHash);
}

const triggerStates = async (database: Database) =>
  (await sql<{ name: string; enabled: string }>`select tgname as name, tgenabled::text as enabled from pg_trigger where not tgisinternal order by tgname`.execute(database.db)).rows;

/** Whether every serial and identity column's next value lies past the rows it already holds. */
async function sequencesPastTheirRows(database: Database): Promise<Array<{ sequence: string; next: number; max: number }>> {
  const stuck: Array<{ sequence: string; next: number; max: number }> = [];
  for (const s of await sequences(database.db)) {
    if (!s.owner) continue;
    const r = await sql<{ next: string; max: string | null }>`
      select (select case when is_called then last_value + 1 else last_value end from ${sql.raw(quoteIdent(s.name))})::text as next,
             (select max(${sql.ref(s.owner.column)}) from ${sql.raw(quoteIdent(s.owner.table))})::text as max`.execute(database.db);
    const next = Number(r.rows[0]?.next);
    const max = Number(r.rows[0]?.max ?? 0);
    if (!(next > max)) stuck.push({ sequence: s.name, next, max });
  }
  return stuck;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palermo-backup-'));
  keyring = Keyring.open({ dataDir: dir });
  source = await createTestDatabase();
  await migrate(source.database);
  const cipher = new FieldCipher(keyring);
  await cipher.init(source.database.db);
  await populateEverything(source.database, cipher, { postgresUrl: source.url });
  archive = join(dir, 'test.palermo-backup');
  sourceContents = await everything(source.database);
  sourceCounts = await rowCounts(source.database);
  sourceVerification = await verifyAuditChain(source.database.db);
  backedUp = await writeBackup(source.database, keyring, archive, { postgresUrl: source.url });
  // The backup changed nothing but for the entry recording it.
  const after = await everything(source.database);
  expect(after['audit_log']?.filter(isBackupEntry)).toHaveLength(1);
  expect({ ...after, audit_log: after['audit_log']?.filter((row) => !isBackupEntry(row)) }).toEqual(sourceContents);
}, 300_000);

afterAll(async () => {
  for (const t of opened) await t.drop();
  await source?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('starts from a database in which every table holds rows, and backs up every table there is', async () => {
    const counts = await rowCounts(source.database);
    const empty = Object.keys(counts).filter((t) => counts[t] === 0 && !(t in MAY_BE_EMPTY));
    expect(empty).toEqual([]);
    for (const kind of ['statistical_records', 'statistics_cube', 'reference_statistics', 'releases', 'referrals', 'case_records', 'screenings', 'match_requests', 'audit_log']) {
      expect(counts[kind], kind).toBeGreaterThan(0);
    }
    // The CTDC import and the country's refresh both wrote identity rows: the case that used to make restore fail.
    expect((await sql<{ n: number }>`select count(distinct dataset_id)::int as n from statistical_records`.execute(source.database.db)).rows[0]?.n).toBe(2);
    // A table outside the application's schema would be neither backed up nor rebuilt.
    expect(await tablesNotAccountedFor(source.database.db)).toEqual([]);
  });

  it('writes one encrypted archive in which no personal data or name appears in clear', async () => {
    const summary = backedUp;
    expect(summary.tables).toEqual(sourceCounts);
    expect(summary.rows).toBe(Object.values(summary.tables).reduce((a, b) => a + b, 0));
    const bytes = readFileSync(archive);
    expect(summary.bytes).toBe(bytes.length);
    for (const needle of ['Okafor', 'Popescu', 'national_admin@demo', 'SYNTHETIC', 'First session', 'Albania']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
  });

  it('restores every table, identity columns included, losing nothing; the audit chain verifies; triggers are as they were', async () => {
    const target = await freshTarget();
    const summary = await restoreBackup(target.database, keyring, archive, { postgresUrl: target.url });
    expect(summary.tables).toEqual(sourceCounts);
    await expectSameContents(target.database, sourceContents);
    expect(await triggerStates(target.database)).toEqual(await triggerStates(source.database));
    await expectSameAuditVerification(target.database);
    expect(await sequencesPastTheirRows(target.database)).toEqual([]);
    const restoredEntries = await target.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', 'like', 'backup.%').execute();
    expect(restoredEntries).toEqual([{ action: 'backup.restored', actor_name: 'palermo restore' }]);

    const restoredCipher = new FieldCipher(keyring);
    await restoredCipher.init(target.database.db);
    const person = await target.database.db.selectFrom('persons').select(['id', 'organisation_id', 'case_manager_user_id']).where('case_manager_user_id', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const view = await target.database.db.transaction().execute((tx) =>
      readPerson(tx, restoredCipher, { userId: person.case_manager_user_id ?? '', organisationId: person.organisation_id, organisationType: 'ngo', jurisdictions: [], roles: ['caseworker'] }, systemActor('test'), person.id),
    );
    expect(view?.givenName).toBeTruthy();

    const restoredHead = (await verifyAuditChain(target.database.db)).headSeq ?? 0;
    // Normal writes afterwards: the identity (statistical records) and serial (audit entries) columns hand out new
    // values, and the chain grows from the restored head.
    const refreshed = await refreshCountryDataset(target.database.db, systemActor('test'), { cipher: restoredCipher });
    expect(refreshed.records).toBeGreaterThan(0);
    await target.database.db.transaction().execute((tx) => appendAudit(tx, systemActor('test'), { action: 'test.after_restore', purpose: 'administration', summary: 'a write after restore' }));
    await sealAuditEntries(target.database.db);
    const after = await verifyAuditChain(target.database.db);
    expect(after).toMatchObject({ chainIntact: true, ok: sourceVerification.ok });
    expect(after.headSeq).toBeGreaterThanOrEqual(restoredHead + 2);
    expect(await sequencesPastTheirRows(target.database)).toEqual([]);
  });

  it('refuses to restore over a database that already holds users, leaving it untouched', async () => {
    const target = await freshTarget();
    await restoreBackup(target.database, keyring, archive, { postgresUrl: target.url });
    const before = await everything(target.database);
    await expect(restoreBackup(target.database, keyring, archive, { postgresUrl: target.url })).rejects.toThrow(/already holds users/);
    expect(await everything(target.database)).toEqual(before);
  });

  describe('all or nothing', () => {
    let target: TestDatabase;
    let untouched: Record<string, string[]>;
    beforeAll(async () => {
      target = await freshTarget();
      untouched = await everything(target.database);
    });
    const restore = (file: string, options: Parameters<typeof restoreBackup>[3] = {}) => restoreBackup(target.database, keyring, file, { postgresUrl: target.url, ...options });
    const variant = (name: string, bytes: Buffer) => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return file;
    };

    it('refuses an archive altered in the middle, after rows were already loaded, and leaves the target as it was', async () => {
      const bytes = readFileSync(archive);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
      await expect(restore(variant('altered.palermo-backup', bytes))).rejects.toThrow(/failed authentication/);
      expect(await everything(target.database)).toEqual(untouched);
    });

    it('refuses an archive cut in the middle, or cut exactly before its last part, or extended', async () => {
      const bytes = readFileSync(archive);
      await expect(restore(variant('cut.palermo-backup', bytes.subarray(0, Math.floor(bytes.length / 2))))).rejects.toThrow(/failed authentication|cut short/);
      expect(await everything(target.database)).toEqual(untouched);
      // The last part is empty (length word, no ciphertext, tag: 20 bytes): without it every remaining part is genuine.
      await expect(restore(variant('no-last.palermo-backup', bytes.subarray(0, bytes.length - 20)))).rejects.toThrow(/last part is missing/);
      expect(await everything(target.database)).toEqual(untouched);
      await expect(restore(variant('extended.palermo-backup', Buffer.concat([bytes, Buffer.from('more')])))).rejects.toThrow(/after the last part/);
      expect(await everything(target.database)).toEqual(untouched);
    });

    it('refuses a changed header (the archive key is bound to it)', async () => {
      const text = readFileSync(archive);
      const altered = Buffer.from(text.toString('latin1').replace(/"createdAt":"\d/, '"createdAt":"1'), 'latin1');
      expect(altered.equals(text)).toBe(false);
      await expect(restore(variant('header.palermo-backup', altered))).rejects.toThrow(/failed authentication/);
      expect(await everything(target.database)).toEqual(untouched);
    });

    it('undoes everything when a failure strikes half way through the tables', async () => {
      let loaded = 0;
      await expect(
        restore(archive, {
          afterTable: (table) => {
            loaded++;
            if (table === 'cases') throw new Error('injected failure');
          },
        }),
      ).rejects.toThrow(/injected failure/);
      expect(loaded).toBeGreaterThan(3);
      expect(await everything(target.database)).toEqual(untouched);
    });

    it('then restores the intact archive into the same target', async () => {
      await restore(archive);
      await expectSameContents(target.database, sourceContents);
      await expectSameAuditVerification(target.database);
    });
  });

  it('refuses an archive of the previous format with a message saying what to do', async () => {
    const file = join(dir, 'old.palermo-backup');
    writeFileSync(file, `PALERMO-BACKUP\n${JSON.stringify({ format: 1, createdAt: '2025-01-01T00:00:00Z' })}\nbody`);
    const target = await freshTarget();
    await expect(restoreBackup(target.database, keyring, file)).rejects.toThrow(/format 1, which this version no longer reads/);
  });

  it('refuses an archive made under a master key it does not hold', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'palermo-other-'));
    try {
      const target = await freshTarget();
      await expect(restoreBackup(target.database, Keyring.open({ dataDir: otherDir }), archive)).rejects.toThrow(/master key/);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it.skipIf(testDatabaseKind !== 'postgres')('moves between PostgreSQL and embedded PostgreSQL both ways', async () => {
    const { openDatabase } = await import('../db/database.js');
    const embedded = await openDatabase({ dataDir: 'memory://' });
    // The same audit keys as the test databases, as one installation's runtime would hold.
    const authenticator = auditAuthenticatorOf(source.database.db);
    if (authenticator) attachAuditAuthenticator(embedded.db, authenticator);
    try {
      await migrate(embedded);
      await new FieldCipher(keyring).init(embedded.db);
      await restoreBackup(embedded, keyring, archive);
      await expectSameContents(embedded, sourceContents);
      const back = join(dir, 'from-embedded.palermo-backup');
      await writeBackup(embedded, keyring, back);
      const target = await freshTarget();
      await restoreBackup(target.database, keyring, back, { postgresUrl: target.url });
      await expectSameContents(target.database, sourceContents);
      await expectSameAuditVerification(target.database);
    } finally {
      await embedded.close();
    }
  });
});
