import { sql } from 'kysely';
import { computedIndicators, platformFacts, type ComputedIndicatorCode, type PlatformFact } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { measureKey, perturb } from '../statistics/cell-key.js';
import { reasonableGroundsDeadline } from '../statistics/statistics.cube.js';
import { currentSopDocument } from '../sop/sop.service.js';
import { referralAnswerDays } from '../home/home.others.js';
import { countCells, countedFacts, monthOfDate, type CountedFact, type Deadlines, type Months } from './indicator-facts.js';
import { indicatorEvents } from './indicator-facts.changes.js';

/**
 * Indicators computed from the platform's own facts, as DHIS2 defines its indicators: a numerator over a denominator,
 * each a fact of the fixed catalogue (contracts vocabularies/action-plan.ts), counted for each period over the
 * persons' case events each server process keeps in memory (indicator-facts.ts, kept up to date by the persons that
 * changed: indicator-facts.changes.ts). Every count of persons or of their case events is published through the statistics page's cell-key
 * method (statistics/cell-key.ts, decision 0005) month by month: each month's count changed by the perturbation table
 * at the key of the persons counted (the sum of their record keys, a person counted once per event), each fact moved to
 * its own key so that two facts about the same persons are not changed alike. A period's value is the sum of its
 * months' published values, as a range of years is the sum of its years on the statistics page: differencing two
 * periods gives back fixed published months, never a fresh draw of noise. A period that begins or ends within a month
 * counts that whole month. The same persons and months always give the same value.
 * GLOTIP reference figures are published figures and are shown as published.
 */

export interface Period {
  readonly start: string;
  readonly end: string;
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

/**
 * The published counts computed from the same events version, periods and deadlines are the same: the last few are
 * remembered per key set, so that a page read again with nothing changed is not counted again.
 */
const remembered = new WeakMap<RecordKeys, Map<string, Map<CountedFact, number[]>>>();
const REMEMBERED = 16;

/** The published (perturbed) count of each fact for each period. */
export async function countFacts(db: Db, keys: RecordKeys, facts: ReadonlySet<PlatformFact>, periods: readonly Period[]): Promise<Map<PlatformFact, Array<number | null>>> {
  const out = new Map<PlatformFact, Array<number | null>>();
  if (periods.length === 0) return out;
  if (facts.has('glotip_detected_victims')) out.set('glotip_detected_victims', await glotipPerPeriod(db, periods));
  if (facts.has('officials_trained')) out.set('officials_trained', await trainedPerPeriod(db, periods));
  const counted = countedFacts(facts);
  if (counted.length === 0) return out;
  const d = await deadlines(db);
  // The events last, and counted at once: nothing changes them between here and the count.
  const events = await indicatorEvents(db, keys);
  const rememberedHere = remembered.get(keys) ?? new Map<string, Map<CountedFact, number[]>>();
  remembered.set(keys, rememberedHere);
  const first = Math.min(...periods.map((p) => monthOfDate(p.start)));
  const months: Months = { first, count: Math.max(...periods.map((p) => monthOfDate(p.end))) - first + 1 };
  const id = JSON.stringify([events.version, counted, months, d]);
  let monthly = rememberedHere.get(id);
  if (!monthly) {
    const cells = countCells(events.persons, (personId) => personKey(keys, personId), counted, months, d);
    monthly = new Map(counted.map((fact) => {
      const measure = platformFacts.indexOf(fact);
      return [fact, (cells.get(fact) ?? []).map((cell) => (cell.n > 0 ? perturb(cell.n, measureKey(cell.key, measure)) : 0))];
    }));
    rememberedHere.set(id, monthly);
    if (rememberedHere.size > REMEMBERED) rememberedHere.delete(rememberedHere.keys().next().value as string);
  }
  // A period's value: the sum of the published values of the months it begins in, ends in, and spans.
  for (const [fact, values] of monthly) {
    out.set(fact, periods.map((p) => values.slice(monthOfDate(p.start) - first, monthOfDate(p.end) - first + 1).reduce((sum, v) => sum + v, 0)));
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

/**
 * An indicator's value per period from the published facts: a count, or a percentage (one decimal) of its denominator,
 * shown only where the published denominator reaches the small-cell threshold (decision 0005: a share only beside a
 * published count of at least the threshold; 2 of 3 would say more about those three persons than any count does).
 */
export function indicatorValues(code: ComputedIndicatorCode, facts: ReadonlyMap<PlatformFact, ReadonlyArray<number | null>>, periods: number, threshold: number): Array<number | null> {
  const def = computedIndicators[code];
  const numerator = facts.get(def.numerator) ?? [];
  const denominator = def.denominator ? (facts.get(def.denominator) ?? []) : null;
  return Array.from({ length: periods }, (_, i) => {
    const n = numerator[i] ?? null;
    if (!denominator) return n;
    const dn = denominator[i] ?? null;
    if (n === null || dn === null || dn === 0 || dn < threshold) return null;
    return Math.round((Math.min(n, dn) / dn) * 1000) / 10;
  });
}

export const measureOfComputed = (code: ComputedIndicatorCode): 'count' | 'percent' => (computedIndicators[code].denominator ? 'percent' : 'count');
