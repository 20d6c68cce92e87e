import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCheckLimit } from '@palermo/contracts';
import { loadConfig } from '../../platform/config.js';
import { migrate } from '../../platform/db/migrate.js';
import { Keyring } from '../../platform/crypto/keyring.js';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { buildApp } from '../../platform/http/app.js';
import { SESSION_COOKIE, createSession } from '../../platform/auth/sessions.js';
import { startChildServer } from '../../../test/support/child-server.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * The limit on possible-duplicate checks holds across server processes: this test process (server A, in process) and a
 * `palermo start` child (server B, over HTTP) share one PostgreSQL database, and checks sent to both at once, beyond
 * the limit, are refused exactly as if one server had received them all.
 */

let testDb: TestDatabase;
let dataDir: string;
let a: FastifyInstance;
let child: ChildProcess | undefined;
let bUrl = '';

async function session(userId: string): Promise<{ token: string; csrf: string }> {
  const { token, id } = await createSession(testDb.database.db, userId, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const row = await testDb.database.db.selectFrom('sessions').select('csrf_token').where('id', '=', id).executeTakeFirstOrThrow();
  return { token, csrf: row.csrf_token };
}

async function postOnA(path: string, who: { token: string; csrf: string }, body: unknown = {}) {
  const response = await a.inject({
    method: 'POST',
    url: path,
    cookies: { [SESSION_COOKIE]: who.token },
    headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrf, 'idempotency-key': randomUUID() },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function postOnB(path: string, who: { token: string; csrf: string }, body: unknown = {}) {
  const response = await fetch(new URL(path, bUrl), {
    method: 'POST',
    headers: { cookie: `${SESSION_COOKIE}=${who.token}`, 'content-type': 'application/json', 'x-csrf-token': who.csrf, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  if (testDatabaseKind !== 'postgres') return;
  testDb = await createTestDatabase();
  await migrate(testDb.database);
  dataDir = mkdtempSync(join(tmpdir(), 'palermo-match-'));
  const env = { PALERMO_DATA_DIR: dataDir, DATABASE_URL: testDb.url ?? '', PALERMO_LOG_LEVEL: 'silent', PALERMO_SIGN_IN_RATE_LIMIT: '100000' };
  const keyring = Keyring.open({ dataDir });
  const cipher = new FieldCipher(keyring);
  await cipher.init(testDb.database.db);
  a = await buildApp({ platform: { config: loadConfig(env), database: testDb.database, db: testDb.database.db, cipher, keyring }, logger: false, webDist: join(dataDir, 'no-web') });
  await a.ready();
  const started = await startChildServer({ ...process.env, ...env, HOST: '127.0.0.1', PORT: '0', NODE_OPTIONS: '' });
  child = started.process;
  bUrl = started.url;
}, 180_000);

afterAll(async () => {
  if (testDatabaseKind !== 'postgres') return;
  child?.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await a?.close();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe.skipIf(testDatabaseKind !== 'postgres')('the limit on possible-duplicate checks across server processes (PostgreSQL)', () => {
  it('checks sent at once to two servers beyond the limit are refused as if one server had them all, with one alert', async () => {
    const db = testDb.database.db;
    const ngoId = randomUUID();
    const shelterId = randomUUID();
    await db.insertInto('organisations').values([{ id: ngoId, name: 'Safe Passage', type: 'ngo' }, { id: shelterId, name: 'Harbour House', type: 'shelter' }]).execute();
    const workerId = randomUUID();
    await db
      .insertInto('users')
      .values({ id: workerId, organisation_id: ngoId, display_name: 'Worker', email: 'worker@example.org', password_hash: 'unused', roles: ['caseworker'], totp_enrolled_at: new Date() })
      .execute();
    const worker = await session(workerId);
    const opened = await postOnA('/api/cases', worker, { person: { givenName: 'Amara', familyName: 'Okonkwo', birthDate: '1991-03-04' } });
    expect(opened.status).toBe(200);
    const caseId = String(opened.body['id']);
    const consent = await postOnA(`/api/cases/${caseId}/consents`, worker, { purpose: 'referral', targetOrganisationId: shelterId, status: 'given', method: 'verbal' });
    expect(consent.status).toBe(200);

    const earlier = 16;
    await db
      .insertInto('match_checks')
      .values(Array.from({ length: earlier }, (_, i) => ({ id: randomUUID(), case_id: caseId, organisation_id: ngoId, checked_by: workerId, checked_at: new Date(Date.now() - (i + 1) * 60_000), outcome: 'none' })))
      .execute();

    const perServer = 6;
    const path = `/api/cases/${caseId}/match-checks`;
    const results = await Promise.all([
      ...Array.from({ length: perServer }, () => postOnA(path, worker)),
      ...Array.from({ length: perServer }, () => postOnB(path, worker)),
    ]);
    const allowed = matchCheckLimit.checks - earlier;
    expect(results.filter((r) => r.status === 200)).toHaveLength(allowed);
    expect(results.filter((r) => r.status === 429)).toHaveLength(2 * perServer - allowed);
    expect(results.filter((r) => r.status === 429).every((r) => r.body['error'] === 'match_check_limit')).toBe(true);
    // Both servers answered some of them.
    expect(results.slice(perServer).some((r) => r.status === 200 || r.status === 429)).toBe(true);

    const ran = await db.selectFrom('match_checks').select('outcome').where('checked_by', '=', workerId).execute();
    expect(ran.filter((r) => r.outcome !== 'refused_over_limit')).toHaveLength(matchCheckLimit.checks);
    const alerts = await db.selectFrom('audit_alerts').select('summary').where('kind', '=', 'match.check_rate').where('actor_user_id', '=', workerId).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.summary).toMatch(/reached the limit/);
  }, 120_000);
});
