import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationType, Role } from '@palermo/contracts';
import { migrate } from '../../platform/db/migrate.js';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Actor } from '../../platform/audit/audit.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { CreateDirectoryEntry } from './directory.contracts.js';
import { DEFAULT_STALE_AFTER_DAYS, isStale, staleCutoff, type StalenessPolicy } from './directory.staleness.js';
import * as service from './directory.service.js';

let testDb: TestDatabase;
let db: Db;
const organisations: Record<string, { id: string; type: OrganisationType }> = {};

async function person(organisation: string, roles: Role[]): Promise<{ subject: Subject; actor: Actor }> {
  const org = organisations[organisation];
  if (!org) throw new Error(`no organisation ${organisation}`);
  const id = randomUUID();
  await db.insertInto('users').values({ id, organisation_id: org.id, display_name: `${roles.join(' ')} of ${organisation}`, email: `${id}@example.test`, password_hash: 'x', roles }).execute();
  return {
    subject: { userId: id, organisationId: org.id, organisationType: org.type, jurisdictions: [], roles },
    actor: { userId: id, name: `${roles.join(' ')} of ${organisation}`, organisationId: org.id },
  };
}

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2025-06-01T12:00:00Z');
const policy = (at = now): StalenessPolicy => ({ now: at, staleAfterDays: DEFAULT_STALE_AFTER_DAYS });
const entry = (organisation: string, overrides: Partial<CreateDirectoryEntry> = {}): CreateDirectoryEntry => ({
  organisationId: organisations[organisation]?.id ?? '',
  deskName: 'Intake desk',
  sops: [2, 3],
  services: ['shelter', 'food'],
  phone: '+40 21 555 0100',
  email: 'intake@shelter.example',
  address: null,
  hours: 'Mon-Fri 08:00-16:00',
  languages: ['ro', 'en'],
  ...overrides,
});
const inTx = <T>(fn: (tx: Db) => Promise<T>) => db.transaction().execute(fn);

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrate(testDb.database);
  db = testDb.database.db;
  for (const [name, type] of [['national', 'national_coordinator'], ['shelter', 'shelter'], ['police', 'law_enforcement'], ['closed', 'ngo']] as const) {
    const id = randomUUID();
    organisations[name] = { id, type };
    await db.insertInto('organisations').values({ id, name, type, active: name !== 'closed' }).execute();
  }
});
afterAll(async () => testDb.drop());

describe('staleness', () => {
  it('flags entries verified longer ago than the period', () => {
    expect(staleCutoff(policy()).toISOString()).toBe(new Date(now.getTime() - 180 * DAY).toISOString());
    expect(isStale(new Date(now.getTime() - 181 * DAY), policy())).toBe(true);
    expect(isStale(new Date(now.getTime() - 179 * DAY), policy())).toBe(false);
    expect(isStale(new Date(now.getTime() - 31 * DAY), { now, staleAfterDays: 30 })).toBe(true);
  });
});

