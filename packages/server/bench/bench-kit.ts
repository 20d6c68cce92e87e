/**
 * What the HTTP benchmarks (cases.ts, homes.ts, statistics.ts) share: settings from the environment, percentiles,
 * figure lines on stdout, clean-up on exit and on signals, a bench database of their own, data kept between runs,
 * signing in over HTTP with the second factor, CPU time from /proc, and measuring one screen under load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { authenticator } from 'otplib';
import { sessionView, totpEnrolmentResponse } from '@palermo/contracts';
import { killAllChildren } from './children.js';

export type DbKind = 'postgres' | 'pglite';

/**
 * The `palermo` command the benchmarks start as a server: bin/palermo.js, which runs the compiled dist/ as production
 * does. Built here first (incrementally: seconds when nothing changed), so that no benchmark measures a build older
 * than the sources, whether it runs through `npm run bench` or on its own.
 */
export function builtPalermoCommand(): string {
  const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
  const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: repoRoot, stdio: ['ignore', 2, 'inherit'] });
  if (built.status !== 0) throw new Error('the server did not build (npm run build:server)');
  return fileURLToPath(new URL('../bin/palermo.js', import.meta.url));
}

/** A positive number from the environment, or the fallback when unset. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
}

export const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The p-th percentile (nearest rank) of sorted values; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Writes one JSON line per figure; with a baseline value, its name and the ratio to it. */
export function figureWriter(baselineName: string) {
  return (bench: string, metric: string, value: number, unit: string, db: DbKind, baseline: number | null = null): void => {
    const ratio = baseline !== null && baseline > 0 && Number.isFinite(value) ? round(value / baseline, 3) : null;
    process.stdout.write(`${JSON.stringify({ bench, metric, value, unit, baseline: baseline === null ? null : baselineName, ratio, db })}\n`);
  };
}

