import { STATISTICS_UNKNOWN, type StatisticsFilters } from '@palermo/contracts';
import type { AggregateRow, GroupingSet, Measures } from './statistics.queries.js';
import { measureColumns, setDims, type CubeColumns, type Dim, type FilterDim } from './statistics.cube-columns.js';
import { add, indexOf, severalFilters, sumOfSingles, type Layout } from './statistics.cube-index.js';
import { must } from './must.js';

export { cubeColumns, type CubeColumns } from './statistics.cube-columns.js';

/**
 * The page's aggregation over the cube's columns: the same rows as the SQL aggregate (statistics.queries.ts), from
 * the precomputed accumulators and bitmaps of the cube's index (statistics.cube-index.ts); and the same year by year
 * with the record-key sums of the cell-key method (aggregateYearCells), which is what the page publishes.
 */

const unknownToEmpty = (value: string) => (value === STATISTICS_UNKNOWN ? '' : value);

/** The accumulator of the records these filters select (all years), and which years the filters keep. */
function accumulatorFor(cube: CubeColumns, filters: StatisticsFilters): { acc: Float64Array; yearOk: boolean[]; layout: Layout } {
  const { dictionaries, measures } = cube;
  const p = indexOf(cube);
  const yearOk = dictionaries.year.map((v) => (filters.yearFrom === undefined || Number(v) >= filters.yearFrom) && (filters.yearTo === undefined || Number(v) <= filters.yearTo));
  // Each categorical filter as the set of codes it allows.
  const active: Array<{ dim: FilterDim; ok: Uint8Array }> = [];
  const allow = (dim: FilterDim, test: (value: string) => boolean) => {
    active.push({ dim, ok: Uint8Array.from(dictionaries[dim], (v) => (test(v) ? 1 : 0)) });
  };
  const equal = (dim: FilterDim, value: string | undefined) => {
    if (value !== undefined) allow(dim, (v) => v === unknownToEmpty(value));
  };
  equal('gender', filters.sex);
  equal('age_broad', filters.ageBand);
  if (filters.form !== undefined) allow('exploitation', (v) => `,${v},`.includes(`,${filters.form},`));
  equal('citizenship', filters.citizenship);
  equal('country_of_exploitation', filters.countryOfExploitation);
  equal('referring_organisation_type', filters.referringOrganisationType);

  // The accumulator for these filters: precomputed (none, or one filter: the sum of its allowed values' sums), or
  // from the bitmaps and the nearest precomputed accumulator (severalFilters).
  const acc = active.length === 0 ? p.all : active.length === 1 ? sumOfSingles(p, must(active[0])) : severalFilters(p, measures, active);
  return { acc, yearOk, layout: p.layout };
}

/** The same rows as the SQL aggregate, from the columns: exact counts (what the perturbation starts from). */
export function aggregateColumns(cube: CubeColumns, filters: StatisticsFilters): AggregateRow[] {
  const { acc, yearOk, layout } = accumulatorFor(cube, filters);
  return rowsFrom(cube, layout, acc, yearOk);
}

/**
 * One cell of one year: the persons of a value of a breakdown (or of a year x stage / status combination) in one
 * year, with the sum of their record keys (cell-key method) and, for year x stage, the NRM measures.
 */
export interface YearCell {
  readonly set: GroupingSet;
  /** The year as stored ('0': not recorded). */
  readonly year: string;
  /** The breakdown's value ('unknown' when missing). */
  readonly value: string;
  readonly persons: number;
  readonly keySum: number;
  /** Year x stage only: every measure of these persons (persons included). */
  readonly measures: Measures | null;
}

