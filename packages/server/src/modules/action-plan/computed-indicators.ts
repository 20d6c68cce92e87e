import { sql, type RawBuilder } from 'kysely';
import { computedIndicators, platformFacts, type ComputedIndicatorCode, type PlatformFact } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { measureKey, perturb } from '../statistics/cell-key.js';
import { reasonableGroundsDeadline } from '../statistics/statistics.cube.js';
import { currentSopDocument } from '../sop/sop.service.js';
import { referralAnswerDays } from '../home/home.others.js';

/**
 * Indicators computed from the platform's own facts, as DHIS2 defines its indicators: a numerator over a denominator,
 * each a fact of the fixed catalogue (contracts vocabularies/action-plan.ts), counted in SQL over the case tables for
 * each period. Every count of persons or of their case events is published through the statistics page's cell-key
 * method (statistics/cell-key.ts, decision 0005): the count changed by the perturbation table at the key of the
 * persons counted (the sum of their record keys, a person counted once per event), each fact moved to its own key so
 * that two facts about the same persons are not changed alike. The same persons and period always give the same value.
 * GLOTIP reference figures are published figures and are shown as published.
 */

/** The facts counted over persons (perturbed); GLOTIP's are published figures, the officials trained a count of staff. */
type CountedFact = Exclude<PlatformFact, 'glotip_detected_victims' | 'officials_trained'>;

export interface Period {
  readonly start: string;
  readonly end: string;
}

interface Deadlines {
  readonly referralAnswerDays: number;
  readonly reasonableGroundsDays: number;
}

async function deadlines(db: Db): Promise<Deadlines> {
  const reasonableGroundsDays = await reasonableGroundsDeadline(db);
  try {
    return { referralAnswerDays: referralAnswerDays(await currentSopDocument(db)), reasonableGroundsDays };
  } catch {
    // No SOP recorded yet: the SOP's default of one day.
    return { referralAnswerDays: 1, reasonableGroundsDays };
  }
}

/** The SQL of each fact counted over persons: one row per person (or per event of a person) and period index. */
function factQuery(fact: CountedFact, d: Deadlines): RawBuilder<unknown> {
  const inPeriod = (column: RawBuilder<unknown>) => sql`${column} >= p.s and ${column} < p.e + 1`;
  switch (fact) {
    case 'persons_identified':
      return sql`select distinct p.i, c.person_id from cases c join p on ${inPeriod(sql`c.opened_at`)}`;
    case 'persons_with_assistance_plan':
      return sql`select distinct p.i, c.person_id from cases c join p on ${inPeriod(sql`c.opened_at`)}
        where exists (select 1 from case_records cr where cr.case_id = c.id and cr.kind = 'assistance_goal')`;
    case 'referrals_sent':
      return sql`select p.i, c.person_id from referrals r join cases c on c.id = r.case_id join p on ${inPeriod(sql`r.sent_at`)}`;
    case 'referrals_answered_in_time':
      return sql`select p.i, c.person_id from referrals r join cases c on c.id = r.case_id join p on ${inPeriod(sql`r.sent_at`)}
        where coalesce(r.accepted_at, r.declined_at) <= r.sent_at + make_interval(days => ${d.referralAnswerDays})`;
    case 'rg_decisions_made':
      return sql`select p.i, c.person_id from status_decisions sd join cases c on c.id = sd.case_id join p on ${inPeriod(sql`sd.decided_at`)}
        where sd.kind = 'reasonable_grounds'`;
    case 'rg_decisions_in_time':
      return sql`select p.i, c.person_id from status_decisions sd join cases c on c.id = sd.case_id join p on ${inPeriod(sql`sd.decided_at`)}
        where sd.kind = 'reasonable_grounds' and sd.decided_at <= coalesce(sd.due_at, c.opened_at + make_interval(days => ${d.reasonableGroundsDays}))`;
    case 'follow_ups_made':
      return sql`select p.i, c.person_id from case_records cr join cases c on c.id = cr.case_id join p on ${inPeriod(sql`cr.created_at`)}
        where cr.kind = 'follow_up'`;
  }
}

/** GLOTIP detected victims (all forms, sexes and ages) of the years a period covers, from the newest import. */
async function glotipPerPeriod(db: Db, periods: readonly Period[]): Promise<Array<number | null>> {
  const settings = await db.selectFrom('country_settings').select('country_iso3').where('id', '=', 1).executeTakeFirst();
  const iso3 = settings?.country_iso3 ?? null;
  if (!iso3) return periods.map(() => null);
  const { rows } = await sql<{ year: number; value: string | null }>`
    select distinct on (s.year) s.year, s.value::text as value
    from reference_statistics s join reference_datasets d on d.id = s.dataset_id
    where s.iso3 = ${iso3} and s.indicator = 'Detected trafficking victims' and s.dimension = 'Total'
      and coalesce(s.category, 'Total') = 'Total' and s.sex = 'Total' and s.age = 'Total' and s.value_kind = 'exact'
    order by s.year, d.imported_at desc, s.source_row`.execute(db);
  const byYear = new Map(rows.map((r) => [Number(r.year), Number(r.value)]));
  return periods.map((p) => {
    let total: number | null = null;
    for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y += 1) {
      const v = byYear.get(y);
      if (v !== undefined) total = (total ?? 0) + v;
    }
    return total;
  });
}

