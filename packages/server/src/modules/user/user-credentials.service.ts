import type { PasswordResetIssued } from '@palermo/contracts';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { groupedCode, resetCodeMailer, storeResetCode } from '../../platform/auth/password-reset.js';
import { deleteUserSessions, forgetCachedSessions } from '../../platform/auth/sessions.js';
import { HttpError, badRequest } from '../../platform/http/errors.js';
import { manageableUser } from './user.service.js';

/**
 * An administrator's help with a user's lost credentials. Neither works on the administrator's own account (she
 * changes her own password by signing in; the last national administrator's authenticator is reset only by
 * `palermo auth reset-second-factor` with the master key), nor on a deactivated one.
 */

/**
 * Issues a one-time code with which the user sets a new password herself. The code reaches her by e-mail when the
 * installation can send it; otherwise it is answered here, once, for the administrator to pass on. Issuing a code
 * unlocks the account (the administrator has checked who is asking) and replaces any earlier code.
 */
export async function issuePasswordReset(
  tx: Db,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>,
  subject: Subject,
  actor: Actor,
  id: string,
): Promise<PasswordResetIssued> {
  const user = await manageableUser(tx, subject, id);
  if (id === subject.userId) throw badRequest('id', 'you cannot reset your own password here');
  if (!user.active) throw badRequest('active', 'the account is deactivated: reactivate it first');
  const { code, expiresAt } = await storeResetCode(tx, id, subject.userId);
  await tx.updateTable('users').set({ locked: false, locked_until: null, failed_sign_ins: 0 }).where('id', '=', id).execute();
  forgetCachedSessions({ userId: id });
  const mailer = resetCodeMailer(config);
  // Sent inside the transaction: a message the mail server refuses leaves no code behind.
  if (mailer) {
    try {
      await mailer.sendResetCode({ email: user.email, displayName: user.display_name }, groupedCode(code), expiresAt);
    } catch {
      throw new HttpError(502, 'mail_failed', 'The mail server did not accept the message: no reset code was issued');
    }
  }
  await appendAudit(tx, actor, {
    action: 'user.password_reset_issued',
    recordType: 'user',
    recordId: id,
    purpose: 'administration',
    summary: `one-time reset code issued, ${mailer ? 'sent by e-mail' : 'shown once to the administrator'}, expires ${expiresAt.toISOString()}${user.locked ? '; account unlocked' : ''}`,
  });
  return { delivery: mailer ? 'email' : 'shown', code: mailer ? null : groupedCode(code), expiresAt: expiresAt.toISOString() };
}

/**
 * Removes the user's authenticator: at her next sign-in she sets up a new one before anything else. Every session of
 * hers ends, in every server process.
 */
export async function resetTwoFactor(tx: Db, subject: Subject, actor: Actor, id: string): Promise<{ sessionsEnded: number }> {
  const user = await manageableUser(tx, subject, id);
  if (id === subject.userId) throw badRequest('id', 'you cannot reset your own authenticator here');
  if (!user.active) throw badRequest('active', 'the account is deactivated: reactivate it first');
  await tx
    .updateTable('users')
    .set({ totp_secret: null, totp_enrolled_at: null, totp_last_step: null, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  const ended = await deleteUserSessions(tx, id);
  await appendAudit(tx, actor, {
    action: 'auth.two_factor_reset',
    recordType: 'user',
    recordId: id,
    purpose: 'security',
    summary: `authenticator removed by an administrator; ${ended} sessions ended; a new one is set up at next sign-in`,
  });
  return { sessionsEnded: ended };
}
