import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CaseMatchState, MatchAnswer, MatchRequestView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { allows } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, forbidden, notFound } from '../../platform/http/errors.js';
import { caseColumns } from './case.repo.js';
import { recordAction } from './case-timeline.js';
import { candidatesByOrganisation, caseIsOpen, checksLeft, eligibleCase, matchCheckRule, referralConsentInForce } from './case-match-checks.js';

/** Who answers an organisation's match requests: its caseworkers and supervisors. */
export const matchRequestRules = {
  answer: [[{ role: ['caseworker', 'supervisor'] }]],
} as const satisfies Record<string, Rule>;

/**
 * Asks every organisation holding a possible duplicate to confirm, after a check of this case found one. The
 * requester names no organisation (it knows none); one request goes to each holder, which sees the requesting
 * organisation and its own candidate cases, never the person asking nor anything about the requester's person. The
 * timeline says only that confirmation was asked. Asking again while requests wait adds none.
 */
export async function requestMatchConfirmation(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, key: string): Promise<void> {
  const found = await eligibleCase(tx, cipher, subject, caseId);
  if (found instanceof HttpError) throw found;
  if ((await recordAction(tx, subject, caseId, 'match.requested', 'asked the organisations holding a possible duplicate to confirm', key)) === 'already_done') {
    return;
  }
  const check = await tx
    .selectFrom('match_checks')
    .select(['id', 'outcome'])
    .where('case_id', '=', caseId)
    .where('outcome', '<>', 'refused_over_limit')
    .orderBy('checked_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (check?.outcome !== 'possible_duplicate') {
    throw new HttpError(409, 'check_first', 'Ask for confirmation after a check of this case has found a possible duplicate');
  }
  const waiting = await tx.selectFrom('match_requests').select('id').where('requesting_case_id', '=', caseId).where('status', '=', 'pending').executeTakeFirst();
  let asked = 0;
  if (!waiting) {
    const candidates = await candidatesByOrganisation(tx, found, subject.organisationId);
    const now = new Date();
    for (const [organisationId, personIds] of candidates) {
      await tx
        .insertInto('match_requests')
        .values({
          id: randomUUID(),
          requesting_organisation_id: subject.organisationId,
          requesting_case_id: caseId,
          requested_by: subject.userId,
          target_organisation_id: organisationId,
          candidate_person_ids: personIds,
          match_check_id: check.id,
          created_at: now,
        })
        .execute();
      asked += 1;
    }
  }
  await appendAudit(tx, actor, {
    action: 'match.request',
    recordType: 'case',
    recordId: caseId,
    purpose: 'deduplication',
    summary: waiting ? 'confirmation asked again while earlier requests wait; none added' : `confirmation asked of ${asked} organisations holding a possible duplicate`,
  });
}

/**
 * The requesting side's view of a case: its newest check, when confirmation was asked, and the organisations that
 * accepted to reveal themselves. A declined request and one not yet answered look the same.
 */
export async function caseMatchState(tx: Db, subject: Subject, caseId: string): Promise<CaseMatchState> {
  const own = await tx.selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id').select('c.id').where('c.id', '=', caseId).where(compileRule(matchCheckRule, subject, caseColumns)).executeTakeFirst();
  if (!own) throw notFound('Case');
  const [lastCheck, asked, confirmed, left] = await Promise.all([
    tx
      .selectFrom('match_checks')
      .select(['outcome', 'checked_at'])
      .where('case_id', '=', caseId)
      .where('outcome', '<>', 'refused_over_limit')
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    tx.selectFrom('case_actions').select((eb) => eb.fn.max('occurred_at').as('at')).where('case_id', '=', caseId).where('action', '=', 'match.requested').executeTakeFirst(),
    tx
      .selectFrom('match_requests as m')
      .innerJoin('organisations as o', 'o.id', 'm.target_organisation_id')
      .select(['o.id', 'o.name', 'm.responded_at'])
      .where('m.requesting_case_id', '=', caseId)
      .where('m.status', '=', 'confirmed_same_person')
      .orderBy('m.responded_at')
      .orderBy('o.name')
      .execute(),
    checksLeft(tx, subject.userId),
  ]);
  const askedAt = asked?.at ? new Date(asked.at as Date | string) : null;
  return {
    lastCheck: lastCheck ? { possibleDuplicate: lastCheck.outcome === 'possible_duplicate', checkedAt: lastCheck.checked_at.toISOString() } : null,
    confirmationAskedAt: askedAt ? askedAt.toISOString() : null,
    confirmedBy: confirmed.map((row) => ({ organisationId: row.id, organisationName: row.name, confirmedAt: (row.responded_at ?? new Date(0)).toISOString() })),
    checksLeft: left,
  };
}

/** A request still in force: answered already, or its requesting case still open with consent to referral. */
const stillAsked = sql<boolean>`(m.status <> 'pending' or exists (
  select 1 from cases rc where rc.id = m.requesting_case_id and ${caseIsOpen(sql.ref('rc.status'))} and ${referralConsentInForce(sql.ref('rc.person_id'))}
))`;

/**
 * The holding organisation's inbox: which organisation asks (never which user), when, and its own cases that may
 * concern the same person. A request whose case was closed, or whose person withdrew consent to referral, before an
 * answer no longer shows.
 */
export async function matchInbox(db: Db, subject: Subject): Promise<MatchRequestView[]> {
  if (!allows(matchRequestRules.answer, subject)) throw forbidden();
  const rows = await db
    .selectFrom('match_requests as m')
    .innerJoin('organisations as ro', 'ro.id', 'm.requesting_organisation_id')
    .select(['m.id', 'm.status', 'm.created_at', 'm.responded_at', 'm.candidate_person_ids', 'ro.name as requesting_name'])
    .where('m.target_organisation_id', '=', subject.organisationId)
    .where(stillAsked)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id')
    .limit(200)
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      requestingOrganisationName: row.requesting_name,
      status: row.status as MatchRequestView['status'],
      createdAt: row.created_at.toISOString(),
      respondedAt: row.responded_at?.toISOString() ?? null,
      candidateCases:
        row.candidate_person_ids.length === 0
          ? []
          : await db
              .selectFrom('cases')
              .select(['id', 'reference'])
              .where('person_id', 'in', row.candidate_person_ids)
              .where('managing_organisation_id', '=', subject.organisationId)
              .orderBy('reference')
              .execute(),
    })),
  );
}

/**
 * The holding organisation accepts (it is the same person, and the requesting organisation may know that it holds
 * them: the confirmed link then joins the two records for estimation and the country dataset) or declines (nothing
 * crosses; the requester cannot tell a declined request from one not answered).
 */
export async function answerMatchRequest(tx: Db, subject: Subject, actor: Actor, id: string, status: MatchAnswer): Promise<void> {
  if (!allows(matchRequestRules.answer, subject)) throw forbidden();
  const updated = await tx
    .updateTable('match_requests as m')
    .set({ status, responded_by: subject.userId, responded_at: new Date() })
    .where('m.id', '=', id)
    .where('m.target_organisation_id', '=', subject.organisationId)
    .where('m.status', '=', 'pending')
    .where(stillAsked)
    .returning('m.requesting_case_id')
    .executeTakeFirst();
  if (!updated) throw notFound('Pending match request');
  await appendAudit(tx, actor, {
    action: 'match.answer',
    recordType: 'match_request',
    recordId: id,
    purpose: 'deduplication',
    summary: status === 'confirmed_same_person' ? 'accepted: the organisation revealed itself to the requesting organisation' : 'declined: nothing disclosed',
  });
}
