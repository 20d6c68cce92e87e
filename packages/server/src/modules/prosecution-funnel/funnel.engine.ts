import {
  formsOfExploitation,
  funnelCitizenships,
  funnelDropOutReasons,
  funnelIntervals,
  funnelStages,
  suspectSexes,
  type FunnelFilters,
  type FunnelReport,
  type FunnelStage,
} from '@palermo/contracts';
import { measureKey, perturb } from '../statistics/cell-key.js';
import { quantileType8 } from '../estimation/bootstrap.js';
import { STAGE, type FunnelFacts, type InvestigationFacts, type SuspectFacts } from './funnel.facts.js';
import { must } from '../statistics/must.js';

/**
 * From the facts to the published funnel, pure. Every published count is a cell of one year (the investigation's
 * year of opening): the set of persons (or investigations) it counts under the filters, published as its count
 * changed by the cell-key method's table (statistics/cell-key.ts, decision 0005) at the set's key sum, moved by a
 * fixed step per measure (stage, drop-out reason, interval, GLOTIP count) so that two measures of the same persons are
 * not changed alike. The same persons under the same measure give the same value from any filter order or route.
 * Figures over several years are sums of the published years. Quartiles of days are computed from the exact days and
 * shown only where the published count of persons measured reaches the threshold.
 */

/** Measure numbers of the perturbation (distinct per kind of count, fixed forever: changing one redraws its noise). */
export const MEASURE = {
  stage: (stage: FunnelStage) => funnelStages.indexOf(stage),
  dropOut: (reasonIndex: number) => 10 + reasonIndex,
  downgraded: 30,
  interval: (index: number) => 40 + index,
  glotipProsecuted: 50,
  glotipConvicted: 51,
  glotipCharged: 52,
  glotipContact: 53,
} as const;

/** An exact cell: how many and the sum of their record keys. */
export interface ExactCell {
  n: number;
  key: number;
}

export const publishedOf = (cell: ExactCell | undefined, measure: number): number => (cell && cell.n > 0 ? perturb(cell.n, measureKey(cell.key, measure)) : 0);

const formBit = (form: string | undefined) => (form === undefined ? 0 : 1 << formsOfExploitation.indexOf(form as (typeof formsOfExploitation)[number]));

/** Does person i fall under the filters (years apart)? */
export function suspectFilter(facts: SuspectFacts, filters: FunnelFilters): (i: number) => boolean {
  const form = formBit(filters.form);
  const sex = filters.sex === undefined ? -1 : suspectSexes.indexOf(filters.sex);
  const citizenship = filters.citizenship === undefined ? -1 : funnelCitizenships.indexOf(filters.citizenship);
  return (i) => (form === 0 || (must(facts.forms[i]) & form) !== 0) && (sex < 0 || facts.sex[i] === sex) && (citizenship < 0 || facts.citizenship[i] === citizenship);
}

/** Does investigation i fall under the filters: its operation's form, and some suspect of that sex and citizenship. */
function investigationFilter(facts: InvestigationFacts, filters: FunnelFilters): (i: number) => boolean {
  const form = formBit(filters.form);
  const sex = filters.sex === undefined ? 0 : 1 << suspectSexes.indexOf(filters.sex);
  const citizenship = filters.citizenship === undefined ? 0 : 1 << funnelCitizenships.indexOf(filters.citizenship);
  return (i) => (form === 0 || (must(facts.forms[i]) & form) !== 0) && (sex === 0 || (must(facts.sexes[i]) & sex) !== 0) && (citizenship === 0 || (must(facts.citizenships[i]) & citizenship) !== 0);
}

const inYears = (filters: FunnelFilters) => (year: number) => (filters.yearFrom === undefined || year >= filters.yearFrom) && (filters.yearTo === undefined || year <= filters.yearTo);

/** Exact cells by measure name and year: the material of the published funnel (tests compare the two). */
export interface ExactFunnel {
  years: number[];
  stages: Map<FunnelStage, Map<number, ExactCell>>;
  dropOuts: Map<number, Map<number, ExactCell>>;
  downgraded: Map<number, ExactCell>;
  intervals: Array<{ byYear: Map<number, ExactCell>; days: number[] }>;
}

function add(cells: Map<number, ExactCell>, year: number, key: number): void {
  const cell = cells.get(year);
  if (cell) {
    cell.n += 1;
    cell.key += key;
  } else cells.set(year, { n: 1, key });
}

