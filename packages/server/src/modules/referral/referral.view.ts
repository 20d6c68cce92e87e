import type { ProtectionService, ShareablePersonField } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { ReferralKind, ReferralStatus, ReferralUrgency, ReferralView } from './referral.contracts.js';
import type { ReferralRecord } from './referral.repo.js';

/** The encrypted free-text columns of a referral, each ciphertext bound to its row and column. */
export type ReferralTextColumn = 'message' | 'decline_reason' | 'completion_note';
export const referralBinding = (column: ReferralTextColumn, id: string) => `referrals.${column}:${id}`;

/**
 * Who is looking: the sending side (outbox, the case's referrals) or the receiving organisation (inbox). The receiver
 * reads the sender's message only while the disclosure lasts (share in force) or once it manages the case itself.
 */
export type Audience = 'sender' | 'receiver';

export function messageVisible(row: ReferralRecord, audience: Audience): boolean {
  return audience === 'sender' || row.share_active || row.managing_organisation_id === row.to_organisation_id;
}

/** The presenter: the fields a referral view returns, decrypting the free text the audience may read. */
export async function presentReferral(cipher: FieldCipher, db: Db, row: ReferralRecord, audience: Audience): Promise<ReferralView> {
  const decrypt = (column: ReferralTextColumn, blob: Uint8Array | null) => cipher.decryptOptional(blob, referralBinding(column, row.id), db);
  return {
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
    message: messageVisible(row, audience) ? await decrypt('message', row.message) : null,
    sentAt: row.sent_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    declinedAt: row.declined_at?.toISOString() ?? null,
    declineReason: await decrypt('decline_reason', row.decline_reason),
    completedAt: row.completed_at?.toISOString() ?? null,
    deliveredFrom: row.delivered_from_text,
    deliveredTo: row.delivered_to_text,
    completionNote: await decrypt('completion_note', row.completion_note),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}
