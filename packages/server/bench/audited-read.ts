/**
 * Benchmark: the audited read, GET /api/persons/:id (authenticate the session, authorise with the access rule
 * compiled to SQL, decrypt, and append a hash-chained audit entry in the same transaction), served by the real
 * `palermo start` in a child process, on PostgreSQL (when reachable) and on embedded PostgreSQL (PGlite). The baseline
 * is a bare Fastify hello-world, also in a child process, under the same load.
 *
 * stdout: one JSON line per figure,
 *   {"bench":"audited-read","metric":"requests_per_s","value":N,"unit":"req/s","baseline":"fastify-hello","ratio":N,"db":"postgres"}
 * stderr: progress for humans. Exit code 1 if a run failed or the audit check did not hold.
 *
 * Environment:
 *   BENCH_SECONDS (15)            measured seconds per target
 *   BENCH_WARMUP_SECONDS (3)      warm-up seconds per target (not measured)
 *   BENCH_CONNECTIONS (50)        concurrent connections
 *   BENCH_DATABASES (postgres,pglite)
 *   PALERMO_BENCH_DATABASE_URL    PostgreSQL database to create, use and drop
 *                                 (default postgres://root@127.0.0.1:5432/palermo_bench; created from a connection to
 *                                 the `test` database on the same server)
 *   BENCH_SERVER_NODE_OPTIONS     extra Node options for the Palermo server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 *
 * Figures: requests_per_s = 2xx responses / measured seconds; latency_p50_ms and latency_p99_ms over the 2xx
 * responses; errors = non-2xx responses + socket errors + timeouts; audit_entries_match = 1 when `palermo audit verify`
 * passes and every 2xx read has its `person.read` audit entry (allowed entries >= 2xx reads, and no more than the
 * requests written: a request abandoned in flight when a run stops may still be served and audited);
 * audited-read-statement statements_per_s = the audited read's one statement with its entry authenticated, and its
 * ratio to the same statement before entries were authenticated (audited-read-statement-before-authentication),
 * measured in alternating rounds in the same run (audited-read-authentication.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { authenticator } from 'otplib';
import { PGlite } from '@electric-sql/pglite';
import { personList, personView, sessionView, totpEnrolmentResponse, type SessionView } from '@palermo/contracts';
import { killAllChildren, lastJsonObject, runCommand, startServerProcess, stopProcess, type Spawned } from './children.js';
import { builtPalermoCommand, envNumber, percentile } from './bench-kit.js';
import { measureAuthenticationCost } from './audited-read-authentication.js';

const here = dirname(fileURLToPath(import.meta.url));
const serverPackage = resolve(here, '..');
const repoRoot = resolve(serverPackage, '../..');
const palermoBin = builtPalermoCommand();
const helloServer = join(here, 'hello-server.ts');

type DbKind = 'postgres' | 'pglite';

const measureSeconds = envNumber('BENCH_SECONDS', 15);
const warmupSeconds = envNumber('BENCH_WARMUP_SECONDS', 3);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 50));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchDatabaseUrl = process.env['PALERMO_BENCH_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench';
const serverNodeOptions = (process.env['BENCH_SERVER_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

// ---------------------------------------------------------------------------------------------------------------
// Output

interface Figure {
  readonly bench: 'audited-read' | 'fastify-hello' | 'audited-read-statement' | 'audited-read-statement-before-authentication';
  readonly metric: 'requests_per_s' | 'latency_p50_ms' | 'latency_p99_ms' | 'errors' | 'audit_entries_match' | 'statements_per_s';
  /** null when there is nothing to measure (no 2xx response: no latency). */
  readonly value: number | null;
  readonly unit: string;
  readonly baseline: 'fastify-hello' | 'audited-read-statement-before-authentication' | null;
  readonly ratio: number | null;
  readonly db: DbKind | 'none';
}

const round = (value: number, digits: number): number | null => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
const ratioOf = (value: number, base: number): number | null => (base > 0 && Number.isFinite(value) ? round(value / base, 4) : null);

