import { sql } from 'kysely';
import { STATISTICS_UNKNOWN, type StatisticsFilters } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { AggregateRow, GroupingSet, Measures } from './statistics.queries.js';
import { must } from './must.js';

/**
 * The cube of a dataset held column by column in memory, for the page's per-request aggregation.
 *
 * Why: with nine dimensions, a million records fold into hundreds of thousands of distinct combinations, so even the
 * cube is too large for PostgreSQL to group eight ways within 100 ms (GROUPING SETS over it takes seconds). Scanning
 * typed arrays of the same rows takes milliseconds. The copy is keyed by the cube's build time
 * (statistics_cube_builds.built_at): every request first asks the database whether the cube is current
 * (ensureCube, which rebuilds it after a refresh), and a new build replaces the copy, so figures are never staler than
 * the database. The SQL aggregate (statistics.queries.ts) stays the reference: a property-based test checks that both
 * give the same rows for random filters, and the benchmark measures it as the baseline.
 */

const dims = ['year', 'gender', 'age_broad', 'exploitation', 'citizenship', 'country_of_exploitation', 'referring_organisation_type', 'stage', 'trafficking_status'] as const;
type Dim = (typeof dims)[number];
const measureColumns = [
  ['persons', 'persons'],
  ['rgDecided', 'rg_decided'],
  ['rgDaysSum', 'rg_days_sum'],
  ['rgLate', 'rg_late'],
  ['reflectionPersons', 'reflection_persons'],
  ['reflectionDaysSum', 'reflection_days_sum'],
  ['personsReferred', 'persons_referred'],
  ['referralsSent', 'referrals_sent'],
  ['referralsAccepted', 'referrals_accepted'],
  ['referralsCompleted', 'referrals_completed'],
  ['followUpCompleted', 'follow_up_completed'],
  ['followUpUnreachable', 'follow_up_unreachable'],
  ['followUpDeclined', 'follow_up_declined'],
] as const satisfies ReadonlyArray<readonly [keyof Measures, string]>;

export interface CubeColumns {
  readonly key: string;
  readonly rows: number;
  /** Per dimension: the distinct values (as stored: '' missing, years as text) and each row's index into them. */
  readonly dictionaries: Record<Dim, string[]>;
  readonly codes: Record<Dim, Uint16Array>;
  /** Per-row sums: 32-bit floats when every value is an integer below 2^24 (exact), else 64-bit. */
  readonly measures: Array<Float32Array | Float64Array>;
  /** Filled by `prepare` once per load: see `Prepared`. */
  prepared?: Prepared;
}

/**
 * What makes a request cheap: accumulators (every breakdown by year, see `layoutOf`) already summed for the whole
 * dataset and for each single value of each filter dimension, so that a request with at most one filter besides the
 * years only adds up years; and, per value, the rows holding it (posting lists), so that a request with several
 * filters scans only the rows of its rarest value.
 */
interface Prepared {
  readonly layout: Layout;
  /** Per row, its slot in each accumulator section (year x value). */
  readonly slots: Uint32Array[];
  readonly all: Float64Array;
  readonly single: Map<string, Float64Array>;
  readonly postings: Map<string, Uint32Array>;
}

const cache = new Map<string, Promise<CubeColumns>>();
/** Datasets kept in memory at once (a million records take some 90 MB with their indexes). */
const MAX_CACHED = 2;

