/**
 * Benchmark: the prosecution funnel page, GET /api/prosecution/funnel?<filters> (facts computed once per change and kept
 * in memory, filtered and perturbed by the cell-key method per request, GLOTIP read beside, the read audited), served by
 * the real `palermo start` in a child process, for the national coordinator. The data: BENCH_FUNNEL_INVESTIGATIONS
 * investigations (default 50,000) in operations of 100, and BENCH_FUNNEL_SUSPECTS suspects (default 200,000) with their
 * steps (charges, prosecutions, verdicts convicted / acquitted / dismissed, some downgraded, sentences, appeals and
 * decisions), written by bulk SQL (generate_series) on PostgreSQL after the first run through the API; record keys are
 * drawn in SQL (synthetic records: nobody stands behind them). Target: p95 under 200 ms. Baseline, in the same run: the
 * raw GROUP BY of persons by year and the step kinds they reached (no stages, filters, perturbation, audit or HTTP).
 *
 * stdout: one JSON line per figure (bench-kit.ts figureWriter), e.g.
 *   {"bench":"funnel","metric":"latency_p95_ms","value":N,"unit":"ms","baseline":"raw-sql","ratio":N,"db":"postgres"}
 * and funnel-first-read latency_ms (the first read: the facts computed whole), funnel-read-after-change latency_p95_ms
 * and latency_p50_ms (a read right after one person's record changed: that person recomputed), funnel-generation seconds,
 * then, the server started again on the same data: funnel-first-read-after-warm-up latency_ms (a user's first read
 * BENCH_FUNNEL_WARM_SECONDS after the server was ready: the facts computed in the background meanwhile, funnel.jobs.ts)
 * and funnel-first-read-at-start latency_ms (a read at once: it waits for the computation under way).
 * stderr: progress, with the machine's load average.
 *
 * Environment: BENCH_FUNNEL_INVESTIGATIONS, BENCH_FUNNEL_SUSPECTS, BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (4), BENCH_FUNNEL_WARM_SECONDS (20), PALERMO_BENCH_FUNNEL_DATABASE_URL (default postgres://root@127.0.0.1:5432/palermo_bench_funnel;
 * created afresh from the server's `test` database, dropped after). PostgreSQL only (the size the target names).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sessionView } from '@palermo/contracts';
import { startServerProcess, stopProcess } from './children.js';
import { builtPalermoCommand, cleanupRegistry, createBenchDatabase, envNumber, figureWriter, measureScreen, percentile, round, serverEnvironment, signIn } from './bench-kit.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const TARGET_MS = 200;

const seconds = envNumber('BENCH_SECONDS', 10);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 4));
const investigations = Math.round(envNumber('BENCH_FUNNEL_INVESTIGATIONS', 50_000));
const suspects = Math.round(envNumber('BENCH_FUNNEL_SUSPECTS', 200_000));
const warmSeconds = envNumber('BENCH_FUNNEL_WARM_SECONDS', 20);
const benchUrl = process.env['PALERMO_BENCH_FUNNEL_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_funnel';
const log = (line: string) => void process.stderr.write(`[bench:funnel] ${line}\n`);
const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-funnel-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));
const password = 'a long enough bench passphrase';

async function post(base: string, cookie: string, path: string, body: unknown): Promise<{ id: string }> {
  const view = sessionView.parse(await (await fetch(new URL('/api/auth/session', base), { headers: { cookie: `palermo_session=${cookie}` } })).json());
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `palermo_session=${cookie}`, 'x-csrf-token': view.csrfToken },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { id: string };
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The first run and the coordinator, through the API; returns the coordinator's two-factor secret. */
async function setUp(base: string): Promise<string | undefined> {
  const setup = await fetch(new URL('/api/setup', base), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisation: { name: 'National Coordinator' }, admin: { displayName: 'Bench Admin', email: 'admin@bench.example', password } }),
  });
  if (!setup.ok) throw new Error(`setup: HTTP ${setup.status}`);
  const admin = (await signIn(base, 'admin@bench.example', password)).cookie;
  const police = await post(base, admin, '/api/organisations', { name: 'Bench Police', type: 'law_enforcement' });
  const office = await post(base, admin, '/api/organisations', { name: 'Bench Prosecution', type: 'prosecutor' });
  await post(base, admin, '/api/users', { organisationId: police.id, displayName: 'Bench Investigator', email: 'police@bench.example', password, roles: ['investigator'] });
  await post(base, admin, '/api/users', { organisationId: office.id, displayName: 'Bench Prosecutor', email: 'prosecutor@bench.example', password, roles: ['prosecutor'] });
  const organisations = (await (await fetch(new URL('/api/organisations', base), { headers: { cookie: `palermo_session=${admin}` } })).json()) as { organisations: Array<{ id: string; type: string }> };
  const coordinatorOrg = organisations.organisations.find((o) => o.type === 'national_coordinator');
  if (!coordinatorOrg) throw new Error('no national coordinator organisation after setup');
  await post(base, admin, '/api/users', { organisationId: coordinatorOrg.id, displayName: 'Bench Coordinator', email: 'coordinator@bench.example', password, roles: ['national_coordinator'] });
  return (await signIn(base, 'coordinator@bench.example', password)).totpSecret;
}

