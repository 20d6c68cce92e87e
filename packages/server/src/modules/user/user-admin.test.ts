import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { RESET_CODE_HOURS } from '../../platform/auth/password-reset.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp, type TestUser } from '../../../test/support/test-app.js';

/**
 * Account administration through the API, tried by every kind of administrator and by those who are not one: editing,
 * roles, (re)activation, one-time password reset codes, lost authenticators; what is audited, what the user is told,
 * which sessions end.
 */
let t: TestApp;
let national: TestUser;
let nationalClient: Client;
let ngo: string;
let otherNgo: string;
let ngoAdmin: TestUser;
let ngoAdminClient: Client;
let otherAdminClient: Client;
let caseworkerClient: Client;
let coordinatorOrg: string;

beforeAll(async () => {
  t = await createTestApp();
  coordinatorOrg = await insertOrganisation(t, 'national_coordinator');
  ngo = await insertOrganisation(t, 'ngo');
  otherNgo = await insertOrganisation(t, 'ngo');
  national = await insertUser(t, coordinatorOrg, ['national_admin']);
  nationalClient = await clientFor(t, national);
  ngoAdmin = await insertUser(t, ngo, ['organisation_admin']);
  ngoAdminClient = await clientFor(t, ngoAdmin);
  otherAdminClient = await clientFor(t, await insertUser(t, otherNgo, ['organisation_admin']));
  caseworkerClient = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
});
afterAll(async () => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const sessionsOf = async (userId: string) =>
  (await t.platform.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;
const auditOf = async (userId: string) =>
  (
    await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'summary', 'purpose'])
      .where('record_id', '=', userId)
      .orderBy('entry_id')
      .execute()
  ).map((row) => `${row.action}:${row.outcome}`);
const noticesOf = async (client: Client) => ((await client.request('GET', '/api/account/notices')).json() as { notices: { kind: string }[] }).notices.map((n) => n.kind);

