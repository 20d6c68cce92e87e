/**
 * Benchmark: the national action plan's progress page and its computed indicators, served by the real `palermo start`
 * in a child process, for the national coordinator (PostgreSQL: the size the targets name).
 *   progress             GET /api/action-plans/<plan>/progress on a plan of BENCH_PROGRESS_ACTIVITIES activities (500)
 *                        with partners, five budget years and two funding sources each, BENCH_PROGRESS_INDICATORS
 *                        indicators entered by hand (2,000) with five yearly targets each, and BENCH_PROGRESS_MEASUREMENTS
 *                        measurements (20,000: totals and a breakdown by sex); the read audited. Target: p95 under 200 ms.
 *   computed-indicators  GET /api/action-plans/<plan>/indicators on a plan whose indicators are the six of the computed
 *                        catalogue with yearly targets over five years, counted from BENCH_CASES cases (100,000) with
 *                        their referrals, reasonable-grounds decisions, assistance plans and follow-ups, every count
 *                        perturbed by the cell-key method. Target: p95 under 500 ms.
 *   progress-while-writing  the progress page while a follow-up is recorded every 100 ms (the page is kept per plan until
 *                        something it shows changes: action-plan/plan-progress.cache.ts); and the first read after a
 *                        change to the plan (first_read_after_change_p50_ms, five changes).
 *   computed-indicators-while-writing  the same page while a follow-up is recorded every 100 ms, so that each read applies
 *                        changed persons and counts afresh (the server keeps the persons' events in memory:
 *                        action-plan/indicator-facts.changes.ts). Target: p95 under 500 ms.
 *   computed-indicators whole_reading_ms: the server's one whole reading of those events (at start, in the background).
 * The data is written by bulk SQL (generate_series) after the first run, the plans' heads and the coordinator through
 * the API. Baselines, in the same run: the plan's measurements read by one raw SQL query (progress), and persons
 * identified per year counted by one raw GROUP BY over the cases (computed-indicators), without access, perturbation,
 * audit or HTTP.
 *
 * stdout: one JSON line per figure (bench-kit.ts figureWriter), e.g.
 *   {"bench":"progress","metric":"latency_p95_ms","value":N,"unit":"ms","baseline":"raw-sql","ratio":N,"db":"postgres"}
 * stderr: progress, with the machine's load average.
 *
 * Environment: BENCH_CASES, BENCH_PROGRESS_ACTIVITIES, BENCH_PROGRESS_INDICATORS, BENCH_PROGRESS_MEASUREMENTS,
 * BENCH_PROGRESS_SCREENS (progress,computed-indicators: the screens measured), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (2), BENCH_DATABASES (postgres; PGlite is not
 * measured at this size), PALERMO_BENCH_PROGRESS_DATABASE_URL (default postgres://root@127.0.0.1:5432/palermo_bench_progress;
 * created afresh, dropped after), BENCH_KEEP_DATA (a folder: the database and its key are kept and reused by the next run).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sessionView } from '@palermo/contracts';
import { openDatabase } from '../src/platform/db/database.js';
import { readPersonEvents } from '../src/modules/action-plan/indicator-facts.js';
import { startServerProcess, stopProcess } from './children.js';
import { builtPalermoCommand, cleanupRegistry, createBenchDatabase, envNumber, figureWriter, keptData, measureScreen, percentile, round, serverEnvironment, signIn } from './bench-kit.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const palermoBin = builtPalermoCommand();
const PROGRESS_TARGET_MS = 200;
const COMPUTED_TARGET_MS = 500;

const seconds = envNumber('BENCH_SECONDS', 10);
const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 2));
const cases = Math.round(envNumber('BENCH_CASES', 100_000));
const activities = Math.round(envNumber('BENCH_PROGRESS_ACTIVITIES', 500));
const indicators = Math.round(envNumber('BENCH_PROGRESS_INDICATORS', 2_000));
const measurements = Math.round(envNumber('BENCH_PROGRESS_MEASUREMENTS', 20_000));
const screens = (process.env['BENCH_PROGRESS_SCREENS'] ?? 'progress,computed-indicators').split(',').map((s) => s.trim());
const databases = (process.env['BENCH_DATABASES'] ?? 'postgres').split(',').map((d) => d.trim());
const benchUrl = process.env['PALERMO_BENCH_PROGRESS_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/palermo_bench_progress';
const keepDir = process.env['BENCH_KEEP_DATA'] ? resolve(process.env['BENCH_KEEP_DATA']) : undefined;
const log = (line: string) => void process.stderr.write(`[bench:progress] ${line}\n`);
const cleanups = cleanupRegistry(log);
const emit = figureWriter('raw-sql');
const tempRoot = mkdtempSync(join(tmpdir(), 'palermo-bench-progress-'));
cleanups.push(async () => rmSync(tempRoot, { recursive: true, force: true }));
const password = 'a long enough bench passphrase';
const FIRST_YEAR = 2022;
const YEARS = 5;

interface KeptData {
  readonly masterKey: string;
  readonly data: { readonly cases: number; readonly activities: number; readonly indicators: number; readonly measurements: number; readonly progressPlan: string; readonly computedPlan: string };
  readonly totpSecret: string | undefined;
}
const kept = keptData<KeptData>(keepDir, 'progress-');

async function call(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const view = sessionView.parse(await (await fetch(new URL('/api/auth/session', base), { headers: { cookie: `palermo_session=${cookie}` } })).json());
  const response = await fetch(new URL(path, base), {
    method,
    headers: { 'content-type': 'application/json', cookie: `palermo_session=${cookie}`, 'x-csrf-token': view.csrfToken },
    body: JSON.stringify(body ?? {}),
  });
  const json = (await response.json()) as { id: string };
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The first run, a shelter with a caseworker, an NGO and the coordinator, through the API; the coordinator's session. */
async function setUp(base: string): Promise<{ cookie: string; totpSecret: string | undefined }> {
  const setup = await fetch(new URL('/api/setup', base), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisation: { name: 'National Coordinator' }, admin: { displayName: 'Bench Admin', email: 'admin@bench.example', password } }),
  });
  if (!setup.ok) throw new Error(`setup: HTTP ${setup.status}`);
  const admin = (await signIn(base, 'admin@bench.example', password)).cookie;
  const shelter = await call(base, admin, 'POST', '/api/organisations', { name: 'Bench Shelter', type: 'shelter' });
  await call(base, admin, 'POST', '/api/organisations', { name: 'Bench NGO', type: 'ngo' });
  await call(base, admin, 'POST', '/api/users', { organisationId: shelter.id, displayName: 'Bench Caseworker', email: 'caseworker@bench.example', password, roles: ['caseworker'] });
  const organisations = (await (await fetch(new URL('/api/organisations', base), { headers: { cookie: `palermo_session=${admin}` } })).json()) as { organisations: Array<{ id: string; type: string }> };
  const coordinatorOrg = organisations.organisations.find((o) => o.type === 'national_coordinator');
  if (!coordinatorOrg) throw new Error('no national coordinator organisation after setup');
  await call(base, admin, 'POST', '/api/users', { organisationId: coordinatorOrg.id, displayName: 'Bench Coordinator', email: 'coordinator@bench.example', password, roles: ['national_coordinator'] });
  return signIn(base, 'coordinator@bench.example', password);
}

