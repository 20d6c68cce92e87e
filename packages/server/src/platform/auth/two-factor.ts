import type { Platform } from '../http/context.js';
import type { Actor } from '../audit/audit.js';
import { appendAudit } from '../audit/audit.js';
import { HttpError, conflict } from '../http/errors.js';
import { sessionPolicy } from './sign-in.js';
import { countFailedAttempt } from './failures.js';
import { createSession, deleteSession, deleteUserSessions, type LoadedSession } from './sessions.js';
import { checkTotp, newTotpSecret, totpQrSvg, totpUri } from './totp.js';

const secretBinding = (userId: string) => `users.totp_secret:${userId}`;

function actorOf(session: LoadedSession): Actor {
  return { userId: session.user.id, name: session.user.displayName, organisationId: session.user.organisationId };
}

/** Starts (or restarts, until confirmed) enrolment: a new secret, stored encrypted, shown once to the user. */
export async function beginEnrolment(platform: Platform, session: LoadedSession) {
  const { db, cipher } = platform;
  const user = await db.selectFrom('users').select(['totp_enrolled_at']).where('id', '=', session.user.id).executeTakeFirstOrThrow();
  if (user.totp_enrolled_at) throw conflict('Two-factor authentication is already set up for this account');
  const secret = newTotpSecret();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ totp_secret: cipher.encrypt(secret, secretBinding(session.user.id)) })
      .where('id', '=', session.user.id)
      .execute();
    await appendAudit(tx, actorOf(session), {
      action: 'auth.two_factor_enrolment_started',
      recordType: 'user',
      recordId: session.user.id,
      purpose: 'security',
      summary: 'new authenticator secret issued',
    });
  });
  const uri = totpUri(session.user.email, secret);
  return { secret, otpauthUri: uri, qrCodeSvg: await totpQrSvg(uri) };
}

/**
 * Checks a code for the signed-in user. On success the session is replaced by a new, active one (the token rotates
 * when privilege rises); on failure the attempt counts toward the account lock, like a wrong password.
 */
export async function completeTwoFactor(
  platform: Platform,
  session: LoadedSession,
  code: string,
  mode: 'confirm_enrolment' | 'verify',
): Promise<{ token: string }> {
  const { db, cipher } = platform;
  const user = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enrolled_at', 'totp_last_step'])
    .where('id', '=', session.user.id)
    .executeTakeFirstOrThrow();
  if (!user.totp_secret) throw conflict('Start two-factor enrolment first');
  if (mode === 'verify' && !user.totp_enrolled_at) throw conflict('Two-factor authentication is not set up yet');
  const secret = await cipher.decrypt(user.totp_secret, secretBinding(session.user.id), db);
  const step = checkTotp(code, secret);
  const fresh = step !== null && (user.totp_last_step === null || step > user.totp_last_step);
  const actor = actorOf(session);
  const action = mode === 'verify' ? 'auth.two_factor' : 'auth.two_factor_enrolled';

  const refuse = async (reason: string) => {
    await db.transaction().execute(async (tx) => {
      const counted = await countFailedAttempt(tx, session.user.id, { slowDown: false });
      await appendAudit(tx, actor, {
        action,
        recordType: 'user',
        recordId: session.user.id,
        purpose: 'security',
        summary: `refused: ${reason} (${counted.failures} consecutive failures)`,
        outcome: 'denied',
      });
      if (counted.lockedNow) {
        await appendAudit(tx, actor, {
          action: 'auth.account_locked',
          recordType: 'user',
          recordId: session.user.id,
          purpose: 'security',
          summary: `account locked after ${counted.failures} consecutive failures`,
        });
      }
      if (counted.locked) await deleteUserSessions(tx, session.user.id);
    });
    return new HttpError(401, 'invalid_code', 'The authentication code is wrong or was already used');
  };
  if (!fresh || step === null) throw await refuse(step === null ? 'wrong code' : 'code already used');

  const accepted = await db.transaction().execute(async (tx) => {
    // One statement decides: the account is still open and no later or equal step was accepted meanwhile, so the
    // same code sent twice at once is accepted once, and a lock reached by concurrent guesses holds.
    const claimed = await tx
      .updateTable('users')
      .set({
        failed_sign_ins: 0,
        totp_last_step: step,
        ...(mode === 'confirm_enrolment' ? { totp_enrolled_at: new Date() } : {}),
      })
      .where('id', '=', session.user.id)
      .where('locked', '=', false)
      .where('active', '=', true)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return undefined;
    await deleteSession(tx, session.id);
    await appendAudit(tx, actor, { action, recordType: 'user', recordId: session.user.id, purpose: 'security', summary: 'code accepted; session active' });
    return createSession(tx, session.user.id, 'active', sessionPolicy(platform));
  });
  if (!accepted) throw await refuse('code already used or account locked');
  return accepted;
}
