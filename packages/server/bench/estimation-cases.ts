/**
 * Part of the estimation benchmark: the overlap table built from the case records (what POST
 * /api/estimation/from-cases does before estimating), on embedded PostgreSQL (PGlite). The demo country with
 * BENCH_ESTIMATION_CASES synthetic cases (default 5,000); then a quarter of the people with a birth date are recorded
 * a second time by another organisation (a new person row with the same blind-index keys, and a case), so that linkage
 * has work to do. Six lists: police, border guard, labour inspectorate, NGO, shelter, social services.
 * Measured: overlapFromCases (queries, linkage, consent, table) and the estimate on it. Baseline in the same run: the
 * query for the year's cases alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { Keyring } from '../src/platform/crypto/keyring.js';
import { FieldCipher } from '../src/platform/crypto/field-cipher.js';
import { seedDemo } from '../src/modules/demo/demo.seed.js';
import { seedDemoCases } from '../src/modules/demo/case-generator.js';
import { overlapFromCases, yearBounds } from '../src/modules/estimation/overlap-from-cases.js';
import { estimateHiddenPopulation } from '../src/modules/estimation/estimate.js';
import { EstimationError } from '../src/modules/estimation/errors.js';

export interface Timing {
  readonly median: number;
  readonly p95: number;
}

export interface FromCasesFigures {
  readonly cases: number;
  readonly personRecords: number;
  readonly people: number;
  readonly build: Timing;
  readonly buildAndEstimate: Timing;
  readonly baseline: Timing;
  readonly estimate: string;
}

const listTypes = [
  ['PF', 'law_enforcement'],
  ['BG', 'border_guard'],
  ['LI', 'labour_inspectorate'],
  ['NGO', 'ngo'],
  ['SH', 'shelter'],
  ['SS', 'social_services'],
] as const;

async function timed(runs: number, warmup: number, action: () => Promise<unknown>, percentile: (sorted: readonly number[], q: number) => number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await action();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

export async function measureFromCases(cases: number, runs: number, percentile: (sorted: readonly number[], q: number) => number, log: (line: string) => void): Promise<FromCasesFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'palermo-bench-estimation-'));
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database);
    const cipher = new FieldCipher(Keyring.open({ dataDir, masterKey: randomBytes(32).toString('base64') }));
    await cipher.init(database.db);
    const db = database.db;
    await db.transaction().execute((tx) => seedDemo(tx, cipher));
    const started = performance.now();
    await db.transaction().execute((tx) => seedDemoCases(tx, cipher, cases));
    log(`from-cases: ${cases} cases generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const organisations = await db.selectFrom('organisations').select(['id', 'type']).execute();
    const idOf = (type: string) => organisations.find((o) => o.type === type)?.id;
    const managing = ['ngo', 'shelter', 'social_services'].map(idOf).filter((id): id is string => id !== undefined);
    // The same people recorded again by another organisation: same keys, new rows.
    await sql`
      create temporary table bench_duplicates as
      select p.id as source, gen_random_uuid() as id, gen_random_uuid() as case_id, c.opened_at, p.created_by, p.name_index, p.birth_date_index,
             (${sql.val(managing)}::uuid[])[1 + abs(hashtext(p.id::text)) % ${managing.length}] as organisation_id
      from persons p join cases c on c.person_id = p.id
      where p.birth_date_index is not null and abs(hashtext(p.id::text)) % 4 = 0`.execute(db);
    await sql`
      insert into persons (id, reference, organisation_id, created_by, created_at, updated_at, name_index, birth_date_index)
      select id, 'BENCH-' || id::text, organisation_id, created_by, opened_at, opened_at, name_index, birth_date_index from bench_duplicates`.execute(db);
    await sql`
      insert into cases (id, reference, person_id, managing_organisation_id, reported_by_organisation_id, opened_at, updated_at)
      select case_id, 'BENCH-' || case_id::text, id, organisation_id, organisation_id, opened_at, opened_at from bench_duplicates`.execute(db);
    await sql`vacuum analyze`.execute(db);

    const busiest = await db
      .selectFrom('cases')
      .select([sql<number>`extract(year from opened_at at time zone 'UTC')::int`.as('year'), sql<number>`count(*)::int`.as('n')])
      .groupBy('year')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const year = Number(busiest.year);
    const lists = listTypes.map(([name, type]) => ({ name, organisationIds: organisations.filter((o) => o.type === type).map((o) => o.id) }));
    const first = await overlapFromCases(db, year, lists);
    let estimate: string;
    try {
      const result = estimateHiddenPopulation(first.table);
      estimate = `${Math.round(result.total)} [${Math.round(result.interval.lower)}-${Math.round(result.interval.upper)}], terms ${result.model.terms.join(' ') || '(none)'}`;
    } catch (error) {
      if (!(error instanceof EstimationError)) throw error;
      estimate = `not estimable: ${error.message}`;
    }
    const { from: yearFrom, to: yearTo } = yearBounds(year);
    const copies = await sql<{ n: number }>`select count(*)::int as n from bench_duplicates where opened_at >= ${yearFrom} and opened_at < ${yearTo}`.execute(db);
    log(
      `from-cases: year ${year}, ${busiest.n} cases, ${first.counting.personRecords} person records (${copies.rows[0]?.n ?? 0} of them second records of a person), ` +
        `${first.counting.people} people, ${first.table.observed} on the lists; estimate ${estimate}`,
    );

    const warmup = Math.max(2, Math.round(runs / 10));
    const baseline = await timed(
      runs,
      warmup,
      () => db.selectFrom('cases').select(['person_id', 'reported_by_organisation_id', 'managing_organisation_id']).where('opened_at', '>=', yearFrom).where('opened_at', '<', yearTo).execute(),
      percentile,
    );
    const build = await timed(runs, warmup, () => overlapFromCases(db, year, lists), percentile);
    const buildAndEstimate = await timed(
      runs,
      warmup,
      async () => {
        const { table } = await overlapFromCases(db, year, lists);
        try {
          estimateHiddenPopulation(table);
        } catch (error) {
          if (!(error instanceof EstimationError)) throw error;
        }
      },
      percentile,
    );
    return { cases: busiest.n, personRecords: first.counting.personRecords, people: first.counting.people, build, buildAndEstimate, baseline, estimate };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
