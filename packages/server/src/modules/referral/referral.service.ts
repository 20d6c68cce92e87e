import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { roleAllowedIn, type OrganisationType } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, conflict } from '../../platform/http/errors.js';
import { referralConsentGiven } from '../case/case.repo.js';
import { caseForChange } from '../case/case.service.js';
import { idFromIdempotencyKey, recordAction } from '../case/case-timeline.js';
import { referralDataSet, type ReferralRef, type ReferralStatus, type ReferralView, type sendReferralRequest } from './referral.contracts.js';
import { receiverColumns, referralRules, senderColumns } from './referral.policy.js';
import * as repo from './referral.repo.js';
import { referralDb } from './referral.tables.js';
import { presentReferral, referralBinding, type Audience } from './referral.view.js';

export type SendReferralInput = z.output<typeof sendReferralRequest>;

/**
 * Refers the person to another organisation for a service, or offers it case management. This discloses the person,
 * so it needs their consent, in force now, to referral to that named organisation; only the minimum data set of the
 * service (or the narrower set the sender chose) crosses, through a case share the receiver reads the case by.
 * Refused, it leaves nothing behind (the transaction rolls back). Retried with the same idempotency key, it returns
 * the referral already sent.
 */
export async function sendReferral(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: SendReferralInput,
  key: string,
): Promise<ReferralRef> {
  const row = await caseForChange(tx, subject, caseId, referralRules.send, undefined);
  const id = idFromIdempotencyKey(`referral:${caseId}`, key);
  const target = await tx.selectFrom('organisations').select(['id', 'name', 'type', 'active']).where('id', '=', input.toOrganisationId).executeTakeFirst();
  if (!target) throw badRequest('toOrganisationId', 'no such organisation');
  const what = input.kind === 'case_transfer' ? 'case management' : (input.service ?? 'a service');
  const fields = input.personFields ?? [...referralDataSet(input.kind, input.service)];
  const summary = `referred to ${target.name} for ${what} (${input.urgency}); person fields shared: ${fields.join(', ') || 'none'}`;
  if ((await recordAction(tx, subject, caseId, input.kind === 'case_transfer' ? 'referral.transfer_offered' : 'referral.sent', summary, key)) === 'already_done') {
    const existing = await referralDb(tx).selectFrom('referrals').select(['id', 'case_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!existing) throw conflict('This idempotency key was already used for another action on this case; send the referral with a new key');
    const current = await tx.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    return { id, caseId, status: existing.status as ReferralStatus, caseVersion: current.version };
  }
  await caseForChange(tx, subject, caseId, referralRules.send, input.version);
  if (row.status === 'Closed' || row.status === 'ClosedReferred') throw new HttpError(409, 'case_closed', 'The case is closed; reopen it before referring the person');
  if (!target.active) throw badRequest('toOrganisationId', 'the organisation is not active');
  if (target.id === subject.organisationId || target.id === row.managing_organisation_id) {
    throw badRequest('toOrganisationId', 'must be another organisation than the one managing the case');
  }
  if (!roleAllowedIn('caseworker', target.type as OrganisationType)) {
    throw badRequest('toOrganisationId', 'must be an organisation that provides assistance (it has no caseworkers to receive a referral)');
  }
  const allowed = referralDataSet(input.kind, input.service);
  const widened = fields.filter((f) => !allowed.includes(f));
  if (widened.length > 0) throw badRequest('personFields', `may only narrow the minimum data set; not allowed: ${widened.join(', ')}`);
  const consent = await referralConsentGiven(tx, row.person_id, target.id);
  if (!consent) {
    throw new HttpError(
      409,
      'consent_required',
      `The person has not consented (or has withdrawn consent) to be referred to ${target.name}: record their consent to referral to this organisation first. Nothing was sent.`,
    );
  }
  const duplicate = await repo.openDuplicate(tx, caseId, input.kind, target.id, input.service ?? null);
  if (duplicate) {
    throw new HttpError(409, 'referral_open', input.kind === 'case_transfer'
      ? 'Case management has already been offered to an organisation and not yet answered; withdraw that offer first'
      : `The person is already referred to ${target.name} for ${what}`);
  }
  const now = new Date();
  const shareId = randomUUID();
  await tx
    .insertInto('case_shares')
    .values({
      id: shareId,
      case_id: caseId,
      organisation_id: target.id,
      purpose: input.kind === 'case_transfer' ? 'case_transfer' : 'referral',
      person_fields: fields,
      consent_event_id: consent.id,
      granted_by: subject.userId,
      granted_at: now,
    })
    .execute();
  await referralDb(tx)
    .insertInto('referrals')
    .values({
      id,
      case_id: caseId,
      kind: input.kind,
      service: input.service ?? null,
      from_organisation_id: row.managing_organisation_id,
      to_organisation_id: target.id,
      urgency: input.urgency,
      person_fields: fields,
      message: input.message ? cipher.encrypt(input.message, referralBinding('message', id)) : null,
      consent_event_id: consent.id,
      share_id: shareId,
      sent_by: subject.userId,
      sent_at: now,
    })
    .execute();
  await appendAudit(tx, actor, {
    action: 'case.share',
    recordType: 'case',
    recordId: caseId,
    purpose: 'referral',
    summary: `shared with organisation ${target.id} for referral ${id}; person fields: ${fields.join(', ') || 'none'}`,
  });
  await appendAudit(tx, actor, {
    action: 'referral.send',
    recordType: 'referral',
    recordId: id,
    purpose: 'referral',
    summary: `${input.kind} referral of case ${row.reference} to organisation ${target.id} for ${what} (${input.urgency}) under consent ${consent.id}${input.message ? '; with a message' : ''}`,
  });
  return { id, caseId, status: 'sent', caseVersion: row.version };
}

export interface ReferralListFilter {
  readonly status?: ReferralStatus | undefined;
  readonly kind?: 'service' | 'case_transfer' | undefined;
  readonly limit: number;
}

async function listReferrals(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  base: ReturnType<typeof repo.selectReferrals>,
  filter: ReferralListFilter,
  audience: Audience,
  where: string,
): Promise<ReferralView[]> {
  let query = base;
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.kind) query = query.where('r.kind', '=', filter.kind);
  const rows = await query.orderBy('r.sent_at', 'desc').orderBy('r.id').limit(filter.limit).execute();
  const views = await Promise.all(rows.map((row) => presentReferral(cipher, tx, row, audience, subject)));
  if (rows.length > 0) {
    const withText = views.filter((v) => v.message ?? v.declineReason ?? v.completionNote).map((v) => v.id);
    await appendAudit(tx, actor, {
      action: 'referral.list',
      recordType: 'referral',
      purpose: 'referral',
      summary: `listed ${rows.length} referrals (${where}): ${rows.map((r) => r.id).join(' ')}; free text shown for: ${withText.join(' ') || 'none'}`,
    });
  }
  return views;
}

/** The referral inbox: what was sent to the user's organisation, newest first. */
export function listInbox(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, filter: ReferralListFilter) {
  const base = repo.selectReferrals(tx).where(compileRule(referralRules.inbox, subject, receiverColumns));
  return listReferrals(tx, cipher, subject, actor, base, filter, 'receiver', 'inbox');
}

/** The outbox: what the user's organisation sent, newest first. */
export function listOutbox(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, filter: ReferralListFilter) {
  const base = repo.selectReferrals(tx).where(compileRule(referralRules.outbox, subject, senderColumns));
  return listReferrals(tx, cipher, subject, actor, base, filter, 'sender', 'outbox');
}

/** Every referral of one case, for those who manage it (whichever organisation sent them). */
export async function listForCase(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, filter: ReferralListFilter) {
  await caseForChange(tx, subject, caseId, referralRules.listForCase, undefined);
  return listReferrals(tx, cipher, subject, actor, repo.selectReferrals(tx).where('r.case_id', '=', caseId), filter, 'sender', `case ${caseId}`);
}
