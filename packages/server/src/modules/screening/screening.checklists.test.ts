import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultIndicatorChecklists,
  iloForcedLabourChecklist as ilo,
  type IndicatorChecklistDocument,
} from '@palermo/contracts';
import { migrate } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/database.js';
import { systemActor, type Actor } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { HttpError } from '../../platform/http/errors.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';
import { getChecklist, listActiveChecklists, publishChecklist } from './screening.service.js';
import type { ScreeningTables } from './screening.tables.js';

let testDb: TestDatabase;
let db: Db;
let coordinator: Actor;
const checklists = () => db.withTables<ScreeningTables>().selectFrom('indicator_checklists');
const rows = async () => (await checklists().select(['code', 'version', 'active']).orderBy('code').orderBy('version').execute());
const auditCount = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const version = (n: number, change: Partial<IndicatorChecklistDocument> = {}): IndicatorChecklistDocument => ({ ...structuredClone(ilo), version: n, ...change });

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  await migrate(testDb.database);
  const organisationId = randomUUID();
  const userId = randomUUID();
  await db.insertInto('organisations').values({ id: organisationId, name: 'National coordination office', type: 'national_coordinator' }).execute();
  await db
    .insertInto('users')
    .values({ id: userId, organisation_id: organisationId, display_name: 'Coordinator', email: 'coordinator@example.org', password_hash: 'x', roles: ['national_coordinator'] })
    .execute();
  coordinator = { userId, name: 'Coordinator', organisationId };
});

afterAll(async () => {
  await testDb.drop();
});

describe(`indicator checklists on a migrated database (${testDatabaseKind})`, () => {
  it('loads the seeded defaults, version 1 each, exactly as the contracts define them', async () => {
    const active = await listActiveChecklists(db);
    expect(active.map((c) => [c.code, c.version, c.active])).toEqual([
      ['ilo_forced_labour', 1, true],
      ['trafficking_general', 1, true],
    ]);
    expect(active.map((c) => c.document)).toEqual([...defaultIndicatorChecklists].sort((a, b) => a.code.localeCompare(b.code)));
    expect(await getChecklist(db, 'ilo_forced_labour', 1)).toMatchObject({ code: 'ilo_forced_labour', version: 1, document: ilo });
    expect(await getChecklist(db, 'ilo_forced_labour', 9)).toBeUndefined();
    expect(await getChecklist(db, 'no_such_list', 1)).toBeUndefined();
  });

  it('stores nothing for a bad document and names the bad field', async () => {
    const before = [await rows(), await auditCount()];
    const bad = version(2);
    Object.assign(bad.items[6] ?? {}, { strength: 'decisive' });
    const error = await failure(db.transaction().execute((tx) => publishChecklist(tx, coordinator, bad)));
    expect(error.statusCode).toBe(400);
    expect(error.issues).toEqual([{ field: 'items.6.strength', problem: 'must be strong, medium or weak' }]);
    expect([await rows(), await auditCount()]).toEqual(before);
  });

  it('publishes a new version and deactivates the old one, with an audit entry, in one transaction', async () => {
    const auditBefore = await auditCount();
    const v2 = version(2, { title: 'ILO indicators of forced labour (national edition)' });
    const published = await db.transaction().execute((tx) => publishChecklist(tx, coordinator, v2));
    expect(published).toMatchObject({ code: 'ilo_forced_labour', version: 2, active: true, document: v2 });
    expect(await rows()).toEqual([
      { code: 'ilo_forced_labour', version: 1, active: false },
      { code: 'ilo_forced_labour', version: 2, active: true },
      { code: 'trafficking_general', version: 1, active: true },
    ]);
    expect((await getChecklist(db, 'ilo_forced_labour', 1))?.active).toBe(false);
    expect((await checklists().select('created_by').where('id', '=', published.id).executeTakeFirstOrThrow()).created_by).toBe(coordinator.userId);
    const entry = await db.selectFrom('audit_log').selectAll().orderBy('entry_id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'indicator_checklist.publish', record_id: published.id, actor_user_id: coordinator.userId });
    expect(entry.summary).toBe('checklist ilo_forced_labour version 2 published with 11 items; version 1 deactivated');
    expect(await auditCount()).toBe(auditBefore + 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('leaves the old version active when the transaction that published a new one rolls back', async () => {
    const before = await rows();
    await expect(
      db.transaction().execute(async (tx) => {
        await publishChecklist(tx, coordinator, version(3));
        throw new Error('the caller failed after publishing');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await rows()).toEqual(before);
  });

  it('refuses a version that is not above the latest (409), naming the version', async () => {
    const again = await failure(db.transaction().execute((tx) => publishChecklist(tx, coordinator, version(2))));
    expect([again.statusCode, again.issues]).toEqual([409, [{ field: 'version', problem: 'version 2 of ilo_forced_labour is already published; publish version 3' }]]);
    const older = await failure(db.transaction().execute((tx) => publishChecklist(tx, systemActor('test'), version(1))));
    expect(older.issues?.[0]?.problem).toBe('must be above the latest version of ilo_forced_labour, 2');
  });

  it('publishes one of two concurrent publications of the same version', async () => {
    const results = await Promise.allSettled(
      [0, 1].map(() => db.transaction().execute((tx) => publishChecklist(tx, coordinator, version(3)))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason instanceof HttpError && rejected.reason.statusCode).toBe(409);
    expect((await rows()).filter((r) => r.code === 'ilo_forced_labour' && r.active)).toEqual([{ code: 'ilo_forced_labour', version: 3, active: true }]);
  });

  it('publishes a new national checklist code beside the defaults', async () => {
    const national = version(1, { code: 'national_labour_inspection', title: 'Labour inspection checklist' });
    await db.transaction().execute((tx) => publishChecklist(tx, systemActor('test'), national));
    expect((await listActiveChecklists(db)).map((c) => `${c.code}@${c.version}`)).toEqual([
      'ilo_forced_labour@3',
      'national_labour_inspection@1',
      'trafficking_general@1',
    ]);
  });

  it('keeps one active version per code and published documents unchanged, in the database itself', async () => {
    const second = db
      .withTables<ScreeningTables>()
      .insertInto('indicator_checklists')
      .values({ id: randomUUID(), code: 'trafficking_general', version: 2, document: JSON.stringify({ code: 'trafficking_general', version: 2 }), active: true })
      .execute();
    await expect(second).rejects.toThrow(/indicator_checklists_one_active/);
    const rewritten = JSON.stringify(version(1, { title: 'rewritten' }));
    const edit = sql`update indicator_checklists set document = ${rewritten}::jsonb where code = 'ilo_forced_labour' and version = 1`.execute(db);
    await expect(edit).rejects.toThrow(/never changes/);
    const mismatched = db
      .withTables<ScreeningTables>()
      .insertInto('indicator_checklists')
      .values({ id: randomUUID(), code: 'other_list', version: 1, document: JSON.stringify(version(1)) })
      .execute();
    await expect(mismatched).rejects.toThrow(/indicator_checklists_document_matches/);
  });
});
