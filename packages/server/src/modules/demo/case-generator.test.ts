import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStages, type OrganisationType, type Role } from '@palermo/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { Keyring } from '../../platform/crypto/keyring.js';
import { systemActor } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Db } from '../../platform/db/database.js';
import { decryptPerson } from '../person/person.crypto.js';
import { searchCases } from '../case/case-search.js';
import { listCases, readCase } from '../case/case.service.js';
import { seedDemo } from './demo.seed.js';
import { DEMO_CASES_SEED, generateCases, planCases, planContext, seedDemoCases, type DemoCasesSummary } from './case-generator.js';
import { DEMO_COUNTRY_CODE } from './synthetic-label.js';

const COUNT = 300;
const NOW = new Date('2025-06-01T12:00:00Z');
let testDb: TestDatabase;
let db: Db;
let dir: string;
let cipher: FieldCipher;
let summary: DemoCasesSummary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palermo-generator-'));
  testDb = await createTestDatabase();
  db = testDb.database.db;
  await migrate(testDb.database);
  cipher = new FieldCipher(Keyring.open({ dataDir: dir }));
  await cipher.init(db);
  await db.transaction().execute((tx) => seedDemo(tx, cipher));
  summary = await db.transaction().execute((tx) => seedDemoCases(tx, cipher, COUNT, { now: NOW }));
}, 120_000);

afterAll(async () => {
  await testDb.drop();
  rmSync(dir, { recursive: true, force: true });
});

const share = (part: number, whole: number) => part / whole;

