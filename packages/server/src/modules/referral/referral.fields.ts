import { defineFieldPolicy } from '../../platform/access/field-policy.js';

const envelope = [
  'id', 'caseId', 'caseReference', 'kind', 'service', 'status', 'urgency', 'from', 'to', 'personFields', 'shareActive',
  'sentAt', 'acceptedAt', 'declinedAt', 'declineReason', 'completedAt', 'deliveredFrom', 'deliveredTo', 'completionNote', 'withdrawnAt',
] as const;

/**
 * Need to know on a referral (outbox, inbox, a case's referrals). The person's data never travels in the referral
 * itself: it names the person fields shared (their values are on the case, under the case's policy). The sender's
 * message is free text about the person: the receiver reads it while the share is in force (before and after
 * accepting), not once it has ended.
 */
export const referralFieldPolicy = defineFieldPolicy({
  recordKind: 'referral',
  fields: [...envelope, 'message'],
  grants: {
    managing: { fields: [...envelope, 'message'] },
    assigned: { fields: [...envelope, 'message'] },
    receiverBeforeAcceptance: { fields: [...envelope, 'message'] },
    receiverAfterAcceptance: { fields: [...envelope, 'message'] },
    formerReceiver: { fields: envelope },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: [] },
    coordinator: { fields: [] },
  },
});
