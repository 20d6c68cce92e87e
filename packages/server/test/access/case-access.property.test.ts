import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consentPurposes,
  lawEnforcementOrganisationTypes,
  organisationTypes,
  roles,
  type ConsentPurpose,
  type OrganisationType,
  type Role,
} from '@palermo/contracts';
import { allows, type RecordFacts, type Subject } from '../../src/platform/access/rules.js';
import { relationshipRules } from '../../src/platform/access/relationships.js';
import { caseRules } from '../../src/modules/case/case.policy.js';
import { caseRecordRules } from '../../src/modules/case-record/case-record.policy.js';
import { clientFor, createTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const jurisdictions = ['NORTH', 'SOUTH'] as const;

const world = fc.record({
  organisations: fc.array(fc.record({ type: fc.constantFrom(...organisationTypes), jurisdictions: fc.subarray([...jurisdictions]) }), { minLength: 1, maxLength: 4 }),
  users: fc.array(fc.record({ organisation: fc.nat(), roles: fc.subarray([...roles], { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 5 }),
  cases: fc.array(
    fc.record({
      organisation: fc.nat(),
      assignee: fc.option(fc.nat(), { nil: null }),
      jurisdiction: fc.option(fc.constantFrom(...jurisdictions), { nil: null }),
      consents: fc.subarray([...consentPurposes]),
      sharedWith: fc.array(fc.record({ organisation: fc.nat(), revoked: fc.boolean() }), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const pick = <T>(list: readonly T[], index: number): T => {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('empty list');
  return item;
};

async function seed(w: World) {
  const db = t.platform.db;
  const orgs = w.organisations.map((o) => ({ id: randomUUID(), type: o.type as OrganisationType, jurisdictions: [...o.jurisdictions] }));
  for (const o of orgs) await db.insertInto('organisations').values({ id: o.id, name: `org ${o.id}`, type: o.type, jurisdictions: o.jurisdictions }).execute();
  const users = w.users.map((u) => ({ id: randomUUID(), org: pick(orgs, u.organisation), roles: [...new Set(u.roles)] as Role[] }));
  for (const u of users) await db.insertInto('users').values({ id: u.id, organisation_id: u.org.id, display_name: 'u', email: `${u.id}@example.test`, password_hash: 'x', roles: u.roles }).execute();
  const author = pick(users, 0);
  const cases: Array<{ id: string; reference: string; facts: RecordFacts }> = [];
  for (const c of w.cases) {
    const personId = randomUUID();
    const caseId = randomUUID();
    const org = pick(orgs, c.organisation);
    const assignee = c.assignee === null ? null : pick(users, c.assignee).id;
    await db.insertInto('persons').values({ id: personId, reference: `P-${personId}`, organisation_id: org.id, jurisdiction: c.jurisdiction, created_by: author.id, given_name: t.platform.cipher.encrypt('Secret Name', `persons.given_name:${personId}`) }).execute();
    const reference = `C-${caseId.slice(0, 13).toUpperCase()}`;
    await db.insertInto('cases').values({ id: caseId, reference, person_id: personId, managing_organisation_id: org.id, case_manager_user_id: assignee, reported_by_organisation_id: org.id }).execute();
    for (const purpose of c.consents) {
      await db.insertInto('person_consents').values({ person_id: personId, purpose, status: 'given', recorded_by: author.id, recorded_at: new Date() }).execute();
    }
    const active: string[] = [];
    for (const share of c.sharedWith) {
      const target = pick(orgs, share.organisation);
      await db.insertInto('case_shares').values({ id: randomUUID(), case_id: caseId, organisation_id: target.id, purpose: 'referral', person_fields: ['givenName'], granted_by: author.id, granted_at: new Date(), revoked_at: share.revoked ? new Date() : null }).execute();
      if (!share.revoked) active.push(target.id);
    }
    cases.push({ id: caseId, reference, facts: { organisationId: org.id, assigneeUserId: assignee, jurisdiction: c.jurisdiction, consentsGiven: [...c.consents] as ConsentPurpose[], sharedWith: active } });
  }
  const subjects: Array<{ subject: Subject; client: Client }> = await Promise.all(
    users.map(async (u) => ({
      subject: { userId: u.id, organisationId: u.org.id, organisationType: u.org.type, jurisdictions: u.org.jurisdictions, roles: u.roles },
      client: await clientFor(t, { id: u.id }),
    })),
  );
  return { subjects, cases };
}

describe('no user reaches a case the rules deny (property-based)', () => {
  it('direct reads, the worklist, search by case number and consent writes agree with the rule evaluator', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { subjects, cases } = await seed(w);
        const ids = new Set(cases.map((c) => c.id));
        for (const { subject, client } of subjects) {
          const list = await client.request('GET', '/api/cases?limit=200');
          const listed = list.statusCode === 200 ? (list.json().cases as Array<{ id: string }>).map((c) => c.id).filter((id) => ids.has(id)) : [];
          expect(new Set(listed)).toEqual(new Set(cases.filter((c) => allows(caseRules.read, subject, c.facts)).map((c) => c.id)));
          for (const c of cases) {
            const mayRead = allows(caseRules.read, subject, c.facts);
            const read = await client.request('GET', `/api/cases/${c.id}`);
            expect(read.statusCode === 200, `read ${JSON.stringify({ subject, facts: c.facts })}`).toBe(mayRead);
            if (!mayRead) expect(read.body).not.toContain('Secret Name');
            const found = await client.request('GET', `/api/cases/search?reference=${c.reference}`);
            const foundIds = found.statusCode === 200 ? (found.json().results as Array<{ id: string }>).map((r) => r.id) : [];
            expect(foundIds.includes(c.id)).toBe(mayRead);
            const records = await client.request('GET', `/api/cases/${c.id}/records`);
            expect(records.statusCode === 200, `records ${JSON.stringify({ subject, facts: c.facts })}`).toBe(allows(caseRecordRules.read, subject, c.facts));
            if (records.statusCode !== 200) expect(records.body).not.toContain('Secret Name');
            const write = await client.request('POST', `/api/cases/${c.id}/consents`, { purpose: 'statistics', status: 'refused', method: 'verbal' }, { 'idempotency-key': randomUUID() });
            expect(write.statusCode === 200, `write ${JSON.stringify({ subject, facts: c.facts })}`).toBe(allows(caseRules.manage, subject, c.facts));
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});

const subjectArbitrary = fc.record({
  userId: fc.constantFrom('u1', 'u2'),
  organisationId: fc.constantFrom('o1', 'o2', 'o3'),
  organisationType: fc.constantFrom(...organisationTypes),
  jurisdictions: fc.subarray([...jurisdictions]),
  roles: fc.subarray([...roles], { minLength: 1, maxLength: 3 }),
});
const factsArbitrary = fc.record({
  organisationId: fc.constantFrom('o1', 'o2', 'o3'),
  assigneeUserId: fc.option(fc.constantFrom('u1', 'u2'), { nil: null }),
  jurisdiction: fc.option(fc.constantFrom(...jurisdictions), { nil: null }),
  consentsGiven: fc.subarray([...consentPurposes]),
  sharedWith: fc.subarray(['o1', 'o2', 'o3']),
});
const only = (subject: Subject, allowed: readonly Role[]) => subject.roles.every((role) => allowed.includes(role));
const isLawEnforcement = (subject: Subject) => lawEnforcementOrganisationTypes.includes(subject.organisationType);

describe('what the case rules promise (property-based, over the rules as data)', () => {
  it('law enforcement reads a case it does not hold only with the person’s consent, in its jurisdiction; never the case record', () => {
    fc.assert(
      fc.property(subjectArbitrary, factsArbitrary, (subject, facts) => {
        const investigatorOnly = only(subject, ['investigator', 'prosecutor', 'organisation_admin']);
        if (investigatorOnly && allows(caseRules.read, subject, facts)) {
          const holdsIntake = isLawEnforcement(subject) && facts.organisationId === subject.organisationId;
          const consented = facts.consentsGiven.includes('law_enforcement') && facts.jurisdiction !== null && subject.jurisdictions.includes(facts.jurisdiction);
          expect(holdsIntake || consented).toBe(true);
        }
        if (investigatorOnly) {
          expect(allows(caseRecordRules.read, subject, facts)).toBe(false);
          expect(allows(caseRecordRules.add, subject, facts)).toBe(false);
        }
        // Holding a case at intake is for law-enforcement organisations' investigators only, in their own organisation.
        if (investigatorOnly && allows(caseRules.manage, subject, facts)) {
          expect(isLawEnforcement(subject) && facts.organisationId === subject.organisationId).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('outside the managing side, only an organisation whose referral was accepted and still in force works the case record', () => {
    fc.assert(
      fc.property(subjectArbitrary, factsArbitrary, (subject, facts) => {
        const managingSide = allows(caseRules.assist, subject, facts);
        const acceptedShare = allows(relationshipRules.receiverAfterAcceptance, subject, facts);
        for (const rule of [caseRecordRules.read, caseRecordRules.add]) {
          if (allows(rule, subject, facts) && !managingSide) {
            expect(acceptedShare).toBe(true);
            expect(subject.roles.some((r) => r === 'caseworker' || r === 'supervisor')).toBe(true);
          }
        }
        // Assigning a case manager and the decisions that change the case stay with the managing side.
        expect(allows(caseRecordRules.manage, subject, facts)).toBe(managingSide);
      }),
      { numRuns: 2000 },
    );
  });

  it('national roles and administrators never see a case; only a competent authority’s decision maker decides', () => {
    fc.assert(
      fc.property(subjectArbitrary, factsArbitrary, (subject, facts) => {
        if (only(subject, ['national_rapporteur', 'national_coordinator', 'national_admin', 'organisation_admin'])) {
          for (const rule of [caseRules.open, caseRules.read, caseRules.manage, caseRecordRules.read, caseRecordRules.add]) expect(allows(rule, subject, facts)).toBe(false);
        }
        if (allows(caseRules.decide, subject, facts)) {
          expect(subject.roles).toContain('decision_maker');
          expect(subject.organisationType).toBe('competent_authority');
          expect(facts.sharedWith).toContain(subject.organisationId);
        }
        if (allows(caseRules.open, subject) && only(subject, ['investigator', 'prosecutor', 'organisation_admin'])) {
          expect(isLawEnforcement(subject)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
