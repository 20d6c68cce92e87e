import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { binding, encryptJson, splitExploiter, splitSituation } from './account.crypto.js';
import { insertRevision } from './account.repo.js';

/**
 * A whole account written straight to the tables (no access check, no audit): a statement, one situation and one
 * exploiter, each with a first revision. For tests that need every account table filled (backup round trip, route
 * property test); the values given are the canaries a leak test looks for.
 */
export async function insertAccountFixture(
  db: Db,
  cipher: FieldCipher,
  input: { caseId: string; userId: string; organisationId: string; personAccount: string; exploiterPseudonym: string; place: string },
): Promise<{ situationId: string; exploiterId: string }> {
  const { caseId, userId } = input;
  const subject = { userId, organisationId: input.organisationId } as Subject;
  const statement = { personAccount: { state: 'known' as const, value: input.personAccount }, responderReasons: { state: 'unknown' as const } };
  await db.insertInto('account_statements').values({ case_id: caseId, version: 1, personal: encryptJson(cipher, statement, binding('account_statements', 'personal', caseId)), created_by: userId, updated_by: userId }).execute();
  await insertRevision(db, { caseId, type: 'statement', recordId: caseId, version: 1, data: {}, subject, personal: (id) => encryptJson(cipher, statement, binding('account_revisions', 'personal', id)) });

  const situationId = randomUUID();
  const situation = splitSituation({
    forms: { state: 'known', value: ['ForcedLabour'] },
    startDate: { state: 'known', value: '2022-05-01' },
    places: [{ stage: 'Exploitation', country: { state: 'known', value: 'IT' }, place: input.place }],
    methodsOfControl: { state: 'known', value: ['DebtBondage'] },
  });
  await db.insertInto('account_situations').values({ id: situationId, case_id: caseId, version: 1, data: JSON.stringify(situation.data), personal: encryptJson(cipher, situation.personal, binding('account_situations', 'personal', situationId)), created_by: userId, updated_by: userId }).execute();
  await insertRevision(db, { caseId, type: 'situation', recordId: situationId, version: 1, data: situation.data, subject, personal: (id) => encryptJson(cipher, situation.personal, binding('account_revisions', 'personal', id)) });

  const exploiterId = randomUUID();
  const exploiter = splitExploiter({ kind: 'person', pseudonym: input.exploiterPseudonym, roles: { state: 'known', value: ['Recruiter'] }, situationIds: [situationId] });
  await db.insertInto('account_exploiters').values({
    id: exploiterId, case_id: caseId, version: 1, kind: exploiter.kind, data: JSON.stringify(exploiter.data),
    pseudonym: cipher.encrypt(exploiter.pseudonym, binding('account_exploiters', 'pseudonym', exploiterId)),
    personal: encryptJson(cipher, exploiter.personal, binding('account_exploiters', 'personal', exploiterId)), created_by: userId, updated_by: userId,
  }).execute();
  await insertRevision(db, {
    caseId, type: 'exploiter', recordId: exploiterId, version: 1, kind: exploiter.kind, data: exploiter.data, subject,
    personal: (id) => encryptJson(cipher, exploiter.personal, binding('account_revisions', 'personal', id)),
    pseudonym: (id) => cipher.encrypt(exploiter.pseudonym, binding('account_revisions', 'pseudonym', id)),
  });
  return { situationId, exploiterId };
}