/**
 * Officials trained in each period: the sum of the numbers trained of the trainings delivered in it (modules/coordination).
 * An aggregate of staff, not of victims or of their case events: no person's record is counted, so it is shown exactly,
 * without the cell-key perturbation the counts of persons go through.
 */
async function trainedPerPeriod(db: Db, periods: readonly Period[]): Promise<number[]> {
  const { rows } = await sql<{ i: string | number; n: string | number }>`
    with p as (select s, e, i from unnest(${periods.map((p) => p.start)}::date[], ${periods.map((p) => p.end)}::date[]) with ordinality as t(s, e, i))
    select p.i, coalesce(sum(t.number_trained), 0) as n from p left join coordination_trainings t on t.held_on >= p.s and t.held_on <= p.e group by p.i`.execute(db);
  const byIndex = new Map(rows.map((r) => [Number(r.i) - 1, Number(r.n)]));
  return periods.map((_, i) => byIndex.get(i) ?? 0);
}

/**
 * Each person's record key, remembered per key set: an HMAC per person and read is what a count over a national
 * caseload costs most, and the key of a person never changes under the same keys (at most a few million kept).
 */
const rememberedKeys = new WeakMap<RecordKeys, Map<string, number>>();
function personKey(keys: RecordKeys, personId: string): number {
  let known = rememberedKeys.get(keys);
  if (!known) {
    known = new Map();
    rememberedKeys.set(keys, known);
  }
  let key = known.get(personId);
  if (key === undefined) {
    key = keys.ofPerson(personId);
    if (known.size < 4_000_000) known.set(personId, key);
  }
  return key;
}

/** The published (perturbed) count of each fact for each period. */
export async function countFacts(db: Db, keys: RecordKeys, facts: ReadonlySet<PlatformFact>, periods: readonly Period[]): Promise<Map<PlatformFact, Array<number | null>>> {
  const out = new Map<PlatformFact, Array<number | null>>();
  if (periods.length === 0) return out;
  if (facts.has('glotip_detected_victims')) out.set('glotip_detected_victims', await glotipPerPeriod(db, periods));
  if (facts.has('officials_trained')) out.set('officials_trained', await trainedPerPeriod(db, periods));
  const counted = [...facts].filter((f): f is CountedFact => f !== 'glotip_detected_victims' && f !== 'officials_trained');
  if (counted.length === 0) return out;
  const d = await deadlines(db);
  const starts = periods.map((p) => p.start);
  const ends = periods.map((p) => p.end);
  // One row per person (not per fact, period and person): the cells the person is counted in, as fact times the number of periods plus the period,
  // once per event. Four times fewer rows to read, and the person's key computed once for all its cells.
  const union = sql.join(counted.map((fact) => sql`select ${platformFacts.indexOf(fact)}::int as fact, q.i, q.person_id from (${factQuery(fact, d)}) q`), sql` union all `);
  const { rows } = await sql<{ person_id: string; cells: string }>`
    with p as (select s, e, i from unnest(${starts}::date[], ${ends}::date[]) with ordinality as t(s, e, i))
    select person_id, string_agg((fact * ${periods.length}::int + i - 1)::text, ',') as cells from (${union}) facts group by person_id`.execute(db);
  const cells = new Map<number, { n: number; key: number }>();
  for (const r of rows) {
    const key = personKey(keys, r.person_id);
    for (const code of r.cells.split(',')) {
      const id = Number(code);
      const cell = cells.get(id) ?? { n: 0, key: 0 };
      cell.n += 1;
      cell.key += key;
      cells.set(id, cell);
    }
  }
  for (const fact of counted) {
    const measure = platformFacts.indexOf(fact);
    out.set(fact, periods.map((_, i) => {
      const cell = cells.get(measure * periods.length + i);
      return cell ? perturb(cell.n, measureKey(cell.key, measure)) : 0;
    }));
  }
  return out;
}

/** The facts a set of computed indicators needs. */
export function factsOf(codes: Iterable<ComputedIndicatorCode>): Set<PlatformFact> {
  const out = new Set<PlatformFact>();
  for (const code of codes) {
    const def = computedIndicators[code];
    out.add(def.numerator);
    if (def.denominator) out.add(def.denominator);
  }
  return out;
}

/** An indicator's value per period from the published facts: a count, or a percentage (one decimal) of its denominator. */
export function indicatorValues(code: ComputedIndicatorCode, facts: ReadonlyMap<PlatformFact, ReadonlyArray<number | null>>, periods: number): Array<number | null> {
  const def = computedIndicators[code];
  const numerator = facts.get(def.numerator) ?? [];
  const denominator = def.denominator ? (facts.get(def.denominator) ?? []) : null;
  return Array.from({ length: periods }, (_, i) => {
    const n = numerator[i] ?? null;
    if (!denominator) return n;
    const dn = denominator[i] ?? null;
    if (n === null || dn === null || dn === 0) return null;
    return Math.round((Math.min(n, dn) / dn) * 1000) / 10;
  });
}

export const measureOfComputed = (code: ComputedIndicatorCode): 'count' | 'percent' => (computedIndicators[code].denominator ? 'percent' : 'count');
