import { sql } from 'kysely';
import type { SessionStage } from '@palermo/contracts';
import { requiresTwoFactor, type Role } from '@palermo/contracts';
import type { Db } from '../db/database.js';
import type { Platform } from '../http/context.js';
import { appendAudit } from '../audit/audit.js';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './password.js';
import { createSession, deleteSessionByToken, forgetCachedSessions, type SessionPolicy } from './sessions.js';
import { countFailedAttempt } from './failures.js';
import { crossProcessReuseReady } from './revocation.js';

export { LOCK_AFTER, SLOW_DOWN_AFTER } from './failures.js';

export type SignInOutcome =
  | { readonly kind: 'signed_in'; readonly token: string }
  | { readonly kind: 'invalid_credentials' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'wait'; readonly retryAfterSeconds: number };

export function stageAfterPassword(roles: readonly Role[], enrolled: boolean): SessionStage {
  if (enrolled) return 'two_factor_required';
  return requiresTwoFactor(roles) ? 'two_factor_enrolment_required' : 'active';
}

/**
 * Sessions are reused for a moment on the embedded database (one process), and on PostgreSQL only while this
 * process's revocation listener is ready (revocation.ts): otherwise every request reads its session.
 */
export function sessionPolicy(platform: Pick<Platform, 'config' | 'database'>): SessionPolicy {
  const reuse = platform.database.kind === 'pglite' || crossProcessReuseReady();
  return {
    idleSeconds: platform.config.sessionIdleSeconds,
    absoluteSeconds: platform.config.sessionAbsoluteSeconds,
    cacheMilliseconds: reuse ? platform.config.sessionCacheMilliseconds : 0,
  };
}

/**
 * Password sign-in. Failures are counted per account: after SLOW_DOWN_AFTER each failure makes the account wait
 * longer (doubling), and at LOCK_AFTER the account locks until an administrator unlocks it. Every outcome is audited.
 * A successful sign-in replaces any session the browser presented (rotation).
 */
export async function signIn(
  platform: Platform,
  input: { email: string; password: string; presentedToken: string | undefined },
): Promise<SignInOutcome> {
  const { db } = platform;
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'organisation_id', 'password_hash', 'roles', 'active', 'locked', 'locked_until', 'failed_sign_ins', 'totp_enrolled_at'])
    .where('email', '=', input.email)
    .executeTakeFirst();

  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await db.transaction().execute((tx) =>
      appendAudit(tx, { userId: user?.id ?? null, name: user?.display_name ?? null, organisationId: user?.organisation_id ?? null }, {
        action: 'auth.sign_in',
        purpose: 'security',
        summary: user ? 'refused: account deactivated' : 'refused: no account with that e-mail address',
        outcome: 'denied',
        ...(user ? { recordType: 'user', recordId: user.id } : {}),
      }),
    );
    return { kind: 'invalid_credentials' };
  }
  const actor = { userId: user.id, name: user.display_name, organisationId: user.organisation_id };
  const audit = (tx: Db, summary: string, outcome: 'allowed' | 'denied', action = 'auth.sign_in') =>
    appendAudit(tx, actor, { action, recordType: 'user', recordId: user.id, purpose: 'security', summary, outcome });

  if (user.locked) {
    await db.transaction().execute((tx) => audit(tx, 'refused: account locked', 'denied'));
    return { kind: 'locked' };
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await db.transaction().execute((tx) => audit(tx, 'refused: waiting after repeated failures', 'denied'));
    return { kind: 'wait', retryAfterSeconds: Math.ceil((user.locked_until.getTime() - Date.now()) / 1000) };
  }

  const valid = await verifyPassword(user.password_hash, input.password);
  if (!valid) {
    const counted = await db.transaction().execute(async (tx) => {
      const result = await countFailedAttempt(tx, user.id, { slowDown: true });
      await audit(tx, `refused: wrong password (${result.failures} consecutive failures)`, 'denied');
      if (result.lockedNow) await audit(tx, `account locked after ${result.failures} consecutive failed sign-ins`, 'allowed', 'auth.account_locked');
      return result;
    });
    if (counted.locked) forgetCachedSessions({ userId: user.id });
    if (counted.locked) return { kind: 'locked' };
    return { kind: 'invalid_credentials' };
  }

  const roles = user.roles as Role[];
  const stage = stageAfterPassword(roles, user.totp_enrolled_at !== null);
  const rehash = passwordNeedsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  const session = await db.transaction().execute(async (tx) => {
    // The account may have locked (or waited) while the password was checked, through guesses sent at the same time:
    // the reset applies only to an account that is still open, decided by the database in the same statement.
    const reset = await tx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, last_signed_in_at: sql<Date>`now()`, ...(rehash ? { password_hash: rehash } : {}) })
      .where('id', '=', user.id)
      .where('active', '=', true)
      .where('locked', '=', false)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
      .returning('id')
      .executeTakeFirst();
    if (!reset) {
      await audit(tx, 'refused: account locked while the password was checked', 'denied');
      return undefined;
    }
    if (input.presentedToken) await deleteSessionByToken(tx, input.presentedToken);
    await audit(tx, `password accepted; next: ${stage}`, 'allowed');
    return createSession(tx, user.id, stage, sessionPolicy(platform));
  });
  if (!session) return { kind: 'locked' };
  return { kind: 'signed_in', token: session.token };
}
