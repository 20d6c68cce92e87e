import { okResponse, sessionView, totpEnrolmentResponse, type PasswordResetRequest, type SessionView, type TotpEnrolmentResponse } from '@palermo/contracts';
import { api } from '../../app/api';

export function signIn(body: { email: string; password: string }): Promise<SessionView> {
  return api.post('/api/auth/sign-in', body, sessionView);
}

export function verifyCode(code: string): Promise<SessionView> {
  return api.post('/api/auth/totp/verify', { code }, sessionView);
}

export function startEnrolment(): Promise<TotpEnrolmentResponse> {
  return api.post('/api/auth/totp/enrol', {}, totpEnrolmentResponse);
}

export function confirmEnrolment(code: string): Promise<SessionView> {
  return api.post('/api/auth/totp/confirm', { code }, sessionView);
}

export function signOut(): Promise<void> {
  return api.postIgnoringBody('/api/auth/sign-out');
}

export function signOutEverywhere(): Promise<void> {
  return api.postIgnoringBody('/api/auth/sign-out-everywhere');
}

export async function resetPasswordWithCode(body: PasswordResetRequest): Promise<void> {
  await api.post('/api/auth/password-reset', body, okResponse);
}