/** Bulk SQL: operations, investigations, suspects with record keys, and their steps. */
async function generate(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  const q = (text: string) => pool.query(text);
  await q(`SELECT setseed(0.42)`);
  await q(`UPDATE country_settings SET country_iso3 = 'ITA' WHERE id = 1`);
  await q(`CREATE TEMP TABLE IF NOT EXISTS bench_ids AS SELECT
      (SELECT u.id FROM users u WHERE 'investigator' = ANY (u.roles) LIMIT 1) AS police_user,
      (SELECT u.organisation_id FROM users u WHERE 'investigator' = ANY (u.roles) LIMIT 1) AS police_org,
      (SELECT u.id FROM users u WHERE 'prosecutor' = ANY (u.roles) LIMIT 1) AS prosecutor_user,
      (SELECT u.organisation_id FROM users u WHERE 'prosecutor' = ANY (u.roles) LIMIT 1) AS office_org`);
  const operations = Math.ceil(investigations / 100);
  await q(`INSERT INTO prosecution_operations (id, reference, organisation_id, name, origin, approach, forms_of_exploitation, place_names, started_on, created_by)
    SELECT gen_random_uuid(), 'BENCH-OP-' || g, b.police_org, 'Bench ' || g, 'hotline', 'reactive',
      CASE g % 4 WHEN 0 THEN ARRAY['ForcedLabour'] WHEN 1 THEN ARRAY['SexualExploitation'] WHEN 2 THEN ARRAY['ForcedLabour', 'SexualExploitation'] ELSE ARRAY['ForcedBegging'] END,
      '\\x00'::bytea, date '2014-01-01' + (g % 3600), b.police_user
    FROM generate_series(1, ${operations}) g, bench_ids b`);
  await q(`INSERT INTO prosecution_investigations (id, operation_id, reference, title, origin, approach, opened_on, prosecution_office_id, referred_on, created_by, record_key)
    SELECT gen_random_uuid(), o.id, 'BENCH-INV-' || o.reference || '-' || k, 'Bench', 'hotline', 'reactive', o.started_on + k, b.office_org, o.started_on + k + 5, b.police_user, floor(random() * 256)::int
    FROM prosecution_operations o CROSS JOIN generate_series(1, 100) k, bench_ids b
    WHERE o.reference LIKE 'BENCH-OP-%' LIMIT ${investigations}`);
  await q(`INSERT INTO prosecution_suspects (id, operation_id, investigation_id, pseudonym, roles, sex, citizenships, age_at_offence, created_by, record_key)
    SELECT gen_random_uuid(), i.operation_id, i.id, '\\x00'::bytea, ARRAY['recruiter'], (ARRAY['female', 'male', 'male', 'unknown'])[1 + floor(random() * 4)::int],
      CASE floor(random() * 4)::int WHEN 0 THEN ARRAY['IT'] WHEN 1 THEN ARRAY['NG'] WHEN 2 THEN ARRAY['RO'] ELSE ARRAY[]::text[] END, 16 + floor(random() * 50)::int, b.police_user, floor(random() * 256)::int
    FROM (SELECT i.*, row_number() OVER () AS n FROM prosecution_investigations i WHERE i.reference LIKE 'BENCH-INV-%') i
    CROSS JOIN generate_series(1, ${Math.ceil(suspects / investigations)}) k, bench_ids b
    LIMIT ${suspects}`);
  // One plan per suspect: how far it goes and how.
  await q(`CREATE TEMP TABLE bench_plan AS
    SELECT s.id AS suspect_id, i.opened_on, random() AS r, random() AS r2, random() AS r3, gen_random_uuid() AS charge_id, gen_random_uuid() AS verdict_id, gen_random_uuid() AS appeal_id
    FROM prosecution_suspects s JOIN prosecution_investigations i ON i.id = s.investigation_id WHERE i.reference LIKE 'BENCH-INV-%'`);
  const step = (kind: string, where: string, date: string, data: string, extra = { id: 'gen_random_uuid()', ref: 'NULL' }) =>
    q(`INSERT INTO prosecution_steps (id, suspect_id, kind, occurred_on, ref_step_id, data, recorded_by, organisation_id)
      SELECT ${extra.id}, p.suspect_id, '${kind}', LEAST(${date}, current_date - 1), ${extra.ref}, ${data}, b.prosecutor_user, b.office_org
      FROM bench_plan p, bench_ids b WHERE ${where}`);
  await step('charge', 'p.r < 0.7', 'p.opened_on + 20 + floor(p.r2 * 60)::int', `jsonb_build_object('provision', 'Art. 601', 'category', 'trafficking')`, { id: 'p.charge_id', ref: 'NULL' });
  await step('prosecution', 'p.r < 0.5', 'p.opened_on + 90 + floor(p.r2 * 90)::int', `jsonb_build_object('courtOrganisationId', b.office_org)`);
  await step('verdict', 'p.r < 0.46', 'p.opened_on + 300 + floor(p.r2 * 200)::int',
    `jsonb_build_object('outcome', CASE WHEN p.r < 0.35 THEN 'convicted' WHEN p.r < 0.43 THEN 'acquitted' ELSE 'dismissed' END) || CASE WHEN p.r < 0.35 AND p.r3 < 0.2 THEN jsonb_build_object('convictedProvision', 'Art. 12', 'convictedCategory', 'smuggling') ELSE '{}'::jsonb END`,
    { id: 'p.verdict_id', ref: 'p.charge_id' });
  await step('sentence', 'p.r < 0.33', 'p.opened_on + 320 + floor(p.r2 * 200)::int', `jsonb_build_object('custodialMonths', 36, 'suspended', false)`);
  await step('appeal', 'p.r < 0.35 AND p.r3 > 0.6', 'p.opened_on + 340 + floor(p.r2 * 200)::int', `jsonb_build_object('appellant', 'defence')`, { id: 'p.appeal_id', ref: 'p.verdict_id' });
  await step('appeal_decision', 'p.r < 0.35 AND p.r3 > 0.7', 'p.opened_on + 600 + floor(p.r2 * 200)::int',
    `jsonb_build_object('outcome', CASE WHEN p.r3 > 0.93 THEN 'overturned' ELSE 'upheld' END)`, { id: 'gen_random_uuid()', ref: 'p.appeal_id' });
  await q(`ANALYZE`);
  return (performance.now() - started) / 1000;
}

