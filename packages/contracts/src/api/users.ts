import { z } from 'zod';
import { roles } from '../vocabularies/roles.js';
import { displayName, email, isoDateTime, password, uuid } from './common.js';

export const role = z.enum(roles);

export const createUserRequest = z.object({
  organisationId: uuid,
  displayName,
  email,
  /** The initial password, given to the user out of band. */
  password,
  roles: z.array(role).min(1, 'must name at least one role').max(roles.length),
});
export type CreateUserRequest = z.input<typeof createUserRequest>;

export const updateUserRequest = z.object({
  displayName: displayName.optional(),
  email: email.optional(),
  roles: z.array(role).min(1, 'must name at least one role').max(roles.length).optional(),
  active: z.boolean().optional(),
  /** Clears a lock caused by repeated failed sign-ins. */
  unlock: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const userView = z.object({
  id: uuid,
  organisationId: uuid,
  organisationName: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(role),
  active: z.boolean(),
  locked: z.boolean(),
  twoFactorEnrolled: z.boolean(),
  createdAt: isoDateTime,
});
export type UserView = z.infer<typeof userView>;

export const userList = z.object({ users: z.array(userView) });
export const userListQuery = z.object({ organisationId: uuid.optional() });

/**
 * A one-time password reset code issued by an administrator: sent by e-mail when the installation has an SMTP server,
 * otherwise shown here once (`code`) for the administrator to give the user out of band. Single use; it expires.
 */
export const passwordResetIssued = z.object({
  delivery: z.enum(['email', 'shown']),
  /** The code itself, only when shown (never stored: the server keeps its argon2id hash). */
  code: z.string().nullable(),
  expiresAt: isoDateTime,
});
export type PasswordResetIssued = z.infer<typeof passwordResetIssued>;

/** A lost authenticator removed: the user sets up a new one at her next sign-in; her sessions ended. */
export const twoFactorResetResult = z.object({ sessionsEnded: z.number().int() });
export type TwoFactorResetResult = z.infer<typeof twoFactorResetResult>;

/** The user sets a new password with the one-time code an administrator gave her. */
export const passwordResetRequest = z.object({
  email,
  code: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[A-Z2-9]{12}$/, 'must be the twelve letters and digits of the reset code')),
  newPassword: password,
});
export type PasswordResetRequest = z.input<typeof passwordResetRequest>;

/**
 * What happened to the signed-in user's account that she has not yet read: changes an administrator made (roles,
 * name, reactivation, an unlock, a password reset code, an authenticator reset), read from the audit log.
 */
export const accountNoticeKinds = [
  'user.update',
  'user.roles_change',
  'user.reactivate',
  'user.unlock',
  'user.password_reset_issued',
  'auth.two_factor_reset',
] as const;
export const accountNotice = z.object({
  seq: z.number().int().nullable(),
  occurredAt: isoDateTime,
  kind: z.enum(accountNoticeKinds),
  /** The administrator's name, as written in the audit entry. */
  byName: z.string().nullable(),
});
export type AccountNotice = z.infer<typeof accountNotice>;
export const accountNoticeList = z.object({ notices: z.array(accountNotice) });
export type AccountNoticeList = z.infer<typeof accountNoticeList>;