async function subjectOf(userId: string): Promise<Subject> {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.roles', 'o.id as organisation_id', 'o.type', 'o.jurisdictions'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as OrganisationType, jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

describe('synthetic cases for the demo country', () => {
  it('creates the cases in every stage, managed by the NGO, the shelter and social services', async () => {
    expect(summary.casesCreated).toBe(COUNT);
    expect(summary.credentials.map((c) => c.email).sort()).toEqual(['caseworker.shelter@demo.palermo.invalid', 'caseworker.social-services@demo.palermo.invalid']);
    const stages = await db.selectFrom('cases').select(['stage', sql<number>`count(*)::int`.as('n')]).groupBy('stage').execute();
    for (const stage of caseStages) expect(stages.find((s) => s.stage === stage)?.n ?? 0, stage).toBeGreaterThan(0);
    const managers = await db.selectFrom('cases as c').innerJoin('organisations as o', 'o.id', 'c.managing_organisation_id').select('o.type').distinct().execute();
    expect(managers.map((m) => m.type).sort()).toEqual(['ngo', 'shelter', 'social_services']);
    const overdue = await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('decision_due_at', '<', NOW).executeTakeFirstOrThrow();
    expect(overdue.n).toBeGreaterThan(0);
  });

  it('has realistic shares of sex, age, citizenship and forms of exploitation', async () => {
    const persons = await db.selectFrom('persons as p').innerJoin('cases as c', 'c.person_id', 'p.id').select(['p.gender', 'p.is_child', 'p.citizenships', 'c.forms_of_exploitation']).execute();
    expect(persons).toHaveLength(COUNT);
    const female = persons.filter((p) => p.gender === 'Feminine' || p.gender === 'TransgenderFeminine').length;
    expect(share(female, COUNT)).toBeGreaterThan(0.6);
    expect(share(female, COUNT)).toBeLessThan(0.78);
    const children = persons.filter((p) => p.is_child).length;
    expect(share(children, COUNT)).toBeGreaterThan(0.15);
    expect(share(children, COUNT)).toBeLessThan(0.3);
    const nationals = persons.filter((p) => p.citizenships[0] === DEMO_COUNTRY_CODE).length;
    expect(share(nationals, COUNT)).toBeGreaterThan(0.16);
    expect(share(nationals, COUNT)).toBeLessThan(0.32);
    const forms = new Map<string, number>();
    for (const p of persons) for (const f of p.forms_of_exploitation) forms.set(f, (forms.get(f) ?? 0) + 1);
    const ranked = [...forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    expect(ranked.slice(0, 2).sort()).toEqual(['ForcedLabour', 'SexualExploitation']);
    expect(share((forms.get('SexualExploitation') ?? 0) + (forms.get('ForcedLabour') ?? 0), COUNT)).toBeGreaterThan(0.65);
  });

  it('records consents as people give them: assistance mostly, law enforcement for about a third, referral for those referred', async () => {
    const current = await db.selectFrom('person_consents').select(['purpose', 'status']).execute();
    const given = (purpose: string) => current.filter((c) => c.purpose === purpose && c.status === 'given').length;
    expect(share(given('assistance'), COUNT)).toBeGreaterThan(0.85);
    expect(share(given('law_enforcement'), COUNT)).toBeGreaterThan(0.22);
    expect(share(given('law_enforcement'), COUNT)).toBeLessThan(0.48);
    const shares = await db
      .selectFrom('case_shares as s')
      .innerJoin('consent_events as e', 'e.id', 's.consent_event_id')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(['s.purpose', 'e.purpose as consent_purpose', 'e.status', 'e.target_organisation_id', 's.organisation_id', 'o.type'])
      .execute();
    const referred = await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('stage', 'not in', ['reported', 'screened']).executeTakeFirstOrThrow();
    expect(shares).toHaveLength(referred.n);
    for (const s of shares) {
      expect(s).toMatchObject({ purpose: 'identification_decision', consent_purpose: 'referral', status: 'given', type: 'competent_authority' });
      expect(s.target_organisation_id).toBe(s.organisation_id);
    }
  });

  it('has decisions by the competent authority, with encrypted reasons, and a timeline for every step', async () => {
    const decisions = await db.selectFrom('status_decisions as d').innerJoin('users as u', 'u.id', 'd.decided_by').select(['d.id', 'd.reason', 'u.email', 'u.roles']).execute();
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) expect(d.email).toBe('decision_maker@demo.palermo.invalid');
    const first = decisions[0];
    if (!first) throw new Error('no decision');
    expect(Buffer.from(first.reason).toString('utf8')).not.toContain('SYNTHETIC');
    expect(await cipher.decrypt(first.reason, `status_decisions.reason:${first.id}`, db)).toMatch(/^\[SYNTHETIC\] /);
    const opened = await db.selectFrom('case_actions').select(sql<number>`count(distinct case_id)::int`.as('n')).where('action', '=', 'case.opened').executeTakeFirstOrThrow();
    expect(opened.n).toBe(COUNT);
    const actions = await db.selectFrom('case_actions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(actions.n).toBe(summary.actions);
    const screenings = await db.selectFrom('screenings').select(['checklist_code', 'assessment']).execute();
    expect(new Set(screenings.map((s) => s.checklist_code))).toEqual(new Set(['ilo_forced_labour', 'trafficking_general']));
  });

  it('encrypts names that the case services decrypt and search finds, labelled synthetic', async () => {
    const stored = await db.selectFrom('persons').select(['given_name', 'pseudonym']).limit(20).execute();
    expect(JSON.stringify(stored)).not.toContain('SYNTHETIC');
    const row = await db
      .selectFrom('cases as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .selectAll('p')
      .select(['c.id as case_id', 'c.case_manager_user_id as manager'])
      .where('p.given_name', 'is not', null)
      .orderBy('c.reference')
      .limit(1)
      .executeTakeFirstOrThrow();
    const names = await decryptPerson(cipher, db, row);
    expect(names.pseudonym).toMatch(/^\[SYNTHETIC\]/);
    expect(names.notes).toBe('[SYNTHETIC] demo record');
    const subject = await subjectOf(row.manager ?? '');
    const found = await db.transaction().execute((tx) =>
      searchCases(tx, cipher, subject, systemActor('test'), { name: `${names.givenName ?? ''} ${names.familyName ?? ''}`, limit: 100 }),
    );
    expect(found.map((f) => f.id)).toContain(row.case_id);
    const view = await db.transaction().execute((tx) => readCase(tx, cipher, subject, systemActor('test'), row.case_id));
    expect(view?.person?.fields?.givenName).toBe(names.givenName);
    expect(view?.timeline[0]?.action).toBe('case.opened');
    const list = await db.transaction().execute((tx) => listCases(tx, subject, systemActor('test'), { stage: 'screened', limit: 50 }).then((l) => l.cases));
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) expect(c.stage).toBe('screened');
  });

  it('writes one audit entry for the run, and the audit chain verifies', async () => {
    const entries = await db.selectFrom('audit_log').select(['summary', 'actor_name']).where('action', '=', 'demo.generate_cases').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.summary).toMatch(/^300 synthetic cases generated \(seed \d+\)/);
    expect(entries[0]?.actor_name).toBe('palermo demo');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('is deterministic for a seed, and runs once per database', async () => {
    const organisations = await db.selectFrom('organisations').select(['id', 'type', 'jurisdictions']).where('name', 'like', '[SYNTHETIC] %').orderBy('name').execute();
    const users = await db.selectFrom('users').select(['id', 'organisation_id', 'roles']).where('email', 'like', '%@demo.palermo.invalid').orderBy('email').execute();
    const options = {
      organisations: organisations.map((o) => ({ id: o.id, type: o.type as OrganisationType, jurisdictions: o.jurisdictions })),
      users: users.map((u) => ({ id: u.id, organisationId: u.organisation_id, roles: u.roles as Role[] })),
      now: NOW,
    };
    const context = await planContext(db, options);
    const plan = planCases(context, DEMO_CASES_SEED, COUNT);
    expect(planCases(context, DEMO_CASES_SEED, COUNT)).toEqual(plan);
    expect(planCases(context, DEMO_CASES_SEED + 1, 5).map((p) => p.caseId)).not.toEqual(plan.slice(0, 5).map((p) => p.caseId));
    const stored = await db.selectFrom('cases').select(['id', 'stage', 'opened_at', 'version']).execute();
    const byId = new Map(stored.map((c) => [c.id, c]));
    for (const p of plan) expect(byId.get(p.caseId)).toEqual({ id: p.caseId, stage: p.stage, opened_at: p.openedAt, version: p.version });

    expect(await db.transaction().execute((tx) => seedDemoCases(tx, cipher, 10, { now: NOW }))).toEqual({ casesCreated: 0, credentials: [] });
    await expect(db.transaction().execute((tx) => generateCases(tx, cipher, { ...options, count: 5, seed: DEMO_CASES_SEED }))).rejects.toThrow(/already in this database/);
    const more = await db.transaction().execute((tx) => generateCases(tx, cipher, { ...options, count: 40, seed: 7, skipForeignKeyChecks: true }));
    expect(more.cases).toBe(40);
    const total = await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(total.n).toBe(COUNT + 40);
  });
});
