import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { OrganisationType, Role } from '@palermo/contracts';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { Keyring } from '../../src/platform/crypto/keyring.js';
import { FieldCipher } from '../../src/platform/crypto/field-cipher.js';
import { buildApp } from '../../src/platform/http/app.js';
import type { Platform } from '../../src/platform/http/context.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import { SESSION_COOKIE, createSession } from '../../src/platform/auth/sessions.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly platform: Omit<Platform, 'log'>;
  readonly testDb: TestDatabase;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The real app on a fresh, migrated database, with a key file in a temporary data folder. */
export async function createTestApp(options: { config?: Partial<Config>; logger?: Record<string, unknown> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'palermo-test-'));
  const testDb = await createTestDatabase({ migrated: true });
  await migrate(testDb.database);
  // Job workers ask the queue twice a second: a test waits for a background job no longer than that.
  const config = loadConfig({ PALERMO_DATA_DIR: dataDir, PALERMO_LOG_LEVEL: 'silent', PALERMO_SIGN_IN_RATE_LIMIT: '1000', PALERMO_JOB_POLL_SECONDS: '0.5' }, options.config ?? {});
  const keyring = Keyring.open({ dataDir });
  const cipher = new FieldCipher(keyring);
  await cipher.init(testDb.database.db);
  const platform = { config, database: testDb.database, db: testDb.database.db, cipher, keyring };
  const app = await buildApp({ platform, logger: options.logger ?? false, webDist: join(dataDir, 'no-web') });
  await app.ready();
  return {
    app,
    platform,
    testDb,
    dataDir,
    async close() {
      await app.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestUser {
  readonly id: string;
  readonly organisationId: string;
  readonly email: string;
  readonly password: string;
  readonly roles: Role[];
}

export async function insertOrganisation(t: TestApp, type: OrganisationType, jurisdictions: string[] = []): Promise<string> {
  const id = randomUUID();
  await t.platform.db.insertInto('organisations').values({ id, name: `${type} ${id.slice(0, 8)}`, type, jurisdictions }).execute();
  return id;
}

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A user inserted directly (argon2 hash computed once per file to keep tests quick). Every role signs in with two
 * factors, so the user counts as enrolled unless `enrolled: false` (tests of the sign-in flow set a real secret).
 */
export async function insertUser(t: TestApp, organisationId: string, roles: Role[], options: { enrolled?: boolean } = {}): Promise<TestUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  const email = `${roles.join('-')}-${id.slice(0, 8)}@example.test`;
  await t.platform.db
    .insertInto('users')
    .values({
      id,
      organisation_id: organisationId,
      display_name: `Test ${roles.join(' ')}`,
      email,
      password_hash: await cachedHash,
      roles,
      totp_enrolled_at: options.enrolled === false ? null : new Date(),
    })
    .execute();
  return { id, organisationId, email, password: TEST_PASSWORD, roles };
}

export interface Client {
  readonly userId: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/**
 * A signed-in client with an active session created directly (the sign-in and two-factor flow itself is tested in
 * the auth tests). Sends the session cookie and the CSRF token like the web app does.
 */
export async function clientFor(t: TestApp, user: { id: string }): Promise<Client> {
  // An active session belongs to a user who has enrolled a second factor (users created through the API have not yet).
  await t.platform.db.updateTable('users').set({ totp_enrolled_at: new Date() }).where('id', '=', user.id).where('totp_enrolled_at', 'is', null).execute();
  const { token } = await createSession(t.platform.db, user.id, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const session = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return cookieClient(t.app, token, session.csrf_token, user.id);
}

export function cookieClient(app: FastifyInstance, token: string, csrfToken: string, userId = ''): Client {
  return {
    userId,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: token },
        headers: method === 'GET' ? headers : { 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...headers },
        ...(method === 'GET' ? {} : { payload: JSON.stringify(body ?? {}) }),
      }),
  };
}

export function randomMasterKey(): string {
  return randomBytes(32).toString('base64');
}
