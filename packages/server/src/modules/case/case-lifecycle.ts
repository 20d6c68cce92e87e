import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DecisionKind, DecisionOutcome, DecisionRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest } from '../../platform/http/errors.js';
import { caseRules } from './case.policy.js';
import { decisionRequestFields } from './case.fields.js';
import { referralConsentGiven } from './case.repo.js';
import { bumpVersion, caseForChange, type CaseRef } from './case.service.js';
import { recordAction } from './case-timeline.js';

type Stage = string;

interface Transition {
  readonly to: Stage;
  readonly traffickingStatus: 'PossibleVictimOfTrafficking' | 'ActualVictimOfTrafficking' | 'NotAVictimOfTrafficking';
  /** Starts the recovery and reflection period. */
  readonly startsReflection: boolean;
  /** Which deadline to set next, if any. */
  readonly nextDeadline: 'conclusive_grounds' | null;
}

/**
 * The victim-status lifecycle: which decision may follow which stage, and where it leads. A conclusive decision
 * before a reasonable-grounds one, or a reconsideration of a positive decision, has no entry and is refused.
 */
export function transitionFor(stage: Stage, kind: DecisionKind, outcome: DecisionOutcome): Transition | undefined {
  const before = ['reported', 'screened', 'reasonable_grounds_pending'];
  if (kind === 'reasonable_grounds' && before.includes(stage)) {
    return outcome === 'positive'
      ? { to: 'reasonable_grounds_positive', traffickingStatus: 'PossibleVictimOfTrafficking', startsReflection: true, nextDeadline: 'conclusive_grounds' }
      : { to: 'reasonable_grounds_negative', traffickingStatus: 'NotAVictimOfTrafficking', startsReflection: false, nextDeadline: null };
  }
  if (kind === 'conclusive_grounds' && stage === 'reasonable_grounds_positive') {
    return outcome === 'positive'
      ? { to: 'conclusive_positive', traffickingStatus: 'ActualVictimOfTrafficking', startsReflection: false, nextDeadline: null }
      : { to: 'conclusive_negative', traffickingStatus: 'NotAVictimOfTrafficking', startsReflection: false, nextDeadline: null };
  }
  if (kind === 'reconsideration' && stage === 'reasonable_grounds_negative') {
    return outcome === 'positive'
      ? { to: 'reasonable_grounds_positive', traffickingStatus: 'PossibleVictimOfTrafficking', startsReflection: true, nextDeadline: 'conclusive_grounds' }
      : { to: stage, traffickingStatus: 'NotAVictimOfTrafficking', startsReflection: false, nextDeadline: null };
  }
  if (kind === 'reconsideration' && stage === 'conclusive_negative') {
    return outcome === 'positive'
      ? { to: 'conclusive_positive', traffickingStatus: 'ActualVictimOfTrafficking', startsReflection: false, nextDeadline: null }
      : { to: stage, traffickingStatus: 'NotAVictimOfTrafficking', startsReflection: false, nextDeadline: null };
  }
  return undefined;
}

const stageNames: Record<string, string> = {
  reported: 'reported',
  screened: 'screened',
  reasonable_grounds_pending: 'awaiting a reasonable-grounds decision',
  reasonable_grounds_positive: 'positive reasonable grounds',
  reasonable_grounds_negative: 'negative reasonable grounds',
  conclusive_positive: 'confirmed victim',
  conclusive_negative: 'not a victim (conclusive)',
};

/**
 * Refers the case to a competent authority for a reasonable-grounds decision. This discloses the person to another
 * organisation, so it needs the person's consent, in force now, to referral to that authority; only the identity
 * fields the decision needs are shared.
 */
