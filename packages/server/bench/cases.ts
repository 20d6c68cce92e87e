/**
 * Benchmark: the caseworker's screens on a national caseload. With BENCH_CASES synthetic cases (default 100,000 on
 * PostgreSQL, 10,000 on PGlite), served by the real `palermo start` in a child process, 20 concurrent users of one
 * caseworker's session:
 *   case-list    GET /api/cases?<filter>&limit=50   (filters rotate: each stage, overdue, status)
 *   case-search  GET /api/cases/search?name=<common synthetic name>
 *   case-page    GET /api/cases/:id                 (ids rotate among the caseworker's organisation's cases)
 * Target: p95 under 100 ms for each. Baseline, in the same run: the endpoint's SQL alone (raw-sql: pg or PGlite
 * directly, same concurrency, no access filter, session, decryption or audit).
 *
 * stdout: one JSON line per figure, e.g.
 *   {"bench":"case-list","metric":"latency_p95_ms","value":N,"unit":"ms","baseline":"raw-sql","ratio":N,"db":"postgres"}
 * metrics: latency_p50_ms, latency_p95_ms, requests_per_s, errors, target_met (p95 < 100 ms); case-generation: seconds.
 * Also, as the machine may be shared and latency then depends on what else runs, the CPU time each request costs
 * (Linux /proc): server_cpu_ms_per_request (the Palermo process; with PGlite the database runs inside it) and, on
 * PostgreSQL, db_cpu_ms_per_request (the server's backends on the bench database); these do not move with the load.
 * stderr: progress. Exit code 1 if a run failed (a missed target is a figure, not a failure).
 *
 * Environment: BENCH_CASES (per database default above), BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3),
 * BENCH_CONNECTIONS (20), BENCH_DATABASES (postgres,pglite), PALERMO_BENCH_CASES_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/palermo_bench_cases; created afresh from the server's `test` database, dropped after),
 * BENCH_SCREENS (case-list,case-search,case-page: which to measure), BENCH_SERVER_NODE_OPTIONS (extra Node options for the Palermo server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 * BENCH_KEEP_DATA (a folder: the generated data - PGlite folder, master key, the caseworker's credentials and second
 * factor - is kept there and the PostgreSQL database is not dropped; the next run with the same folder and case count
 * reuses them instead of generating again, and applies any new migration when the server starts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess, stopProcess } from './children.js';
import { builtPalermoCommand, cleanupRegistry, createBenchDatabase, envNumber, figureWriter, keptData, measureScreen, percentile, round, serverEnvironment, signIn, type Measurement } from './bench-kit.js';
import { prepareCaseData, runRawQuery, type CaseBenchData, type DbKind, type RawBench, type Target } from './case-data.js';


const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const TARGET_MS = 100;

const seconds = envNumber('BENCH_SECONDS', 15);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 3);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 20));
const caseCount = (db: DbKind) => Math.round(envNumber('BENCH_CASES', db === 'postgres' ? 100_000 : 10_000));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchUrl = process.env['PALERMO_BENCH_CASES_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_cases';
const screens = (process.env['BENCH_SCREENS'] ?? 'case-list,case-search,case-page').split(',').map((s) => s.trim());
const serverNodeOptions = (process.env['BENCH_SERVER_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
const keepDir = process.env['BENCH_KEEP_DATA'] ? resolve(process.env['BENCH_KEEP_DATA']) : undefined;
const log = (line: string) => void process.stderr.write(`[bench:cases] ${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: children killed, folders removed, the bench database dropped, also on errors and signals.

const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-cases-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));

/** What a kept data set needs to be used again (BENCH_KEEP_DATA). */
interface KeptData {
  readonly masterKey: string;
  readonly data: CaseBenchData;
  readonly totpSecret?: string | undefined;
}
const kept = keptData<KeptData>(keepDir, '');

// ---------------------------------------------------------------------------------------------------------------

