import {
  accountNoticeList,
  okResponse,
  passwordResetIssued,
  twoFactorResetResult,
  userList,
  userView,
  type AccountNotice,
  type CreateUserRequest,
  type PasswordResetIssued,
  type UpdateUserRequest,
  type UserView,
} from '@palermo/contracts';
import { api, withQuery } from '../../app/api';

export async function listUsers(organisationId?: string): Promise<UserView[]> {
  return (await api.get(withQuery('/api/users', { organisationId }), userList)).users;
}

export function createUser(body: CreateUserRequest): Promise<UserView> {
  return api.post('/api/users', body, userView);
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserView> {
  return api.patch(`/api/users/${encodeURIComponent(id)}`, body, userView);
}

export function issuePasswordReset(id: string): Promise<PasswordResetIssued> {
  return api.post(`/api/users/${encodeURIComponent(id)}/password-reset`, {}, passwordResetIssued);
}

export function resetTwoFactor(id: string): Promise<{ sessionsEnded: number }> {
  return api.post(`/api/users/${encodeURIComponent(id)}/two-factor-reset`, {}, twoFactorResetResult);
}

export async function listAccountNotices(): Promise<AccountNotice[]> {
  return (await api.get('/api/account/notices', accountNoticeList)).notices;
}

export async function dismissAccountNotices(): Promise<void> {
  await api.post('/api/account/notices/dismiss', {}, okResponse);
}
