/**
 * Benchmark: the network of one operation with its rankings, GET /api/prosecution/operations/:id/network (the rule
 * compiled to SQL, suspects, entities and links read, pseudonyms and values decrypted, betweenness and degree computed
 * by network.betweenness.ts, the read audited), served by the real `palermo start` in a child process. The figures are
 * remembered by the graph's structure, so only a first read after a change computes them: that read is timed on its
 * own first (first_read_ms), then the repeated reads are measured. One operation holds BENCH_NETWORK_NODES suspects and entities (default 2,000 on PostgreSQL, 300 on PGlite; half suspects, half entities)
 * and about twice as many links (each node linked to one earlier node, then random pairs), all recorded through the
 * HTTP API as an investigator would. Target: p95 under 500 ms. Baseline, in the same run: the raw SQL reading the
 * operation's nodes and links (no access rule, decryption, ranking, audit or HTTP), one query at a time.
 *
 * stdout: one JSON line per figure (bench-kit.ts figureWriter), e.g.
 *   {"bench":"network-2000","metric":"latency_p95_ms","value":N,"unit":"ms","baseline":"raw-sql","ratio":N,"db":"postgres"}
 * stderr: progress, with the machine's load average beside each figure.
 *
 * Environment: BENCH_NETWORK_NODES, BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (2),
 * BENCH_DATABASES (postgres,pglite), PALERMO_BENCH_NETWORK_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/palermo_bench_network; created afresh from the server's `test` database, dropped after).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sessionView } from '@palermo/contracts';
import { startServerProcess, stopProcess } from './children.js';
import { builtPalermoCommand, cleanupRegistry, createBenchDatabase, envNumber, figureWriter, measureScreen, percentile, round, serverEnvironment, signIn, type DbKind } from './bench-kit.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const TARGET_MS = 500;

const seconds = envNumber('BENCH_SECONDS', 10);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 2));
const nodeCount = (db: DbKind) => Math.round(envNumber('BENCH_NETWORK_NODES', db === 'postgres' ? 2000 : 300));
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',').map((d) => d.trim()).filter((d): d is DbKind => d === 'postgres' || d === 'pglite');
const benchUrl = process.env['PALERMO_BENCH_NETWORK_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_network';
const log = (line: string) => void process.stderr.write(`[bench:network] ${line}\n`);
const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-network-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));
const password = 'a long enough bench passphrase';

/** A small deterministic generator, so that two runs build the same network. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
}

/** An HTTP client with one session's cookie and CSRF token. */
async function client(base: string, cookie: string) {
  const view = sessionView.parse(await (await fetch(new URL('/api/auth/session', base), { headers: { cookie: `palermo_session=${cookie}` } })).json());
  return async (path: string, body: unknown): Promise<{ id: string }> => {
    const response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `palermo_session=${cookie}`, 'x-csrf-token': view.csrfToken },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { id: string };
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Runs `count` calls, `parallel` at a time. */
async function inParallel(count: number, parallel: number, call: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let i = next++; i < count; i = next++) await call(i);
  }));
}

const entityKinds = ['company', 'vehicle', 'phone_number', 'address', 'bank_account'] as const;
const linkKinds = ['works_with', 'recruited_by', 'owns', 'uses', 'pays_into', 'controls'] as const;

/** The first run, an investigator, one operation of `nodes` suspects and entities and about twice as many links. */
async function seed(base: string, nodes: number): Promise<{ operationId: string; totpSecret: string | undefined }> {
  const setup = await fetch(new URL('/api/setup', base), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisation: { name: 'National Coordinator' }, admin: { displayName: 'Bench Admin', email: 'admin@bench.example', password } }),
  });
  if (!setup.ok) throw new Error(`setup: HTTP ${setup.status}`);
  const admin = await client(base, (await signIn(base, 'admin@bench.example', password)).cookie);
  const police = await admin('/api/organisations', { name: 'Bench Police', type: 'law_enforcement' });
  await admin('/api/users', { organisationId: police.id, displayName: 'Bench Investigator', email: 'police@bench.example', password, roles: ['investigator'] });
  const { cookie, totpSecret } = await signIn(base, 'police@bench.example', password);
  const call = await client(base, cookie);
  const operation = await call('/api/prosecution/operations', {
    name: 'Bench network', origin: 'proactive_intelligence', approach: 'proactive', formsOfExploitation: ['ForcedLabour'], places: [], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2025-01-01',
  });
  const investigation = await call(`/api/prosecution/operations/${operation.id}/investigations`, { title: 'Bench', origin: 'proactive_intelligence', approach: 'proactive', openedOn: '2025-01-02' });
  const ids: string[] = new Array<string>(nodes);
  const suspects = Math.ceil(nodes / 2);
  const started = performance.now();
  await inParallel(nodes, 8, async (i) => {
    ids[i] = i < suspects
      ? (await call(`/api/prosecution/operations/${operation.id}/suspects`, { investigationId: investigation.id, pseudonym: `Suspect ${i}`, identity: { givenName: `Given${i}`, familyName: 'Bench' }, roles: ['recruiter'], sex: 'male', citizenships: [] })).id
      : (await call(`/api/prosecution/operations/${operation.id}/entities`, { kind: entityKinds[i % entityKinds.length], value: `Value ${i}` })).id;
  });
  const random = generator(42);
  const pairs: Array<[string, string]> = [];
  for (let i = 1; i < nodes; i += 1) pairs.push([ids[i] ?? '', ids[random(i)] ?? '']);
  while (pairs.length < nodes * 2) {
    const a = random(nodes);
    const b = random(nodes);
    if (a !== b) pairs.push([ids[a] ?? '', ids[b] ?? '']);
  }
  await inParallel(pairs.length, 8, async (i) => {
    const [fromId, toId] = pairs[i] ?? ['', ''];
    await call(`/api/prosecution/operations/${operation.id}/links`, { kind: linkKinds[i % linkKinds.length], fromId, toId });
  });
  const took = (performance.now() - started) / 1000;
  log(`seeded ${nodes} nodes and ${pairs.length} links through the API in ${took.toFixed(1)} s`);
  return { operationId: operation.id, totpSecret };
}

