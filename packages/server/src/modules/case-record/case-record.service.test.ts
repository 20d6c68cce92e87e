import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type OrganisationType, type Role } from '@palermo/contracts';
import { createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { HttpError } from '../../platform/http/errors.js';
import { openCase } from '../case/case.service.js';
import { caseRecordRules } from './case-record.policy.js';
import { findReadableCase } from './case-record.repo.js';
import { addRecord } from './case-record.service.js';

// Service-level: the use cases called directly in a transaction, as a route would, with subjects of inserted users.
let t: TestApp;
const organisations: Record<string, { id: string; type: OrganisationType }> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const [name, type] of [['managing', 'ngo'], ['partner', 'shelter'], ['authority', 'competent_authority'], ['unrelated', 'ngo'], ['police', 'law_enforcement']] as const) {
    organisations[name] = { id: await insertOrganisation(t, type, ['NORTH']), type };
  }
});
afterAll(async () => t.close());

function org(name: string) {
  const found = organisations[name];
  if (!found) throw new Error(`no organisation ${name}`);
  return found;
}
async function subjectIn(name: string, userRoles: Role[]): Promise<{ subject: Subject; actor: Actor }> {
  const o = org(name);
  const user = await insertUser(t, o.id, userRoles);
  return {
    subject: { userId: user.id, organisationId: o.id, organisationType: o.type, jurisdictions: ['NORTH'], roles: userRoles },
    actor: { userId: user.id, name: 'Test', organisationId: o.id },
  };
}
const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.platform.db.transaction().execute(fn);

async function newCase(owner: { subject: Subject; actor: Actor }) {
  return inTx((tx) => openCase(tx, t.platform.cipher, owner.subject, owner.actor, { person: { pseudonym: 'P', jurisdiction: 'NORTH', citizenships: [], isChild: false }, formsOfExploitation: [] }, randomUUID()));
}
async function share(caseId: string, organisationId: string, purpose: string, grantedBy: string) {
  await t.platform.db.insertInto('case_shares').values({ id: randomUUID(), case_id: caseId, organisation_id: organisationId, purpose, person_fields: [], granted_by: grantedBy, granted_at: new Date() }).execute();
}

describe('the read rule and its SQL agree', () => {
  it('for every role in every kind of organisation around a case', async () => {
    const owner = await subjectIn('managing', ['caseworker']);
    const kase = await newCase(owner);
    await share(kase.id, org('partner').id, 'referral', owner.subject.userId);
    await share(kase.id, org('authority').id, 'identification_decision', owner.subject.userId);
    const facts = { organisationId: org('managing').id, assigneeUserId: owner.subject.userId, jurisdiction: 'NORTH', consentsGiven: ['law_enforcement' as const], sharedWith: [org('partner').id, org('authority').id] };
    await t.platform.db.insertInto('person_consents').values({ person_id: (await t.platform.db.selectFrom('cases').select('person_id').where('id', '=', kase.id).executeTakeFirstOrThrow()).person_id, purpose: 'law_enforcement', status: 'given', recorded_by: owner.subject.userId, recorded_at: new Date() }).execute();
    const allowedSomewhere: string[] = [];
    for (const name of Object.keys(organisations)) {
      for (const role of roles) {
        const { subject } = await subjectIn(name, [role]);
        const expected = allows(caseRecordRules.read, subject, facts);
        const found = await inTx((tx) => findReadableCase(tx, subject, kase.id));
        expect(found !== undefined, `${role} in ${name}`).toBe(expected);
        if (expected) allowedSomewhere.push(`${name}:${role}`);
      }
    }
    // Only the managing side: not a referral partner, the competent authority, law enforcement with consent, or others.
    expect(allowedSomewhere.sort()).toEqual(['managing:caseworker', 'managing:supervisor']);
    expect(await inTx((tx) => findReadableCase(tx, owner.subject, kase.id))).toBeDefined();
  });
});

describe('concurrent writers', () => {
  it('lets one of two simultaneous corrections of the same record through', async () => {
    const owner = await subjectIn('managing', ['caseworker']);
    const kase = await newCase(owner);
    const risk = await inTx((tx) => addRecord(tx, t.platform.cipher, owner.subject, owner.actor, kase.id, { kind: 'risk_assessment', data: { level: 'low', forReturn: false, areas: [] } }, randomUUID()));
    const correct = () =>
      inTx((tx) => addRecord(tx, t.platform.cipher, owner.subject, owner.actor, kase.id, { kind: 'risk_assessment', data: { level: 'high', forReturn: false, areas: ['retaliation'] }, supersedesId: risk.id }, randomUUID()));
    const results = await Promise.allSettled([correct(), correct()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason instanceof HttpError && failure.reason.code).toBe('already_corrected');
  });

  it('lets one of two simultaneous case manager assignments based on the same version through', async () => {
    const owner = await subjectIn('managing', ['caseworker']);
    const other = await subjectIn('managing', ['caseworker']);
    const third = await subjectIn('managing', ['caseworker']);
    const kase = await newCase(owner);
    const assign = (who: Subject) =>
      inTx((tx) => addRecord(tx, t.platform.cipher, owner.subject, owner.actor, kase.id, { kind: 'case_manager_assigned', data: { caseManagerUserId: who.userId }, version: kase.version }, randomUUID()));
    const results = await Promise.allSettled([assign(other.subject), assign(third.subject)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason instanceof HttpError && failure.reason.statusCode).toBe(409);
    const row = await t.platform.db.selectFrom('cases').select(['version', 'case_manager_user_id']).where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(row.version).toBe(kase.version + 1);
    expect([other.subject.userId, third.subject.userId]).toContain(row.case_manager_user_id);
  });
});
