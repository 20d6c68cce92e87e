import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, type Subject } from '../../src/platform/access/rules.js';
import { compileRule } from '../../src/platform/access/sql-filter.js';
import { compileVisibleFields, visibleFields } from '../../src/platform/access/field-policy.js';
import { relationships } from '../../src/platform/access/relationships.js';
import { caseRules } from '../../src/modules/case/case.policy.js';
import { caseColumns } from '../../src/modules/case/case.repo.js';
import { caseRecordRules } from '../../src/modules/case-record/case-record.policy.js';
import { accountRules } from '../../src/modules/account/account.policy.js';
import { documentRules } from '../../src/modules/document/document.policy.js';
import { personRules } from '../../src/modules/person/person.policy.js';
import { personColumns } from '../../src/modules/person/person.repo.js';
import { networkRules } from '../../src/modules/prosecution/network.policy.js';
import { fieldPolicies } from '../../src/modules/field-policies.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  boundaryMatrix,
  brokenPromises,
  caseFactsOf,
  dimensions,
  everything,
  needToKnowProperty,
  personFactsOf,
  prosecutionFactsOf,
  realPolicies,
  subjectOf,
  visibleIn,
  type Scenario,
} from './need-to-know.js';
import { mutants, mutated } from './need-to-know.mutants.js';

const policy = (kind: string) => {
  const found = fieldPolicies[kind];
  if (!found) throw new Error(`no field policy for ${kind}`);
  return found;
};

describe('the field policy keeps every promise of need to know (in process, over the rules as data)', () => {
  it('over the whole boundary matrix: role x organisation type x relationship x consent x share state', () => {
    let count = 0;
    for (const s of boundaryMatrix()) {
      count += 1;
      const broken = brokenPromises(s, visibleIn(realPolicies, s), everything);
      expect(broken, JSON.stringify(s)).toEqual([]);
    }
    expect(count).toBeGreaterThan(30_000);
  });

  it('and the same property drawn by fast-check from the shared generator', () => {
    fc.assert(needToKnowProperty(realPolicies), { numRuns: 2000 });
  });

  it('a record kind may be read exactly when a relationship shows it something (the route rules and the policy agree)', () => {
    for (const s of boundaryMatrix()) {
      const subject = subjectOf(s);
      const visible = visibleIn(realPolicies, s);
      expect(visible.case.size > 0, `case ${JSON.stringify(s)}`).toBe(allows(caseRules.read, subject, caseFactsOf(s)));
      expect(visible.person.size > 0, `person ${JSON.stringify(s)}`).toBe(allows(personRules.read, subject, personFactsOf(s)));
      if (allows(caseRecordRules.read, subject, caseFactsOf(s))) expect(visible.caseRecord).toEqual(everything.caseRecord);
      expect(visible.document.size > 0, `document ${JSON.stringify(s)}`).toBe(allows(documentRules.read, subject, caseFactsOf(s)));
      // The account's route also refuses a law-enforcement intake holder (the account is taken by those who assist her).
      if (allows(accountRules.read, subject, caseFactsOf(s))) expect(visible.accountSituation.size > 0, `account ${JSON.stringify(s)}`).toBe(true);
      // The network's route admits exactly those to whom the entity and link policies show something.
      expect(visible.prosecutionEntity.size > 0, `network ${JSON.stringify(s)}`).toBe(allows(networkRules.read, subject, prosecutionFactsOf(s)));
      expect(visible.prosecutionLink.size > 0, `network ${JSON.stringify(s)}`).toBe(allows(networkRules.read, subject, prosecutionFactsOf(s)));
    }
  }, 600_000);
});