const pillars = ['prevention', 'protection', 'prosecution', 'partnership'];
const periods = Array.from({ length: YEARS }, (_, i) => ({ periodStart: `${FIRST_YEAR + i}-01-01`, periodEnd: `${FIRST_YEAR + i}-12-31`, value: 100 + i * 10 }));

/** The two plans' heads through the API (plan, objectives; the computed indicators), then the rest by bulk SQL. */
async function generate(base: string, cookie: string, pool: pg.Pool): Promise<{ progressPlan: string; computedPlan: string; seconds: number }> {
  const started = performance.now();
  const plan = { periodStart: `${FIRST_YEAR}-01-01`, periodEnd: `${FIRST_YEAR + YEARS - 1}-12-31`, currency: 'EUR' };
  const progressPlan = (await call(base, cookie, 'POST', '/api/action-plans', { title: 'Bench plan', ...plan })).id;
  for (let o = 0; o < 12; o += 1) await call(base, cookie, 'POST', `/api/action-plans/${progressPlan}/objectives`, { pillar: pillars[o % 4], code: `${(o % 4) + 1}.${Math.floor(o / 4) + 1}`, title: `Objective ${o + 1}` });
  const computedPlan = (await call(base, cookie, 'POST', '/api/action-plans', { title: 'Bench plan (computed)', ...plan })).id;
  const codes = ['persons_identified', 'referrals_answered_in_time', 'rg_decisions_in_time', 'persons_with_assistance_plan', 'follow_ups_made', 'glotip_detected_victims'];
  for (const [i, computation] of codes.entries()) {
    await call(base, cookie, 'POST', `/api/action-plans/${computedPlan}/indicators`, { code: `C-${i + 1}`, title: computation, type: 'outcome', computation, baseline: { value: 50, on: `${FIRST_YEAR - 1}-12-31` }, targets: periods.map((p) => ({ ...p, value: Math.min(p.value, 90) })) });
  }
  const q = (text: string, values: unknown[] = []) => pool.query(text, values);
  await q(`SELECT setseed(0.17)`);
  await q(`CREATE TEMP TABLE bench_ids AS SELECT
      (SELECT u.id FROM users u WHERE 'national_coordinator' = ANY (u.roles) LIMIT 1) AS coordinator,
      (SELECT u.organisation_id FROM users u WHERE 'national_coordinator' = ANY (u.roles) LIMIT 1) AS coordination,
      (SELECT u.id FROM users u WHERE 'caseworker' = ANY (u.roles) LIMIT 1) AS worker,
      (SELECT u.organisation_id FROM users u WHERE 'caseworker' = ANY (u.roles) LIMIT 1) AS shelter,
      (SELECT o.id FROM organisations o WHERE o.type = 'ngo' LIMIT 1) AS ngo`);
  // The plan: activities, partners, budgets, funding, indicators entered by hand, targets, measurements.
  await q(`INSERT INTO plan_activities (id, plan_id, objective_id, code, title, description, responsible_organisation_id, starts_on, ends_on, status, progress_percent, created_by)
    SELECT gen_random_uuid(), $1, (SELECT o.id FROM plan_objectives o WHERE o.plan_id = $1 ORDER BY o.code OFFSET (g % 12) LIMIT 1), 'A-' || g, 'Bench activity ' || g, 'What the activity does',
      CASE WHEN g % 2 = 0 THEN b.shelter ELSE b.ngo END, date '${FIRST_YEAR}-01-01', date '${FIRST_YEAR + YEARS - 1}-12-31' - (g % 900),
      (ARRAY['not_started', 'in_progress', 'completed', 'suspended'])[1 + g % 4], g % 101, b.coordinator
    FROM generate_series(1, ${activities}) g, bench_ids b`, [progressPlan]);
  await q(`INSERT INTO plan_activity_partners (activity_id, organisation_id) SELECT a.id, b.coordination FROM plan_activities a, bench_ids b WHERE a.plan_id = $1`, [progressPlan]);
  await q(`INSERT INTO plan_activity_budgets (activity_id, year, planned_minor, spent_minor)
    SELECT a.id, y, 1000000, floor(random() * 1000000)::bigint FROM plan_activities a, generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) y WHERE a.plan_id = $1 AND y <= extract(year FROM a.ends_on)`, [progressPlan]);
  await q(`INSERT INTO plan_activity_funding (id, activity_id, kind, donor, amount_minor, secured_until)
    SELECT gen_random_uuid(), a.id, k, CASE k WHEN 'domestic' THEN 'State budget' ELSE 'Donor' END, 2000000 + floor(random() * 1000000)::bigint,
      CASE WHEN k = 'external' AND random() < 0.3 THEN a.ends_on - 200 END
    FROM plan_activities a, unnest(ARRAY['domestic', 'external']) k WHERE a.plan_id = $1`, [progressPlan]);
  await q(`INSERT INTO plan_indicators (id, plan_id, activity_id, code, title, type, measure, direction, source, disaggregations, baseline_value, baseline_on, created_by)
    SELECT gen_random_uuid(), $1, (SELECT a.id FROM plan_activities a WHERE a.plan_id = $1 AND a.code = 'A-' || (1 + g % ${activities})), 'I-' || g, 'Bench indicator ' || g,
      (ARRAY['input', 'output', 'outcome', 'impact'])[1 + g % 4], 'count', 'increase', 'Bench register', ARRAY['sex'], 100, date '${FIRST_YEAR - 1}-12-31', b.coordinator
    FROM generate_series(1, ${indicators}) g, bench_ids b`, [progressPlan]);
  await q(`INSERT INTO plan_indicator_targets (indicator_id, period_start, period_end, value)
    SELECT i.id, make_date(y, 1, 1), make_date(y, 12, 31), 100 + (y - ${FIRST_YEAR}) * 10 FROM plan_indicators i, generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) y WHERE i.plan_id = $1`, [progressPlan]);
  // Each indicator measured per year, the total and the women apart, until the measurements asked for are written.
  await q(`INSERT INTO plan_indicator_measurements (id, indicator_id, period_start, period_end, value, sex, recorded_by, organisation_id)
    SELECT gen_random_uuid(), m.id, make_date(m.y, 1, 1), make_date(m.y, 12, 31), 80 + floor(random() * 50), m.sex, b.coordinator, b.coordination
    FROM (SELECT i.id, y, sex FROM plan_indicators i, generate_series(${FIRST_YEAR}, ${FIRST_YEAR + YEARS - 1}) y, unnest(ARRAY[NULL, 'female']) sex WHERE i.plan_id = $1
          ORDER BY y, sex NULLS FIRST, i.code LIMIT ${measurements}) m, bench_ids b`, [progressPlan]);
  // The cases the computed indicators count: persons, cases over the plan's years, referrals with their consent and
  // share, reasonable-grounds decisions, assistance plans and follow-ups.
  await q(`INSERT INTO persons (id, reference, organisation_id, created_by) SELECT gen_random_uuid(), 'BP-' || g, b.shelter, b.worker FROM generate_series(1, ${cases}) g, bench_ids b`);
  await q(`CREATE TEMP TABLE bench_cases AS SELECT p.id AS person_id, gen_random_uuid() AS case_id, gen_random_uuid() AS consent_id, gen_random_uuid() AS share_id,
      timestamptz '${FIRST_YEAR}-01-01 00:00Z' + random() * interval '${YEARS * 365 - 30} days' AS opened, random() AS r1, random() AS r2, random() AS r3, random() AS r4
    FROM persons p WHERE p.reference LIKE 'BP-%'`);
  await q(`INSERT INTO cases (id, reference, person_id, managing_organisation_id, reported_by_organisation_id, opened_at)
    SELECT c.case_id, 'BC-' || c.case_id, c.person_id, b.shelter, b.shelter, c.opened FROM bench_cases c, bench_ids b`);
  await q(`INSERT INTO consent_events (id, person_id, purpose, target_organisation_id, status, method, explained_by, recorded_at)
    SELECT c.consent_id, c.person_id, 'referral', b.ngo, 'given', 'verbal', b.worker, c.opened FROM bench_cases c, bench_ids b WHERE c.r1 < 0.6`);
  await q(`INSERT INTO case_shares (id, case_id, organisation_id, purpose, consent_event_id, granted_by, granted_at)
    SELECT c.share_id, c.case_id, b.ngo, 'referral', c.consent_id, b.worker, c.opened + interval '1 hour' FROM bench_cases c, bench_ids b WHERE c.r1 < 0.6`);
  await q(`INSERT INTO referrals (id, case_id, service, from_organisation_id, to_organisation_id, status, consent_event_id, share_id, sent_by, sent_at, accepted_by, accepted_at)
    SELECT gen_random_uuid(), c.case_id, 'shelter', b.shelter, b.ngo, 'accepted', c.consent_id, c.share_id, b.worker, c.opened + interval '1 hour', b.worker, c.opened + interval '1 hour' + c.r2 * interval '3 days'
    FROM bench_cases c, bench_ids b WHERE c.r1 < 0.6`);
  await q(`INSERT INTO status_decisions (id, case_id, kind, outcome, reason, decided_by, organisation_id, decided_at, due_at)
    SELECT gen_random_uuid(), c.case_id, 'reasonable_grounds', 'positive', '\\x00'::bytea, b.worker, b.shelter, c.opened + c.r3 * interval '10 days', c.opened + interval '5 days'
    FROM bench_cases c, bench_ids b WHERE c.r3 < 0.5`);
  await q(`INSERT INTO case_records (id, case_id, kind, notes, author_user_id, organisation_id, visibility, created_at)
    SELECT gen_random_uuid(), c.case_id, k, '\\x00'::bytea, b.worker, b.shelter, 'case', c.opened + interval '2 days'
    FROM bench_cases c CROSS JOIN unnest(ARRAY['assistance_goal', 'follow_up']) k, bench_ids b WHERE (k = 'assistance_goal' AND c.r4 < 0.4) OR (k = 'follow_up' AND c.r2 < 0.7)`);
  await q(`ANALYZE`);
  return { progressPlan, computedPlan, seconds: (performance.now() - started) / 1000 };
}

