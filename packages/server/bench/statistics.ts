/**
 * Benchmark: the statistics page (national rapporteur) over a SYNTHETIC statistical dataset of BENCH_STATISTICS_RECORDS
 * records (default 1,000,000 on PostgreSQL, 100,000 on PGlite), generated in the database (generate_series), served by
 * the real `palermo start` in a child process, BENCH_CONNECTIONS (10) concurrent requests of the rapporteur's session:
 *   statistics-report   GET /api/statistics?<random filter combination>   (year range, sex, age band, form,
 *                       citizenship, country of exploitation, referring organisation type: each present or not)
 *   statistics-options  GET /api/statistics/options                       (the filter lists, loaded with the page)
 * Target: p95 under 100 ms. Baseline, in the same run: the equivalent raw SQL GROUP BY (GROUPING SETS of the same
 * breakdowns straight over statistical_records, no cube, no suppression, no HTTP) for the same filter combinations.
 *
 * stdout: one JSON line per figure, e.g.
 *   {"bench":"statistics-report","metric":"latency_p95_ms","value":N,"unit":"ms","baseline":"raw-sql","ratio":N,"db":"postgres"}
 * metrics: latency_p50_ms, latency_p95_ms, requests_per_s, errors, target_met, server_cpu_ms_per_request (CPU time of
 * the Palermo process per request, which depends little on what else the machine runs); statistics-generation:
 * seconds, records, cube_rows; statistics-first-read: latency_ms (the first read after a start loads the cube). stderr: progress. Exit code 1 if a run failed (a missed target is a figure, not a failure).
 *
 * Environment: BENCH_STATISTICS_RECORDS, BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (10),
 * BENCH_BASELINE_QUERIES (40), BENCH_DATABASES (postgres,pglite), BENCH_SERVER_NODE_OPTIONS (extra Node options for the
 * Palermo server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), PALERMO_BENCH_STATISTICS_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/palermo_bench_statistics; created afresh from the server's `test` database, dropped
 * after).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatisticsFilters } from '@palermo/contracts';
import { startServerProcess, stopProcess } from './children.js';
import { builtPalermoCommand, cleanupRegistry, cpuSeconds, createBenchDatabase, envNumber, figureWriter, percentile, rotatingLoad, round, signIn, type DbKind } from './bench-kit.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { generateSyntheticStatistics } from '../src/modules/statistics/synthetic-statistics.js';
import { aggregate, dimensionCounts } from '../src/modules/statistics/statistics.queries.js';
import { must } from '../src/modules/statistics/must.js';


const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const TARGET_MS = 100;

const seconds = envNumber('BENCH_SECONDS', 15);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 3);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 10));
const baselineQueries = Math.round(envNumber('BENCH_BASELINE_QUERIES', 40));
const recordCount = (db: DbKind) => Math.round(envNumber('BENCH_STATISTICS_RECORDS', db === 'postgres' ? 1_000_000 : 100_000));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchUrl = process.env['PALERMO_BENCH_STATISTICS_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_statistics';
const serverNodeOptions = (process.env['BENCH_SERVER_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
const log = (line: string) => void process.stderr.write(`[bench:statistics] ${line}\n`);

const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-statistics-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same combinations. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random filter combinations over the values present in the dataset: each filter present with probability 0.4. */
function filterCombinations(values: Map<string, string[]>, count: number): StatisticsFilters[] {
  const next = random(20260101);
  const pick = (list: string[]) => must(list[Math.floor(next() * list.length)]);
  const keyOf: Record<string, keyof StatisticsFilters> = {
    gender: 'sex',
    age_broad: 'ageBand',
    citizenship: 'citizenship',
    country_of_exploitation: 'countryOfExploitation',
    referring_organisation_type: 'referringOrganisationType',
  };
  const years = (values.get('year') ?? []).map(Number).filter((y) => y > 0);
  return Array.from({ length: count }, () => {
    const f: Record<string, string | number> = {};
    if (next() < 0.4 && years.length > 0) {
      const a = pick(years.map(String));
      const b = pick(years.map(String));
      f['yearFrom'] = Math.min(Number(a), Number(b));
      f['yearTo'] = Math.max(Number(a), Number(b));
    }
    for (const [column, key] of Object.entries(keyOf)) if (next() < 0.4) f[key] = pick(values.get(column) ?? ['unknown']);
    if (next() < 0.4) f['form'] = pick(['isSexualExploit', 'isForcedLabour', 'isOtherExploit']);
    return f as StatisticsFilters;
  });
}

const query = (f: StatisticsFilters) => new URLSearchParams(Object.entries(f).map(([k, v]): [string, string] => [k, String(v)])).toString();