describe('seeded rule bugs are caught every time', () => {
  it('the mutants are at least ten and touch every relationship', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(10);
    const touched = new Set<string>();
    for (const { edit } of mutants) {
      const m = mutated(edit);
      for (const relationship of relationships) {
        const changed =
          JSON.stringify(m.rules[relationship]) !== JSON.stringify(realPolicies.rules[relationship]) ||
          Object.keys(realPolicies.policies).some((kind) => JSON.stringify(m.policies[kind]?.grants[relationship]) !== JSON.stringify(realPolicies.policies[kind]?.grants[relationship]));
        if (changed) touched.add(relationship);
      }
    }
    expect([...touched].sort()).toEqual([...relationships].sort());
  });

  for (const { name, edit } of mutants) {
    it(`mutant "${name}" breaks the property in each of 20 runs with different seeds`, () => {
      const policies = mutated(edit);
      for (let seed = 1; seed <= 20; seed += 1) {
        const result = fc.check(needToKnowProperty(policies), { seed, numRuns: 2000 });
        expect(result.failed, `seed ${seed}`).toBe(true);
      }
    });
  }
});

describe('the policy compiled to SQL agrees with the evaluator over the whole boundary matrix (real tables)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 600_000);
  afterAll(async () => t?.close());

  it('for every subject and every record of the matrix, the SQL shows exactly the fields the evaluator does', async () => {
    const db = t.platform.db;
    const ids = { organisationId: randomUUID(), otherOrganisationId: randomUUID(), userId: randomUUID(), otherUserId: randomUUID() };
    await db.insertInto('organisations').values([
      { id: ids.organisationId, name: `subject ${ids.organisationId}`, type: 'shelter', jurisdictions: ['NORTH'] },
      { id: ids.otherOrganisationId, name: `other ${ids.otherOrganisationId}`, type: 'ngo', jurisdictions: [] },
    ]).execute();
    await db.insertInto('users').values([
      { id: ids.userId, organisation_id: ids.organisationId, display_name: 'subject', email: `${ids.userId}@example.test`, password_hash: 'x', roles: ['caseworker'] },
      { id: ids.otherUserId, organisation_id: ids.otherOrganisationId, display_name: 'other', email: `${ids.otherUserId}@example.test`, password_hash: 'x', roles: ['caseworker'] },
    ]).execute();

    // One record for each relationship x consent x share state: the subject's roles and organisation type are varied
    // in memory below (the SQL decides record conditions; role and organisation type are decided when compiling).
    const probe: Scenario = { roles: ['caseworker'], organisationType: 'shelter', sameOrganisation: false, assigned: false, lawEnforcementConsent: false, inJurisdiction: false, share: 'none', sharedFields: [] };
    const records: Array<{ caseId: string; scenario: Omit<Scenario, 'roles' | 'organisationType'> }> = [];
    for (const sameOrganisation of dimensions.sameOrganisation)
      for (const assigned of dimensions.assigned)
        for (const lawEnforcementConsent of dimensions.lawEnforcementConsent)
          for (const inJurisdiction of dimensions.inJurisdiction)
            for (const share of dimensions.share)
              for (const sharedFields of share === 'none' ? [[]] : dimensions.sharedFields)
                records.push({ caseId: randomUUID(), scenario: { sameOrganisation, assigned, lawEnforcementConsent, inJurisdiction, share, sharedFields } });
    for (const { caseId, scenario } of records) {
      const facts = caseFactsOf({ ...probe, ...scenario }, ids);
      const personId = randomUUID();
      await db.insertInto('persons').values({ id: personId, reference: `P-${personId}`, organisation_id: facts.organisationId ?? '', case_manager_user_id: facts.assigneeUserId, jurisdiction: facts.jurisdiction, created_by: ids.otherUserId }).execute();
      await db.insertInto('cases').values({ id: caseId, reference: `C-${caseId}`, person_id: personId, managing_organisation_id: facts.organisationId ?? '', case_manager_user_id: facts.assigneeUserId, reported_by_organisation_id: facts.organisationId ?? '' }).execute();
      if (scenario.lawEnforcementConsent) {
        await db.insertInto('person_consents').values({ person_id: personId, purpose: 'law_enforcement', status: 'given', recorded_by: ids.otherUserId, recorded_at: new Date() }).execute();
      }
      if (scenario.share === 'none') continue;
      const shareId = randomUUID();
      await db.insertInto('case_shares').values({
        id: shareId,
        case_id: caseId,
        organisation_id: ids.organisationId,
        purpose: scenario.share === 'decision_request' ? 'identification_decision' : 'referral',
        person_fields: [...scenario.sharedFields],
        granted_by: ids.otherUserId,
        granted_at: new Date(),
        revoked_at: scenario.share === 'ended' ? new Date() : null,
      }).execute();
      if (scenario.share === 'accepted') {
        const consentId = randomUUID();
        await db.insertInto('consent_events').values({ id: consentId, person_id: personId, purpose: 'referral', target_organisation_id: ids.organisationId, status: 'given', method: 'verbal', explained_by: ids.otherUserId, recorded_at: new Date() }).execute();
        await sql`insert into referrals (id, case_id, kind, service, from_organisation_id, to_organisation_id, status, person_fields, consent_event_id, share_id, sent_by, sent_at, accepted_by, accepted_at)
          values (${randomUUID()}, ${caseId}, 'service', 'shelter', ${ids.otherOrganisationId}, ${ids.organisationId}, 'accepted', ${[...scenario.sharedFields]}::text[], ${consentId}, ${shareId}, ${ids.otherUserId}, now(), ${ids.userId}, now())`.execute(db);
      }
    }

    const caseIds = records.map((r) => r.caseId);
    let compared = 0;
    for (const roles of dimensions.roles) {
      for (const organisationType of dimensions.organisationType) {
        const subject: Subject = { userId: ids.userId, organisationId: ids.organisationId, organisationType, jurisdictions: ['NORTH'], roles };
        const { rows } = await sql<{ id: string; readable: boolean; person_readable: boolean; case_fields: string[]; person_fields: string[]; record_fields: string[]; plan_fields: string[]; document_fields: string[] }>`
          select c.id,
            ${compileRule(caseRules.read, subject, caseColumns)} as readable,
            ${compileRule(personRules.read, subject, personColumns)} as person_readable,
            ${compileVisibleFields(policy('case'), subject, caseColumns)} as case_fields,
            ${compileVisibleFields(policy('person'), subject, personColumns)} as person_fields,
            ${compileVisibleFields(policy('caseRecord'), subject, caseColumns)} as record_fields,
            ${compileVisibleFields(policy('assistancePlan'), subject, caseColumns)} as plan_fields,
            ${compileVisibleFields(policy('document'), subject, caseColumns)} as document_fields
          from cases c join persons p on p.id = c.person_id
          where c.id = any(${caseIds}::uuid[])`.execute(db);
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const { caseId, scenario } of records) {
          const s: Scenario = { ...scenario, roles, organisationType };
          const facts = caseFactsOf(s, ids);
          const personFacts = personFactsOf(s, ids);
          const row = byId.get(caseId);
          const where = JSON.stringify(s);
          expect(row, where).toBeDefined();
          if (!row) continue;
          expect(row.readable, `read rule ${where}`).toBe(allows(caseRules.read, subject, facts));
          expect(row.person_readable, `person read rule ${where}`).toBe(allows(personRules.read, subject, personFacts));
          expect(new Set(row.case_fields), `case ${where}`).toEqual(visibleFields(policy('case'), subject, facts));
          expect(new Set(row.person_fields), `person ${where}`).toEqual(visibleFields(policy('person'), subject, personFacts));
          expect(new Set(row.record_fields), `case record ${where}`).toEqual(visibleFields(policy('caseRecord'), subject, facts));
          expect(new Set(row.plan_fields), `plan ${where}`).toEqual(visibleFields(policy('assistancePlan'), subject, facts));
          expect(new Set(row.document_fields), `document ${where}`).toEqual(visibleFields(policy('document'), subject, facts));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(dimensions.roles.length * dimensions.organisationType.length * records.length);
  }, 600_000);
});
