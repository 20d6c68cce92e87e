/**
 * Benchmark: importing a CTDC record-level file of 1,000,000 rows (`palermo import ctdc`: read, interpret every cell,
 * report anomalies, store all or nothing in one transaction) on PostgreSQL (and PGlite when asked), beside a baseline
 * measured in the same run on the same file: reading and interpreting it without storing it. Each phase runs in a
 * child process of its own, so its peak resident memory is its own.
 *
 * stdout: one JSON line per figure,
 *   {"bench":"ctdc-import","metric":"import_seconds","value":N,"unit":"s","baseline":"parse-only","ratio":N,"db":"postgres"}
 *   {"bench":"ctdc-import","metric":"peak_rss_mb","value":N,"unit":"MB","baseline":"parse-only","ratio":N,"db":"postgres"}
 *   {"bench":"ctdc-import","metric":"rows_per_s","value":N,"unit":"rows/s","baseline":"parse-only","ratio":N,"db":"postgres"}
 * stderr: progress for humans. Exit code 1 if a run failed or the stored rows do not match the file.
 *
 * Environment:
 *   BENCH_CTDC_ROWS (1000000)        rows of the generated file
 *   BENCH_DATABASES (postgres)       postgres and/or pglite, comma-separated
 *   PALERMO_BENCH_CTDC_DATABASE_URL  PostgreSQL database to create, use and drop
 *                                    (default postgres://root@127.0.0.1:5432/palermo_bench_ctdc, created from a
 *                                    connection to the server's `test` database)
 * Targets (measured on PostgreSQL): import under 60 s, peak memory under 1 GB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCtdcFile } from './ctdc-data.js';
import { adminQuery } from './bench-kit.js';

const BENCH = 'ctdc-import';
const self = fileURLToPath(import.meta.url);

function log(line: string): void {
  process.stderr.write(`[${BENCH}] ${line}\n`);
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

interface PhaseResult {
  seconds: number;
  rowsRead: number;
  rowsImported: number;
  peakRssMb: number;
  stored?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Child phases

async function parsePhase(file: string): Promise<PhaseResult> {
  const { readCtdc } = await import('../src/modules/statistical-records/ctdc-import.js');
  const started = performance.now();
  const bytes = readFileSync(file);
  let records = 0;
  const parsed = await readCtdc(
    { fileName: basename(file), bytes },
    {
      records: async (batch) => {
        records += batch.length;
      },
      anomalies: async () => undefined,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rowsRead: parsed.rowsRead, rowsImported: records, peakRssMb: peakRssMb() };
}

async function importPhase(file: string, target: string): Promise<PhaseResult> {
  const { openDatabase } = await import('../src/platform/db/database.js');
  const { migrate } = await import('../src/platform/db/migrate.js');
  const { importCtdc } = await import('../src/modules/statistical-records/ctdc-import.js');
  const { systemActor } = await import('../src/platform/audit/audit.js');
  const dataDir = target === 'pglite' ? mkdtempSync(join(tmpdir(), 'palermo-bench-ctdc-pglite-')) : undefined;
  const database = await openDatabase(target === 'pglite' ? { dataDir: dataDir as string } : { databaseUrl: target, poolSize: 2 });
  try {
    await migrate(database);
    const started = performance.now();
    const bytes = readFileSync(file);
    const summary = await importCtdc(database.db, { fileName: basename(file), bytes }, { actor: systemActor('bench import ctdc'), postgresUrl: target === 'pglite' ? undefined : target });
    const seconds = (performance.now() - started) / 1000;
    const stored = await database.db
      .selectFrom('statistical_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dataset_id', '=', summary.datasetId)
      .executeTakeFirstOrThrow();
    return { seconds, rowsRead: summary.rowsRead, rowsImported: summary.rowsImported, peakRssMb: peakRssMb(), stored: Number(stored.n) };
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Orchestrator

function runChild(args: string[]): Promise<PhaseResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, self, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${args[0]} phase exited with ${code}`));
      try {
        resolvePromise(JSON.parse(line) as PhaseResult);
      } catch {
        reject(new Error(`${args[0]} phase printed no result`));
      }
    });
  });
}

function figure(metric: string, value: number, unit: string, baseline: number, db: string): void {
  const ratio = baseline > 0 ? Number((value / baseline).toFixed(3)) : null;
  process.stdout.write(`${JSON.stringify({ bench: BENCH, metric, value: Number(value.toFixed(3)), unit, baseline: 'parse-only', ratio, db })}\n`);
}

async function main(): Promise<void> {
  const rows = Number(process.env['BENCH_CTDC_ROWS'] ?? 1_000_000);
  if (!Number.isInteger(rows) || rows <= 0) throw new Error('BENCH_CTDC_ROWS must be a positive whole number');
  const databases = (process.env['BENCH_DATABASES'] ?? 'postgres').split(',').map((d) => d.trim()).filter((d) => d === 'postgres' || d === 'pglite');
  const benchUrl = process.env['PALERMO_BENCH_CTDC_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_ctdc';
  const dir = mkdtempSync(join(tmpdir(), 'palermo-bench-ctdc-'));
  let failed = false;
  try {
    const file = join(dir, 'ctdc-synthetic-v2.csv');
    const genStart = performance.now();
    const bytes = await writeCtdcFile(file, rows);
    log(`generated ${rows} rows (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - genStart) / 1000).toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    for (const db of databases) {
      let target = 'pglite';
      if (db === 'postgres') {
        const name = decodeURIComponent(new URL(benchUrl).pathname.replace(/^\//, ''));
        if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test') throw new Error(`PALERMO_BENCH_CTDC_DATABASE_URL must name a database of its own (got "${name}")`);
        try {
          await adminQuery(benchUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } catch (error) {
          log(`PostgreSQL not reachable (${error instanceof Error ? error.message : String(error)}): skipping it`);
          continue;
        }
        await adminQuery(benchUrl, `CREATE DATABASE ${name}`);
        target = benchUrl;
      }
      try {
        const baseline = await runChild(['parse', file]);
        log(`${db}: parse only ${baseline.seconds.toFixed(2)} s, ${baseline.rowsRead} rows, peak ${baseline.peakRssMb} MB`);
        const measured = await runChild(['import', file, target]);
        log(`${db}: import ${measured.seconds.toFixed(2)} s, ${measured.rowsImported} rows imported, ${measured.stored} stored, peak ${measured.peakRssMb} MB`);
        if (measured.stored !== baseline.rowsImported || measured.rowsRead !== rows) {
          log(`${db}: stored ${measured.stored} records for ${baseline.rowsImported} rows with values: mismatch`);
          failed = true;
        }
        figure('import_seconds', measured.seconds, 's', baseline.seconds, db);
        figure('rows_per_s', measured.rowsImported / measured.seconds, 'rows/s', baseline.rowsImported / baseline.seconds, db);
        figure('peak_rss_mb', measured.peakRssMb, 'MB', baseline.peakRssMb, db);
      } finally {
        if (db === 'postgres') {
          const name = decodeURIComponent(new URL(benchUrl).pathname.replace(/^\//, ''));
          await adminQuery(benchUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        }
      }
    }
    log(`load average after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

const [mode, file, target] = process.argv.slice(2);
if (mode === 'parse' && file) {
  process.stdout.write(`${JSON.stringify(await parsePhase(file))}\n`);
} else if (mode === 'import' && file && target) {
  process.stdout.write(`${JSON.stringify(await importPhase(file, target))}\n`);
} else {
  await main();
}