/** One raw query, repeated for up to ten seconds (at most 20 times): its p50, p95 and rate. */
async function rawSql(pool: pg.Pool, text: string, values: unknown[]) {
  const latencies: number[] = [];
  const stopAt = performance.now() + Math.min(seconds, 10) * 1000;
  do {
    const t0 = performance.now();
    await pool.query(text, values);
    latencies.push(performance.now() - t0);
  } while (performance.now() < stopAt && latencies.length < 20);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: latencies.length / (latencies.reduce((a, b) => a + b, 0) / 1000) };
}

const progressBaseline = `SELECT i.id, i.code, t.period_start, t.value AS target, m.value, m.sex FROM plan_indicators i
  LEFT JOIN plan_indicator_targets t ON t.indicator_id = i.id LEFT JOIN plan_indicator_measurements m ON m.indicator_id = i.id AND m.period_start = t.period_start
  WHERE i.plan_id = $1`;
const computedBaseline = `SELECT extract(year FROM opened_at)::int AS year, count(DISTINCT person_id) AS persons FROM cases GROUP BY 1`;

/**
 * Case work beside the reads: a follow-up recorded on a random bench case every 100 ms (ten a second, more than a
 * national caseload's day spread over working hours), each one a change the computed indicators must apply.
 */
function caseWork(pool: pg.Pool): { stop: () => Promise<number> } {
  let stopped = false;
  let written = 0;
  const loop = (async () => {
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM cases WHERE reference LIKE 'BC-%' ORDER BY random() LIMIT 1000`);
    while (!stopped) {
      const caseId = rows[Math.floor(Math.random() * rows.length)]?.id;
      await pool.query(`INSERT INTO case_records (id, case_id, kind, notes, author_user_id, organisation_id, visibility, created_at)
        SELECT gen_random_uuid(), c.id, 'follow_up', '\\x00'::bytea, u.id, u.organisation_id, 'case', now() - interval '30 days'
        FROM cases c, users u WHERE c.id = $1 AND 'caseworker' = ANY (u.roles) LIMIT 1`, [caseId]);
      written += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return { stop: async () => { stopped = true; await loop; return written; } };
}

/** How long the server's whole reading of the computed indicators' events takes (its own function, on its own pool). */
async function timeWholeReading(): Promise<number> {
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 1 });
  try {
    const started = performance.now();
    const persons = await readPersonEvents(database.db);
    if (persons.size === 0) throw new Error('no events read');
    return performance.now() - started;
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  if (!databases.includes('postgres')) {
    log('PostgreSQL only (BENCH_DATABASES names no postgres): nothing to measure');
    return 0;
  }
  const dataDir = join(keepDir ?? tempRoot, 'progress-postgres');
  let data = kept.read('postgres', cases);
  if (data && (data.data.activities !== activities || data.data.indicators !== indicators || data.data.measurements !== measurements)) data = undefined;
  if (!data) {
    if (keepDir) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(keepDir, { recursive: true });
    }
    if (!(await createBenchDatabase(benchUrl, 'PALERMO_BENCH_PROGRESS_DATABASE_URL', { log, cleanups, keep: keepDir !== undefined }))) return 0;
  } else {
    log(`reusing the data kept in ${dataDir}`);
  }
  const target = { db: 'postgres' as const, url: benchUrl, dataDir, masterKey: data?.masterKey ?? randomBytes(32).toString('base64') };
  const running = await startServerProcess('palermo start (postgres)', process.execPath, [palermoBin, 'start', '--json'], { cwd: repoRoot, env: serverEnvironment(target) });
  cleanups.push(() => stopProcess(running.server).then(() => undefined));
  const pool = new pg.Pool({ connectionString: benchUrl, max: 1 });
  cleanups.push(() => pool.end());
  let cookie: string;
  if (!data) {
    const session = await setUp(running.url);
    cookie = session.cookie;
    const generated = await generate(running.url, cookie, pool);
    emit('progress-generation', 'seconds', round(generated.seconds, 1), 's', 'postgres');
    data = { masterKey: target.masterKey, totpSecret: session.totpSecret, data: { cases, activities, indicators, measurements, progressPlan: generated.progressPlan, computedPlan: generated.computedPlan } };
    kept.write('postgres', data);
  } else {
    cookie = (await signIn(running.url, 'coordinator@bench.example', password, data.totpSecret)).cookie;
  }
  const counts = (await pool.query<Record<string, string>>(`SELECT (SELECT count(*) FROM plan_activities) AS activities, (SELECT count(*) FROM plan_indicators) AS indicators,
    (SELECT count(*) FROM plan_indicator_measurements) AS measurements, (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM referrals) AS referrals`)).rows[0];
  log(`data: ${JSON.stringify(counts)}; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  const run = { url: running.url, serverPid: running.server.child.pid, db: 'postgres' as const, benchUrl, connections, warmup, seconds, emit, log };

  if (screens.includes('progress')) {
    const progressRaw = await rawSql(pool, progressBaseline, [data.data.progressPlan]);
    log(`raw SQL of the plan's measurements: p50 ${progressRaw.p50.toFixed(1)} ms, p95 ${progressRaw.p95.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
    await measureScreen({ name: 'progress', paths: [`/api/action-plans/${data.data.progressPlan}/progress`], cookie, target: PROGRESS_TARGET_MS }, { ...run, baseline: progressRaw });
    // The same page while caseworkers write (its plan shows no computed indicator, so case work leaves the kept page).
    const writer = caseWork(pool);
    try {
      await measureScreen({ name: 'progress-while-writing', paths: [`/api/action-plans/${data.data.progressPlan}/progress`], cookie, target: PROGRESS_TARGET_MS }, { ...run, baseline: progressRaw });
    } finally {
      log(`${await writer.stop()} follow-ups written during the measurement`);
    }
    // The first read after a change to the plan: the page built again (a measurement's value changed directly).
    const rebuilt: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await pool.query(`UPDATE plan_indicator_measurements SET value = value + 1 WHERE id = (SELECT m.id FROM plan_indicator_measurements m JOIN plan_indicators p ON p.id = m.indicator_id WHERE p.plan_id = $1 ORDER BY m.id LIMIT 1)`, [data.data.progressPlan]);
      const started = performance.now();
      const response = await fetch(new URL(`/api/action-plans/${data.data.progressPlan}/progress`, running.url), { headers: { cookie: `palermo_session=${cookie}` } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`progress after a change: HTTP ${response.status}`);
      rebuilt.push(performance.now() - started);
    }
    rebuilt.sort((a, b) => a - b);
    emit('progress', 'first_read_after_change_p50_ms', round(percentile(rebuilt, 50), 1), 'ms', 'postgres');
    log(`progress: first read after a change to the plan (5 times): ${rebuilt.map((v) => v.toFixed(0)).join(', ')} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  }
  if (screens.includes('computed-indicators')) {
    const computedRaw = await rawSql(pool, computedBaseline, []);
    log(`raw GROUP BY of persons identified per year: p50 ${computedRaw.p50.toFixed(1)} ms, p95 ${computedRaw.p95.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
    await measureScreen({ name: 'computed-indicators', paths: [`/api/action-plans/${data.data.computedPlan}/indicators`], cookie, target: COMPUTED_TARGET_MS }, { ...run, baseline: computedRaw });
    // The same page while caseworkers write: every read finds changed persons to read again and counts afresh.
    const writer = caseWork(pool);
    try {
      await measureScreen({ name: 'computed-indicators-while-writing', paths: [`/api/action-plans/${data.data.computedPlan}/indicators`], cookie, target: COMPUTED_TARGET_MS }, { ...run, baseline: computedRaw });
    } finally {
      log(`${await writer.stop()} follow-ups written during the measurement`);
    }
    // What a server does once at start, in the background (and a read waits for, if it comes first): every event read.
    const whole = await timeWholeReading();
    emit('computed-indicators', 'whole_reading_ms', round(whole, 1), 'ms', 'postgres');
  }
  emit('progress', 'load_average_1m', round(loadavg()[0] ?? 0, 2), 'load', 'postgres');
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
