/**
 * What the HTTP benchmarks (cases.ts, statistics.ts) share: settings from the environment, percentiles, figure lines
 * on stdout, clean-up on exit and on signals, a bench database of their own, signing in over HTTP with the second
 * factor, and CPU time from /proc.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