export async function requestDecision(
  tx: Db,
  subject: Subject,
  actor: Actor,
  id: string,
  input: { competentAuthorityId: string; version: number },
  key: string,
): Promise<CaseRef> {
  const row = await caseForChange(tx, subject, id, caseRules.manage, undefined);
  if ((await recordAction(tx, subject, id, 'case.decision_requested', 'referred to the competent authority for a reasonable-grounds decision', key)) === 'already_done') {
    return { id, reference: row.reference, version: row.version };
  }
  await caseForChange(tx, subject, id, caseRules.manage, input.version);
  const authority = await tx.selectFrom('organisations').select(['type', 'active']).where('id', '=', input.competentAuthorityId).executeTakeFirst();
  if (!authority || authority.type !== 'competent_authority' || !authority.active) {
    throw badRequest('competentAuthorityId', 'must be an active competent-authority organisation');
  }
  if (!['reported', 'screened'].includes(row.stage)) {
    throw new HttpError(409, 'impossible_transition', `A decision cannot be requested at this stage (${stageNames[row.stage] ?? row.stage})`);
  }
  const consent = await referralConsentGiven(tx, row.person_id, input.competentAuthorityId);
  if (!consent) {
    throw new HttpError(409, 'consent_required', 'The person has not consented (or has withdrawn consent) to referral to this competent authority');
  }
  const version = await bumpVersion(tx, id, input.version);
  const settings = await tx.selectFrom('country_settings').selectAll().executeTakeFirstOrThrow();
  await tx
    .updateTable('cases')
    .set({ stage: 'reasonable_grounds_pending', decision_due_at: sql`now() + make_interval(days => ${settings.reasonable_grounds_deadline_days})` })
    .where('id', '=', id)
    .execute();
  await tx
    .insertInto('case_shares')
    .values({
      id: randomUUID(),
      case_id: id,
      organisation_id: input.competentAuthorityId,
      purpose: 'identification_decision',
      person_fields: [...decisionRequestFields],
      consent_event_id: consent.id,
      granted_by: subject.userId,
      granted_at: new Date(),
    })
    .execute();
  await appendAudit(tx, actor, {
    action: 'case.share',
    recordType: 'case',
    recordId: id,
    purpose: 'identification',
    summary: `shared with competent authority ${input.competentAuthorityId} for a decision; fields: ${decisionRequestFields.join(', ')}`,
  });
  return { id, reference: row.reference, version };
}

/**
 * A decision on victim status, by a decision maker of a competent authority the case was referred to, with a reason
 * (stored encrypted). A positive reasonable-grounds decision starts the recovery and reflection period; its end date
 * and the next deadline come from the country's settings.
 */
export async function decide(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  id: string,
  input: DecisionRequest,
  key: string,
): Promise<CaseRef> {
  const row = await caseForChange(tx, subject, id, caseRules.decide, undefined);
  const summary = `${input.kind.replace('_', ' ')} decision: ${input.outcome}`;
  if ((await recordAction(tx, subject, id, `decision.${input.kind}`, summary, key)) === 'already_done') {
    return { id, reference: row.reference, version: row.version };
  }
  await caseForChange(tx, subject, id, caseRules.decide, input.version);
  const transition = transitionFor(row.stage, input.kind, input.outcome);
  if (!transition) {
    throw new HttpError(409, 'impossible_transition', `A ${input.kind.replace('_', ' ')} decision is not possible when the case is at "${stageNames[row.stage] ?? row.stage}"`);
  }
  const reliedOnDocuments = [...new Set(input.reliedOnDocumentIds ?? [])];
  if (reliedOnDocuments.length > 0) {
    // Only documents attached to this case for the decision (the decision file shows no other).
    const found = await sql<{ id: string }>`select id from case_documents where case_id = ${id} and for_decision and id = any(${reliedOnDocuments}::uuid[])`.execute(tx);
    const known = new Set(found.rows.map((r) => r.id));
    const index = reliedOnDocuments.findIndex((documentId) => !known.has(documentId));
    if (index >= 0) throw badRequest(`reliedOnDocumentIds.${index}`, 'is not a document attached to this case for the decision');
  }
  const reliedOn = [...new Set([...(input.reliedOn ?? []), ...(reliedOnDocuments.length > 0 ? (['documents'] as const) : [])])];
  const version = await bumpVersion(tx, id, input.version);
  const settings = await tx.selectFrom('country_settings').selectAll().executeTakeFirstOrThrow();
  const decisionId = randomUUID();
  await tx
    .insertInto('status_decisions')
    .values({
      id: decisionId,
      case_id: id,
      kind: input.kind,
      outcome: input.outcome,
      reason: cipher.encrypt(input.reason, `status_decisions.reason:${decisionId}`),
      decided_by: subject.userId,
      organisation_id: subject.organisationId,
      decided_at: new Date(),
      due_at: row.decision_due_at,
      relied_on: reliedOn,
      relied_on_documents: reliedOnDocuments,
    })
    .execute();
  await tx
    .updateTable('cases')
    .set({
      stage: transition.to,
      trafficking_status: transition.traffickingStatus,
      decision_due_at:
        transition.nextDeadline === 'conclusive_grounds' ? sql`now() + make_interval(days => ${settings.conclusive_grounds_deadline_days})` : null,
      ...(transition.startsReflection
        ? {
            reflection_period_start: sql<string>`current_date`,
            reflection_period_end: sql<string>`current_date + ${settings.reflection_period_days}::int`,
          }
        : {}),
    })
    .where('id', '=', id)
    .execute();
  await appendAudit(tx, actor, { action: 'case.decide', recordType: 'case', recordId: id, purpose: 'identification', summary: `${summary}; relied on: ${reliedOn.join(', ') || 'nothing named'}${reliedOnDocuments.length > 0 ? ` (${reliedOnDocuments.length} documents)` : ''}` });
  return { id, reference: row.reference, version };
}