describe('who may administer whom', () => {
  it('a caseworker reaches no administration route', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    for (const [method, url, body] of [
      ['PATCH', `/api/users/${target.id}`, { displayName: 'Changed Name' }],
      ['POST', `/api/users/${target.id}/password-reset`, {}],
      ['POST', `/api/users/${target.id}/two-factor-reset`, {}],
      ['PATCH', `/api/organisations/${ngo}`, { name: 'Renamed NGO' }],
    ] as const) {
      expect((await caseworkerClient.request(method, url, body)).statusCode, url).toBe(403);
    }
    expect(await auditOf(target.id)).toEqual([]);
  });

  it("another organisation's administrator does not find the user, on any route", async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    for (const [method, url, body] of [
      ['PATCH', `/api/users/${target.id}`, { roles: ['supervisor'] }],
      ['PATCH', `/api/users/${target.id}`, { active: false }],
      ['POST', `/api/users/${target.id}/password-reset`, {}],
      ['POST', `/api/users/${target.id}/two-factor-reset`, {}],
    ] as const) {
      expect((await otherAdminClient.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    const row = await t.platform.db.selectFrom('users').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
    expect([row.roles, row.active, row.password_reset_hash, row.totp_enrolled_at === null]).toEqual([['caseworker'], true, null, false]);
  });

  it('an organisation administrator cannot grant a national role nor touch an account holding one', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const grant = await ngoAdminClient.request('PATCH', `/api/users/${target.id}`, { roles: ['caseworker', 'national_rapporteur'] });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().issues[0].field).toBe('roles');
    // A national role held in her organisation (put there by a national administrator) is beyond her.
    const coordinatorAdmin = await insertUser(t, coordinatorOrg, ['organisation_admin']);
    const coordinatorAdminClient = await clientFor(t, coordinatorAdmin);
    const rapporteurHolder = await insertUser(t, coordinatorOrg, ['national_coordinator']);
    for (const [method, url, body] of [
      ['PATCH', `/api/users/${rapporteurHolder.id}`, { active: false }],
      ['POST', `/api/users/${rapporteurHolder.id}/password-reset`, {}],
      ['POST', `/api/users/${rapporteurHolder.id}/two-factor-reset`, {}],
      ['PATCH', `/api/users/${national.id}`, { roles: ['organisation_admin'] }],
    ] as const) {
      expect((await coordinatorAdminClient.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await auditOf(rapporteurHolder.id)).toEqual([]);
  });

  it('an organisation administrator cannot edit, deactivate or reactivate organisations, not even her own', async () => {
    for (const body of [{ name: 'Renamed By Her' }, { active: false }, { jurisdictions: ['NORTH'] }]) {
      expect((await ngoAdminClient.request('PATCH', `/api/organisations/${ngo}`, body)).statusCode).toBe(403);
      expect((await ngoAdminClient.request('PATCH', `/api/organisations/${otherNgo}`, body)).statusCode).toBe(403);
    }
    const row = await t.platform.db.selectFrom('organisations').select(['name', 'active', 'jurisdictions']).where('id', '=', ngo).executeTakeFirstOrThrow();
    expect([row.active, row.jurisdictions]).toEqual([true, []]);
  });

  it('an organisation administrator manages her own organisation’s users', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const response = await ngoAdminClient.request('PATCH', `/api/users/${target.id}`, { displayName: 'Samira Haddad', email: 'Samira@ngo.example', roles: ['caseworker', 'supervisor'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: 'Samira Haddad', email: 'samira@ngo.example', roles: ['caseworker', 'supervisor'] });
    expect(await auditOf(target.id)).toEqual(['user.update:allowed', 'user.roles_change:allowed']);
  });

  it('the last national administrator cannot demote nor deactivate herself; with a second one she can step down', async () => {
    const demote = await nationalClient.request('PATCH', `/api/users/${national.id}`, { roles: ['national_coordinator'] });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().issues).toEqual([{ field: 'roles', problem: expect.stringContaining('last national administrator') }]);
    expect((await nationalClient.request('PATCH', `/api/users/${national.id}`, { active: false })).json().issues[0].field).toBe('active');
    const second = await insertUser(t, coordinatorOrg, ['national_admin']);
    const secondClient = await clientFor(t, second);
    const stepDown = await secondClient.request('PATCH', `/api/users/${second.id}`, { roles: ['national_coordinator'] });
    expect(stepDown.statusCode).toBe(200);
    // Her roles changed: her own session ended too.
    expect(await sessionsOf(second.id)).toBe(0);
    expect((await nationalClient.request('GET', '/api/users')).statusCode).toBe(200);
  });

  it('an e-mail address already in use is refused, naming the field, and nothing changes', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const response = await ngoAdminClient.request('PATCH', `/api/users/${target.id}`, { email: ngoAdmin.email, displayName: 'Not Saved' });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues).toEqual([{ field: 'email', problem: expect.any(String) }]);
    const row = await t.platform.db.selectFrom('users').select(['display_name', 'email']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.email).toBe(target.email);
  });
});

