import { readMigrations } from '../../src/platform/db/migrate.js';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Client;
const logLines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  t = await createTestApp({ logger: { level: 'trace', stream } });
  const org = await insertOrganisation(t, 'national_coordinator');
  admin = await clientFor(t, await insertUser(t, org, ['national_admin']));
});
afterAll(async () => t.close());

describe('bad input', () => {
  it('answers 400 with every field and its problem', async () => {
    const response = await admin.request('POST', '/api/organisations', { name: 'x', type: 'bakery', jurisdictions: 'north' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('validation');
    const fields = body.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['jurisdictions', 'name', 'type']);
    expect(body.issues.find((i: { field: string }) => i.field === 'name').problem).toBe('must be at least 2 characters');
  });

  it('names nested fields with their path', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { organisation: { name: 'NC' }, admin: { displayName: 'A', email: 'not-an-email', password: 'short' } } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.map((i: { field: string }) => i.field).sort()).toEqual(['admin.email', 'admin.password']);
  });

  it('refuses malformed JSON and oversize bodies', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('validation');
    const huge = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(300 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('body_too_large');
  });

  it('leaves nothing half-written when a request fails', async () => {
    const org = (await admin.request('POST', '/api/organisations', { name: 'Harbour Shelter', type: 'shelter' })).json();
    const ok = await admin.request('POST', '/api/users', { organisationId: org.id, displayName: 'Sam', email: 'sam@example.org', password: 'a long password 1', roles: ['caseworker'] });
    expect(ok.statusCode).toBe(200);
    const countAudit = async () => Number((await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const auditBefore = await countAudit();
    const duplicate = await admin.request('POST', '/api/users', { organisationId: org.id, displayName: 'Sam Two', email: 'SAM@example.org', password: 'a long password 2', roles: ['caseworker'] });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().issues).toEqual([{ field: 'email', problem: 'a user with this e-mail address already exists' }]);
    const wrongRole = await admin.request('POST', '/api/users', { organisationId: org.id, displayName: 'Dana', email: 'dana@example.org', password: 'a long password 3', roles: ['decision_maker'] });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().issues[0].field).toBe('roles');
    expect(await t.platform.db.selectFrom('users').select('display_name').where('display_name', 'in', ['Sam Two', 'Dana']).execute()).toEqual([]);
    expect(await countAudit()).toBe(auditBefore);
  });
});

describe('organisations and users', () => {
  it('lets a national administrator create organisations of every field type, mapped to HTCDS', async () => {
    const response = await admin.request('POST', '/api/organisations', { name: 'Victim Identification Authority', type: 'competent_authority', jurisdictions: ['NORTH'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ type: 'competent_authority', htcdsOrgType: 'CentralGovernmentOrganisation', jurisdictions: ['NORTH'], active: true });
    const list = await admin.request('GET', '/api/organisations');
    expect(list.json().organisations.map((o: { name: string }) => o.name)).toContain('Victim Identification Authority');
  });

  it('lets an organisation administrator manage its own users only, and not grant national roles', async () => {
    const ngo = await insertOrganisation(t, 'ngo');
    const other = await insertOrganisation(t, 'ngo');
    const orgAdmin = await clientFor(t, await insertUser(t, ngo, ['organisation_admin']));
    const own = await orgAdmin.request('POST', '/api/users', { organisationId: ngo, displayName: 'Case Worker', email: 'cw1@example.org', password: 'a long password 4', roles: ['caseworker'] });
    expect(own.statusCode).toBe(200);
    const elsewhere = await orgAdmin.request('POST', '/api/users', { organisationId: other, displayName: 'Intruder', email: 'cw2@example.org', password: 'a long password 5', roles: ['caseworker'] });
    expect(elsewhere.statusCode).toBe(403);
    const promote = await orgAdmin.request('PATCH', `/api/users/${own.json().id}`, { roles: ['organisation_admin', 'national_admin'] });
    expect(promote.statusCode).toBe(400);
    expect((await orgAdmin.request('POST', '/api/organisations', { name: 'Mine', type: 'ngo' })).statusCode).toBe(403);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const ngo = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, ngo, ['caseworker']);
    const client = await clientFor(t, user);
    expect((await client.request('GET', '/api/persons')).statusCode).toBe(200);
    expect((await admin.request('PATCH', `/api/users/${user.id}`, { active: false })).json().active).toBe(false);
    expect((await client.request('GET', '/api/persons')).statusCode).toBe(401);
  });
});

describe('what every response carries', () => {
  it('sends a strict Content-Security-Policy, frame denial and no-sniff', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('reports database and migration state', async () => {
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'ok', database: { reachable: true }, migrations: { pending: 0, latest: readMigrations().at(-1)?.version } });
  });

  it('serves OpenAPI generated from the contracts', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/sign-in', '/api/organisations', '/api/persons/{id}', '/api/audit']));
    expect(JSON.stringify(spec.paths['/api/users'].post.requestBody)).toContain('organisationId');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('never logs personal data, passwords or cookies', async () => {
    const ngo = await insertOrganisation(t, 'ngo');
    const caseworker = await insertUser(t, ngo, ['caseworker']);
    const client = await clientFor(t, caseworker);
    const created = await client.request('POST', '/api/persons', { givenName: 'Thandiwe', familyName: 'Ndlovu', phone: '+27830001111' });
    await client.request('GET', `/api/persons/${created.json().id}`);
    await client.request('POST', '/api/persons', { givenName: 'Thandiwe', phone: 'not a phone' });
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: caseworker.email, password: 'Wr0ng-secret-passphrase' } });
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(100);
    for (const secret of ['Thandiwe', 'Ndlovu', '27830001111', 'Wr0ng-secret-passphrase', caseworker.email, 'palermo_session=']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
