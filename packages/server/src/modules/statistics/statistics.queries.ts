import { sql, type RawBuilder } from 'kysely';
import { STATISTICS_UNKNOWN, type StatisticsFilters } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { recordProjection } from './statistics.cube.js';
import { must } from './must.js';

/**
 * The statistics page's one aggregate query: every breakdown the page shows, in one pass with GROUPING SETS, over the
 * cube (or, for the benchmark's baseline, over the records themselves through the same projection).
 */

export const groupingSets = {
  yearStage: ['year', 'stage'],
  yearStatus: ['year', 'trafficking_status'],
  sex: ['gender'],
  ageBand: ['age_broad'],
  form: ['exploitation'],
  citizenship: ['citizenship'],
  countryOfExploitation: ['country_of_exploitation'],
  referringOrganisationType: ['referring_organisation_type'],
} as const;
export type GroupingSet = keyof typeof groupingSets;

const dimensionColumns = ['year', 'stage', 'trafficking_status', 'gender', 'age_broad', 'exploitation', 'citizenship', 'country_of_exploitation', 'referring_organisation_type'] as const;
type DimensionColumn = (typeof dimensionColumns)[number];

export interface Measures {
  persons: number;
  rgDecided: number;
  rgDaysSum: number;
  rgLate: number;
  reflectionPersons: number;
  reflectionDaysSum: number;
  personsReferred: number;
  referralsSent: number;
  referralsAccepted: number;
  referralsCompleted: number;
  followUpCompleted: number;
  followUpUnreachable: number;
  followUpDeclined: number;
}

export interface AggregateRow extends Measures {
  set: GroupingSet;
  keys: Partial<Record<DimensionColumn, string>>;
}

/** The GROUPING() bit mask of each set (leftmost argument = highest bit). */
function maskOf(columns: readonly DimensionColumn[]): number {
  let mask = 0;
  dimensionColumns.forEach((column, i) => {
    if (!columns.includes(column)) mask |= 1 << (dimensionColumns.length - 1 - i);
  });
  return mask;
}
const setByMask = new Map<number, GroupingSet>(Object.entries(groupingSets).map(([name, columns]) => [maskOf(columns), name as GroupingSet]));

const unknownToEmpty = (value: string) => (value === STATISTICS_UNKNOWN ? '' : value);