/** The dataset's cube as columns, loaded once per build. */
export function cubeColumns(db: Db, datasetId: string, builtAt: Date): Promise<CubeColumns> {
  const key = `${datasetId}@${builtAt.toISOString()}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached); // most recently used last
    return cached;
  }
  for (const other of cache.keys()) if (other.startsWith(`${datasetId}@`)) cache.delete(other);
  const loading = load(db, datasetId, key);
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  while (cache.size > MAX_CACHED) cache.delete(must(cache.keys().next().value));
  return loading;
}

async function load(db: Db, datasetId: string, key: string): Promise<CubeColumns> {
  // Dimensions as small integer codes and measures as numbers, computed by the database: far less to parse than rows.
  const dictionaries = {} as Record<Dim, string[]>;
  for (const dim of dims) {
    const values = await sql<{ v: string }>`SELECT DISTINCT ${sql.ref(dim)}::text AS v FROM statistics_cube WHERE dataset_id = ${datasetId} ORDER BY 1`.execute(db);
    dictionaries[dim] = values.rows.map((r) => r.v);
  }
  // One pass of one aggregate query: every column as one comma-separated text, in the same row order (each
  // aggregate of a query is fed the same rows in turn), split here. Far cheaper than 600,000 row objects.
  const codeExpr = dims.map((dim) => sql`string_agg((array_position(${sql.val(dictionaries[dim])}::text[], ${sql.ref(dim)}::text) - 1)::text, ',')`);
  const measureExpr = measureColumns.map(([, column]) => sql`string_agg(${sql.ref(column)}::text, ',')`);
  const result = await sql<{ n: string; columns: Array<string | null> }>`
    SELECT count(*)::text AS n, ARRAY[${sql.join([...codeExpr, ...measureExpr])}] AS columns
    FROM statistics_cube WHERE dataset_id = ${datasetId}`.execute(db);
  const first = must(result.rows[0]);
  const rows = Number(first.n);
  const numbers = (text: string | null | undefined) => (rows === 0 || !text ? [] : text.split(',').map(Number));
  const codes = Object.fromEntries(dims.map((d, k) => [d, Uint16Array.from(numbers(first.columns[k]))])) as Record<Dim, Uint16Array>;
  const measures = measureColumns.map((_, k) => {
    const column = numbers(first.columns[dims.length + k]);
    return column.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 24) ? Float32Array.from(column) : Float64Array.from(column);
  });
  return { key, rows, dictionaries, codes, measures };
}

const setDims: Record<GroupingSet, readonly Dim[]> = {
  yearStage: ['year', 'stage'],
  yearStatus: ['year', 'trafficking_status'],
  sex: ['gender'],
  ageBand: ['age_broad'],
  form: ['exploitation'],
  citizenship: ['citizenship'],
  countryOfExploitation: ['country_of_exploitation'],
  referringOrganisationType: ['referring_organisation_type'],
};

function add(into: Float64Array, index: number, value: number): void {
  into[index] = must(into[index]) + value;
}

const unknownToEmpty = (value: string) => (value === STATISTICS_UNKNOWN ? '' : value);

const filterDims = ['gender', 'age_broad', 'exploitation', 'citizenship', 'country_of_exploitation', 'referring_organisation_type'] as const;
type FilterDim = (typeof filterDims)[number];
const sets = Object.keys(setDims) as GroupingSet[];

/**
 * Accumulator layout: one section per grouping set, each by year (year x stage, year x status, year x sex...), then
 * the NRM measures by year x stage. A request sums the sections over the years it asks for.
 */
interface Layout {
  readonly years: number;
  readonly sections: Array<{ set: GroupingSet; dim: Dim; offset: number; width: number }>;
  readonly measureOffset: number;
  readonly stageWidth: number;
  readonly size: number;
}

function layoutOf(cube: CubeColumns): Layout {
  const years = cube.dictionaries.year.length;
  let offset = 0;
  const sections = sets.map((set) => {
    const dim = must(setDims[set][setDims[set].length - 1]);
    const width = cube.dictionaries[dim].length;
    const section = { set, dim, offset, width };
    offset += years * width;
    return section;
  });
  const stageWidth = cube.dictionaries.stage.length;
  const measureOffset = offset;
  return { years, sections, measureOffset, stageWidth, size: offset + measureColumns.length * years * stageWidth };
}

function accumulate(p: { slots: Uint32Array[]; layout: Layout }, measures: Array<Float32Array | Float64Array>, into: Float64Array, row: number): void {
  const n = must(must(measures[0])[row]);
  const { slots } = p;
  for (let s = 0; s < slots.length; s++) add(into, must(must(slots[s])[row]), n);
  const ys = must(must(slots[0])[row]) - must(p.layout.sections[0]).offset;
  const block = p.layout.years * p.layout.stageWidth;
  for (let m = 0; m < measures.length; m++) add(into, p.layout.measureOffset + m * block + ys, must(must(measures[m])[row]));
}

const postingKey = (dim: Dim, code: number) => `${dim}:${code}`;

function prepare(cube: CubeColumns): Prepared {
  if (cube.prepared) return cube.prepared;
  const layout = layoutOf(cube);
  const year = cube.codes.year;
  const slots = layout.sections.map(({ dim, offset, width }) => {
    const codes = cube.codes[dim];
    const slot = new Uint32Array(cube.rows);
    for (let i = 0; i < cube.rows; i++) slot[i] = offset + must(year[i]) * width + must(codes[i]);
    return slot;
  });
  const base = { slots, layout };
  const all = new Float64Array(layout.size);
  const single = new Map<string, Float64Array>();
  const counts = new Map<string, number>();
  for (const dim of filterDims) cube.dictionaries[dim].forEach((_, code) => single.set(postingKey(dim, code), new Float64Array(layout.size)));
  const singles = filterDims.map((dim) => cube.dictionaries[dim].map((_, code) => must(single.get(postingKey(dim, code)))));
  for (let i = 0; i < cube.rows; i++) {
    accumulate(base, cube.measures, all, i);
    filterDims.forEach((dim, d) => {
      const code = must(cube.codes[dim][i]);
      accumulate(base, cube.measures, must(must(singles[d])[code]), i);
      const key = postingKey(dim, code);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  const postings = new Map<string, Uint32Array>();
  const filled = new Map<string, number>();
  for (const [key, n] of counts) {
    postings.set(key, new Uint32Array(n));
    filled.set(key, 0);
  }
  for (let i = 0; i < cube.rows; i++) {
    for (const dim of filterDims) {
      const key = postingKey(dim, must(cube.codes[dim][i]));
      const at = must(filled.get(key));
      must(postings.get(key))[at] = i;
      filled.set(key, at + 1);
    }
  }
  cube.prepared = { layout, slots, all, single, postings };
  return cube.prepared;
}

/** The same rows as the SQL aggregate, from the columns. */
export function aggregateColumns(cube: CubeColumns, filters: StatisticsFilters): AggregateRow[] {
  const { dictionaries, codes, measures } = cube;
  const p = prepare(cube);
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
  // summed from the rows of the rarest allowed value(s) of one filter, checking the others row by row.
  let acc: Float64Array;
  if (active.length === 0) acc = p.all;
  else if (active.length === 1) {
    acc = new Float64Array(p.layout.size);
    const { dim, ok } = must(active[0]);
    ok.forEach((yes, code) => {
      if (yes) {
        const part = must(p.single.get(postingKey(dim, code)));
        for (let k = 0; k < acc.length; k++) acc[k] = must(acc[k]) + must(part[k]);
      }
    });
  } else {
    const rowsOf = (f: (typeof active)[number]) => [...f.ok].flatMap((yes, code) => (yes ? [p.postings.get(postingKey(f.dim, code)) ?? new Uint32Array(0)] : []));
    const sizes = active.map((f) => rowsOf(f).reduce((n, list) => n + list.length, 0));
    const lead = sizes.indexOf(Math.min(...sizes));
    const others = active.filter((_, i) => i !== lead).map((f) => ({ column: codes[f.dim], ok: f.ok }));
    acc = new Float64Array(p.layout.size);
    for (const list of rowsOf(must(active[lead]))) {
      rows: for (let j = 0; j < list.length; j++) {
        const i = must(list[j]);
        for (let f = 0; f < others.length; f++) if (must(others[f]).ok[must(must(others[f]).column[i])] === 0) continue rows;
        accumulate(p, measures, acc, i);
      }
    }
  }
  return rowsFrom(cube, p.layout, acc, yearOk);
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
  const p = prepare(cube);
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
