import { STATISTICS_UNKNOWN, statisticsForms, type StatisticsFilters } from '@palermo/contracts';
import { logGamma } from '../estimation/distributions.js';
import { filterDims, type CubeColumns, type FilterDim } from './statistics.cube-columns.js';
import { aggregateColumns, aggregateYearCells, type YearCell } from './statistics.engine.js';
import { publishPerturbed } from './statistics.perturbed.js';
import { publish } from './statistics.tables.js';
import { must } from './must.js';

/**
 * The differencing attack on the statistics page, run in process against the engine (used by the test and the
 * benchmark). For every filter (none; each value of each filter dimension; each citizenship with each sex, the
 * "one more filter" of the attack) the attacker asks the persons' total over every window of years [a, b], and for
 * every count of one year below the publication threshold (the target), collects every estimate the answers give:
 * the window of that year alone, and every pair of windows that differ by that year only ([y, b] - [y+1, b] and
 * [a, y] - [a, y-1]). The estimate is the average of all of them, rounded (averaging is how noise drawn afresh for
 * each query would be removed). A target is recovered when the estimate is its exact count.
 */

/** The published persons' total for these filters, or null when withheld. */
export type TotalOf = (filters: StatisticsFilters) => number | null;

/**
 * The page as published now: every count perturbed by the cell-key method. The cells of every year are aggregated
 * once per set of filters and each window publishes those of its years (what the engine's year filter does, checked
 * by the HTTP test), so that the thousands of windows take seconds.
 */
export function perturbedTotal(cube: CubeColumns): TotalOf {
  const cellsOf = new Map<string, YearCell[]>();
  return (filters) => {
    const { yearFrom, yearTo, ...categorical } = filters;
    const key = JSON.stringify(categorical);
    let cells = cellsOf.get(key);
    if (!cells) {
      cells = aggregateYearCells(cube, categorical);
      cellsOf.set(key, cells);
    }
    const inWindow = cells.filter((c) => (yearFrom === undefined || Number(c.year) >= yearFrom) && (yearTo === undefined || Number(c.year) <= yearTo));
    return publishPerturbed(inWindow, filters).grandTotal.value;
  };
}

/** The page as published before: exact counts with small-cell suppression. */
export const suppressedTotal =
  (cube: CubeColumns, threshold: number): TotalOf =>
  (filters) =>
    publish(aggregateColumns(cube, filters), filters, threshold).grandTotal.value;

export interface AttackResult {
  /** Counts of one year from 1 to threshold - 1 that the attack aimed at. */
  readonly targets: number;
  /** Of them, recovered exactly. */
  readonly recovered: number;
  readonly queries: number;
  readonly filterSets: number;
}

const filterOf: Record<FilterDim, keyof StatisticsFilters> = {
  gender: 'sex',
  age_broad: 'ageBand',
  exploitation: 'form',
  citizenship: 'citizenship',
  country_of_exploitation: 'countryOfExploitation',
  referring_organisation_type: 'referringOrganisationType',
};

/** Every filter the attack uses: none, each value of each dimension, and (withPairs) each citizenship with each sex. */
export function attackFilters(cube: CubeColumns, withPairs = true): StatisticsFilters[] {
  const valuesOf = (dim: FilterDim) => (dim === 'exploitation' ? [...statisticsForms] : cube.dictionaries[dim].map((v) => (v === '' ? STATISTICS_UNKNOWN : v)));
  const single = filterDims.flatMap((dim) => valuesOf(dim).map((value) => ({ [filterOf[dim]]: value }) as StatisticsFilters));
  const pairs = valuesOf('citizenship').flatMap((citizenship) => valuesOf('gender').map((sex) => ({ citizenship, sex }) as StatisticsFilters));
  return [{}, ...single, ...(withPairs ? pairs : [])];
}

/** Runs the attack against one way of publishing (see the file's comment). */
export async function differencingAttack(cube: CubeColumns, threshold: number, totalOf: TotalOf, filterSets: readonly StatisticsFilters[] = attackFilters(cube)): Promise<AttackResult> {
  const years = cube.dictionaries.year.map(Number).filter((y) => y > 0).sort((a, b) => a - b);
  let targets = 0;
  let recovered = 0;
  let queries = 0;
  for (const filters of filterSets) {
    // Lets the test runner breathe between filters (thousands of synchronous queries otherwise hold the event loop).
    await new Promise((resolve) => setImmediate(resolve));
    // The exact counts of each year, which the attacker is after.
    const exact = new Map<number, number>();
    for (const row of aggregateColumns(cube, filters)) if (row.set === 'yearStage') exact.set(Number(row.keys.year), (exact.get(Number(row.keys.year)) ?? 0) + row.persons);
    const aimed = years.map((y, i) => ({ y, i, c: exact.get(y) ?? 0 })).filter((t) => t.c >= 1 && t.c < threshold);
    if (aimed.length === 0) continue;
    const windows = new Map<string, number | null>();
    const total = (a: number, b: number): number | null => {
      if (a > b) return 0;
      const key = `${a}-${b}`;
      if (!windows.has(key)) {
        queries += 1;
        windows.set(key, totalOf({ ...filters, yearFrom: must(years[a]), yearTo: must(years[b]) }));
      }
      return windows.get(key) ?? null;
    };
    for (const { i, c } of aimed) {
      const estimates: number[] = [];
      const difference = (with_: number | null, without: number | null) => {
        if (with_ !== null && without !== null) estimates.push(with_ - without);
      };
      for (let b = i; b < years.length; b++) difference(total(i, b), total(i + 1, b));
      for (let a = 0; a < i; a++) difference(total(a, i), total(a, i - 1));
      targets += 1;
      if (estimates.length === 0) continue;
      const estimate = Math.max(0, Math.round(estimates.reduce((s, e) => s + e, 0) / estimates.length));
      if (estimate === c) recovered += 1;
    }
  }
  return { targets, recovered, queries, filterSets: filterSets.length };
}

/** P(X >= k) for X ~ Binomial(n, p): an exact sum (in logarithms). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log(1 - p));
  }
  return Math.min(1, sum);
}