const baselineQuery = `SELECT extract(year FROM i.opened_on)::int AS year, s.sex, st.kind, count(DISTINCT s.id) AS persons
  FROM prosecution_suspects s JOIN prosecution_investigations i ON i.id = s.investigation_id LEFT JOIN prosecution_steps st ON st.suspect_id = s.id
  GROUP BY 1, 2, 3`;

async function rawSql(pool: pg.Pool) {
  const latencies: number[] = [];
  const stopAt = performance.now() + Math.min(seconds, 10) * 1000;
  do {
    const t0 = performance.now();
    await pool.query(baselineQuery);
    latencies.push(performance.now() - t0);
  } while (performance.now() < stopAt && latencies.length < 5);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: latencies.length / (latencies.reduce((a, b) => a + b, 0) / 1000) };
}

const filterSets = ['', '?sex=female', '?citizenship=foreign', '?form=ForcedLabour', '?yearFrom=2016&yearTo=2020', '?sex=male&citizenship=national&form=SexualExploitation', '?yearFrom=2018', '?form=ForcedBegging&sex=unknown'];

async function main(): Promise<number> {
  if (!(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_FUNNEL_DATABASE_URL', { log, cleanups }))) return 0;
  const dataDir = join(tempRoot, 'funnel-postgres');
  const target = { db: 'postgres' as const, url: benchUrl, dataDir, masterKey: randomBytes(32).toString('base64') };
  const running = await startServerProcess('palermo start (postgres)', process.execPath, [palermoBin, 'start', '--json'], { cwd: repoRoot, env: serverEnvironment(target) });
  cleanups.push(() => stopProcess(running.server).then(() => undefined));
  const pool = new pg.Pool({ connectionString: benchUrl, max: 1 });
  cleanups.push(() => pool.end());
  const totpSecret = await setUp(running.url);
  const generation = await generate(pool);
  const counts = (await pool.query<{ s: string; i: string; st: string }>(`SELECT (SELECT count(*) FROM prosecution_suspects) AS s, (SELECT count(*) FROM prosecution_investigations) AS i, (SELECT count(*) FROM prosecution_steps) AS st`)).rows[0];
  log(`generated ${counts?.i} investigations, ${counts?.s} suspects, ${counts?.st} steps in ${generation.toFixed(1)} s`);
  emit('funnel-generation', 'seconds', round(generation, 1), 's', 'postgres');
  const baseline = await rawSql(pool);
  log(`postgres: raw GROUP BY: p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  const { cookie } = await signIn(running.url, 'coordinator@bench.example', password, totpSecret);
  const t0 = performance.now();
  const first = await fetch(new URL('/api/prosecution/funnel', running.url), { headers: { cookie: `palermo_session=${cookie}` } });
  if (!first.ok) throw new Error(`funnel: HTTP ${first.status} ${await first.text()}`);
  emit('funnel-first-read', 'latency_ms', round(performance.now() - t0, 1), 'ms', 'postgres');
  await measureScreen(
    { name: 'funnel', paths: filterSets.map((f) => `/api/prosecution/funnel${f}`), cookie, target: TARGET_MS },
    { url: running.url, serverPid: running.server.child.pid, db: 'postgres', benchUrl, connections, warmup, seconds, baseline, emit, log },
  );
  // A read right after one person's record changed (the facts recomputed for that person only): 20 changes, one read each.
  const afterChange: number[] = [];
  const changed = await pool.query<{ id: string }>(`SELECT id FROM prosecution_suspects ORDER BY id LIMIT 20`);
  for (const { id } of changed.rows) {
    await pool.query(`UPDATE prosecution_suspects SET sex = CASE sex WHEN 'male' THEN 'female' ELSE 'male' END WHERE id = $1`, [id]);
    const started = performance.now();
    const read = await fetch(new URL('/api/prosecution/funnel', running.url), { headers: { cookie: `palermo_session=${cookie}` } });
    if (!read.ok) throw new Error(`funnel: HTTP ${read.status} ${await read.text()}`);
    await read.arrayBuffer();
    afterChange.push(performance.now() - started);
  }
  afterChange.sort((a, b) => a - b);
  emit('funnel-read-after-change', 'latency_p95_ms', round(percentile(afterChange, 95), 1), 'ms', 'postgres');
  emit('funnel-read-after-change', 'latency_p50_ms', round(percentile(afterChange, 50), 1), 'ms', 'postgres');
  log(`postgres: read after one change: p50 ${percentile(afterChange, 50).toFixed(1)} ms, p95 ${percentile(afterChange, 95).toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  emit('funnel', 'load_average_1m', round(loadavg()[0] ?? 0, 2), 'load', 'postgres');

  // A server starting on this database (or a new day) computes the facts in the background once ready: the first read
  // of a user who comes after that warm-up (BENCH_FUNNEL_WARM_SECONDS later), and of one who comes at once (it waits for
  // the computation under way instead of starting its own).
  await stopProcess(running.server);
  for (const wait of [warmSeconds, 0]) {
    const again = await startServerProcess('palermo start (postgres, again)', process.execPath, [palermoBin, 'start', '--json'], { cwd: repoRoot, env: serverEnvironment(target) });
    try {
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      const started = performance.now();
      const read = await fetch(new URL('/api/prosecution/funnel', again.url), { headers: { cookie: `palermo_session=${cookie}` } });
      if (!read.ok) throw new Error(`funnel: HTTP ${read.status} ${await read.text()}`);
      await read.arrayBuffer();
      const took = performance.now() - started;
      const name = wait > 0 ? 'funnel-first-read-after-warm-up' : 'funnel-first-read-at-start';
      emit(name, 'latency_ms', round(took, 1), 'ms', 'postgres');
      log(`postgres: ${name} (${wait} s after the server was ready): ${took.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
    } finally {
      await stopProcess(again.server);
    }
  }
  return 0;
}

main()
  .catch((error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await cleanups.run();
    process.exitCode = code;
  });
