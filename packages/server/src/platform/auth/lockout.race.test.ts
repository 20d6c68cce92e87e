import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from './sessions.js';
import { LOCK_AFTER } from './sign-in.js';
import { newTotpSecret } from './totp.js';
import { createTestApp, insertOrganisation, insertUser, type TestApp, type TestUser } from '../../../test/support/test-app.js';

/** More guesses at once than the lock allows: each one must count. */
const CONCURRENT_GUESSES = LOCK_AFTER + 2;

let t: TestApp;
let organisationId: string;
beforeAll(async () => {
  t = await createTestApp();
  organisationId = await insertOrganisation(t, 'ngo');
});
afterAll(async () => t.close());

function post(url: string, body: unknown, session?: { token: string; csrf: string }) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(session ? { 'x-csrf-token': session.csrf } : {}) },
    ...(session ? { cookies: { [SESSION_COOKIE]: session.token } } : {}),
  });
}

const tokenOf = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';

async function account(userId: string) {
  return t.platform.db.selectFrom('users').select(['failed_sign_ins', 'locked']).where('id', '=', userId).executeTakeFirstOrThrow();
}

async function audited(userId: string, action: string, summaryStart: string): Promise<number> {
  const rows = await t.platform.db
    .selectFrom('audit_log')
    .select('summary')
    .where('record_id', '=', userId)
    .where('action', '=', action)
    .execute();
  return rows.filter((r) => r.summary.startsWith(summaryStart)).length;
}

async function enrolledUser(): Promise<{ user: TestUser; secret: string }> {
  const user = await insertUser(t, organisationId, ['caseworker']);
  const secret = newTotpSecret();
  await t.platform.db
    .updateTable('users')
    .set({ totp_secret: t.platform.cipher.encrypt(secret, `users.totp_secret:${user.id}`), totp_enrolled_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  return { user, secret };
}

/** A code that is not the current one (nor the one before or after, which the one-step drift would accept). */
function wrongCode(secret: string): string {
  const near = new Set([-1, 0, 1].map((steps) => authenticator.clone({ epoch: Date.now() + steps * 30_000 }).generate(secret)));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

describe('failed attempts sent at the same time', () => {
  it('counts every concurrent wrong password and locks the account at the threshold', async () => {
    const { user } = await enrolledUser();
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT_GUESSES }, () => post('/api/auth/sign-in', { email: user.email, password: 'a wrong password guess' })),
    );
    for (const response of responses) expect([401, 423]).toContain(response.statusCode);
    const after = await account(user.id);
    // Every guess that reached the password check counted (a guess refused for waiting is not a guess).
    const checked = await audited(user.id, 'auth.sign_in', 'refused: wrong password');
    expect(after.failed_sign_ins).toBe(checked);
    expect(after.failed_sign_ins).toBe(CONCURRENT_GUESSES);
    expect(after.locked).toBe(true);
    expect(await audited(user.id, 'auth.account_locked', 'account locked')).toBe(1);
    // The right password no longer opens the account.
    const right = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(right.statusCode).toBe(423);
  });

  it('does not let the right password, sent within a burst of wrong ones, reopen an account the burst locked', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { user } = await enrolledUser();
      await t.platform.db.updateTable('users').set({ failed_sign_ins: LOCK_AFTER - 1 }).where('id', '=', user.id).execute();
      const wrong = Array.from({ length: 4 }, () => post('/api/auth/sign-in', { email: user.email, password: 'a wrong password guess' }));
      const responses = await Promise.all([...wrong, post('/api/auth/sign-in', { email: user.email, password: user.password })]);
      const after = await account(user.id);
      // Whichever came first: a lock is never undone by the right password (the counter and the lock agree), and no
      // session of a locked account is usable.
      expect(after.locked, `round ${round}`).toBe(after.failed_sign_ins >= LOCK_AFTER);
      for (const token of responses.filter((r) => r.statusCode === 200).map(tokenOf)) {
        const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: token } });
        expect(session.statusCode).toBe(after.locked ? 401 : 200);
      }
    }
  });

  it('counts every concurrent wrong second-factor code and locks the account at the threshold', async () => {
    const { user, secret } = await enrolledUser();
    const signIn = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(signIn.json().stage).toBe('two_factor_required');
    const session = { token: tokenOf(signIn), csrf: signIn.json().csrfToken as string };
    const code = wrongCode(secret);
    const responses = await Promise.all(Array.from({ length: CONCURRENT_GUESSES }, () => post('/api/auth/totp/verify', { code }, session)));
    for (const response of responses) expect([401]).toContain(response.statusCode);
    const after = await account(user.id);
    expect(after.failed_sign_ins).toBe(await audited(user.id, 'auth.two_factor', 'refused: wrong code'));
    expect(after.failed_sign_ins).toBe(CONCURRENT_GUESSES);
    expect(after.locked).toBe(true);
    expect(await audited(user.id, 'auth.account_locked', 'account locked')).toBe(1);
    // The session that guessed is gone, and the right code cannot be used on it any more.
    const right = await post('/api/auth/totp/verify', { code: authenticator.generate(secret) }, session);
    expect(right.statusCode).toBe(401);
  });

  it('accepts the same right code sent twice at once only once', async () => {
    const { user, secret } = await enrolledUser();
    const signIns = await Promise.all([1, 2].map(() => post('/api/auth/sign-in', { email: user.email, password: user.password })));
    const code = authenticator.generate(secret);
    const answers = await Promise.all(
      signIns.map((s) => post('/api/auth/totp/verify', { code }, { token: tokenOf(s), csrf: s.json().csrfToken as string })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
  });
});