const listFilters = [
  'stage=reported', 'stage=screened', 'stage=reasonable_grounds_pending', 'stage=reasonable_grounds_positive', 'stage=reasonable_grounds_negative',
  'stage=conclusive_positive', 'stage=conclusive_negative', 'overdue=true', 'status=Active', 'status=Active&stage=screened',
];
const searchNames = ['Nguyen', 'Popescu', 'Okafor', 'Maria'];

async function benchDatabase(db: DbKind): Promise<void> {
  const count = caseCount(db);
  const dataDir = join(keepDir ?? tempRoot, db);
  let saved = kept.read(db, count);
  let data: CaseBenchData;
  let target: Target;
  if (saved) {
    target = { db, url: benchUrl, dataDir, masterKey: saved.masterKey };
    data = saved.data;
    log(`${db}: reusing the ${count} cases kept in ${dataDir}`);
  } else {
    if (keepDir) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(keepDir, { recursive: true });
    }
    if (db === 'postgres' && !(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_CASES_DATABASE_URL', { log, cleanups, keep: keepDir !== undefined }))) return;
    target = { db, url: benchUrl, dataDir, masterKey: randomBytes(32).toString('base64') };
    log(`${db}: generating ${count} cases`);
    data = await prepareCaseData(target, count, searchNames, log);
    log(`${db}: ${count} cases in ${data.generationSeconds.toFixed(1)} s`);
    emit('case-generation', 'seconds', round(data.generationSeconds, 1), 's', db);
    emit('case-generation', 'cases', count, 'count', db);
    saved = { masterKey: target.masterKey, data };
    kept.write(db, saved);
  }

  const raw: Record<RawBench, readonly (readonly unknown[])[]> = {
    'case-list': ['reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive', 'conclusive_positive'].map((s) => [s]),
    'case-search': data.searchTokens.map((t) => [t]),
    'case-page': data.caseIds.map((id) => [id]),
  };
  const baselines = new Map<RawBench, Measurement>();
  for (const bench of (Object.keys(raw) as RawBench[]).filter((b) => screens.includes(b))) {
    const run = await runRawQuery(target, bench, raw[bench], connections, Math.min(seconds, 10));
    baselines.set(bench, { p50: percentile(run.latencies, 50), p95: percentile(run.latencies, 95), rps: run.latencies.length / run.seconds, errors: 0 });
    log(`${db}: raw SQL ${bench}: p95 ${percentile(run.latencies, 95).toFixed(2)} ms, ${(run.latencies.length / run.seconds).toFixed(0)} q/s`);
  }

  const { server, url } = await startServerProcess(`palermo start (${db})`, process.execPath, [...serverNodeOptions, palermoBin, 'start', '--json'], { cwd: repoRoot, env: serverEnvironment(target) });
  const stop = () => stopProcess(server).then(() => undefined);
  cleanups.push(stop);
  try {
    const { cookie, totpSecret } = await signIn(url, data.caseworker.email, data.caseworker.password, saved.totpSecret);
    kept.write(db, { ...saved, totpSecret });
    const paths: Record<RawBench, string[]> = {
      'case-list': listFilters.map((f) => `/api/cases?${f}&limit=50`),
      'case-search': searchNames.map((n) => `/api/cases/search?name=${encodeURIComponent(n)}`),
      'case-page': data.caseIds.map((id) => `/api/cases/${id}`),
    };
    for (const bench of (Object.keys(paths) as RawBench[]).filter((b) => screens.includes(b))) {
      const baseline = baselines.get(bench) ?? { p50: Number.NaN, p95: Number.NaN, rps: Number.NaN, errors: 0 };
      await measureScreen({ name: bench, paths: paths[bench], cookie, target: TARGET_MS }, { url, serverPid: server.child.pid, db, benchUrl, connections, warmup, seconds, baseline, emit, log });
    }
  } finally {
    await stop();
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
