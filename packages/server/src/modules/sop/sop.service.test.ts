import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { HttpError } from '../../platform/http/errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { nrmCaseStages, sopDocument, sopTitles, type SopDocument } from './sop.contracts.js';
import { measuresForStage } from './sop.measures.js';
import * as service from './sop.service.js';

let testDb: TestDatabase;
let db: Db;
let coordinator: Actor;
let ngoId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrate(testDb.database);
  db = testDb.database.db;
  const organisationId = randomUUID();
  ngoId = randomUUID();
  await db.insertInto('organisations').values([
    { id: organisationId, name: 'National Coordinator', type: 'national_coordinator' },
    { id: ngoId, name: 'Harbour NGO', type: 'ngo' },
  ]).execute();
  const userId = randomUUID();
  await db.insertInto('users').values({ id: userId, organisation_id: organisationId, display_name: 'Nadia Coordinator', email: 'nc@example.test', password_hash: 'x', roles: ['national_coordinator'] }).execute();
  coordinator = { userId, name: 'Nadia Coordinator', organisationId };
});
afterAll(async () => testDb.drop());

const save = (document: SopDocument, changeNote: string, basedOnVersion?: number) =>
  db.transaction().execute((tx) => service.createSopVersion(tx, coordinator, { document, changeNote, basedOnVersion }));

/** How many audit entries exist (sealed or not). */
const auditHead = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the default SOPs seeded by migration 0004', () => {
  it('are version 1, current, by no user, and valid under the contract', async () => {
    const current = await service.getCurrentSops(db);
    expect(current).toMatchObject({ version: 1, current: true, author: null });
    expect(sopDocument.safeParse(current.document).success).toBe(true);
    expect(current.document.sops.map((s) => s.title)).toEqual(Object.values(sopTitles));
  });

  it('give every stage of a case something to do', async () => {
    const document = await service.currentSopDocument(db);
    for (const stage of nrmCaseStages) expect(measuresForStage(document, stage).length, stage).toBeGreaterThan(0);
    const identification = measuresForStage(document, 'reasonable_grounds_pending').find((m) => m.measure.id === 'identification.reasonable-grounds-decision');
    expect(identification?.measure.who.organisationTypes).toEqual(['competent_authority']);
  });
});

describe('saving a new version', () => {
  it('adds the next version, which becomes current, and leaves the earlier one as it was', async () => {
    const v1 = await service.getSopVersion(db, 1);
    const document = structuredClone(v1.document);
    document.sops[0]?.measures[0]?.who.organisationIds.push(ngoId);
    const before = await auditHead();
    const v2 = await save(document, 'Harbour NGO is the first point of notification', 1);
    expect(v2).toMatchObject({ version: 2, current: true, changeNote: 'Harbour NGO is the first point of notification', author: { userId: coordinator.userId, name: 'Nadia Coordinator' } });
    expect(v2.document.sops[0]?.measures[0]?.who.organisationIds).toEqual([ngoId]);
    expect((await service.getCurrentSops(db)).version).toBe(2);
    expect(await service.getSopVersion(db, 1)).toEqual({ ...v1, current: false });
    expect((await service.listSopVersions(db)).map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);

    expect(await auditHead()).toBe(before + 1);
    const entry = await db.selectFrom('audit_log').selectAll().orderBy('entry_id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'sop.version_create', record_id: '2', purpose: 'administration', actor_user_id: coordinator.userId, outcome: 'allowed' });
    expect(entry.summary).not.toContain('Harbour');
    expect(entry.summary).not.toContain('first point');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses a change based on a version that is no longer current, writing nothing', async () => {
    const current = await service.getCurrentSops(db);
    const before = await auditHead();
    await expect(save(current.document, 'stale edit', current.version - 1)).rejects.toMatchObject({ statusCode: 409 });
    expect((await service.getCurrentSops(db)).version).toBe(current.version);
    expect(await auditHead()).toBe(before);
  });

  it('refuses a named organisation that does not exist, naming its path', async () => {
    const document = structuredClone((await service.getCurrentSops(db)).document);
    document.sops[2]?.measures[1]?.who.organisationIds.push(ngoId, randomUUID());
    const error = await save(document, 'unknown organisation').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).issues).toEqual([{ field: 'sops.2.measures.1.who.organisationIds.1', problem: 'no such organisation' }]);
  });

  it('answers 404 for a version that does not exist', async () => {
    await expect(service.getSopVersion(db, 99)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('keeps versions immutable in the database itself', async () => {
    await expect(sql`update sop_versions set change_note = 'rewritten' where version = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from sop_versions where version = 1`.execute(db)).rejects.toThrow(/append-only/);
    expect((await service.getSopVersion(db, 1)).changeNote).toMatch(/^Default SOPs/);
  });
});
