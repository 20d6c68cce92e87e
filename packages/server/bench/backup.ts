/**
 * Benchmark: `palermo backup` and `palermo restore` of a database holding BENCH_BACKUP_RECORDS statistical records
 * (default 1,000,000 on PostgreSQL, 100,000 on PGlite, where the whole database lives inside this process), generated
 * in the database (generate_series). The backup and the restore run in this process, as the command does, while its
 * resident memory is sampled every 20 ms: both stream, so memory stays far below the size of the archive and of the
 * table.
 *
 * Baselines, in the same run: on PostgreSQL, a plain `COPY statistical_records TO STDOUT` into nothing (the fastest
 * read of the same rows, no archive) for the backup, and a plain `COPY ... FROM STDIN` of that text into an empty
 * table of the same shape (no triggers, no encryption) for the restore; `pg_dump --data-only` of the same table too,
 * when pg_dump is installed. On PGlite, a cursor reading the same rows with nothing written, for both.
 *
 * stdout: one JSON line per figure, e.g.
 *   {"bench":"backup","metric":"seconds","value":N,"unit":"s","baseline":"plain-copy","ratio":N,"db":"postgres"}
 * bench backup / restore: seconds, rows_per_s, peak_rss_mb (highest resident memory while it ran), rss_growth_mb (that
 * peak minus the memory before it started), archive_mb, table_mb (the table's size on disk), memory_to_archive (peak
 * growth / archive size: well below 1 means streaming); backup-baseline-pg-dump: seconds. stderr: progress.
 *
 * Environment: BENCH_BACKUP_RECORDS, BENCH_DATABASES (postgres,pglite), PALERMO_BENCH_BACKUP_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/palermo_bench_backup; it and <name>_restored are created afresh from the server's
 * `test` database and dropped after).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { cleanupRegistry, createBenchDatabase, envNumber, figureWriter, round, type DbKind } from './bench-kit.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { FieldCipher } from '../src/platform/crypto/field-cipher.js';
import { Keyring } from '../src/platform/crypto/keyring.js';
import { writeBackup } from '../src/platform/backup/backup.js';
import { restoreBackup } from '../src/platform/backup/restore.js';
import { generateSyntheticStatistics } from '../src/modules/statistics/synthetic-statistics.js';

const recordCount = (db: DbKind) => Math.round(envNumber('BENCH_BACKUP_RECORDS', db === 'postgres' ? 1_000_000 : 100_000));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchUrl = process.env['PALERMO_BENCH_BACKUP_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_backup';
const log = (line: string) => void process.stderr.write(`[bench:backup] ${line}\n`);
const MB = 1024 * 1024;

const cleanups = cleanupRegistry(log);
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-backup-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));

/** Runs `fn` while sampling resident memory; returns its result, the seconds it took, the peak and the growth. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number; growthMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - started) / 1000, peakMb: peak / MB, growthMb: (peak - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** PostgreSQL baselines: the same rows through a bare COPY out (into nothing, and into a file), then back in. */
async function postgresBaselines(url: string): Promise<{ out: number; in: number }> {
  const text = join(tempRoot, 'plain.copy');
  const out = await measured(() => withClient(url, (client) => pipeline(client.query(copyTo('COPY statistical_records TO STDOUT')), discard())));
  await withClient(url, (client) => pipeline(client.query(copyTo('COPY statistical_records TO STDOUT')), createWriteStream(text)));
  const into = await measured(() =>
    withClient(url, async (client) => {
      await client.query('CREATE TEMP TABLE plain_copy (LIKE statistical_records INCLUDING ALL)');
      await pipeline(createReadStream(text), client.query(copyFrom('COPY plain_copy FROM STDIN')));
    }),
  );
  rmSync(text, { force: true });
  return { out: out.seconds, in: into.seconds };
}

/** PGlite baseline: a cursor reading the same rows, nothing written. */
async function cursorBaseline(database: Database): Promise<number> {
  const run = await measured(() =>
    database.db.transaction().execute(async (tx) => {
      await sql`declare plain_rows no scroll cursor for select * from statistical_records`.execute(tx);
      for (;;) {
        const batch = await sql`fetch forward 5000 from plain_rows`.execute(tx);
        if (batch.rows.length < 5000) break;
      }
    }),
  );
  return run.seconds;
}

