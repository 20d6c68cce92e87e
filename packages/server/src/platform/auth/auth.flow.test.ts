import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE, forgetCachedSessions, loadSession } from './sessions.js';
import { LOCK_AFTER, SLOW_DOWN_AFTER } from './sign-in.js';
import { createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((c) => c.name === SESSION_COOKIE);
}

async function post(url: string, body: unknown, token?: string, csrf?: string) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    ...(token ? { cookies: { [SESSION_COOKIE]: token } } : {}),
  });
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await t.platform.db.selectFrom('audit_log').select(['action', 'outcome']).where('record_id', '=', userId).orderBy('entry_id').execute();
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

describe('first run and two-factor sign-in', () => {
  const admin = { displayName: 'Ada Admin', email: 'Ada@Example.org', password: 'a long enough passphrase' };
  let secret = '';

  it('creates the first national administrator once, then refuses', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ setupRequired: true });
    const response = await post('/api/setup', { organisation: { name: 'National Coordinator' }, admin });
    expect(response.statusCode).toBe(200);
    expect(response.json().stage).toBe('two_factor_enrolment_required');
    const cookie = sessionCookie(response);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const again = await post('/api/setup', { organisation: { name: 'Another' }, admin: { ...admin, email: 'eve@example.org' } });
    expect(again.statusCode).toBe(409);
    expect(await t.platform.db.selectFrom('users').select('email').execute()).toEqual([{ email: 'ada@example.org' }]);
  });

  it('will not let a session that has not finished two factors reach anything else', async () => {
    const signIn = await post('/api/auth/sign-in', { email: admin.email, password: admin.password });
    expect(signIn.json().stage).toBe('two_factor_enrolment_required');
    const token = sessionCookie(signIn)?.value ?? '';
    const organisations = await t.app.inject({ method: 'GET', url: '/api/organisations', cookies: { [SESSION_COOKIE]: token } });
    expect(organisations.statusCode).toBe(403);
    expect(organisations.json().error).toBe('two_factor_enrolment_required');
  });

  it('enrols a TOTP authenticator and rotates the session when the second factor is confirmed', async () => {
    const signIn = await post('/api/auth/sign-in', { email: admin.email, password: admin.password });
    const token = sessionCookie(signIn)?.value ?? '';
    const csrf = signIn.json().csrfToken as string;
    const enrol = await post('/api/auth/totp/enrol', {}, token, csrf);
    expect(enrol.statusCode).toBe(200);
    secret = enrol.json().secret;
    expect(enrol.json().otpauthUri).toContain('otpauth://totp/');
    expect(enrol.json().qrCodeSvg).toContain('<svg');
    const wrong = await post('/api/auth/totp/confirm', { code: '000000' === authenticator.generate(secret) ? '111111' : '000000' }, token, csrf);
    expect(wrong.statusCode).toBe(401);
    const confirm = await post('/api/auth/totp/confirm', { code: authenticator.generate(secret) }, token, csrf);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().stage).toBe('active');
    const rotated = sessionCookie(confirm)?.value ?? '';
    expect(rotated).not.toBe(token);
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: token } });
    expect(old.statusCode).toBe(401);
    const current = await t.app.inject({ method: 'GET', url: '/api/organisations', cookies: { [SESSION_COOKIE]: rotated } });
    expect(current.statusCode).toBe(200);
    // The secret is stored encrypted, never in clear.
    const row = await t.platform.db.selectFrom('users').select('totp_secret').where('email', '=', 'ada@example.org').executeTakeFirstOrThrow();
    expect(Buffer.from(row.totp_secret ?? new Uint8Array()).toString('latin1')).not.toContain(secret);
  });

  it('asks for the code at the next sign-in and refuses a replayed code', async () => {
    const signIn = await post('/api/auth/sign-in', { email: admin.email, password: admin.password });
    expect(signIn.json().stage).toBe('two_factor_required');
    const token = sessionCookie(signIn)?.value ?? '';
    const csrf = signIn.json().csrfToken as string;
    // The code used at enrolment (same 30 s step) cannot be used again.
    const replay = await post('/api/auth/totp/verify', { code: authenticator.generate(secret) }, token, csrf);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error).toBe('invalid_code');
  });

  it('validates the code field by name', async () => {
    const signIn = await post('/api/auth/sign-in', { email: admin.email, password: admin.password });
    const response = await post('/api/auth/totp/verify', { code: '12ab' }, sessionCookie(signIn)?.value, signIn.json().csrfToken);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([{ field: 'code', problem: 'must be six digits' }]);
  });
});