function whereOf(filters: StatisticsFilters): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.yearFrom !== undefined) conditions.push(sql`year >= ${filters.yearFrom}`);
  if (filters.yearTo !== undefined) conditions.push(sql`year <= ${filters.yearTo}`);
  if (filters.sex !== undefined) conditions.push(sql`gender = ${unknownToEmpty(filters.sex)}`);
  if (filters.ageBand !== undefined) conditions.push(sql`age_broad = ${unknownToEmpty(filters.ageBand)}`);
  if (filters.form !== undefined) conditions.push(sql`(',' || exploitation || ',') LIKE ${`%,${filters.form},%`}`);
  if (filters.citizenship !== undefined) conditions.push(sql`citizenship = ${unknownToEmpty(filters.citizenship)}`);
  if (filters.countryOfExploitation !== undefined) conditions.push(sql`country_of_exploitation = ${unknownToEmpty(filters.countryOfExploitation)}`);
  if (filters.referringOrganisationType !== undefined) conditions.push(sql`referring_organisation_type = ${unknownToEmpty(filters.referringOrganisationType)}`);
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `);
}

const groupingSetsSql = sql.raw(
  Object.values(groupingSets)
    .map((columns) => `(${columns.join(', ')})`)
    .join(', '),
);

/** The cube's rows of one dataset, or (baseline) the records projected the same way. */
function source(kind: 'cube' | 'records', datasetId: string, deadlineDays: number): RawBuilder<unknown> {
  if (kind === 'cube') return sql`(SELECT * FROM statistics_cube WHERE dataset_id = ${datasetId})`;
  // The records projected as one-person cube rows: the same sums then count the same things.
  return sql`(SELECT p.*, p.rg_days AS rg_days_sum, p.reflection_person AS reflection_persons, p.reflection_days AS reflection_days_sum,
    p.person_referred AS persons_referred FROM (${recordProjection(datasetId, deadlineDays)}) p)`;
}

interface RawRow {
  mask: number;
  year: number | null;
  stage: string | null;
  trafficking_status: string | null;
  gender: string | null;
  age_broad: string | null;
  exploitation: string | null;
  citizenship: string | null;
  country_of_exploitation: string | null;
  referring_organisation_type: string | null;
  persons: string;
  rg_decided: string;
  rg_days_sum: string;
  rg_late: string;
  reflection_persons: string;
  reflection_days_sum: string;
  persons_referred: string;
  referrals_sent: string;
  referrals_accepted: string;
  referrals_completed: string;
  follow_up_completed: string;
  follow_up_unreachable: string;
  follow_up_declined: string;
}

export async function aggregate(db: Db, datasetId: string, filters: StatisticsFilters, kind: 'cube' | 'records' = 'cube', deadlineDays = 5): Promise<AggregateRow[]> {
  const result = await sql<RawRow>`
    SELECT GROUPING(${sql.raw(dimensionColumns.join(', '))}) AS mask, ${sql.raw(dimensionColumns.join(', '))},
      sum(persons) AS persons, sum(rg_decided) AS rg_decided, sum(rg_days_sum) AS rg_days_sum, sum(rg_late) AS rg_late,
      sum(reflection_persons) AS reflection_persons, sum(reflection_days_sum) AS reflection_days_sum,
      sum(persons_referred) AS persons_referred, sum(referrals_sent) AS referrals_sent,
      sum(referrals_accepted) AS referrals_accepted, sum(referrals_completed) AS referrals_completed,
      sum(follow_up_completed) AS follow_up_completed, sum(follow_up_unreachable) AS follow_up_unreachable,
      sum(follow_up_declined) AS follow_up_declined
    FROM ${source(kind, datasetId, deadlineDays)} AS c
    WHERE ${whereOf(filters)}
    GROUP BY GROUPING SETS (${groupingSetsSql})`.execute(db);
  return result.rows.map((r) => {
    const set = setByMask.get(Number(r.mask));
    if (!set) throw new Error(`Unexpected grouping mask ${r.mask}`);
    const keys: AggregateRow['keys'] = {};
    for (const column of groupingSets[set]) {
      const value = r[column];
      keys[column] = column === 'year' ? String(value) : value === '' || value === null ? STATISTICS_UNKNOWN : String(value);
    }
    return {
      set,
      keys,
      persons: Number(r.persons),
      rgDecided: Number(r.rg_decided),
      rgDaysSum: Number(r.rg_days_sum),
      rgLate: Number(r.rg_late),
      reflectionPersons: Number(r.reflection_persons),
      reflectionDaysSum: Number(r.reflection_days_sum),
      personsReferred: Number(r.persons_referred),
      referralsSent: Number(r.referrals_sent),
      referralsAccepted: Number(r.referrals_accepted),
      referralsCompleted: Number(r.referrals_completed),
      followUpCompleted: Number(r.follow_up_completed),
      followUpUnreachable: Number(r.follow_up_unreachable),
      followUpDeclined: Number(r.follow_up_declined),
    };
  });
}

/** Persons per value of each filter dimension over the whole dataset (for the filter lists), and the years present. */
export async function dimensionCounts(db: Db, datasetId: string): Promise<Array<{ column: DimensionColumn; value: string; persons: number }>> {
  const columns = ['year', 'gender', 'age_broad', 'exploitation', 'citizenship', 'country_of_exploitation', 'referring_organisation_type'] as const;
  const result = await sql<{ mask: number; persons: string } & Record<(typeof columns)[number], string | number | null>>`
    SELECT GROUPING(${sql.raw(columns.join(', '))}) AS mask, ${sql.raw(columns.join(', '))}, sum(persons) AS persons
    FROM statistics_cube WHERE dataset_id = ${datasetId}
    GROUP BY GROUPING SETS (${sql.raw(columns.map((c) => `(${c})`).join(', '))})`.execute(db);
  return result.rows.map((r) => {
    const index = columns.findIndex((_, i) => (Number(r.mask) & (1 << (columns.length - 1 - i))) === 0);
    const column = must(columns[index]);
    const raw = r[column];
    return { column, value: raw === '' || raw === null ? STATISTICS_UNKNOWN : String(raw), persons: Number(r.persons) };
  });
}
