import { ApiError, api, withQuery } from '../../app/api';
import type { KeyedPost } from '../cases/keyed';
import { referralList, referralRef, type CompleteReferralRequest, type ReferralView, type SendReferralRequest } from './contracts';

const caseReferrals = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/referrals`;
const referral = (id: string, action: string) => `/api/referrals/${encodeURIComponent(id)}/${action}`;

export async function listCaseReferrals(caseId: string): Promise<ReferralView[]> {
  return (await api.get(caseReferrals(caseId), referralList)).referrals;
}

export async function listReferrals(box: 'inbox' | 'outbox'): Promise<ReferralView[]> {
  return (await api.get(withQuery(`/api/referrals/${box}`, { limit: 200 }), referralList)).referrals;
}

export function sendReferral(post: KeyedPost, caseId: string, body: SendReferralRequest) {
  return post(caseReferrals(caseId), body, referralRef);
}

export function acceptReferral(post: KeyedPost, id: string) {
  return post(referral(id, 'accept'), {}, referralRef);
}

export function declineReferral(post: KeyedPost, id: string, reason: string) {
  return post(referral(id, 'decline'), { reason }, referralRef);
}

export function completeReferral(post: KeyedPost, id: string, body: CompleteReferralRequest) {
  return post(referral(id, 'complete'), body, referralRef);
}

export function withdrawReferral(post: KeyedPost, id: string) {
  return post(referral(id, 'withdraw'), {}, referralRef);
}

/** The server answers "No route" when it does not have the referral module (yet): the screens then stay out of the way. */
export function isMissingModule(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.message.startsWith('No route');
}