describe('roles, deactivation and reactivation end sessions and tell the user', () => {
  it('a role change revokes every session; a new role needing two factors makes her enrol first', async () => {
    const target = await insertUser(t, ngo, ['caseworker'], { enrolled: false });
    await clientFor(t, target); // an active session (enrols her, as the helper does)
    await t.platform.db.updateTable('users').set({ totp_enrolled_at: null }).where('id', '=', target.id).execute();
    const stale = await clientFor(t, target);
    await t.platform.db.updateTable('users').set({ totp_enrolled_at: null }).where('id', '=', target.id).execute();
    expect(await sessionsOf(target.id)).toBe(2);
    expect((await nationalClient.request('PATCH', `/api/users/${target.id}`, { roles: ['supervisor'] })).statusCode).toBe(200);
    expect(await sessionsOf(target.id)).toBe(0);
    expect((await stale.request('GET', '/api/auth/session')).statusCode).toBe(401);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: target.email, password: target.password } });
    expect(signIn.json().stage).toBe('two_factor_enrolment_required');
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('record_id', '=', target.id).where('action', '=', 'user.roles_change').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('two factors to be set up at next sign-in');
    expect(await noticesOf(await clientFor(t, target))).toEqual(['user.roles_change']);
  });

  it('a reset code issued before a deactivation does not survive it', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const code = (await ngoAdminClient.request('POST', `/api/users/${target.id}/password-reset`)).json().code as string;
    await ngoAdminClient.request('PATCH', `/api/users/${target.id}`, { active: false });
    await ngoAdminClient.request('PATCH', `/api/users/${target.id}`, { active: true });
    const redeem = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: target.email, code, newPassword: 'a brand new passphrase' } });
    expect(redeem.statusCode).toBe(400);
  });

  it('deactivation ends sessions; reactivation is refused while the organisation is deactivated, then works and is told', async () => {
    const organisation = await insertOrganisation(t, 'shelter');
    const target = await insertUser(t, organisation, ['caseworker']);
    const targetClient = await clientFor(t, target);
    expect((await nationalClient.request('PATCH', `/api/users/${target.id}`, { active: false })).statusCode).toBe(200);
    expect((await targetClient.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await nationalClient.request('PATCH', `/api/organisations/${organisation}`, { active: false })).statusCode).toBe(200);
    const refused = await nationalClient.request('PATCH', `/api/users/${target.id}`, { active: true });
    expect(refused.json().issues[0]).toEqual({ field: 'active', problem: expect.stringContaining('organisation is deactivated') });
    const reactivated = await nationalClient.request('PATCH', `/api/organisations/${organisation}`, { active: true, name: 'Safe House Renamed' });
    expect(reactivated.json()).toMatchObject({ active: true, name: 'Safe House Renamed' });
    expect((await nationalClient.request('PATCH', `/api/users/${target.id}`, { active: true })).json().active).toBe(true);
    expect(await auditOf(target.id)).toEqual(['user.deactivate:allowed', 'user.reactivate:allowed']);
    const again = await clientFor(t, target);
    expect(await noticesOf(again)).toEqual(['user.reactivate']);
    expect((await again.request('POST', '/api/account/notices/dismiss')).statusCode).toBe(200);
    expect(await noticesOf(again)).toEqual([]);
  });
});

