import type { SessionStage } from '@palermo/contracts';
import { requiresTwoFactor, type Role } from '@palermo/contracts';
import type { Db } from '../db/database.js';
import type { Platform } from '../http/context.js';
import { appendAudit } from '../audit/audit.js';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './password.js';
import { createSession, deleteSessionByToken, forgetCachedSessions, type SessionPolicy } from './sessions.js';

/** Consecutive failures before each further failure delays the next attempt, and before the account locks. */
export const SLOW_DOWN_AFTER = 5;
export const LOCK_AFTER = 10;
const BASE_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 15 * 60;

export type SignInOutcome =
  | { readonly kind: 'signed_in'; readonly token: string }
  | { readonly kind: 'invalid_credentials' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'wait'; readonly retryAfterSeconds: number };

export function stageAfterPassword(roles: readonly Role[], enrolled: boolean): SessionStage {
  if (enrolled) return 'two_factor_required';
  return requiresTwoFactor(roles) ? 'two_factor_enrolment_required' : 'active';
}

export function sessionPolicy(platform: Pick<Platform, 'config'>): SessionPolicy {
  return {
    idleSeconds: platform.config.sessionIdleSeconds,
    absoluteSeconds: platform.config.sessionAbsoluteSeconds,
    cacheMilliseconds: platform.config.sessionCacheMilliseconds,
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
    const failures = user.failed_sign_ins + 1;
    const lock = failures >= LOCK_AFTER;
    const delay =
      failures >= SLOW_DOWN_AFTER ? Math.min(BASE_DELAY_SECONDS * 2 ** (failures - SLOW_DOWN_AFTER), MAX_DELAY_SECONDS) : 0;
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({
          failed_sign_ins: failures,
          locked: lock,
          locked_until: delay > 0 ? new Date(Date.now() + delay * 1000) : null,
        })
        .where('id', '=', user.id)
        .execute();
      await audit(tx, `refused: wrong password (${failures} consecutive failures)`, 'denied');
      if (lock) await audit(tx, `account locked after ${failures} consecutive failed sign-ins`, 'allowed', 'auth.account_locked');
    });
    if (lock) forgetCachedSessions({ userId: user.id });
    if (lock) return { kind: 'locked' };
    return { kind: 'invalid_credentials' };
  }

  const roles = user.roles as Role[];
  const stage = stageAfterPassword(roles, user.totp_enrolled_at !== null);
  const rehash = passwordNeedsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  const session = await db.transaction().execute(async (tx) => {
    if (input.presentedToken) await deleteSessionByToken(tx, input.presentedToken);
    await tx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, ...(rehash ? { password_hash: rehash } : {}) })
      .where('id', '=', user.id)
      .execute();
    await audit(tx, `password accepted; next: ${stage}`, 'allowed');
    return createSession(tx, user.id, stage, sessionPolicy(platform));
  });
  return { kind: 'signed_in', token: session.token };
}
