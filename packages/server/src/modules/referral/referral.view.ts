import type { ProtectionService, ShareablePersonField } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { ReferralKind, ReferralStatus, ReferralUrgency, ReferralView } from './referral.contracts.js';
import type { ReferralRecord } from './referral.repo.js';
import type { RecordFacts, ShareState, Subject } from '../../platform/access/rules.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { referralFieldPolicy } from './referral.fields.js';

/** The encrypted free-text columns of a referral, each ciphertext bound to its row and column. */
export type ReferralTextColumn = 'message' | 'decline_reason' | 'completion_note';
export const referralBinding = (column: ReferralTextColumn, id: string) => `referrals.${column}:${id}`;

/**
 * Who is looking: the sending side (outbox, the case's referrals) or the receiving organisation (inbox). The route's
 * rule has already established which side the user is on.
 */
export type Audience = 'sender' | 'receiver';

/**
 * A referral as the field policy reads it: the sending side is the referral's holding organisation (the user's, as
 * the sender rule established; the case's managing organisation for the receiver, which becomes it on taking the case
 * over), and the receiving organisation holds a share whose state follows the referral (awaiting acceptance, accepted,
 * or ended once revoked).
 */
export function referralFacts(row: ReferralRecord, audience: Audience, subject: Subject): RecordFacts {
  const state: ShareState = !row.share_active ? 'ended' : row.accepted_at ? 'accepted' : 'awaiting_acceptance';
  return {
    organisationId: audience === 'sender' ? subject.organisationId : row.managing_organisation_id,
    assigneeUserId: null,
    jurisdiction: null,
    consentsGiven: [],
    shares: [{ organisationId: row.to_organisation_id, state, fields: row.person_fields }],
  };
}

/** The presenter: the referral's fields as the field policy shows them to this user, free text decrypted only if shown. */
export async function presentReferral(cipher: FieldCipher, db: Db, row: ReferralRecord, audience: Audience, subject: Subject): Promise<ReferralView> {
  const visible = visibleFields(referralFieldPolicy, subject, referralFacts(row, audience, subject));
  const decrypt = (column: ReferralTextColumn, field: (typeof referralFieldPolicy.fields)[number], blob: Uint8Array | null) =>
    visible.has(field) ? cipher.decryptOptional(blob, referralBinding(column, row.id), db) : Promise.resolve(null);
  const view: ReferralView = {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    kind: row.kind as ReferralKind,
    service: row.service as ProtectionService | null,
    status: row.status as ReferralStatus,
    urgency: row.urgency as ReferralUrgency,
    from: { id: row.from_organisation_id, name: row.from_name },
    to: { id: row.to_organisation_id, name: row.to_name },
    personFields: row.person_fields as ShareablePersonField[],
    shareActive: row.share_active,
    message: await decrypt('message', 'message', row.message),
    sentAt: row.sent_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    declinedAt: row.declined_at?.toISOString() ?? null,
    declineReason: await decrypt('decline_reason', 'declineReason', row.decline_reason),
    completedAt: row.completed_at?.toISOString() ?? null,
    deliveredFrom: row.delivered_from_text,
    deliveredTo: row.delivered_to_text,
    completionNote: await decrypt('completion_note', 'completionNote', row.completion_note),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
  return presentFields(view, visible) as ReferralView;
}