export function exactFunnel(facts: FunnelFacts, filters: FunnelFilters): ExactFunnel {
  const years = new Set<number>();
  const wanted = inYears(filters);
  const stages = new Map<FunnelStage, Map<number, ExactCell>>(funnelStages.map((s) => [s, new Map()]));
  const dropOuts = new Map<number, Map<number, ExactCell>>(funnelDropOutReasons.map((_, i) => [i, new Map()]));
  const downgraded = new Map<number, ExactCell>();
  const intervals = funnelIntervals.map(() => ({ byYear: new Map<number, ExactCell>(), days: [] as number[] }));
  const inv = facts.investigations;
  const invOk = investigationFilter(inv, filters);
  for (let i = 0; i < inv.size; i++) {
    const year = must(inv.year[i]);
    if (!wanted(year) || !invOk(i)) continue;
    years.add(year);
    add(must(stages.get('investigations')), year, must(inv.key[i]));
  }
  const s = facts.suspects;
  const ok = suspectFilter(s, filters);
  for (let i = 0; i < s.size; i++) {
    const year = must(s.year[i]);
    if (!wanted(year) || !ok(i)) continue;
    years.add(year);
    const key = must(s.key[i]);
    const reached = must(s.reached[i]);
    for (let stage = STAGE.suspected; stage <= reached; stage++) add(must(stages.get(must(funnelStages[stage]))), year, key);
    const reason = must(s.reason[i]);
    if (reason >= 0) add(must(dropOuts.get(reason)), year, key);
    if (s.downgraded[i] === 1) add(downgraded, year, key);
    for (let k = 0; k < funnelIntervals.length; k++) {
      const days = must(must(s.intervals[k])[i]);
      if (days < 0) continue;
      add(must(intervals[k]).byYear, year, key);
      must(intervals[k]).days.push(days);
    }
  }
  return { years: [...years].sort((a, b) => a - b), stages, dropOuts, downgraded, intervals };
}

/** The stage after which a person who stopped for this reason dropped out. */
export const dropOutAfter: Record<(typeof funnelDropOutReasons)[number], FunnelStage> = {
  not_charged: 'suspected',
  not_prosecuted: 'charged',
  awaiting_verdict: 'prosecuted',
  dismissed: 'prosecuted',
  acquitted: 'prosecuted',
  awaiting_sentence: 'convicted',
  appeal_pending: 'sentenced',
  appeal_overturned: 'sentenced',
};

/** Whole days sorted by counting (linear in the persons: hundreds of thousands per request). */
function sortedDays(days: readonly number[]): number[] {
  let max = 0;
  for (const d of days) if (d > max) max = d;
  const counts = new Int32Array(max + 1);
  for (const d of days) counts[d] = (counts[d] ?? 0) + 1;
  const sorted = new Array<number>(days.length);
  let at = 0;
  counts.forEach((n, d) => {
    for (let k = 0; k < n; k++) sorted[at++] = d;
  });
  return sorted;
}

const sumOver = (years: readonly number[], cells: Map<number, ExactCell>, measure: number) => years.reduce((total, y) => total + publishedOf(cells.get(y), measure), 0);

export type PublishedFunnel = Omit<FunnelReport, 'glotip' | 'options' | 'threshold' | 'appealPeriodDays'>;

export function publishFunnel(exact: ExactFunnel, threshold: number): PublishedFunnel {
  const { years } = exact;
  const stages = funnelStages.map((stage) => {
    const cells = must(exact.stages.get(stage));
    const byYear = years.map((year) => ({ year, value: publishedOf(cells.get(year), MEASURE.stage(stage)) }));
    return { stage, total: byYear.reduce((t, c) => t + c.value, 0), byYear };
  });
  const dropOuts = funnelDropOutReasons.map((reason, i) => ({ reason, after: dropOutAfter[reason], total: sumOver(years, must(exact.dropOuts.get(i)), MEASURE.dropOut(i)) }));
  const intervals = funnelIntervals.map((interval, k) => {
    const measured = must(exact.intervals[k]);
    const persons = sumOver(years, measured.byYear, MEASURE.interval(k));
    if (persons < threshold || measured.days.length === 0) return { interval, persons, q1: null, median: null, q3: null };
    const sorted = sortedDays(measured.days);
    return { interval, persons, q1: quantileType8(sorted, 0.25), median: quantileType8(sorted, 0.5), q3: quantileType8(sorted, 0.75) };
  });
  return { years, stages, dropOuts, downgraded: sumOver(years, exact.downgraded, MEASURE.downgraded), intervals };
}
