import { sql, type Expression, type SqlBool, type Updateable } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, notFound } from '../../platform/http/errors.js';
import { caseColumns, referralConsentGiven } from '../case/case.repo.js';
import { recordAction } from '../case/case-timeline.js';
import type { ReferralRef, ReferralStatus, completeReferralRequest } from './referral.contracts.js';
import { receiverColumns, referralRules } from './referral.policy.js';
import * as repo from './referral.repo.js';
import { referralDb, type ReferralsTable } from './referral.tables.js';
import { referralBinding } from './referral.view.js';
import { acceptTransfer } from './referral-transfer.js';
import { recordServiceDelivered } from './referral-service-record.js';

/** The receiving side's rule, per kind of referral, compiled to one SQL condition. */
function receiverFilter(subject: Subject): Expression<SqlBool> {
  const service = compileRule(referralRules.respond.service, subject, receiverColumns);
  const transfer = compileRule(referralRules.respond.case_transfer, subject, receiverColumns);
  return sql<SqlBool>`((r.kind = 'service' and ${service}) or (r.kind = 'case_transfer' and ${transfer}))`;
}

async function forReceiver(tx: Db, subject: Subject, id: string) {
  const row = await repo.findReferral(tx, id, receiverFilter(subject));
  if (!row) throw notFound('Referral');
  return row;
}

const refOf = (row: { id: string; case_id: string }, status: ReferralStatus, caseVersion: number): ReferralRef => ({ id: row.id, caseId: row.case_id, status, caseVersion });

async function currentRef(tx: Db, id: string): Promise<ReferralRef> {
  const row = await repo.findReferral(tx, id, sql<SqlBool>`true`);
  if (!row) throw notFound('Referral');
  return refOf(row, row.status as ReferralStatus, row.case_version);
}

function refuseTransition(status: string, wanted: string): never {
  throw new HttpError(409, 'impossible_transition', `This referral is ${status}; it cannot be ${wanted}`);
}

/** Moves the referral from one status to the next, refusing if someone else moved it first. */
async function moveStatus(tx: Db, id: string, from: readonly string[], set: Updateable<ReferralsTable>, wanted: string): Promise<void> {
  const updated = await referralDb(tx)
    .updateTable('referrals')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returning('status')
    .executeTakeFirst();
  if (!updated) {
    const now = await referralDb(tx).selectFrom('referrals').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    refuseTransition(now.status, wanted);
  }
}

/**
 * The receiving organisation takes the person on. Refused when consent to this referral has been withdrawn or what was
 * shared has been revoked: the sender must refer again, with consent. Accepting a transfer of case management moves
 * the case to the receiving organisation (see referral-transfer.ts).
 */
export async function acceptReferral(tx: Db, subject: Subject, actor: Actor, id: string, input: { version?: number | undefined }, key: string): Promise<ReferralRef> {
  const row = await forReceiver(tx, subject, id);
  const transfer = row.kind === 'case_transfer';
  const summary = transfer ? 'accepted to take over case management' : `accepted the referral for ${row.service ?? 'a service'}`;
  if ((await recordAction(tx, subject, row.case_id, transfer ? 'referral.transfer_accepted' : 'referral.accepted', summary, key)) === 'already_done') return currentRef(tx, id);
  if (row.status !== 'sent') refuseTransition(row.status, 'accepted');
  if (!(await referralConsentGiven(tx, row.person_id, row.to_organisation_id))) {
    throw new HttpError(409, 'consent_withdrawn', 'The person has withdrawn consent to this referral; it can no longer be accepted. Decline it, or ask the sending organisation to refer again with consent.');
  }
  if (!row.share_active) {
    throw new HttpError(409, 'share_revoked', 'What was shared for this referral has been revoked; it can no longer be accepted. The sending organisation must refer again.');
  }
  const now = new Date();
  await moveStatus(tx, id, ['sent'], { status: 'accepted', accepted_by: subject.userId, accepted_at: now }, 'accepted');
  let caseVersion = row.case_version;
  if (transfer) caseVersion = await acceptTransfer(tx, subject, actor, row, input.version, now);
  await appendAudit(tx, actor, { action: 'referral.accept', recordType: 'referral', recordId: id, purpose: 'referral', summary: `${row.kind} referral of case ${row.case_reference} accepted` });
  return refOf(row, 'accepted', caseVersion);
}