describe('directory entries', () => {
  it("lets an organisation administrator add their own organisation's desk, verified at creation, and audits it", async () => {
    const { subject, actor } = await person('shelter', ['organisation_admin']);
    const created = await inTx((tx) => service.createEntry(tx, subject, actor, entry('shelter'), policy()));
    expect(created).toMatchObject({
      organisationId: organisations['shelter']?.id,
      organisationType: 'shelter',
      deskName: 'Intake desk',
      sops: [2, 3],
      services: ['shelter', 'food'],
      languages: ['ro', 'en'],
      active: true,
      stale: false,
      lastVerifiedAt: now.toISOString(),
      verifiedBy: { userId: subject.userId },
    });
    const audit = await db.selectFrom('audit_log').selectAll().orderBy('entry_id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'directory.create', record_id: created.id, purpose: 'administration', actor_user_id: subject.userId });
    expect(audit.summary).not.toContain('555');
  });

  it("refuses an organisation administrator another organisation's desks, and any desk without a contact", async () => {
    const { subject, actor } = await person('police', ['organisation_admin']);
    await expect(inTx((tx) => service.createEntry(tx, subject, actor, entry('shelter', { deskName: 'Other' }), policy()))).rejects.toMatchObject({ statusCode: 403 });
    const [shelterEntry] = (await service.listDirectory(db, { organisationId: organisations['shelter']?.id }, policy())).entries;
    if (!shelterEntry) throw new Error('fixture');
    await expect(inTx((tx) => service.updateEntry(tx, subject, actor, shelterEntry.id, { hours: '24/7' }, policy()))).rejects.toMatchObject({ statusCode: 403 });
    await expect(inTx((tx) => service.verifyEntry(tx, subject, actor, shelterEntry.id, policy()))).rejects.toMatchObject({ statusCode: 403 });
    await expect(inTx((tx) => service.updateEntry(tx, subject, actor, randomUUID(), { hours: '24/7' }, policy()))).rejects.toMatchObject({ statusCode: 404 });
    await expect(inTx((tx) => service.createEntry(tx, subject, actor, entry('police', { phone: null, email: null }), policy()))).rejects.toMatchObject({
      statusCode: 400,
      issues: [{ field: 'phone', problem: expect.stringContaining('at least one way') }],
    });
    await expect(inTx((tx) => service.createEntry(tx, subject, actor, entry('police', { organisationId: randomUUID() }), policy()))).rejects.toMatchObject({ statusCode: 400 });
  });

  it('lets national coordinators and administrators edit every entry; refuses a deactivated organisation and a duplicate desk', async () => {
    for (const role of ['national_coordinator', 'national_admin'] as const) {
      const { subject, actor } = await person('national', [role]);
      const created = await inTx((tx) => service.createEntry(tx, subject, actor, entry('police', { deskName: `Trafficking unit (${role})`, sops: [5, 1, 5], services: ['safety'] }), policy()));
      expect(created.sops).toEqual([1, 5]);
      await expect(inTx((tx) => service.createEntry(tx, subject, actor, entry('police', { deskName: created.deskName }), policy()))).rejects.toMatchObject({ statusCode: 409 });
      await expect(inTx((tx) => service.createEntry(tx, subject, actor, entry('closed'), policy()))).rejects.toMatchObject({ statusCode: 400 });
      const updated = await inTx((tx) => service.updateEntry(tx, subject, actor, created.id, { email: null, address: '1 Police Square', languages: ['en'] }, policy(new Date(now.getTime() + DAY))));
      expect(updated).toMatchObject({ email: null, address: '1 Police Square', languages: ['en'], phone: '+40 21 555 0100', updatedAt: new Date(now.getTime() + DAY).toISOString(), lastVerifiedAt: now.toISOString() });
    }
  });

  it('filters by service, SOP, organisation type and staleness, and leaves retired desks out', async () => {
    const list = async (query: Parameters<typeof service.listDirectory>[1], at = now) => (await service.listDirectory(db, query, policy(at))).entries.map((e) => e.deskName).sort();
    expect(await list({ service: 'shelter' })).toEqual(['Intake desk']);
    expect(await list({ sop: 5 })).toEqual(['Trafficking unit (national_admin)', 'Trafficking unit (national_coordinator)']);
    expect(await list({ organisationType: 'shelter' })).toEqual(['Intake desk']);
    expect(await list({ service: 'safety', organisationType: 'shelter' })).toEqual([]);
    expect(await list({ stale: 'true' })).toEqual([]);

    const later = new Date(now.getTime() + 200 * DAY);
    expect(await list({ stale: 'true' }, later)).toHaveLength(3);
    const result = await service.listDirectory(db, {}, policy(later));
    expect(result.staleAfterDays).toBe(180);
    expect(result.entries.every((e) => e.stale)).toBe(true);

    const { subject, actor } = await person('national', ['national_coordinator']);
    const [intake] = (await service.listDirectory(db, { service: 'shelter' }, policy(later))).entries;
    if (!intake) throw new Error('fixture');
    const verified = await inTx((tx) => service.verifyEntry(tx, subject, actor, intake.id, policy(later)));
    expect(verified).toMatchObject({ stale: false, lastVerifiedAt: later.toISOString(), verifiedBy: { userId: subject.userId, name: 'national_coordinator of national' } });
    expect(await list({ stale: 'false' }, later)).toEqual(['Intake desk']);
    const audit = await db.selectFrom('audit_log').select(['action', 'record_id']).orderBy('entry_id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'directory.verify', record_id: intake.id });

    await inTx((tx) => service.updateEntry(tx, subject, actor, intake.id, { active: false }, policy(later)));
    expect(await list({ service: 'shelter' })).toEqual([]);
    expect(await list({ service: 'shelter', includeInactive: 'true' })).toEqual(['Intake desk']);
  });

  it('keeps codes valid in the database itself', async () => {
    const id = organisations['shelter']?.id ?? '';
    const insert = (values: string) => sql`insert into directory_entries (id, organisation_id, desk_name, sops, services, phone) values (${randomUUID()}, ${id}::uuid, ${`desk ${randomUUID()}`}, ${sql.raw(values)}, '+1 555')`.execute(db);
    await expect(insert(`'{6}', '{}'`)).rejects.toThrow(/directory_entries_sops_known/);
    await expect(insert(`'{1}', '{massage}'`)).rejects.toThrow(/directory_entries_services_known/);
  });
});
