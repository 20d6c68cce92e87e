import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { consentEventRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest } from '../../platform/http/errors.js';
import { caseRules } from './case.policy.js';
import { caseForChange, type CaseRef } from './case.service.js';
import { recordAction } from './case-timeline.js';

/**
 * Records consent given, refused or withdrawn for one purpose: when, how, who explained it and which rights were
 * explained. Every disclosure checks the consent in force at that moment; withdrawing or refusing consent to referral
 * revokes what was shared with that organisation, and withdrawing consent to law enforcement ends its access at once.
 */
export async function recordConsentEvent(
  tx: Db,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: z.output<typeof consentEventRequest>,
  key: string,
): Promise<CaseRef & { sharesRevoked: number }> {
  const row = await caseForChange(tx, subject, caseId, caseRules.manage, undefined);
  if (input.purpose === 'referral' && !input.targetOrganisationId) {
    throw badRequest('targetOrganisationId', 'is required for consent to referral: name the organisation');
  }
  if (input.purpose !== 'referral' && input.targetOrganisationId) {
    throw badRequest('targetOrganisationId', 'only applies to consent to referral');
  }
  if (input.targetOrganisationId) {
    const target = await tx.selectFrom('organisations').select('id').where('id', '=', input.targetOrganisationId).executeTakeFirst();
    if (!target) throw badRequest('targetOrganisationId', 'no such organisation');
  }
  const summary = `consent for ${input.purpose}${input.targetOrganisationId ? ` to organisation ${input.targetOrganisationId}` : ''}: ${input.status} (${input.method}; ${input.rightsExplained.length} rights explained)`;
  if ((await recordAction(tx, subject, caseId, 'consent.recorded', summary, key)) === 'already_done') {
    return { id: caseId, reference: row.reference, version: row.version, sharesRevoked: 0 };
  }
  const now = new Date();
  await tx
    .insertInto('consent_events')
    .values({
      id: randomUUID(),
      person_id: row.person_id,
      purpose: input.purpose,
      target_organisation_id: input.targetOrganisationId ?? null,
      status: input.status,
      method: input.method,
      explained_by: subject.userId,
      rights_explained: input.rightsExplained,
      recorded_at: now,
    })
    .execute();
  if (input.purpose !== 'referral') {
    await tx
      .insertInto('person_consents')
      .values({ person_id: row.person_id, purpose: input.purpose, status: input.status, recorded_by: subject.userId, recorded_at: now })
      .onConflict((oc) => oc.columns(['person_id', 'purpose']).doUpdateSet({ status: input.status, recorded_by: subject.userId, recorded_at: now }))
      .execute();
  }
  let sharesRevoked = 0;
  if (input.purpose === 'referral' && input.status !== 'given' && input.targetOrganisationId) {
    const revoked = await tx
      .updateTable('case_shares')
      .set({ revoked_at: now })
      .where('organisation_id', '=', input.targetOrganisationId)
      .where('revoked_at', 'is', null)
      .where('case_id', 'in', (db) => db.selectFrom('cases').select('id').where('person_id', '=', row.person_id))
      .executeTakeFirst();
    sharesRevoked = Number(revoked.numUpdatedRows);
  }
  await appendAudit(tx, actor, {
    action: input.status === 'withdrawn' ? 'consent.withdraw' : 'consent.record',
    recordType: 'person',
    recordId: row.person_id,
    purpose: 'case_management',
    summary: `${summary}${sharesRevoked ? `; ${sharesRevoked} shares revoked` : ''}`,
  });
  return { id: caseId, reference: row.reference, version: row.version, sharesRevoked };
}
