/**
 * Benchmark: each role's home and the case list under every filter, on a national caseload. With BENCH_CASES
 * synthetic cases (default 100,000 on PostgreSQL, 10,000 on PGlite; the case benchmark's data, bench/case-data.ts),
 * served by the real `palermo start` in a child process, BENCH_CONNECTIONS concurrent requests of one user's session:
 *   home-<role>        GET /api/home as the demo user of each role (caseworker, supervisor, decision maker,
 *                      investigator, coordinator, rapporteur, national and organisation administrator)
 *   home-counts        GET /api/home/counts as the caseworker (the navigation's badges)
 *   case-list-filters  GET /api/cases with each filter, sort and page in turn (stage, status, form of exploitation,
 *                      deadline, assigned to me, the five sorts, a later page)
 * Targets: p95 under 150 ms for each home, under 100 ms for the case list, at two simultaneous requests of each screen
 * (BENCH_CONNECTIONS 2, as the progress and network benchmarks: a national caseload of hundreds of caseworkers opens a
 * home far less than once a second). More connections than cores measure the queue of a saturated machine rather than
 * the screen: on two cores, 10 connections put the heaviest homes near 300 ms p95 at about 45 requests a second each;
 * requests_per_s and the CPU per request say what a larger machine would serve. Baseline, in the same run: the case
 * list's SQL alone (raw-sql, as in bench/cases.ts: no access filter, session, audit or HTTP).
 *
 * stdout: one JSON line per figure (bench-kit.ts figureWriter), e.g.
 *   {"bench":"home-caseworker","metric":"latency_p95_ms","value":N,"unit":"ms","baseline":"raw-sql","ratio":N,"db":"postgres"}
 * metrics: latency_p50_ms, latency_p95_ms, requests_per_s, errors, target_met; server_cpu_ms_per_request (and on
 * PostgreSQL db_cpu_ms_per_request), which do not move with the load of a shared machine. stderr: progress.
 *
 * Environment: BENCH_CASES, BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (2), BENCH_DATABASES
 * (postgres,pglite), PALERMO_BENCH_HOMES_DATABASE_URL (default postgres://root@127.0.0.1:5432/palermo_bench_homes;
 * created afresh from the server's `test` database, dropped after), BENCH_SCREENS (a comma-separated subset of the
 * names above), BENCH_KEEP_DATA (a folder: the generated data is kept there and reused by the next run).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess, stopProcess } from './children.js';
import { builtPalermoCommand, cleanupRegistry, createBenchDatabase, envNumber, figureWriter, keptData, measureScreen, percentile, round, serverEnvironment, signIn, type Screen } from './bench-kit.js';
import { prepareCaseData, runRawQuery, type CaseBenchData, type DbKind, type Target } from './case-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const HOME_TARGET_MS = 150;
const LIST_TARGET_MS = 100;

const seconds = envNumber('BENCH_SECONDS', 10);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 2));
const caseCount = (db: DbKind) => Math.round(envNumber('BENCH_CASES', db === 'postgres' ? 100_000 : 10_000));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchUrl = process.env['PALERMO_BENCH_HOMES_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_homes';
const keepDir = process.env['BENCH_KEEP_DATA'] ? resolve(process.env['BENCH_KEEP_DATA']) : undefined;
const log = (line: string) => void process.stderr.write(`[bench:homes] ${line}\n`);

const homeRoles = ['caseworker', 'supervisor', 'decision_maker', 'investigator', 'national_coordinator', 'national_rapporteur', 'national_admin', 'organisation_admin'] as const;
const listQueries = [
  'stage=screened', 'stage=reasonable_grounds_pending', 'status=Active', 'form=ForcedLabour', 'form=SexualExploitation&stage=screened',
  'deadline=overdue', 'deadline=week', 'assignedToMe=true', 'sort=opened_asc', 'sort=due_asc', 'sort=reference_asc', 'sort=stage_asc',
  'offset=500', 'status=Active&sort=due_asc&offset=100', 'assignedToMe=true&deadline=overdue&sort=due_asc',
].map((q) => `/api/cases?${q}&limit=50`);
const wanted = process.env['BENCH_SCREENS'] ? new Set(process.env['BENCH_SCREENS'].split(',').map((s) => s.trim())) : undefined;
const measured = (screen: string) => wanted === undefined || wanted.has(screen);

const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-homes-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));

interface KeptData {
  readonly masterKey: string;
  readonly data: CaseBenchData;
  readonly secrets: Record<string, string | undefined>;
}
const kept = keptData<KeptData>(keepDir, 'homes-');

async function benchDatabase(db: DbKind): Promise<void> {
  const count = caseCount(db);
  const dataDir = join(keepDir ?? tempRoot, `homes-${db}`);
  let data = kept.read(db, count);
  let target: Target;
  if (data) {
    target = { db, url: benchUrl, dataDir, masterKey: data.masterKey };
    log(`${db}: reusing the ${count} cases kept in ${dataDir}`);
  } else {
    if (keepDir) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(keepDir, { recursive: true });
    }
    if (db === 'postgres' && !(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_HOMES_DATABASE_URL', { log, cleanups, keep: keepDir !== undefined }))) return;
    target = { db, url: benchUrl, dataDir, masterKey: randomBytes(32).toString('base64') };
    log(`${db}: generating ${count} cases`);
    const generated = await prepareCaseData(target, count, [], log);
    log(`${db}: ${count} cases in ${generated.generationSeconds.toFixed(1)} s`);
    emit('case-generation', 'seconds', round(generated.generationSeconds, 1), 's', db);
    data = { masterKey: target.masterKey, data: generated, secrets: {} };
    kept.write(db, data);
  }

  const stages = ['reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive', 'conclusive_positive'].map((s) => [s]);
  const raw = await runRawQuery(target, 'case-list', stages, connections, Math.min(seconds, 10));
  const baseline = { p50: percentile(raw.latencies, 50), p95: percentile(raw.latencies, 95), rps: raw.latencies.length / raw.seconds };
  log(`${db}: raw SQL case list: p95 ${baseline.p95.toFixed(2)} ms`);

  const { server, url } = await startServerProcess(`palermo start (${db})`, process.execPath, [palermoBin, 'start', '--json'], { cwd: repoRoot, env: serverEnvironment(target) });
  const stop = () => stopProcess(server).then(() => undefined);
  cleanups.push(stop);
  try {
    const credentials = data.data.credentials ?? [];
    const sessions = new Map<string, string>();
    const secrets = { ...data.secrets };
    for (const role of homeRoles) {
      const who = credentials.find((c) => c.role === role);
      if (!who) {
        log(`${db}: no demo user for ${role}`);
        continue;
      }
      const { cookie, totpSecret } = await signIn(url, who.email, who.password, secrets[role]);
      secrets[role] = totpSecret;
      sessions.set(role, cookie);
    }
    kept.write(db, { ...data, secrets });
    const screens: Array<Omit<Screen, 'cookie'> & { cookie: string | undefined }> = [
      ...homeRoles.map((role) => ({ name: `home-${role}`, cookie: sessions.get(role), paths: ['/api/home'], target: HOME_TARGET_MS })),
      { name: 'home-counts', cookie: sessions.get('caseworker'), paths: ['/api/home/counts'], target: HOME_TARGET_MS },
      { name: 'case-list-filters', cookie: sessions.get('caseworker'), paths: listQueries, target: LIST_TARGET_MS },
    ];
    for (const screen of screens) {
      if (!screen.cookie || !measured(screen.name)) continue;
      await measureScreen({ ...screen, cookie: screen.cookie }, { url, serverPid: server.child.pid, db, benchUrl, connections, warmup, seconds, baseline, emit, log });
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