async function benchDatabase(db: DbKind): Promise<void> {
  const records = recordCount(db);
  const restoredUrl = (() => {
    const url = new URL(benchUrl);
    url.pathname = `${url.pathname}_restored`;
    return url.toString();
  })();
  if (db === 'postgres') {
    if (!(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_BACKUP_DATABASE_URL', { log, cleanups }))) return;
    await createBenchDatabase(restoredUrl, 'PALERMO_BENCH_BACKUP_DATABASE_URL', { log, cleanups });
  }
  const keyring = Keyring.open({ dataDir: join(tempRoot, `${db}-keys`) });
  const source = await openDatabase(db === 'postgres' ? { databaseUrl: benchUrl, poolSize: 4 } : { dataDir: join(tempRoot, `${db}-source`) });
  const archive = join(tempRoot, `${db}.palermo-backup`);
  const emitCopy = figureWriter(db === 'postgres' ? 'plain-copy' : 'plain-cursor');
  try {
    await migrate(source);
    await new FieldCipher(keyring).init(source.db);
    log(`${db}: generating ${records.toLocaleString('en')} synthetic records`);
    await generateSyntheticStatistics(source.db, { records });
    const tableMb = Number((await sql<{ bytes: string }>`select pg_total_relation_size('statistical_records')::text as bytes`.execute(source.db)).rows[0]?.bytes) / MB;

    const baseline = db === 'postgres' ? await postgresBaselines(benchUrl) : await cursorBaseline(source).then((s) => ({ out: s, in: s }));
    log(`${db}: baseline read ${baseline.out.toFixed(1)} s, write ${baseline.in.toFixed(1)} s`);
    if (db === 'postgres') {
      try {
        const dump = await measured(async () => execFileSync('pg_dump', ['--data-only', '--table=statistical_records', `--file=${join(tempRoot, 'dump.sql')}`, benchUrl]));
        figureWriter('none')('backup-baseline-pg-dump', 'seconds', round(dump.seconds, 2), 's', db);
        rmSync(join(tempRoot, 'dump.sql'), { force: true });
      } catch (error) {
        log(`pg_dump not run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    const backup = await measured(() => writeBackup(source, keyring, archive, { postgresUrl: db === 'postgres' ? benchUrl : undefined }));
    const archiveMb = statSync(archive).size / MB;
    log(`${db}: backup of ${backup.result.rows} rows in ${backup.seconds.toFixed(1)} s, archive ${archiveMb.toFixed(1)} MB, peak RSS ${backup.peakMb.toFixed(0)} MB (+${backup.growthMb.toFixed(0)} MB)`);
    await source.close();

    const target = await openDatabase(db === 'postgres' ? { databaseUrl: restoredUrl, poolSize: 4 } : { dataDir: join(tempRoot, `${db}-target`) });
    try {
      await migrate(target);
      await new FieldCipher(keyring).init(target.db);
      const restore = await measured(() => restoreBackup(target, keyring, archive, { postgresUrl: db === 'postgres' ? restoredUrl : undefined }));
      const restoredRows = Number((await sql<{ n: string }>`select count(*)::text as n from statistical_records`.execute(target.db)).rows[0]?.n);
      if (restoredRows !== records) throw new Error(`restored ${restoredRows} statistical records of ${records}`);
      log(`${db}: restore of ${restore.result.rows} rows in ${restore.seconds.toFixed(1)} s, peak RSS ${restore.peakMb.toFixed(0)} MB (+${restore.growthMb.toFixed(0)} MB)`);

      for (const [bench, run, base] of [['backup', backup, baseline.out], ['restore', restore, baseline.in]] as const) {
        emitCopy(bench, 'seconds', round(run.seconds, 2), 's', db, round(base, 2));
        emitCopy(bench, 'rows_per_s', Math.round(records / run.seconds), 'rows/s', db, Math.round(records / base));
        const plain = figureWriter('none');
        plain(bench, 'records', records, 'count', db);
        plain(bench, 'peak_rss_mb', round(run.peakMb, 1), 'MB', db);
        plain(bench, 'rss_growth_mb', round(run.growthMb, 1), 'MB', db);
        plain(bench, 'archive_mb', round(archiveMb, 1), 'MB', db);
        plain(bench, 'table_mb', round(tableMb, 1), 'MB', db);
        plain(bench, 'memory_to_archive', round(Math.max(run.growthMb, 0) / archiveMb, 3), 'ratio', db);
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close().catch(() => undefined);
    rmSync(archive, { force: true });
  }
}

try {
  for (const db of databases) await benchDatabase(db);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}