const rawQueries = [
  `select s.id, s.pseudonym, s.roles from prosecution_suspects s where s.operation_id = $1`,
  `select e.id, e.kind, e.value from prosecution_operation_entities oe join prosecution_entities e on e.id = oe.entity_id where oe.operation_id = $1`,
  `select id, kind, from_suspect_id, from_entity_id, to_suspect_id, to_entity_id, note from prosecution_links where operation_id = $1`,
];

/** The baseline: the three raw reads of the operation's nodes and links, one after the other, for `seconds`. */
async function rawSql(db: DbKind, dataDir: string, operationId: string) {
  let query: (text: string) => Promise<unknown>;
  let close: () => Promise<void>;
  if (db === 'postgres') {
    const pool = new pg.Pool({ connectionString: benchUrl, max: 1 });
    query = (text) => pool.query(text, [operationId]);
    close = () => pool.end();
  } else {
    const lite = await PGlite.create(`${dataDir}/pg`);
    query = (text) => lite.query(text, [operationId]);
    close = () => lite.close();
  }
  const latencies: number[] = [];
  const stopAt = performance.now() + Math.min(seconds, 5) * 1000;
  try {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      for (const text of rawQueries) await query(text);
      latencies.push(performance.now() - t0);
    }
  } finally {
    await close();
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: latencies.length / Math.min(seconds, 5) };
}

async function benchDatabase(db: DbKind): Promise<void> {
  const nodes = nodeCount(db);
  const dataDir = join(tempRoot, `network-${db}`);
  if (db === 'postgres' && !(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_NETWORK_DATABASE_URL', { log, cleanups }))) return;
  const target = { db, url: benchUrl, dataDir, masterKey: randomBytes(32).toString('base64') };
  const start = () => startServerProcess(`palermo start (${db})`, process.execPath, [palermoBin, 'start', '--json'], { cwd: repoRoot, env: serverEnvironment(target), timeoutMs: 600_000 });
  let running = await start();
  let seeded: { operationId: string; totpSecret: string | undefined };
  try {
    seeded = await seed(running.url, nodes);
  } finally {
    await stopProcess(running.server);
  }
  // The baseline with the server stopped (PGlite's folder is one process's at a time).
  const baseline = await rawSql(db, dataDir, seeded.operationId);
  log(`${db}: raw SQL nodes and links: p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  running = await start();
  const stop = () => stopProcess(running.server).then(() => undefined);
  cleanups.push(stop);
  try {
    const { cookie } = await signIn(running.url, 'police@bench.example', password, seeded.totpSecret);
    const path = `/api/prosecution/operations/${seeded.operationId}/network`;
    const t0 = performance.now();
    const first = await fetch(new URL(path, running.url), { headers: { cookie: `palermo_session=${cookie}` } });
    await first.arrayBuffer();
    if (!first.ok) throw new Error(`${path}: HTTP ${first.status}`);
    const firstMs = performance.now() - t0;
    log(`${db}: first read (rankings computed): ${firstMs.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
    emit(`network-${nodes}`, 'first_read_ms', round(firstMs, 1), 'ms', db);
    await measureScreen(
      { name: `network-${nodes}`, paths: [path], cookie, target: TARGET_MS },
      { url: running.url, serverPid: running.server.child.pid, db, benchUrl, connections, warmup, seconds, baseline, emit, log },
    );
    emit(`network-${nodes}`, 'load_average_1m', round(loadavg()[0] ?? 0, 2), 'load', db);
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
