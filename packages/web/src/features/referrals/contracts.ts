/** The referral contracts the referral screens use. */
export {
  referralDataSet,
  referralKinds,
  referralList,
  referralRef,
  referralStatuses,
  referralUrgencies,
  sendReferralRequest,
  declineReferralRequest,
  completeReferralRequest,
  type ReferralKind,
  type ReferralStatus,
  type ReferralUrgency,
  type ReferralView,
  type SendReferralRequest,
  type CompleteReferralRequest,
} from '@palermo/contracts';
