import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/db/migrate.js';
import { JobEngine } from '../../platform/jobs/job-engine.js';
import { startChildServer } from '../../../test/support/child-server.js';
import { startSmtpReceiver } from '../../../test/support/smtp-receiver.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';
import { EMAIL_QUEUE, notify } from './notifications.service.js';

/**
 * Two `palermo start` processes on one PostgreSQL database, both taking jobs, both mailing through one SMTP receiver
 * in this process. Notifications are stored here with their mail jobs, as a referral would store them; every one must
 * arrive exactly once: neither lost nor sent by both servers.
 */

const USERS = 40;

let testDb: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const children: ChildProcess[] = [];
const dataDirs: string[] = [];
const emails: string[] = [];

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 1200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

beforeAll(async () => {
  if (testDatabaseKind !== 'postgres') return;
  testDb = await createTestDatabase();
  await migrate(testDb.database);
  smtp = await startSmtpReceiver();
  const masterKey = randomBytes(32).toString('base64');
  for (let i = 0; i < 2; i += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'palermo-mail-'));
    dataDirs.push(dataDir);
    const env = {
      ...process.env,
      PALERMO_DATA_DIR: dataDir,
      DATABASE_URL: testDb.url ?? '',
      PALERMO_MASTER_KEY: masterKey,
      PALERMO_LOG_LEVEL: 'silent',
      PALERMO_SMTP_URL: smtp.url,
      PALERMO_PUBLIC_URL: 'http://palermo.example',
      PALERMO_JOB_POLL_SECONDS: '0.5',
      PALERMO_AUDIT_CHECKPOINT_DIR: `${dataDir}-checkpoints`,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_OPTIONS: '',
    };
    // One after the other: the first creates the data keys the second then reads.
    children.push((await startChildServer(env)).process);
  }
  const organisationId = randomUUID();
  await testDb.database.db.insertInto('organisations').values({ id: organisationId, name: 'Shelter North', type: 'shelter' }).execute();
  const users = Array.from({ length: USERS }, (_, i) => ({
    id: randomUUID(),
    organisation_id: organisationId,
    display_name: `Worker ${i}`,
    email: `worker-${i}@example.org`,
    password_hash: 'unused',
    roles: ['caseworker'],
    totp_enrolled_at: new Date(),
  }));
  emails.push(...users.map((u) => u.email));
  await testDb.database.db.insertInto('users').values(users).execute();
}, 240_000);

afterAll(async () => {
  if (testDatabaseKind !== 'postgres') return;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
  await smtp.close();
  await testDb.drop();
  for (const dir of dataDirs) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-checkpoints`, { recursive: true, force: true });
  }
}, 120_000);

describe.skipIf(testDatabaseKind !== 'postgres')('notification mail with two server processes (PostgreSQL)', () => {
  it('sends every mail exactly once', async () => {
    // This process only sends jobs, as a request handler in either server would.
    const sender = new JobEngine(testDb.database, { error: () => undefined }, { work: false, pollingSeconds: 1 });
    sender.define(EMAIL_QUEUE, async () => undefined);
    await sender.start();
    const users = await testDb.database.db.selectFrom('users').select('id').execute();
    // In several transactions, as referrals arrive one by one.
    for (const [i, user] of users.entries()) {
      await testDb.database.db.transaction().execute((tx) => notify(tx, sender, { kind: 'referral_received', userIds: [user.id], link: '/referrals', event: `two-process-${i}` }));
    }
    await sender.stop();

    await until('every mail', () => smtp.mails.length >= USERS);
    // Time for a second, wrongful send to arrive.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(smtp.mails).toHaveLength(USERS);
    expect(smtp.mails.map((m) => m.to.join(',')).sort()).toEqual([...emails].sort());
    const statuses = await testDb.database.db.selectFrom('notifications').select(['email_status']).execute();
    expect(statuses.every((s) => s.email_status === 'sent')).toBe(true);
    expect(statuses).toHaveLength(USERS);
  });
});