async function benchDatabase(db: DbKind): Promise<void> {
  const records = recordCount(db);
  const dataDir = join(tempRoot, db);
  if (db === 'postgres' && !(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_STATISTICS_DATABASE_URL', { log, cleanups }))) return;
  const database = await openDatabase(db === 'postgres' ? { databaseUrl: benchUrl, poolSize: connections } : { dataDir });
  const email = `rapporteur-${randomUUID().slice(0, 8)}@bench.example`;
  const password = `bench ${randomUUID()}`;
  let datasetId: string;
  let combinations: StatisticsFilters[];
  try {
    await migrate(database);
    const organisationId = randomUUID();
    await database.db.insertInto('organisations').values({ id: organisationId, name: 'National rapporteur (bench)', type: 'national_rapporteur' }).execute();
    await database.db.insertInto('users').values({ id: randomUUID(), organisation_id: organisationId, display_name: 'Rapporteur (bench)', email, password_hash: await hashPassword(password), roles: ['national_rapporteur'] }).execute();
    log(`${db}: generating ${records.toLocaleString('en')} synthetic records`);
    const started = performance.now();
    const generated = await generateSyntheticStatistics(database.db, { records });
    const generationSeconds = (performance.now() - started) / 1000;
    datasetId = generated.datasetId;
    log(`${db}: ${records} records and a cube of ${generated.cube.cubeRows} rows in ${generationSeconds.toFixed(1)} s`);
    emit('statistics-generation', 'seconds', round(generationSeconds, 1), 's', db);
    emit('statistics-generation', 'records', records, 'count', db);
    emit('statistics-generation', 'cube_rows', generated.cube.cubeRows, 'count', db);

    const values = new Map<string, string[]>();
    for (const c of await dimensionCounts(database.db, datasetId)) values.set(c.column, [...(values.get(c.column) ?? []), c.value]);
    combinations = filterCombinations(values, 200);

    // Baseline: the same breakdowns as one GROUPING SETS query straight over the records, same concurrency.
    const latencies: number[] = [];
    let nextQuery = 0;
    const baselineStarted = performance.now();
    const worker = async () => {
      for (let i = nextQuery++; i < (db === 'postgres' ? baselineQueries : Math.min(baselineQueries, 10)); i = nextQuery++) {
        const t0 = performance.now();
        await aggregate(database.db, datasetId, must(combinations[i % combinations.length]), 'records');
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: db === 'postgres' ? connections : 1 }, worker));
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    latencies.sort((a, b) => a - b);
    const baseline = { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: latencies.length / baselineSeconds };
    log(`${db}: raw SQL GROUP BY over the records: p50 ${baseline.p50.toFixed(0)} ms, p95 ${baseline.p95.toFixed(0)} ms (${latencies.length} queries)`);

    await database.close();
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', PALERMO_LOG_LEVEL: 'silent', PALERMO_DATA_DIR: dataDir, PALERMO_DB_POOL_SIZE: String(connections) };
    delete env['NODE_OPTIONS'];
    if (db === 'postgres') env['DATABASE_URL'] = benchUrl;
    else delete env['DATABASE_URL'];
    const { server, url } = await startServerProcess(`palermo start (${db})`, process.execPath, [...serverNodeOptions, palermoBin, 'start', '--json'], { cwd: repoRoot, env });
    const stop = () => stopProcess(server).then(() => undefined);
    cleanups.push(stop);
    try {
      const { cookie } = await signIn(url, email, password);
      // The first read after a start loads the cube's columns: wait for it before measuring.
      const first = performance.now();
      const warm = await fetch(new URL('/api/statistics', url), { headers: { cookie: `palermo_session=${cookie}` } });
      if (!warm.ok) throw new Error(`/api/statistics: HTTP ${warm.status} ${await warm.text()}`);
      log(`${db}: first read (loads the cube into memory): ${(performance.now() - first).toFixed(0)} ms`);
      emit('statistics-first-read', 'latency_ms', round(performance.now() - first, 1), 'ms', db);
      const reportPaths = combinations.map((f) => `/api/statistics?${query(f)}`);
      const benches: Array<[string, string[], typeof baseline | null]> = [
        ['statistics-report', reportPaths, baseline],
        ['statistics-options', ['/api/statistics/options'], null],
      ];
      for (const [bench, paths, base] of benches) {
        await rotatingLoad(url, paths, cookie, { connections, duration: warmup, timeout: 30 });
        const cpuBefore = cpuSeconds(server.child.pid);
        const run = await rotatingLoad(url, paths, cookie, { connections, duration: seconds, timeout: 30 });
        const cpuAfter = cpuSeconds(server.child.pid);
        // CPU time per request of the Palermo process (with PGlite, the database too): moves little with the machine's load.
        if (cpuBefore !== undefined && cpuAfter !== undefined && run.rps > 0) emit(bench, 'server_cpu_ms_per_request', round(((cpuAfter - cpuBefore) * 1000) / (run.rps * seconds), 2), 'ms', db);
        log(`${db}: ${bench}: p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, ${run.rps.toFixed(0)} req/s, ${run.errors} errors`);
        emit(bench, 'latency_p50_ms', round(run.p50, 2), 'ms', db, base ? round(base.p50, 2) : null);
        emit(bench, 'latency_p95_ms', round(run.p95, 2), 'ms', db, base ? round(base.p95, 2) : null);
        emit(bench, 'requests_per_s', round(run.rps, 1), 'req/s', db, base ? round(base.rps, 2) : null);
        emit(bench, 'errors', run.errors, 'count', db);
        emit(bench, 'target_met', run.p95 < TARGET_MS && run.errors === 0 ? 1 : 0, 'bool', db);
      }
    } finally {
      await stop();
    }
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function main(): Promise<number> {
  let ok = true;
  for (const db of databases) {
    try {
      await benchDatabase(db);
    } catch (error) {
      ok = false;
      log(`${db} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  await cleanups.run();
  return ok ? 0 : 1;
}

process.exitCode = await main();