function emit(figure: Figure): void {
  // Fixed key order, as documented above.
  const { bench, metric, value, unit, baseline, ratio, db } = figure;
  process.stdout.write(`${JSON.stringify({ bench, metric, value, unit, baseline, ratio, db })}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Measurement {
  readonly seconds: number;
  readonly ok: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Requests written on the wire (an upper bound on what the server may have handled). */
  readonly written: number;
  readonly statusCodes: Record<string, number>;
}

/** Nearest-rank percentile of sorted values. */
/** One autocannon run. Latencies are the exact per-response times of 2xx responses (autocannon's histogram keeps whole milliseconds). */
async function load(url: string, seconds: number, headers: Record<string, string>): Promise<Measurement> {
  const clients: autocannon.Client[] = [];
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({
    url,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    headers,
    setupClient: (client) => {
      clients.push(client);
    },
  });
  instance.on('response', (_client: autocannon.Client, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode < 200 || statusCode > 299) return;
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count] = responseTime;
    count += 1;
  });
  const result = await instance;
  const sorted = latencies.slice(0, count).sort();
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCodes[code] = stats.count;
  return {
    seconds: result.duration,
    ok: result['2xx'],
    requestsPerSecond: result['2xx'] / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: result.non2xx + result.errors,
    timeouts: result.timeouts,
    written: clients.reduce((sum, c) => sum + c.reqsMade, 0),
    statusCodes,
  };
}

async function warmAndMeasure(label: string, url: string, headers: Record<string, string>): Promise<{ warm: Measurement; run: Measurement }> {
  const [load1] = loadavg();
  log(
    `${label}: warm-up ${warmupSeconds} s, ${connections} connections (load average ${(load1 ?? 0).toFixed(1)} on ${availableParallelism()} cores` +
      `${(load1 ?? 0) > availableParallelism() ? ': the machine is busy, figures will be low' : ''})`,
  );
  const warm = await load(url, warmupSeconds, headers);
  if (stopping) throw new Error('stopped');
  log(`${label}: measuring ${measureSeconds} s`);
  const run = await load(url, measureSeconds, headers);
  log(
    `${label}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, ` +
      `${run.ok} ok, ${run.errors} errors (${run.timeouts} timed out after 10 s), status ${JSON.stringify(run.statusCodes)}`,
  );
  return { warm, run };
}

// ---------------------------------------------------------------------------------------------------------------
// Talking to Palermo

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly session: string | undefined;
}

async function call(base: string, method: 'GET' | 'POST', path: string, options: { body?: unknown; cookie?: string; csrf?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers['cookie'] = `palermo_session=${options.cookie}`;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  const response = await fetch(new URL(path, base), {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('palermo_session='));
  const session = cookie?.slice('palermo_session='.length).split(';')[0];
  return { status: response.status, body, session: session || undefined };
}

function expectOk(reply: Reply, what: string): unknown {
  if (reply.status < 200 || reply.status > 299) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Signs in, enrols TOTP if asked, and returns the active session's cookie value. */
async function signInWithTotp(base: string, email: string, password: string): Promise<string> {
  const signIn = await call(base, 'POST', '/api/auth/sign-in', { body: { email, password } });
  let view: SessionView = sessionView.parse(expectOk(signIn, 'sign-in'));
  let cookie = signIn.session;
  if (!cookie) throw new Error('sign-in set no session cookie');
  if (view.stage === 'two_factor_enrolment_required') {
    const enrol = totpEnrolmentResponse.parse(expectOk(await call(base, 'POST', '/api/auth/totp/enrol', { body: {}, cookie, csrf: view.csrfToken }), 'TOTP enrolment'));
    const confirm = await call(base, 'POST', '/api/auth/totp/confirm', {
      body: { code: authenticator.generate(enrol.secret) },
      cookie,
      csrf: view.csrfToken,
    });
    view = sessionView.parse(expectOk(confirm, 'TOTP confirmation'));
    if (!confirm.session) throw new Error('TOTP confirmation did not rotate the session cookie');
    cookie = confirm.session;
  }
  if (view.stage !== 'active') throw new Error(`session stage is ${view.stage}, expected active`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: every child is killed, every temporary folder removed, the bench database dropped; also on errors and signals.

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop();
      try {
        await step?.();
      } catch (error) {
        log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    killAllChildren();
  })();
  return cleaning;
}

process.on('exit', killAllChildren);
// `on`, not `once`: a Ctrl-C reaches this process both directly and relayed by tsx, and a second signal must not end
// the process before the cleanup has finished.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));
process.on('exit', () => rmSync(tempRoot, { recursive: true, force: true }));

function trackServer(server: Spawned): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopProcess(server).then(({ code, signal, killed }) => {
      if (killed) log(`${server.name} did not stop within the grace period: killed`);
      else if (code !== 0) log(`${server.name} exited with code ${String(code)} signal ${String(signal)}:\n${server.stderrTail()}`);
    });
    return stopped;
  };
  cleanups.push(stop);
  return stop;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL bench database

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Creates the bench database afresh; returns false when PostgreSQL is not reachable. */
async function createBenchDatabase(): Promise<boolean> {
  const target = new URL(benchDatabaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name || name === 'test') throw new Error(`PALERMO_BENCH_DATABASE_URL must name a database of its own (got "${name}")`);
  const admin = new URL(benchDatabaseUrl);
  admin.pathname = '/test';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    log(`PostgreSQL not reachable at ${admin.host} (${error instanceof Error ? error.message : String(error)}): skipping it`);
    await client.end().catch(() => undefined);
    return false;
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      log(`dropped database ${name}`);
    } finally {
      await dropper.end();
    }
  });
  return true;
}

async function postgresReachable(): Promise<boolean> {
  const admin = new URL(benchDatabaseUrl);
  admin.pathname = '/test';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface AuditCounts {
  readonly allowed: number;
  readonly denied: number;
}

const auditCountSql = `select count(*) filter (where outcome = 'allowed')::int as allowed, count(*) filter (where outcome <> 'allowed')::int as denied
  from audit_log where action = 'person.read'`;

async function countReadAudits(db: DbKind, dataDir: string): Promise<AuditCounts> {
  if (db === 'postgres') {
    const client = new pg.Client({ connectionString: benchDatabaseUrl });
    await client.connect();
    try {
      const row = (await client.query<AuditCounts>(auditCountSql)).rows[0];
      return row ?? { allowed: 0, denied: 0 };
    } finally {
      await client.end();
    }
  }
  // The server has stopped (PGlite's folder is single-process): open its files directly.
  const embedded = await PGlite.create(join(dataDir, 'pg'));
  try {
    const row = (await embedded.query<AuditCounts>(auditCountSql)).rows[0];
    return row ?? { allowed: 0, denied: 0 };
  } finally {
    await embedded.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The runs

function childEnv(extra: Record<string, string>, withoutDatabaseUrl: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', PALERMO_LOG_LEVEL: 'silent', ...extra };
  if (withoutDatabaseUrl) delete env['DATABASE_URL'];
  delete env['NODE_OPTIONS'];
  return env;
}

async function benchBaseline(): Promise<Measurement> {
  log('fastify-hello: starting');
  const { server, url } = await startServerProcess('fastify-hello', process.execPath, ['--import', 'tsx', helloServer], {
    cwd: repoRoot,
    env: childEnv({}, true),
  });
  const stop = trackServer(server);
  try {
    const { run } = await warmAndMeasure('fastify-hello', url, {});
    return run;
  } finally {
    await stop();
  }
}

async function benchAuditedRead(db: DbKind, baseline: Measurement): Promise<boolean> {
  if (db === 'postgres' && !(await createBenchDatabase())) return true;
  const dataDir = join(tempRoot, db);
  const env = childEnv(
    {
      PALERMO_DATA_DIR: dataDir,
      PALERMO_MASTER_KEY: randomBytes(32).toString('base64'),
      ...(db === 'postgres' ? { DATABASE_URL: benchDatabaseUrl } : {}),
    },
    db === 'pglite',
  );
  const label = `audited-read/${db}`;

  log(`${label}: seeding the demo country`);
  const demo = lastJsonObject((await runCommand('palermo demo', process.execPath, [palermoBin, 'demo', '--json'], { cwd: repoRoot, env })).stdout);
  const credentials = Array.isArray(demo['credentials']) ? (demo['credentials'] as unknown[]) : [];
  const caseworker = credentials.find(
    (c): c is { role: string; email: string; password: string } =>
      typeof c === 'object' && c !== null && (c as Record<string, unknown>)['role'] === 'caseworker',
  );
  if (!caseworker) throw new Error('palermo demo printed no caseworker credentials');

  log(`${label}: starting palermo`);
  const { server, url } = await startServerProcess(`palermo start (${db})`, process.execPath, [...serverNodeOptions, palermoBin, 'start', '--json'], {
    cwd: repoRoot,
    env,
  });
  const stop = trackServer(server);

  let measured: { warm: Measurement; run: Measurement };
  const setupReads = 1;
  try {
    const cookie = await signInWithTotp(url, caseworker.email, caseworker.password);
    const list = personList.parse(expectOk(await call(url, 'GET', '/api/persons', { cookie }), 'GET /api/persons'));
    const person = list.persons[0];
    if (!person) throw new Error('the caseworker sees no person');
    const target = new URL(`/api/persons/${person.id}`, url).toString();
    personView.parse(expectOk(await call(url, 'GET', `/api/persons/${person.id}`, { cookie }), 'GET /api/persons/:id'));
    measured = await warmAndMeasure(label, target, { cookie: `palermo_session=${cookie}` });
  } finally {
    await stop();
  }
  const { warm, run } = measured;

  emit({ bench: 'audited-read', metric: 'requests_per_s', value: round(run.requestsPerSecond, 1), unit: 'req/s', baseline: 'fastify-hello', ratio: ratioOf(run.requestsPerSecond, baseline.requestsPerSecond), db });
  emit({ bench: 'audited-read', metric: 'latency_p50_ms', value: round(run.p50, 3), unit: 'ms', baseline: 'fastify-hello', ratio: ratioOf(run.p50, baseline.p50), db });
  emit({ bench: 'audited-read', metric: 'latency_p99_ms', value: round(run.p99, 3), unit: 'ms', baseline: 'fastify-hello', ratio: ratioOf(run.p99, baseline.p99), db });
  emit({ bench: 'audited-read', metric: 'errors', value: run.errors, unit: 'count', baseline: 'fastify-hello', ratio: null, db });

  log(`${label}: verifying the audit chain`);
  const verified = lastJsonObject(
    (await runCommand('palermo audit verify', process.execPath, [palermoBin, 'audit', 'verify', '--json'], { cwd: repoRoot, env, allowFailure: true })).stdout,
  );
  const counts = await countReadAudits(db, dataDir);
  const servedOk = setupReads + warm.ok + run.ok;
  const written = setupReads + warm.written + run.written;
  const chainOk = verified['ok'] === true;
  const match = chainOk && counts.denied === 0 && counts.allowed >= servedOk && counts.allowed <= written;
  log(
    `${label}: audit chain ${chainOk ? 'intact' : 'BROKEN'} (${String(verified['entriesChecked'])} entries); person.read entries: ` +
      `${counts.allowed} allowed, ${counts.denied} denied; 2xx reads ${servedOk}, requests written ${written} ` +
      `(${counts.allowed - servedOk} audited reads abandoned by the client when a run stopped)${match ? '' : ' -> MISMATCH'}`,
  );
  emit({ bench: 'audited-read', metric: 'audit_entries_match', value: match ? 1 : 0, unit: 'bool', baseline: null, ratio: null, db });
  return match;
}

async function main(): Promise<number> {
  const budget = Math.max(180, 3 * (warmupSeconds + measureSeconds) + 150 + databases.length * (2 * measureSeconds + 60));
  const watchdog = setTimeout(() => {
    log(`took longer than ${budget} s: giving up`);
    void cleanup().finally(() => process.exit(1));
  }, budget * 1000);
  let ok = true;
  try {
    const baseline = await benchBaseline();
    emit({ bench: 'fastify-hello', metric: 'requests_per_s', value: round(baseline.requestsPerSecond, 1), unit: 'req/s', baseline: null, ratio: 1, db: 'none' });
    emit({ bench: 'fastify-hello', metric: 'latency_p50_ms', value: round(baseline.p50, 3), unit: 'ms', baseline: null, ratio: 1, db: 'none' });
    emit({ bench: 'fastify-hello', metric: 'latency_p99_ms', value: round(baseline.p99, 3), unit: 'ms', baseline: null, ratio: 1, db: 'none' });
    emit({ bench: 'fastify-hello', metric: 'errors', value: baseline.errors, unit: 'count', baseline: null, ratio: 1, db: 'none' });
    for (const db of databases) {
      try {
        if (!(await benchAuditedRead(db, baseline))) ok = false;
      } catch (error) {
        ok = false;
        log(`audited-read/${db} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      try {
        // The audited read's statement before and after entries were authenticated, in alternating rounds.
        if (db === 'postgres' && !(await postgresReachable())) continue;
        log(`audited-read-statement/${db}: before and after entry authentication, ${measureSeconds} s each`);
        const cost = await measureAuthenticationCost(db, { benchUrl: benchDatabaseUrl, seconds: measureSeconds, connections: 8, log });
        const before = 'audited-read-statement-before-authentication' as const;
        emit({ bench: before, metric: 'statements_per_s', value: round(cost.before, 1), unit: 'stmt/s', baseline: null, ratio: 1, db });
        emit({ bench: 'audited-read-statement', metric: 'statements_per_s', value: round(cost.after, 1), unit: 'stmt/s', baseline: before, ratio: ratioOf(cost.after, cost.before), db });
      } catch (error) {
        ok = false;
        log(`audited-read-statement/${db} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  } catch (error) {
    ok = false;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