/** Every non-empty cell of every breakdown, year by year, for these filters (statistics.perturbed.ts publishes them). */
export function aggregateYearCells(cube: CubeColumns, filters: StatisticsFilters): YearCell[] {
  const { acc, yearOk, layout } = accumulatorFor(cube, filters);
  const { dictionaries } = cube;
  const out: YearCell[] = [];
  const block = layout.years * layout.stageWidth;
  const keyOffset = layout.keyOffset;
  for (const { set, dim, offset, width } of layout.sections) {
    const labels = dictionaries[dim].map((v) => (v === '' ? STATISTICS_UNKNOWN : v));
    for (let y = 0; y < layout.years; y++) {
      if (!yearOk[y]) continue;
      const year = must(dictionaries.year[y]);
      for (let v = 0; v < width; v++) {
        const slot = offset + y * width + v;
        const n = must(acc[slot]);
        if (n === 0) continue;
        let measures: Measures | null = null;
        if (set === 'yearStage') {
          const m = {} as Measures;
          for (let k = 0; k < measureColumns.length; k++) m[must(measureColumns[k])[0]] = must(acc[layout.measureOffset + k * block + y * width + v]);
          measures = m;
        }
        out.push({ set, year, value: must(labels[v]), persons: n, keySum: must(acc[keyOffset + slot]), measures });
      }
    }
  }
  return out;
}

function rowsFrom(cube: CubeColumns, layout: Layout, acc: Float64Array, yearOk: boolean[]): AggregateRow[] {
  const { dictionaries } = cube;
  const keyOf = (dim: Dim, code: number) => {
    const v = must(dictionaries[dim][code]);
    return dim === 'year' ? v : v === '' ? STATISTICS_UNKNOWN : v;
  };
  const out: AggregateRow[] = [];
  const block = layout.years * layout.stageWidth;
  for (const { set, dim, offset, width } of layout.sections) {
    const byYear = setDims[set].length === 2;
    const totals = new Float64Array(width);
    for (let y = 0; y < layout.years; y++) {
      if (!yearOk[y]) continue;
      for (let v = 0; v < width; v++) {
        const n = must(acc[offset + y * width + v]);
        if (n === 0) continue;
        if (!byYear) {
          totals[v] = must(totals[v]) + n;
          continue;
        }
        const m = {} as Measures;
        measureColumns.forEach(([name], k) => {
          m[name] = set === 'yearStage' ? must(acc[layout.measureOffset + k * block + y * width + v]) : k === 0 ? n : 0;
        });
        out.push({ set, keys: { year: keyOf('year', y), [dim]: keyOf(dim, v) }, ...m });
      }
    }
    if (!byYear) {
      totals.forEach((n, v) => {
        if (n === 0) return;
        const m = Object.fromEntries(measureColumns.map(([name], k) => [name, k === 0 ? n : 0])) as unknown as Measures;
        out.push({ set, keys: { [dim]: keyOf(dim, v) }, ...m });
      });
    }
  }
  return out;
}

/** Persons per value of each filter dimension over the whole dataset (what the SQL dimensionCounts gives). */
export function dimensionCountsOf(cube: CubeColumns): Array<{ column: Dim; value: string; persons: number }> {
  const p = indexOf(cube);
  const out: Array<{ column: Dim; value: string; persons: number }> = [];
  const label = (dim: Dim, code: number) => (cube.dictionaries[dim][code] === '' ? STATISTICS_UNKNOWN : must(cube.dictionaries[dim][code]));
  for (const { set, dim, offset, width } of p.layout.sections) {
    if (set === 'yearStatus') continue;
    const byValue = new Float64Array(width);
    const byYear = new Float64Array(p.layout.years);
    for (let y = 0; y < p.layout.years; y++) {
      for (let v = 0; v < width; v++) {
        const n = must(p.all[offset + y * width + v]);
        add(byValue, v, n);
        add(byYear, y, n);
      }
    }
    if (set === 'yearStage') {
      byYear.forEach((n, y) => {
        if (n > 0) out.push({ column: 'year', value: must(cube.dictionaries.year[y]), persons: n });
      });
    } else {
      byValue.forEach((n, v) => {
        if (n > 0) out.push({ column: dim, value: label(dim, v), persons: n });
      });
    }
  }
  return out;
}