/** The receiving organisation declines, with a reason (stored encrypted); what was shared is revoked at once. */
export async function declineReferral(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, id: string, input: { reason: string }, key: string): Promise<ReferralRef> {
  const row = await forReceiver(tx, subject, id);
  if ((await recordAction(tx, subject, row.case_id, 'referral.declined', `declined the referral for ${row.kind === 'case_transfer' ? 'case management' : (row.service ?? 'a service')}`, key)) === 'already_done') {
    return currentRef(tx, id);
  }
  if (row.status !== 'sent') refuseTransition(row.status, 'declined');
  const now = new Date();
  const reason = cipher.encrypt(input.reason, referralBinding('decline_reason', id));
  await moveStatus(tx, id, ['sent'], { status: 'declined', declined_by: subject.userId, declined_at: now, decline_reason: reason }, 'declined');
  const revoked = await repo.revokeShare(tx, row.share_id, now);
  await appendAudit(tx, actor, { action: 'referral.decline', recordType: 'referral', recordId: id, purpose: 'referral', summary: `referral of case ${row.case_reference} declined with a reason${revoked ? '; share revoked' : ''}` });
  return refOf(row, 'declined', row.case_version);
}

/** ISO date of today, one day ahead: a date entered in a time zone east of UTC is not "in the future". */
function latestAllowedDate(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The receiving organisation records the service delivered (dates and an encrypted note). The service goes into the
 * case record too (provider and dates, no note), so the case manager's assistance plan shows it. The referral's
 * purpose is then fulfilled, so the share ends: the receiver keeps its referral record and its own timeline entries,
 * not access.
 */
export async function completeReferral(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  id: string,
  input: z.output<typeof completeReferralRequest>,
  key: string,
): Promise<ReferralRef> {
  const row = await forReceiver(tx, subject, id);
  if ((await recordAction(tx, subject, row.case_id, 'referral.completed', `${row.service ?? 'service'} delivered from ${input.deliveredFrom}${input.deliveredTo ? ` to ${input.deliveredTo}` : ''}`, key)) === 'already_done') {
    return currentRef(tx, id);
  }
  if (row.kind !== 'service') throw new HttpError(409, 'impossible_transition', 'A transfer of case management has no service to record as delivered');
  if (row.status !== 'accepted') refuseTransition(row.status, 'completed (accept it first)');
  const latest = latestAllowedDate();
  if (input.deliveredFrom > latest) throw badRequest('deliveredFrom', 'must not be in the future');
  if (input.deliveredTo && input.deliveredTo > latest) throw badRequest('deliveredTo', 'must not be in the future');
  const now = new Date();
  await moveStatus(
    tx,
    id,
    ['accepted'],
    {
      status: 'completed',
      completed_by: subject.userId,
      completed_at: now,
      delivered_from: input.deliveredFrom,
      delivered_to: input.deliveredTo ?? null,
      completion_note: cipher.encryptOptional(input.note, referralBinding('completion_note', id)),
    },
    'completed',
  );
  const revoked = await repo.revokeShare(tx, row.share_id, now);
  await recordServiceDelivered(tx, subject, row, input, key);
  await appendAudit(tx, actor, { action: 'referral.complete', recordType: 'referral', recordId: id, purpose: 'referral', summary: `service delivered on referral of case ${row.case_reference}${revoked ? '; share revoked' : ''}` });
  return refOf(row, 'completed', row.case_version);
}

/**
 * The managing side withdraws a referral (the person no longer wants it, the need is met elsewhere): before or after
 * acceptance of a service; an accepted transfer of case management is done and cannot be withdrawn. The share ends.
 */
export async function withdrawReferral(tx: Db, subject: Subject, actor: Actor, id: string, key: string): Promise<ReferralRef> {
  const row = await repo.findReferral(tx, id, compileRule(referralRules.withdraw, subject, caseColumns));
  if (!row) throw notFound('Referral');
  if ((await recordAction(tx, subject, row.case_id, 'referral.withdrawn', `withdrew the referral to ${row.to_name}`, key)) === 'already_done') return currentRef(tx, id);
  const from = row.kind === 'service' ? ['sent', 'accepted'] : ['sent'];
  if (!from.includes(row.status)) refuseTransition(row.status, 'withdrawn');
  const now = new Date();
  await moveStatus(tx, id, from, { status: 'withdrawn', withdrawn_by: subject.userId, withdrawn_at: now }, 'withdrawn');
  const revoked = await repo.revokeShare(tx, row.share_id, now);
  await appendAudit(tx, actor, { action: 'referral.withdraw', recordType: 'referral', recordId: id, purpose: 'referral', summary: `referral of case ${row.case_reference} withdrawn${revoked ? '; share revoked' : ''}` });
  return refOf(row, 'withdrawn', row.case_version);
}
