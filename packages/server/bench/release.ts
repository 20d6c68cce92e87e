/**
 * Benchmark: privacy-safe releases of statistical records (target: a differentially private synthetic release of
 * 200,000 records with 20 attributes at reporting length 3 in under 60 s on PostgreSQL).
 *
 * Data: BENCH_RELEASE_RECORDS made-up de-identified records (default 200,000 on PostgreSQL, 50,000 on PGlite) with 20
 * attributes (the CTDC scalars, eight means of control, three purposes, two labour sectors; test-population.ts).
 * Measured, each on the same dataset through the release service (what `palermo release` and POST /api/releases run):
 *   release-synthetic    epsilon 2, delta 1e-6, reporting length 3: budget check, read, contribution-bounded counts of
 *                        every 1-3-way combination, Gaussian noise, thresholding, aggregate-seeded synthesis, utility
 *                        report (1-3-way counts of real and synthetic records), CSV, SHA-256, gzip, ledger row, audit.
 *   release-k-anonymous  k 11 over year, gender, age band, citizenship, country of exploitation.
 * Baseline, in the same run: reading the same records from the database and counting every 1-3-way combination of
 * their values, exactly, once (no noise, no thresholding, no synthesis, no utility report, no file).
 *
 * stdout: one JSON line per figure, e.g.
 *   {"bench":"release-synthetic","metric":"seconds","value":N,"unit":"s","baseline":"read-and-count-1-3-way","ratio":N,"db":"postgres"}
 * metrics: seconds, cpu_seconds (this process only; the machine may be shared), target_met (synthetic: 1 when under 60 s), records, combinations (baseline: distinct 1-3-way
 * combinations). stderr: progress and the load average.
 *
 * Environment: BENCH_DATABASES (postgres,pglite), BENCH_RELEASE_RECORDS (per database default above),
 * PALERMO_BENCH_ADMIN_URL (postgres://root@127.0.0.1:5432/test: a database on the server used to create and drop
 * palermo_bench_release_<random>).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { countCombinations, encodeRows, ValueDictionary } from '../src/modules/releases/combinations.js';
import { selectAttributes } from '../src/modules/releases/release-attributes.js';
import { readAttributeRows } from '../src/modules/releases/releases.repo.js';
import { makeRelease } from '../src/modules/releases/releases.service.js';
import { benchmarkAttributes, insertPopulation } from '../src/modules/releases/test-population.js';

type DbKind = 'postgres' | 'pglite';
const TARGET_SECONDS = 60;
const BASELINE = 'read-and-count-1-3-way';
const log = (line: string): void => void process.stderr.write(`[bench:release] ${line}\n`);
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const adminUrl = process.env['PALERMO_BENCH_ADMIN_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

function recordCount(db: DbKind): number {
  const raw = process.env['BENCH_RELEASE_RECORDS'];
  if (raw === undefined || raw === '') return db === 'postgres' ? 200_000 : 50_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`BENCH_RELEASE_RECORDS must be a positive whole number (got "${raw}")`);
  return value;
}

function emit(bench: string, metric: string, value: number, unit: string, db: DbKind, baseline: string | null = null, ratio: number | null = null): void {
  process.stdout.write(`${JSON.stringify({ bench, metric, value, unit, baseline, ratio, db })}\n`);
}

async function openBenchDatabase(kind: DbKind): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, drop: () => database.close() };
  }
  const name = `palermo_bench_release_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Wall-clock seconds, and the CPU seconds of this process (the database server's work is not in them). */
async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, value };
}

async function benchOn(kind: DbKind): Promise<void> {
  const count = recordCount(kind);
  const { database, drop } = await openBenchDatabase(kind);
  try {
    await migrate(database);
    const db = database.db;
    log(`${kind}: inserting ${count.toLocaleString('en-US')} records`);
    const datasetId = await insertPopulation(db, { count, seed: 20_240_201, kind: 'ctdc_import', name: 'Benchmark population' });
    const attributes = selectAttributes([...benchmarkAttributes]);
    const actor = { userId: null, name: 'palermo bench', organisationId: null };

    const baseline = await timed(async () => {
      const rows = await readAttributeRows(db, datasetId, attributes);
      return countCombinations(encodeRows(rows, new ValueDictionary()), 3).size;
    });
    log(`${kind}: baseline ${baseline.seconds.toFixed(2)} s (${baseline.value.toLocaleString('en-US')} distinct combinations)`);
    emit('release-baseline', 'seconds', baseline.seconds, 's', kind);
    emit('release-baseline', 'cpu_seconds', baseline.cpuSeconds, 's', kind);
    emit('release-baseline', 'combinations', baseline.value, 'count', kind);

    const synthetic = await timed(() =>
      makeRelease({ db }, actor, { kind: 'synthetic', datasetId, epsilon: 2, delta: 1e-6, reportingLength: 3, attributes: [...benchmarkAttributes] }),
    );
    const made = synthetic.value.release;
    log(`${kind}: synthetic ${synthetic.seconds.toFixed(2)} s, ${made.recordsReleased} records; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    for (const l of made.utility.lengths) {
      log(`  length ${l.length}: ${l.realCombinations} real, ${l.releasedCombinations} released, MAE ${l.meanAbsoluteError.toFixed(1)} (mean real count ${l.meanRealCount.toFixed(1)}), suppressed ${(l.suppressedShare * 100).toFixed(1)}%, fabricated ${(l.fabricatedShare * 100).toFixed(1)}%`);
    }
    emit('release-synthetic', 'seconds', synthetic.seconds, 's', kind, BASELINE, synthetic.seconds / baseline.seconds);
    emit('release-synthetic', 'cpu_seconds', synthetic.cpuSeconds, 's', kind, BASELINE, synthetic.cpuSeconds / baseline.cpuSeconds);
    emit('release-synthetic', 'records', count, 'count', kind);
    emit('release-synthetic', 'target_met', Number(synthetic.seconds < TARGET_SECONDS), 'bool', kind);

    const kAnonymous = await timed(() =>
      makeRelease({ db }, actor, {
        kind: 'k_anonymous',
        datasetId,
        k: 11,
        quasiIdentifiers: ['yearOfRegistration', 'gender', 'ageBroad', 'citizenship', 'CountryOfExploitation'],
        attributes: [...benchmarkAttributes],
      }),
    );
    log(`${kind}: k-anonymous ${kAnonymous.seconds.toFixed(2)} s, ${kAnonymous.value.release.recordsReleased} records kept; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    emit('release-k-anonymous', 'seconds', kAnonymous.seconds, 's', kind, BASELINE, kAnonymous.seconds / baseline.seconds);
  } finally {
    await drop();
  }
}

let failed = false;
for (const kind of databases) {
  try {
    await benchOn(kind);
  } catch (error) {
    failed = true;
    log(`${kind}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