describe('sessions', () => {
  it('refuses state-changing requests without the CSRF token or from another origin', async () => {
    const org = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, org, ['organisation_admin']);
    const signIn = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(signIn.json().stage).toBe('two_factor_required'); // every role signs in with two factors
    const token = sessionCookie(signIn)?.value ?? '';
    const withoutToken = await post('/api/auth/sign-out', {}, token);
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error).toBe('csrf');
    const crossOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      payload: '{}',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'x-csrf-token': signIn.json().csrfToken },
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(crossOrigin.statusCode).toBe(403);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const org = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, org, ['organisation_admin']);
    const idle = sessionCookie(await post('/api/auth/sign-in', { email: user.email, password: user.password }))?.value ?? '';
    const absolute = sessionCookie(await post('/api/auth/sign-in', { email: user.email, password: user.password }))?.value ?? '';
    const sessions = await t.platform.db.selectFrom('sessions').select(['id', 'created_at']).where('user_id', '=', user.id).orderBy('created_at').execute();
    expect(sessions).toHaveLength(2);
    const [first, second] = sessions;
    await t.platform.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - (t.platform.config.sessionIdleSeconds + 1) * 1000) }).where('id', '=', first?.id ?? '').execute();
    await t.platform.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', second?.id ?? '').execute();
    // Changed behind the server's back: its short session cache would see it only when the entry expires.
    forgetCachedSessions();
    for (const token of [idle, absolute]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: token } });
      expect(response.statusCode).toBe(401);
    }
  });

  it('reuses a session it read for a moment only, and forgets it at once when the server changes it', async () => {
    const org = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, org, ['organisation_admin']);
    const token = sessionCookie(await post('/api/auth/sign-in', { email: user.email, password: user.password }))?.value ?? '';
    const policy = { idleSeconds: 600, absoluteSeconds: 3600, cacheMilliseconds: 60_000 };
    expect((await loadSession(t.platform.db, token, policy))?.user.id).toBe(user.id);
    await t.platform.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    // A change made directly in the database is not seen while the entry lasts...
    expect((await loadSession(t.platform.db, token, policy))?.user.id).toBe(user.id);
    // ...but once the server forgets its entries (as every change made through it does), the session is refused.
    forgetCachedSessions({ userId: user.id });
    expect(await loadSession(t.platform.db, token, policy)).toBeUndefined();
  });

  it('signs out everywhere', async () => {
    const org = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, org, ['organisation_admin']);
    const a = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    const b = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    const out = await post('/api/auth/sign-out-everywhere', {}, sessionCookie(a)?.value, a.json().csrfToken);
    expect(out.statusCode).toBe(200);
    const stillB = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: sessionCookie(b)?.value ?? '' } });
    expect(stillB.statusCode).toBe(401);
    expect(await auditActions(user.id)).toContain('auth.sign_out_everywhere:allowed');
  });
});

describe('repeated failures', () => {
  it('slows down, then locks the account, auditing each step; an administrator unlocks it', async () => {
    const org = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, org, ['caseworker']);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= LOCK_AFTER; attempt += 1) {
      // Let the slow-down delay pass so that each attempt reaches the password check.
      await t.platform.db.updateTable('users').set({ locked_until: null }).where('id', '=', user.id).execute();
      const response = await post('/api/auth/sign-in', { email: user.email, password: 'wrong password here' });
      statuses.push(response.statusCode);
      if (attempt === SLOW_DOWN_AFTER) {
        const blocked = await post('/api/auth/sign-in', { email: user.email, password: user.password });
        expect(blocked.statusCode).toBe(423);
        expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, LOCK_AFTER - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(423);
    const right = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(right.statusCode).toBe(423);
    expect(right.json().error).toBe('account_locked');
    const actions = await auditActions(user.id);
    expect(actions).toContain('auth.account_locked:allowed');
    expect(actions.filter((a) => a === 'auth.sign_in:denied').length).toBeGreaterThanOrEqual(LOCK_AFTER);

    const { clientFor } = await import('../../../test/support/test-app.js');
    const adminOrg = await insertOrganisation(t, 'national_coordinator');
    const admin = await clientFor(t, await insertUser(t, adminOrg, ['national_admin']));
    const unlock = await admin.request('PATCH', `/api/users/${user.id}`, { unlock: true });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    const after = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(after.statusCode).toBe(200);
  });

  it('answers an unknown e-mail address exactly like a wrong password', async () => {
    const response = await post('/api/auth/sign-in', { email: 'nobody@example.org', password: 'whatever it is' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe('invalid_credentials');
  });
});

describe('rate limit', () => {
  it('refuses sign-in attempts beyond the per-minute limit with 429', async () => {
    const limited = await createTestApp({ config: { signInRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const response = await limited.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'x@example.org', password: 'whatever it is' } });
        codes.push(response.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