/** Steps undone in reverse order at the end, on errors and on signals (children killed, folders and databases gone). */
export function cleanupRegistry(log: (line: string) => void) {
  const steps: Array<() => Promise<void>> = [];
  const run = async (): Promise<void> => {
    for (let step = steps.pop(); step; step = steps.pop()) {
      await step().catch((error: unknown) => log(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
    }
    killAllChildren();
  };
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void run().finally(() => process.exit(130)));
  return { push: (step: () => Promise<void>) => void steps.push(step), run };
}

/** Runs one statement on the server's `test` database (to create or drop a bench database). */
export async function adminQuery(benchUrl: string, text: string): Promise<void> {
  const admin = new URL(benchUrl);
  admin.pathname = '/test';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Creates the bench database afresh (dropped first; dropped again at clean-up unless kept). False when PostgreSQL
 * cannot be reached: the benchmark then skips it.
 */
export async function createBenchDatabase(
  benchUrl: string,
  variable: string,
  options: { log: (line: string) => void; cleanups: ReturnType<typeof cleanupRegistry>; keep?: boolean },
): Promise<boolean> {
  const name = decodeURIComponent(new URL(benchUrl).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test') throw new Error(`${variable} must name a database of its own (got "${name}")`);
  try {
    await adminQuery(benchUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (error) {
    options.log(`PostgreSQL not reachable (${error instanceof Error ? error.message : String(error)}): skipping it`);
    return false;
  }
  await adminQuery(benchUrl, `CREATE DATABASE ${name}`);
  if (!options.keep) options.cleanups.push(() => adminQuery(benchUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return true;
}

async function post(base: string, path: string, body: unknown, cookie?: string, csrf?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers['cookie'] = `palermo_session=${cookie}`;
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(new URL(path, base), { method: 'POST', headers, body: JSON.stringify(body) });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  const session = response.headers.getSetCookie().find((c) => c.startsWith('palermo_session='))?.slice('palermo_session='.length).split(';')[0];
  return { json, session: session || cookie };
}

/** Signs in over HTTP, enrolling the second factor on first use; a kept data set passes the secret enrolled before. */
export async function signIn(base: string, email: string, password: string, totpSecret?: string): Promise<{ cookie: string; totpSecret: string | undefined }> {
  const first = await post(base, '/api/auth/sign-in', { email, password });
  let view = sessionView.parse(first.json);
  let cookie = first.session;
  let secret = totpSecret;
  if (view.stage === 'two_factor_enrolment_required') {
    const enrol = totpEnrolmentResponse.parse((await post(base, '/api/auth/totp/enrol', {}, cookie, view.csrfToken)).json);
    secret = enrol.secret;
    const confirm = await post(base, '/api/auth/totp/confirm', { code: authenticator.generate(enrol.secret) }, cookie, view.csrfToken);
    view = sessionView.parse(confirm.json);
    cookie = confirm.session;
  } else if (view.stage === 'two_factor_required' && secret) {
    const verify = await post(base, '/api/auth/totp/verify', { code: authenticator.generate(secret) }, cookie, view.csrfToken);
    view = sessionView.parse(verify.json);
    cookie = verify.session;
  }
  if (view.stage !== 'active' || !cookie) throw new Error(`session stage is ${view.stage}, expected active`);
  return { cookie, totpSecret: secret };
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is no /proc. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return undefined;
  }
}

/** autocannon's `requests` option (not in bench/autocannon.d.ts): each request's path is set just before it is sent. */
type RotatingOptions = autocannon.Options & { requests: Array<{ setupRequest: (request: { path: string }) => { path: string } }> };

export interface Measurement {
  readonly p50: number;
  readonly p95: number;
  readonly rps: number;
  readonly errors: number;
  readonly statusCodes?: string;
}

/**
 * Loads the server with one session's requests for `duration` seconds, the paths in turn, and measures the 2xx
 * responses. Errors count non-2xx answers, socket errors and timeouts.
 */
export async function rotatingLoad(base: string, paths: readonly string[], cookie: string, options: { connections: number; duration: number; timeout: number }): Promise<Measurement> {
  let next = 0;
  const latencies: number[] = [];
  const load: RotatingOptions = {
    url: base,
    connections: options.connections,
    pipelining: 1,
    duration: options.duration,
    timeout: options.timeout,
    headers: { cookie: `palermo_session=${cookie}` },
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] ?? '/' }) }],
  };
  const instance = autocannon(load);
  instance.on('response', (_client: autocannon.Client, status: number, _bytes: number, time: number) => {
    if (status >= 200 && status < 300) latencies.push(time);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes = Object.entries(result.statusCodeStats).map(([code, stats]) => `${code}: ${stats.count}`).join(', ');
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), rps: result['2xx'] / result.duration, errors: result.non2xx + result.errors, statusCodes: `${statusCodes}; ${result.timeouts} timeouts` };
}


/**
 * A generated data set kept between runs (BENCH_KEEP_DATA): one JSON file per database in `keepDir`, named
 * `<prefix><db>.json`; read back only when it holds the same number of cases.
 */
export function keptData<K extends { readonly data: { readonly cases: number } }>(keepDir: string | undefined, prefix: string) {
  const file = (db: DbKind) => (keepDir ? join(keepDir, `${prefix}${db}.json`) : undefined);
  return {
    read(db: DbKind, count: number): K | undefined {
      const path = file(db);
      if (!path || !existsSync(path)) return undefined;
      const kept = JSON.parse(readFileSync(path, 'utf8')) as K;
      return kept.data.cases === count ? kept : undefined;
    },
    write(db: DbKind, kept: K): void {
      const path = file(db);
      if (path) writeFileSync(path, JSON.stringify(kept), { mode: 0o600 });
    },
  };
}

/** The PostgreSQL backends serving the bench database (the server's pool), to account their CPU time. */
export async function backendPids(benchUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: benchUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const name = decodeURIComponent(new URL(benchUrl).pathname.replace(/^\//, ''));
    const result = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    return result.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** The environment of the `palermo start` a benchmark measures: its data, its key, and PostgreSQL or PGlite. */
export function serverEnvironment(target: { readonly db: DbKind; readonly url?: string | undefined; readonly dataDir: string; readonly masterKey: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', PALERMO_LOG_LEVEL: 'silent', PALERMO_DATA_DIR: target.dataDir, PALERMO_MASTER_KEY: target.masterKey };
  delete env['NODE_OPTIONS'];
  if (target.db === 'postgres' && target.url) env['DATABASE_URL'] = target.url;
  else delete env['DATABASE_URL'];
  return env;
}

export interface Screen {
  readonly name: string;
  readonly paths: readonly string[];
  readonly cookie: string;
  /** p95 target in milliseconds. */
  readonly target: number;
}

/**
 * Measures one screen: a warm-up, then `seconds` of load; writes its figures (latency p50 and p95, requests per second
 * beside the baseline's; errors; target met; the CPU time each request cost the server and, on PostgreSQL, its
 * backends, which do not move with the load of a shared machine) and returns the measurement.
 */
export async function measureScreen(
  screen: Screen,
  run: {
    readonly url: string;
    readonly serverPid: number | undefined;
    readonly db: DbKind;
    readonly benchUrl: string;
    readonly connections: number;
    readonly warmup: number;
    readonly seconds: number;
    readonly baseline: { readonly p50: number; readonly p95: number; readonly rps: number };
    readonly emit: ReturnType<typeof figureWriter>;
    readonly log: (line: string) => void;
  },
): Promise<Measurement> {
  const load = { connections: run.connections, timeout: 10 };
  await rotatingLoad(run.url, screen.paths, screen.cookie, { ...load, duration: run.warmup });
  const backends = run.db === 'postgres' ? await backendPids(run.benchUrl) : [];
  const dbBefore = new Map(backends.map((pid) => [pid, cpuSeconds(pid)]));
  const serverBefore = cpuSeconds(run.serverPid);
  const measured = await rotatingLoad(run.url, screen.paths, screen.cookie, { ...load, duration: run.seconds });
  const served = measured.rps * run.seconds;
  const serverAfter = cpuSeconds(run.serverPid);
  // A backend the pool closed during the run is left out (its time can no longer be read): an underestimate, never negative.
  const dbUsed = backends.reduce((sum, pid) => {
    const before = dbBefore.get(pid);
    const after = cpuSeconds(pid);
    return before === undefined || after === undefined ? sum : sum + (after - before);
  }, 0);
  if (serverBefore !== undefined && serverAfter !== undefined && served > 0) {
    run.emit(screen.name, 'server_cpu_ms_per_request', round(((serverAfter - serverBefore) * 1000) / served, 2), 'ms', run.db);
    if (run.db === 'postgres') run.emit(screen.name, 'db_cpu_ms_per_request', round((dbUsed * 1000) / served, 2), 'ms', run.db);
  }
  // The machine's load average beside each figure: on a shared machine, latency says little without it.
  run.log(`${run.db}: ${screen.name}: p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms, ${measured.rps.toFixed(0)} req/s, ${measured.errors} errors (${measured.statusCodes ?? ''}); load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  run.emit(screen.name, 'latency_p50_ms', round(measured.p50, 2), 'ms', run.db, run.baseline.p50);
  run.emit(screen.name, 'latency_p95_ms', round(measured.p95, 2), 'ms', run.db, run.baseline.p95);
  run.emit(screen.name, 'requests_per_s', round(measured.rps, 1), 'req/s', run.db, run.baseline.rps);
  run.emit(screen.name, 'errors', measured.errors, 'count', run.db);
  run.emit(screen.name, 'target_met', measured.p95 < screen.target && measured.errors === 0 ? 1 : 0, 'bool', run.db);
  return measured;
}
