import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';
import { JobEngine, type JobLog } from './job-engine.js';

/**
 * Jobs are rows: a job sent before a stop, a job sent in a transaction that committed, and a scheduled job all outlive
 * the process that knew of them, and a job rolled back with its transaction never existed. On PGlite the database is
 * a data folder closed and opened again, as a restarted server finds it; on PostgreSQL a second connection pool.
 */

const log: JobLog = { error: (details, message) => console.error(message, details) };
const dirs: string[] = [];
let testDb: TestDatabase | undefined;

async function open(): Promise<Database> {
  if (testDatabaseKind === 'postgres') {
    testDb ??= await createTestDatabase();
    return openDatabase({ databaseUrl: testDb.url, poolSize: 4 });
  }
  return openDatabase({ dataDir: dirs[0] ?? '' });
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

afterAll(async () => {
  await testDb?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe(`the job engine across a restart (${testDatabaseKind})`, () => {
  it('runs after a restart the jobs sent before it, once each, and none that was rolled back', async () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'palermo-jobs-')));
    const seen: string[] = [];
    const handler = async (data: { n: string }) => {
      seen.push(data.n);
    };

    // The first server: sends, but takes no job (as if it stopped before it could).
    const first = await open();
    await migrate(first);
    const sender = new JobEngine(first, log, { work: false, pollingSeconds: 0.5 });
    sender.define('test-restart', handler);
    sender.define('test-restart-schedule', handler);
    await sender.start();
    await sender.send('test-restart', { n: 'plain' });
    await first.db.transaction().execute(async (tx) => {
      await sender.send('test-restart', { n: 'committed' }, { tx });
    });
    await expect(
      first.db.transaction().execute(async (tx) => {
        await sender.send('test-restart', { n: 'rolled back' }, { tx });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await sender.schedule('test-restart-schedule', '0 7 * * *', 'Africa/Lagos');
    await sender.stop();
    await first.close();
    expect(seen).toEqual([]);

    // The server starts again: the jobs are still there and run, once each.
    const second = await open();
    const worker = new JobEngine(second, log, { work: true, pollingSeconds: 0.5 });
    worker.define('test-restart', handler);
    await worker.start();
    await until('the jobs sent before the restart', () => seen.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await worker.stop();
    expect(seen.sort()).toEqual(['committed', 'plain']);
    const schedules = await sql<{ name: string; cron: string; timezone: string }>`select name, cron, timezone from pgboss.schedule`.execute(second.db);
    expect(schedules.rows).toEqual([{ name: 'test-restart-schedule', cron: '0 7 * * *', timezone: 'Africa/Lagos' }]);
    const states = await sql<{ state: string; n: number }>`select state::text, count(*)::int as n from pgboss.job where name = 'test-restart' group by 1`.execute(second.db);
    expect(states.rows).toEqual([{ state: 'completed', n: 2 }]);
    await second.close();
  });
});
