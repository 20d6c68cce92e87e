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
 * seconds, records, cube_rows; statistics-first-read: latency_ms (the first read after a start loads the cube);
 * statistics-cube-load: seconds (the cube's columns read into memory), index_seconds (its accumulators and bitmaps).
 * The cost and the protection of the cell-key perturbation (docs/decisions/0005), in process:
 *   statistics-utility       mean_absolute_error and mean_relative_error_pct of the published (perturbed) cells of
 *                            100 persons and more against the exact counts, over the same filter combinations, and
 *                            cells_compared; mean_absolute_error_all over every non-empty cell.
 *   statistics-differencing  the differencing attack (differencing-attack.test-support.ts) over a separate synthetic
 *                            dataset of BENCH_ATTACK_RECORDS (20,000): exact_recovery_share of the counts below the
 *                            threshold, against the perturbed page (baseline: the method's zero-noise probability) and
 *                            exact_recovery_share_suppressed against exact tables with small-cell suppression; targets.
 * stderr: progress. Exit code 1 if a run failed (a missed target is a figure, not a failure).
 *
 * Environment: BENCH_STATISTICS_RECORDS, BENCH_ATTACK_RECORDS, BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (10),
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
import { ensureCube } from '../src/modules/statistics/statistics.cube.js';
import { aggregateColumns, aggregateYearCells, cubeColumns, type CubeColumns } from '../src/modules/statistics/statistics.engine.js';
import { indexOf } from '../src/modules/statistics/statistics.cube-index.js';
import { publishPerturbed } from '../src/modules/statistics/statistics.perturbed.js';
import { publish } from '../src/modules/statistics/statistics.tables.js';
import { exactShare } from '../src/modules/statistics/cell-key.js';
import { binomialUpperTail, differencingAttack, perturbedTotal, suppressedTotal } from '../src/modules/statistics/differencing-attack.test-support.js';


const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const TARGET_MS = 100;

const seconds = envNumber('BENCH_SECONDS', 15);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 3);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 10));
const baselineQueries = Math.round(envNumber('BENCH_BASELINE_QUERIES', 40));
const attackRecords = Math.round(envNumber('BENCH_ATTACK_RECORDS', 20_000));
const recordCount = (db: DbKind) => Math.round(envNumber('BENCH_STATISTICS_RECORDS', db === 'postgres' ? 1_000_000 : 100_000));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchUrl = process.env['PALERMO_BENCH_STATISTICS_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_statistics';
const serverNodeOptions = (process.env['BENCH_SERVER_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
const log = (line: string) => void process.stderr.write(`[bench:statistics] ${line}\n`);

const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
/** The differencing attack's figures beside the share of counts the method leaves exact. */
const emitAttack = figureWriter('zero-noise-probability');
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

/**
 * The utility cost of the perturbation: every published cell of the persons' tables (with its row and column) against
 * the same cell counted exactly (the exact tables: suppression with a threshold of 1 withholds nothing).
 */
function utilityCost(cube: CubeColumns, combinations: readonly StatisticsFilters[]) {
  const errors: Array<{ exact: number; error: number }> = [];
  const ids = ['year_stage', 'year_status', 'sex', 'age_band', 'citizenship', 'country_of_exploitation', 'referring_organisation_type', 'form'];
  for (const filters of combinations) {
    const exact = publish(aggregateColumns(cube, filters), filters, 1).tables;
    const shown = publishPerturbed(aggregateYearCells(cube, filters), filters).tables;
    for (const id of ids) {
      const a = exact.find((t) => t.id === id);
      const b = shown.find((t) => t.id === id);
      if (!a || !b) continue;
      for (const row of a.rows) {
        const other = b.rows.find((r) => r.key === row.key);
        a.columns.forEach((column, c) => {
          const n = row.cells[c]?.value ?? 0;
          const m = other?.cells[b.columns.indexOf(column)]?.value ?? 0;
          if (n > 0) errors.push({ exact: n, error: Math.abs(m - n) });
        });
      }
    }
  }
  const large = errors.filter((e) => e.exact >= 100);
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((x, y) => x + y, 0) / xs.length);
  return {
    cells: large.length,
    mae: mean(large.map((e) => e.error)),
    mrePct: mean(large.map((e) => (100 * e.error) / e.exact)),
    maeAll: mean(errors.map((e) => e.error)),
  };
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
    // The differencing attack, on a dataset of its own (small enough for many counts below the threshold).
    log(`${db}: differencing attack over ${attackRecords.toLocaleString('en')} synthetic records`);
    const attackSet = await generateSyntheticStatistics(database.db, { records: attackRecords, seed: 0.61 });
    const attackCube = await cubeColumns(database.db, attackSet.datasetId, (await ensureCube(database.db, attackSet.datasetId)).builtAt);
    const THRESHOLD = 11;
    const attacked = await differencingAttack(attackCube, THRESHOLD, perturbedTotal(attackCube));
    const old = await differencingAttack(attackCube, THRESHOLD, suppressedTotal(attackCube, THRESHOLD));
    const p0 = exactShare(1);
    const share = attacked.targets === 0 ? 0 : attacked.recovered / attacked.targets;
    log(`${db}: attack recovers ${attacked.recovered} of ${attacked.targets} small counts exactly (${(share * 100).toFixed(1)} %; zero-noise probability ${(p0 * 100).toFixed(1)} %), ${old.recovered} of ${old.targets} from suppressed exact tables, ${attacked.queries + old.queries} queries`);
    emitAttack('statistics-differencing', 'exact_recovery_share', round(share, 4), 'share', db, round(p0, 4));
    emitAttack('statistics-differencing', 'exact_recovery_share_suppressed', round(old.targets === 0 ? 0 : old.recovered / old.targets, 4), 'share', db, round(p0, 4));
    emitAttack('statistics-differencing', 'binomial_p_value', round(binomialUpperTail(attacked.recovered, attacked.targets, p0), 4), 'p', db);
    emitAttack('statistics-differencing', 'targets', attacked.targets, 'count', db);

    log(`${db}: generating ${records.toLocaleString('en')} synthetic records`);
    const started = performance.now();
    const generated = await generateSyntheticStatistics(database.db, { records, replace: false });
    const generationSeconds = (performance.now() - started) / 1000;
    datasetId = generated.datasetId;
    log(`${db}: ${records} records and a cube of ${generated.cube.cubeRows} rows in ${generationSeconds.toFixed(1)} s`);
    emit('statistics-generation', 'seconds', round(generationSeconds, 1), 's', db);
    emit('statistics-generation', 'records', records, 'count', db);
    emit('statistics-generation', 'cube_rows', generated.cube.cubeRows, 'count', db);

    const values = new Map<string, string[]>();
    for (const c of await dimensionCounts(database.db, datasetId)) values.set(c.column, [...(values.get(c.column) ?? []), c.value]);
    combinations = filterCombinations(values, 200);

    // The cube's load time (columns from the database) and index build, then the perturbation's utility cost.
    const loadStarted = performance.now();
    const cube = await cubeColumns(database.db, datasetId, generated.cube.builtAt);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const indexStarted = performance.now();
    indexOf(cube);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    log(`${db}: cube loaded in ${loadSeconds.toFixed(2)} s, indexed in ${indexSeconds.toFixed(2)} s`);
    emit('statistics-cube-load', 'seconds', round(loadSeconds, 2), 's', db);
    emit('statistics-cube-load', 'index_seconds', round(indexSeconds, 2), 's', db);
    const utility = utilityCost(cube, combinations);
    log(`${db}: perturbation on ${utility.cells} cells of 100+: mean absolute error ${utility.mae.toFixed(2)}, mean relative error ${utility.mrePct.toFixed(3)} %`);
    emit('statistics-utility', 'mean_absolute_error', round(utility.mae, 3), 'persons', db);
    emit('statistics-utility', 'mean_relative_error_pct', round(utility.mrePct, 4), '%', db);
    emit('statistics-utility', 'mean_absolute_error_all', round(utility.maeAll, 3), 'persons', db);
    emit('statistics-utility', 'cells_compared', utility.cells, 'count', db);

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
