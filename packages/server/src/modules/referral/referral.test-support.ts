import { randomUUID } from 'node:crypto';
import { consentEventRequest, openCaseRequest, type OrganisationType, type Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Actor } from '../../platform/audit/audit.js';
import { insertOrganisation, insertUser, type TestApp, type TestUser } from '../../../test/support/test-app.js';
import { openCase } from '../case/case.service.js';
import { recordConsentEvent } from '../case/case-consent.js';
import { sendReferralRequest } from './referral.contracts.js';
import { sendReferral } from './referral.service.js';

/** Test helpers shared by the referral tests (service level and HTTP). Not a test file itself. */

export interface Staff {
  readonly user: TestUser;
  readonly subject: Subject;
  readonly actor: Actor;
}

export interface Organisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly jurisdictions: string[];
}

export async function organisation(t: TestApp, type: OrganisationType, jurisdictions: string[] = ['NORTH']): Promise<Organisation> {
  return { id: await insertOrganisation(t, type, jurisdictions), type, jurisdictions };
}

/** A user inserted in the organisation, with the Subject and Actor the services take. */
export async function staff(t: TestApp, org: Organisation, roles: Role[]): Promise<Staff> {
  const user = await insertUser(t, org.id, roles);
  return {
    user,
    subject: { userId: user.id, organisationId: org.id, organisationType: org.type, jurisdictions: org.jurisdictions, roles },
    actor: { userId: user.id, name: `Test ${roles.join(' ')}`, organisationId: org.id },
  };
}

/** Runs a use case in one transaction, like a route handler does. */
export function inTx<T>(t: TestApp, fn: (tx: Db) => Promise<T>): Promise<T> {
  return t.platform.db.transaction().execute(fn);
}

export const key = () => randomUUID();

/** The person every referral test refers: all seven identifying fields filled in. */
export const fullPerson = {
  givenName: 'Ana',
  familyName: 'Lopes',
  pseudonym: 'Rose',
  birthDate: '1999-03-04',
  phone: '+351912345678',
  address: 'Rua Secreta 1, Porto',
  identityNumber: 'PT-123456',
  jurisdiction: 'NORTH',
};

export async function openTestCase(t: TestApp, by: Staff) {
  return inTx(t, (tx) => openCase(tx, t.platform.cipher, by.subject, by.actor, openCaseRequest.parse({ person: fullPerson }), key()));
}

export async function consentTo(t: TestApp, by: Staff, caseId: string, targetOrganisationId: string, status: 'given' | 'withdrawn' | 'refused' = 'given') {
  const input = consentEventRequest.parse({ purpose: 'referral', targetOrganisationId, status, method: 'verbal', rightsExplained: ['who_receives_it', 'right_to_refuse_or_withdraw'] });
  return inTx(t, (tx) => recordConsentEvent(tx, by.subject, by.actor, caseId, input, key()));
}

export async function refer(t: TestApp, by: Staff, caseId: string, body: Record<string, unknown>, idempotencyKey = key()) {
  const input = sendReferralRequest.parse(body);
  return inTx(t, (tx) => sendReferral(tx, t.platform.cipher, by.subject, by.actor, caseId, input, idempotencyKey));
}

export async function caseVersion(t: TestApp, caseId: string): Promise<number> {
  return (await t.platform.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
}
