import type { ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { Keyring } from '../crypto/keyring.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { buildApp } from '../http/app.js';
import { SESSION_COOKIE, createSession } from './sessions.js';
import { crossProcessReuseReady } from './revocation.js';
import { startChildServer } from '../../../test/support/child-server.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * Two server processes on one PostgreSQL database, each reusing sessions it read for ten seconds: this test process
 * (server A, in process) and a `palermo start` child (server B, over HTTP). A revocation made through one must hold in
 * the other as soon as its response is back, every time.
 */

const ROUNDS = 30;
const REUSE_MS = '10000';

let testDb: TestDatabase;
let dataDir: string;
let a: FastifyInstance;
let child: ChildProcess | undefined;
let bUrl = '';
let userId = '';
let organisationId = '';
let adminToken = '';
let adminCsrf = '';

async function listeners(): Promise<number> {
  const { rows } = await testDb.database.withScriptRunner((run) =>
    run("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'palermo-sessions'"),
  ).then((results) => results[0] ?? { rows: [] });
  return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
}

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

const onA = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, csrf?: string, body?: unknown) =>
  a.inject({
    method,
    url,
    cookies: { [SESSION_COOKIE]: token },
    ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' }, payload: JSON.stringify(body ?? {}) }),
  });

async function onB(method: 'GET' | 'POST' | 'PATCH', path: string, token: string, csrf?: string, body?: unknown): Promise<number> {
  const response = await fetch(new URL(path, bUrl), {
    method,
    headers: { cookie: `${SESSION_COOKIE}=${token}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' }) },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function newSession(forUser = userId): Promise<{ token: string; csrf: string }> {
  const { token, id } = await createSession(testDb.database.db, forUser, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const row = await testDb.database.db.selectFrom('sessions').select('csrf_token').where('id', '=', id).executeTakeFirstOrThrow();
  return { token, csrf: row.csrf_token };
}

/** Both servers have read (and so may reuse) this session. */
async function warm(token: string): Promise<void> {
  expect((await onA('GET', '/api/auth/session', token)).statusCode).toBe(200);
  expect(await onB('GET', '/api/auth/session', token)).toBe(200);
}

beforeAll(async () => {
  if (testDatabaseKind !== 'postgres') return;
  testDb = await createTestDatabase();
  await migrate(testDb.database);
  dataDir = mkdtempSync(join(tmpdir(), 'palermo-revocation-'));
  const env = { PALERMO_DATA_DIR: dataDir, DATABASE_URL: testDb.url ?? '', PALERMO_LOG_LEVEL: 'silent', PALERMO_SIGN_IN_RATE_LIMIT: '100000', PALERMO_SESSION_CACHE_MS: REUSE_MS };
  const config = loadConfig(env);
  const keyring = Keyring.open({ dataDir });
  const cipher = new FieldCipher(keyring);
  await cipher.init(testDb.database.db);
  a = await buildApp({ platform: { config, database: testDb.database, db: testDb.database.db, cipher, keyring }, logger: false, webDist: join(dataDir, 'no-web') });
  await a.ready();
  const started = await startChildServer({ ...process.env, ...env, HOST: '127.0.0.1', PORT: '0', NODE_OPTIONS: '' });
  child = started.process;
  bUrl = started.url;

  organisationId = randomUUID();
  await testDb.database.db.insertInto('organisations').values({ id: organisationId, name: 'Shelter North', type: 'ngo' }).execute();
  const coordinatorId = randomUUID();
  await testDb.database.db.insertInto('organisations').values({ id: coordinatorId, name: 'Coordinator', type: 'national_coordinator' }).execute();
  userId = randomUUID();
  const adminId = randomUUID();
  await testDb.database.db
    .insertInto('users')
    .values([
      { id: userId, organisation_id: organisationId, display_name: 'Worker', email: 'worker@example.org', password_hash: 'unused', roles: ['caseworker'], totp_enrolled_at: new Date() },
      { id: adminId, organisation_id: coordinatorId, display_name: 'Admin', email: 'admin@example.org', password_hash: 'unused', roles: ['national_admin'], totp_enrolled_at: new Date() },
    ])
    .execute();
  ({ token: adminToken, csrf: adminCsrf } = await newSession(adminId));
  // Both listeners up and warmed, so both servers reuse sessions.
  await until('both servers listening', async () => (await listeners()) === 2 && crossProcessReuseReady());
  await new Promise((resolve) => setTimeout(resolve, 1_200));
}, 180_000);

afterAll(async () => {
  if (testDatabaseKind !== 'postgres') return;
  child?.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await a?.close();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe.skipIf(testDatabaseKind !== 'postgres')('revocation in every server process at once (PostgreSQL)', () => {
  it('shows each server does reuse sessions: a change made behind their backs is not seen at once', async () => {
    const session = await newSession();
    await warm(session.token);
    await testDb.database.db.deleteFrom('sessions').where('token_hash', '=', createHash('sha256').update(session.token).digest()).execute();
    expect((await onA('GET', '/api/auth/session', session.token)).statusCode).toBe(200);
    expect(await onB('GET', '/api/auth/session', session.token)).toBe(200);
  });

  it('signing out everywhere through one server ends the session in the other before the response is back', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const victim = await newSession();
      const revoker = await newSession();
      await warm(victim.token);
      if (round % 2 === 0) {
        expect((await onA('POST', '/api/auth/sign-out-everywhere', revoker.token, revoker.csrf)).statusCode).toBe(200);
        expect(await onB('GET', '/api/auth/session', victim.token), `round ${round}: B served a session revoked through A`).toBe(401);
      } else {
        expect(await onB('POST', '/api/auth/sign-out-everywhere', revoker.token, revoker.csrf)).toBe(200);
        expect((await onA('GET', '/api/auth/session', victim.token)).statusCode, `round ${round}: A served a session revoked through B`).toBe(401);
      }
    }
  });

  it('deactivating the user or changing their roles through one server ends their sessions in the other', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const victim = await newSession();
      await warm(victim.token);
      const change = round % 2 === 0 ? { active: false } : { roles: ['supervisor'] };
      const through = round % 4 < 2 ? 'A' : 'B';
      if (through === 'A') expect((await onA('PATCH', `/api/users/${userId}`, adminToken, adminCsrf, change)).statusCode).toBe(200);
      else expect(await onB('PATCH', `/api/users/${userId}`, adminToken, adminCsrf, change)).toBe(200);
      const other = through === 'A' ? await onB('GET', '/api/persons', victim.token) : (await onA('GET', '/api/persons', victim.token)).statusCode;
      expect(other, `round ${round}: ${JSON.stringify(change)} through ${through}`).toBe(401);
      await testDb.database.db.updateTable('users').set({ active: true, roles: ['caseworker'] }).where('id', '=', userId).execute();
    }
  });

  it("deactivating the user's organisation through one server ends their sessions in the other", async () => {
    for (let round = 0; round < 4; round += 1) {
      const victim = await newSession();
      await warm(victim.token);
      if (round % 2 === 0) {
        expect((await onA('PATCH', `/api/organisations/${organisationId}`, adminToken, adminCsrf, { active: false })).statusCode).toBe(200);
        expect(await onB('GET', '/api/persons', victim.token), `round ${round}`).toBe(401);
      } else {
        expect(await onB('PATCH', `/api/organisations/${organisationId}`, adminToken, adminCsrf, { active: false })).toBe(200);
        expect((await onA('GET', '/api/persons', victim.token)).statusCode, `round ${round}`).toBe(401);
      }
      await testDb.database.db.updateTable('organisations').set({ active: true }).where('id', '=', organisationId).execute();
    }
  });

  it('cuts off a listener that never acknowledges, and the revocation still goes through', async () => {
    // A process that listens but is stuck: it is listed, hears the revocation, and never answers.
    const stuck = new pg.Client({ connectionString: testDb.url, application_name: 'palermo-sessions' });
    let ended = false;
    stuck.on('error', () => (ended = true));
    stuck.on('end', () => (ended = true));
    await stuck.connect();
    await stuck.query('LISTEN palermo_session_revoke');
    const revoker = await newSession();
    const victim = await newSession();
    await warm(victim.token);
    expect((await onA('POST', '/api/auth/sign-out-everywhere', revoker.token, revoker.csrf)).statusCode).toBe(200);
    expect(await onB('GET', '/api/auth/session', victim.token)).toBe(401);
    await until('the stuck listener to be cut off', () => ended);
    await stuck.end().catch(() => undefined);
  });

  it('stops reusing sessions while it cannot listen, and reuses them again once it listens', async () => {
    await testDb.database.withScriptRunner((run) =>
      run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'palermo-sessions' AND pid <> pg_backend_pid()"),
    );
    await until('the listeners to notice', () => !crossProcessReuseReady());
    const session = await newSession();
    expect((await onA('GET', '/api/auth/session', session.token)).statusCode).toBe(200);
    await testDb.database.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    // Not reused while the listener is down: the deletion is seen at once.
    expect((await onA('GET', '/api/auth/session', session.token)).statusCode).toBe(401);
    await until('both listening again', async () => (await listeners()) === 2 && crossProcessReuseReady());
  });
});
