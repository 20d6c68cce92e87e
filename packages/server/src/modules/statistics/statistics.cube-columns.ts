import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { groupingSets, type GroupingSet, type Measures } from './statistics.queries.js';
import type { CubeIndex } from './statistics.cube-index.js';
import { must } from './must.js';

/**
 * The cube of a dataset held column by column in memory, for the page's per-request aggregation (statistics.engine.ts,
 * with the indexes of statistics.cube-index.ts).
 *
 * Why: with nine dimensions, a million records fold into hundreds of thousands of distinct combinations, so even the
 * cube is too large for PostgreSQL to group eight ways within 100 ms (GROUPING SETS over it takes seconds). Scanning
 * typed arrays of the same rows takes milliseconds. The copy is keyed by the cube's build time
 * (statistics_cube_builds.built_at): every request first asks the database whether the cube is current
 * (ensureCube, which rebuilds it after a refresh), and a new build replaces the copy, so figures are never staler than
 * the database. The SQL aggregate (statistics.queries.ts) stays the reference: a property-based test checks that both
 * give the same rows for random filters, and the benchmark measures it as the baseline.
 */

export const dims = ['year', 'gender', 'age_broad', 'exploitation', 'citizenship', 'country_of_exploitation', 'referring_organisation_type', 'stage', 'trafficking_status'] as const;
export type Dim = (typeof dims)[number];
export const measureColumns = [
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
  /** Per row, the sum of its records' keys modulo 256 (cell-key method: a cell's key is the sum of its rows'). */
  readonly keySums: Float32Array;
  /** Built once per load, on first use: see `CubeIndex`. */
  index?: CubeIndex;
}

/** The columns of each grouping set (the same as the SQL aggregate's). */
export const setDims: Record<GroupingSet, readonly Dim[]> = groupingSets;


export const filterDims = ['gender', 'age_broad', 'exploitation', 'citizenship', 'country_of_exploitation', 'referring_organisation_type'] as const;
export type FilterDim = (typeof filterDims)[number];
export const sets = Object.keys(setDims) as GroupingSet[];

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
  // Every dimension's distinct values in one scan (one grouping set per dimension; the one set is told by `d`).
  const distinct = await sql<{ d: number; v: string }>`
    SELECT CASE ${sql.join(dims.map((dim, k) => sql`WHEN GROUPING(${sql.ref(dim)}) = 0 THEN ${sql.lit(k)}`), sql` `)} END AS d,
      coalesce(${sql.join(dims.map((dim) => sql`${sql.ref(dim)}::text`))}) AS v
    FROM statistics_cube WHERE dataset_id = ${datasetId}
    GROUP BY GROUPING SETS (${sql.join(dims.map((dim) => sql`(${sql.ref(dim)})`))})`.execute(db);
  const dictionaries = Object.fromEntries(dims.map((dim) => [dim, [] as string[]])) as Record<Dim, string[]>;
  for (const row of distinct.rows) dictionaries[must(dims[row.d])].push(row.v);
  for (const dim of dims) dictionaries[dim].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // One pass of one aggregate query: every column as one comma-separated text, in the same row order (each
  // aggregate of a query is fed the same rows in turn), split here. Far cheaper than 600,000 row objects.
  const codeExpr = dims.map((dim) => sql`string_agg((array_position(${sql.val(dictionaries[dim])}::text[], ${sql.ref(dim)}::text) - 1)::text, ',')`);
  const measureExpr = measureColumns.map(([, column]) => sql`string_agg(${sql.ref(column)}::text, ',')`);
  const keyExpr = sql`string_agg(key_sum::text, ',')`;
  // Each as a column of its own (not one array, which the driver would parse character by character).
  const expressions = [...codeExpr, ...measureExpr, keyExpr].map((e, k) => sql`${e} AS ${sql.ref(`c${k}`)}`);
  const result = await sql<Record<string, string | null>>`
    SELECT count(*)::text AS n, ${sql.join(expressions)}
    FROM statistics_cube WHERE dataset_id = ${datasetId}`.execute(db);
  const first = must(result.rows[0]);
  const rows = Number(first['n']);
  const numbers = (k: number) => {
    const text = first[`c${k}`];
    return rows === 0 || !text ? [] : text.split(',').map(Number);
  };
  const codes = Object.fromEntries(dims.map((d, k) => [d, Uint16Array.from(numbers(k))])) as Record<Dim, Uint16Array>;
  const measures = measureColumns.map((_, k) => {
    const column = numbers(dims.length + k);
    return column.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 24) ? Float32Array.from(column) : Float64Array.from(column);
  });
  const keySums = Float32Array.from(numbers(dims.length + measureColumns.length));
  return { key, rows, dictionaries, codes, measures, keySums };
}
