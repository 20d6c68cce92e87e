import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { registerAuth } from '../../cli/commands/auth.js';
import { loadConfig } from '../config.js';
import { openRuntime } from '../runtime.js';
import { keyFilePath } from '../crypto/keyring.js';
import { createSession } from './sessions.js';

const data = temporaryDataDir('palermo-reset-2fa-');
const palermo = inProcessPalermo(registerAuth);
const policy = { idleSeconds: 600, absoluteSeconds: 3600 };

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openRuntime>>['database']['db']) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(), 'test');
  try {
    return await fn(runtime.database.db);
  } finally {
    await runtime.close();
  }
}

let coordinatorId = '';
async function addUser(email: string, roles: string[], options: { locked?: boolean } = {}): Promise<string> {
  return withDb(async (db) => {
    const id = randomUUID();
    await db
      .insertInto('users')
      .values({
        id,
        organisation_id: coordinatorId,
        display_name: email,
        email,
        password_hash: 'not used by these tests',
        roles,
        totp_secret: Buffer.from('an encrypted secret stands here'),
        totp_enrolled_at: new Date(),
        locked: options.locked ?? false,
        failed_sign_ins: options.locked ? 10 : 0,
      })
      .execute();
    await createSession(db, id, 'active', policy);
    return id;
  });
}

const account = (id: string) =>
  withDb(async (db) => ({
    user: await db.selectFrom('users').select(['totp_secret', 'totp_enrolled_at', 'locked']).where('id', '=', id).executeTakeFirstOrThrow(),
    sessions: (await db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length,
    audit: await db.selectFrom('audit_log').select(['action', 'outcome', 'summary', 'actor_name']).where('action', '=', 'auth.two_factor_reset').orderBy('entry_id').execute(),
  }));

beforeAll(async () => {
  data.use();
  coordinatorId = randomUUID();
  await withDb((db) => db.insertInto('organisations').values({ id: coordinatorId, name: 'National Coordinator', type: 'national_coordinator' }).execute());
});
afterAll(() => data.restore());

describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('npx palermo auth reset-second-factor', () => {
  let adminId = '';

  it("resets a caseworker's second factor without the master key, ends the sessions, unlocks on request, and audits", async () => {
    const id = await addUser('worker@example.org', ['caseworker'], { locked: true });
    adminId = await addUser('ada@example.org', ['national_admin']);
    const result = await palermo('auth', 'reset-second-factor', '--email', 'Worker@Example.org', '--unlock', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      userId: id,
      email: 'worker@example.org',
      lastNationalAdministrator: false,
      masterKeyVerified: false,
      sessionsEnded: 1,
      unlocked: true,
    });
    const after = await account(id);
    expect(after.user).toEqual({ totp_secret: null, totp_enrolled_at: null, locked: false });
    expect(after.sessions).toBe(0);
    expect(after.audit.at(-1)).toMatchObject({ outcome: 'allowed', actor_name: 'palermo auth reset-second-factor' });
  });

  it('refuses the last national administrator without the master key, changes nothing, and audits the refusal', async () => {
    const result = await palermo('auth', 'reset-second-factor', '--email', 'ada@example.org');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('last national administrator');
    expect(result.stderr).toContain('--key-file');
    const after = await account(adminId);
    expect(after.user.totp_enrolled_at).not.toBeNull();
    expect(after.sessions).toBe(1);
    expect(after.audit.at(-1)).toMatchObject({ outcome: 'denied', summary: 'refused: last national administrator, master key not supplied' });
  });

  it('refuses a master key that is not the one in use, from a key file or the variable', async () => {
    const wrongFile = join(data.dir, 'wrong-key.txt');
    writeFileSync(wrongFile, randomBytes(32).toString('base64'));
    const fromFile = await palermo('auth', 'reset-second-factor', '--email', 'ada@example.org', '--key-file', wrongFile, '--json');
    expect(fromFile.exitCode).toBe(1);
    expect(JSON.parse(fromFile.stdout)).toEqual({ ok: false, error: expect.stringContaining('not the one this installation uses') });
    // A key file of another installation: same format, other key.
    const otherInstallation = join(data.dir, 'other-master-keys.json');
    writeFileSync(otherInstallation, JSON.stringify({ current: 'mk-x', keys: [{ id: 'mk-x', key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() }] }));
    const other = await palermo('auth', 'reset-second-factor', '--email', 'ada@example.org', '--key-file', otherInstallation);
    expect(other.exitCode).toBe(1);
    expect((await account(adminId)).user.totp_enrolled_at).not.toBeNull();
  });

  it('resets the last national administrator with the key file in use, saying so in the audit trail', async () => {
    const result = await palermo('auth', 'reset-second-factor', '--email', 'ada@example.org', '--key-file', keyFilePath(data.dir), '--json');
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, lastNationalAdministrator: true, masterKeyVerified: true, sessionsEnded: 1 });
    const after = await account(adminId);
    expect(after.user.totp_enrolled_at).toBeNull();
    expect(after.audit.at(-1)?.summary).toContain('last national administrator, master key verified');
  });

  it('needs no key while another national administrator can still sign in with two factors', async () => {
    await addUser('grace@example.org', ['national_admin']);
    const other = await addUser('linus@example.org', ['national_admin']);
    const result = await palermo('auth', 'reset-second-factor', '--email', 'linus@example.org', '--json');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ userId: other, lastNationalAdministrator: false });
    // Now grace is the last one who can (linus has no authenticator, ada neither): the key is needed again.
    const last = await palermo('auth', 'reset-second-factor', '--email', 'grace@example.org');
    expect(last.exitCode).toBe(1);
  });

  it('says so when no user has the address', async () => {
    const result = await palermo('auth', 'reset-second-factor', '--email', 'nobody@example.org', '--json');
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).error).toContain('No user');
  });
});