describe('one-time password reset codes', () => {
  const newPassword = 'a brand new passphrase';
  const redeem = (email: string, code: string, password = newPassword) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email, code, newPassword: password } });
  const signIn = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

  it('is shown once (hashed in the database), works once, ends sessions and is told to the user', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const targetClient = await clientFor(t, target);
    const issued = await ngoAdminClient.request('POST', `/api/users/${target.id}/password-reset`);
    expect(issued.statusCode).toBe(200);
    const { code, delivery, expiresAt } = issued.json() as { code: string; delivery: string; expiresAt: string };
    expect(delivery).toBe('shown');
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(RESET_CODE_HOURS * 3600 * 1000);
    const stored = await t.platform.db.selectFrom('users').select('password_reset_hash').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(stored.password_reset_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await t.platform.db.selectFrom('audit_log').select('summary').execute())).not.toContain(code.replace(/-/g, ''));
    expect(await noticesOf(targetClient)).toEqual(['user.password_reset_issued']);

    // Written in lower case and without dashes, as people type it.
    expect((await redeem(target.email, code.toLowerCase().replace(/-/g, ' '))).statusCode).toBe(200);
    expect(await sessionsOf(target.id)).toBe(0);
    expect((await signIn(target.email, newPassword)).statusCode).toBe(200);
    expect((await signIn(target.email, target.password)).statusCode).toBe(401);
    const second = await redeem(target.email, code, 'another new passphrase');
    expect(second.statusCode).toBe(400);
    expect(second.json().issues).toEqual([{ field: 'code', problem: expect.any(String) }]);
    expect((await signIn(target.email, 'another new passphrase')).statusCode).toBe(401);
  });

  it('expires after 24 hours (a moved clock, no waiting)', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    const { code } = (await nationalClient.request('POST', `/api/users/${target.id}/password-reset`)).json() as { code: string };
    vi.setSystemTime(new Date('2026-03-02T08:00:01Z'));
    const late = await redeem(target.email, code);
    expect(late.statusCode).toBe(400);
    expect(late.json().issues[0].field).toBe('code');
    vi.setSystemTime(new Date('2026-03-02T07:59:00Z'));
    expect((await redeem(target.email, code)).statusCode).toBe(200);
    vi.useRealTimers();
    expect(await auditOf(target.id)).toEqual(['user.password_reset_issued:allowed', 'user.password_reset:denied', 'user.password_reset:allowed']);
  });

  it('a new code replaces the earlier one; a wrong code counts as a failed sign-in; a short password is refused naming the field', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const first = (await nationalClient.request('POST', `/api/users/${target.id}/password-reset`)).json().code as string;
    const second = (await nationalClient.request('POST', `/api/users/${target.id}/password-reset`)).json().code as string;
    expect((await redeem(target.email, first)).statusCode).toBe(400);
    const row = await t.platform.db.selectFrom('users').select('failed_sign_ins').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.failed_sign_ins).toBe(1);
    const short = await redeem(target.email, second, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0].field).toBe('newPassword');
    const malformed = await redeem(target.email, 'not a code');
    expect(malformed.json().issues[0].field).toBe('code');
    expect((await redeem(target.email, second)).statusCode).toBe(200);
  });

  it('two requests racing with one code: exactly one sets its password', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const code = (await nationalClient.request('POST', `/api/users/${target.id}/password-reset`)).json().code as string;
    const results = await Promise.all([redeem(target.email, code, 'first racing passphrase'), redeem(target.email, code, 'second racing passphrase')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  it('an unknown address, a deactivated account and her own account are refused', async () => {
    expect((await redeem('nobody@example.test', 'ABCD-EFGH-JKLM')).statusCode).toBe(400);
    const target = await insertUser(t, ngo, ['caseworker']);
    await nationalClient.request('PATCH', `/api/users/${target.id}`, { active: false });
    expect((await nationalClient.request('POST', `/api/users/${target.id}/password-reset`)).json().issues[0].field).toBe('active');
    expect((await nationalClient.request('POST', `/api/users/${national.id}/password-reset`)).statusCode).toBe(400);
  });
});

describe('a lost authenticator', () => {
  it('is removed: sessions end everywhere, she enrols again at next sign-in, and is told', async () => {
    const target = await insertUser(t, ngo, ['caseworker']);
    const targetClient = await clientFor(t, target);
    const response = await ngoAdminClient.request('POST', `/api/users/${target.id}/two-factor-reset`);
    expect(response.json()).toEqual({ sessionsEnded: 1 });
    expect((await targetClient.request('GET', '/api/auth/session')).statusCode).toBe(401);
    const row = await t.platform.db.selectFrom('users').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret: null, totp_enrolled_at: null });
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: target.email, password: target.password } });
    expect(signIn.json().stage).toBe('two_factor_enrolment_required');
    const token = signIn.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    const enrol = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enrol',
      cookies: { [SESSION_COOKIE]: token },
      headers: { 'x-csrf-token': signIn.json().csrfToken },
    });
    expect(enrol.statusCode).toBe(200);
    expect(await noticesOf(await clientFor(t, target))).toEqual(['auth.two_factor_reset']);
    expect(await auditOf(target.id)).toContain('auth.two_factor_reset:allowed');
  });

  it('not her own, from the web (the command line with the master key is for that)', async () => {
    expect((await nationalClient.request('POST', `/api/users/${national.id}/two-factor-reset`)).statusCode).toBe(400);
  });
});
