import { randomUUID } from 'node:crypto';
import type { MatchRequestView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { allows } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, forbidden, notFound } from '../../platform/http/errors.js';
import { caseRules } from './case.policy.js';
import { caseForChange } from './case.service.js';
import { recordAction } from './case-timeline.js';
import { candidatesAt } from './case-search.js';

/** Who answers an organisation's match requests: its caseworkers and supervisors. */
export const matchRequestRules = {
  answer: [[{ role: ['caseworker', 'supervisor'] }]],
} as const satisfies Record<string, Rule>;

/**
 * Asks another organisation to confirm whether it knows the person of this case. Nothing about the person crosses:
 * the other organisation sees which of its own cases probably match, and answers yes, no or cannot say.
 */
export async function requestMatchConfirmation(tx: Db, subject: Subject, actor: Actor, caseId: string, organisationId: string, key: string) {
  await caseForChange(tx, subject, caseId, caseRules.manage, undefined);
  if ((await recordAction(tx, subject, caseId, 'match.requested', `asked organisation ${organisationId} to confirm a possible match`, key)) === 'already_done') {
    return;
  }
  const candidates = await candidatesAt(tx, caseId, organisationId);
  if (candidates.length === 0) throw new HttpError(409, 'no_possible_match', 'There is no possible match at that organisation');
  await tx
    .insertInto('match_requests')
    .values({ id: randomUUID(), requesting_organisation_id: subject.organisationId, requesting_case_id: caseId, requested_by: subject.userId, target_organisation_id: organisationId, candidate_person_ids: candidates })
    .execute();
  await appendAudit(tx, actor, { action: 'match.request', recordType: 'case', recordId: caseId, purpose: 'deduplication', summary: `confirmation requested from organisation ${organisationId}` });
}

function baseQuery(db: Db) {
  return db
    .selectFrom('match_requests as m')
    .innerJoin('organisations as ro', 'ro.id', 'm.requesting_organisation_id')
    .innerJoin('organisations as tgt', 'tgt.id', 'm.target_organisation_id')
    .select(['m.id', 'm.status', 'm.created_at', 'm.responded_at', 'm.candidate_person_ids', 'm.target_organisation_id', 'ro.name as requesting_name', 'tgt.name as target_name']);
}

/** The target organisation's inbox, with its own candidate cases. */
export async function matchInbox(db: Db, subject: Subject): Promise<MatchRequestView[]> {
  if (!allows(matchRequestRules.answer, subject)) throw forbidden();
  const rows = await baseQuery(db).where('m.target_organisation_id', '=', subject.organisationId).orderBy('m.created_at', 'desc').limit(200).execute();
  return Promise.all(
    rows.map(async (row) => {
      const candidateCases =
        row.candidate_person_ids.length === 0
          ? []
          : await db.selectFrom('cases').select(['id', 'reference']).where('person_id', 'in', row.candidate_person_ids).where('managing_organisation_id', '=', subject.organisationId).execute();
      return present(row, candidateCases);
    }),
  );
}

/** The requesting side's view of one case's requests: the answer only. */
export async function matchRequestsOfCase(tx: Db, subject: Subject, caseId: string): Promise<MatchRequestView[]> {
  await caseForChange(tx, subject, caseId, caseRules.manage, undefined);
  const rows = await baseQuery(tx).where('m.requesting_case_id', '=', caseId).orderBy('m.created_at', 'desc').execute();
  return rows.map((row) => present(row, []));
}

export async function answerMatchRequest(tx: Db, subject: Subject, actor: Actor, id: string, status: 'confirmed_same_person' | 'not_the_same_person' | 'cannot_say') {
  if (!allows(matchRequestRules.answer, subject)) throw forbidden();
  const updated = await tx
    .updateTable('match_requests')
    .set({ status, responded_by: subject.userId, responded_at: new Date() })
    .where('id', '=', id)
    .where('target_organisation_id', '=', subject.organisationId)
    .where('status', '=', 'pending')
    .returning('requesting_case_id')
    .executeTakeFirst();
  if (!updated) throw notFound('Pending match request');
  await appendAudit(tx, actor, { action: 'match.answer', recordType: 'match_request', recordId: id, purpose: 'deduplication', summary: `answered: ${status}` });
}

function present(
  row: { id: string; status: string; created_at: Date; responded_at: Date | null; requesting_name: string; target_name: string },
  candidateCases: Array<{ id: string; reference: string }>,
): MatchRequestView {
  return {
    id: row.id,
    requestingOrganisationName: row.requesting_name,
    targetOrganisationName: row.target_name,
    status: row.status as MatchRequestView['status'],
    createdAt: row.created_at.toISOString(),
    respondedAt: row.responded_at?.toISOString() ?? null,
    candidateCases,
  };
}
