import { caseStages, STATISTICS_UNKNOWN, statisticsForms, traffickingStatuses, type StatisticsFilters, type StatisticsTable } from '@palermo/contracts';
import { suppressCount, suppressTable, type SuppressedTable, type SuppressedValue } from './suppression.js';
import type { AggregateRow, Measures } from './statistics.queries.js';
import { must } from './must.js';

/**
 * From aggregate rows to tables, exact counts with small-cell suppression: what the page published before the cell-key
 * method (statistics.perturbed.ts, which shares this file's table shapes). Kept as the reference the differencing
 * test attacks (suppression alone does not survive it) and for counts that are not perturbed.
 *
 * Every count goes through the suppression module, and tables that share
 * a count (the persons of a year appear in the stage and the status tables; the grand total in every table of
 * persons) are suppressed jointly, so that no table publishes a count another one withholds.
 */

export type Counting = StatisticsTable['counting'];

export interface PublishedStatistics {
  tables: StatisticsTable[];
  /** Measures by year (and 'all'), for the derived rates: the counts behind them with their suppression. */
  perYear: Map<string, Measures>;
  /** Persons per year as published in the linked tables (for the GLOTIP comparison). */
  yearTotals: Map<string, SuppressedValue>;
  grandTotal: SuppressedValue;
  years: string[];
}

export const emptyMeasures = (): Measures => ({
  persons: 0,
  rgDecided: 0,
  rgDaysSum: 0,
  rgLate: 0,
  reflectionPersons: 0,
  reflectionDaysSum: 0,
  personsReferred: 0,
  referralsSent: 0,
  referralsAccepted: 0,
  referralsCompleted: 0,
  followUpCompleted: 0,
  followUpUnreachable: 0,
  followUpDeclined: 0,
});

export function addMeasures(into: Measures, from: Measures): void {
  for (const key of Object.keys(into) as Array<keyof Measures>) into[key] += from[key];
}

/** Years ascending; 0 (not recorded) last as `unknown`. */
export function yearKey(year: string): string {
  return year === '0' ? STATISTICS_UNKNOWN : year;
}
export function sortYears(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => (a === STATISTICS_UNKNOWN ? 1 : b === STATISTICS_UNKNOWN ? -1 : Number(a) - Number(b)));
}

/** Vocabulary order first, then anything else alphabetically, `unknown` last. */
export function orderValues(values: Iterable<string>, vocabulary: readonly string[] = []): string[] {
  const all = [...new Set(values)];
  const rank = (v: string) => (v === STATISTICS_UNKNOWN ? 2 : vocabulary.includes(v) ? 0 : 1);
  return all.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? vocabulary.indexOf(a) - vocabulary.indexOf(b) : a.localeCompare(b)));
}

export function counting(unit: Counting['unit'], population: Counting['population'], filters: StatisticsFilters): Counting {
  return { unit, population, yearFrom: filters.yearFrom ?? null, yearTo: filters.yearTo ?? null };
}

export function twoWay(id: string, rowDimension: string, columnDimension: string, rows: string[], columns: string[], result: SuppressedTable, count: Counting): StatisticsTable {
  return {
    id,
    counting: count,
    rowDimension,
    columnDimension,
    columns,
    rows: rows.map((key, r) => ({ key, cells: must(result.cells[r]), total: result.rowTotals ? must(result.rowTotals[r]) : null })),
    columnTotals: result.columnTotals,
    grandTotal: result.grandTotal,
    overlapping: false,
  };
}

/** A one-way table is published as rows of one cell each, the total as the grand total. */
export function oneWay(id: string, dimension: string, keys: string[], result: SuppressedTable, count: Counting): StatisticsTable {
  return {
    id,
    counting: count,
    rowDimension: dimension,
    columnDimension: null,
    columns: [count.unit],
    rows: keys.map((key, i) => ({ key, cells: [must(must(result.cells[0])[i])], total: null })),
    columnTotals: null,
    grandTotal: result.rowTotals ? must(result.rowTotals[0]) : null,
    overlapping: false,
  };
}

export function publish(rows: AggregateRow[], filters: StatisticsFilters, threshold: number): PublishedStatistics {
  const bySet = (set: AggregateRow['set']) => rows.filter((r) => r.set === set);

  // Year x stage and year x status: the linked two-way tables.
  const yearStage = bySet('yearStage');
  const yearStatus = bySet('yearStatus');
  const years = sortYears([...yearStage, ...yearStatus].map((r) => yearKey(must(r.keys.year))));
  const stages = orderValues(yearStage.map((r) => must(r.keys.stage)), caseStages);
  const statuses = orderValues(yearStatus.map((r) => must(r.keys.trafficking_status)), traffickingStatuses);
  const grid = (source: AggregateRow[], column: 'stage' | 'trafficking_status', columns: string[], measure: (m: Measures) => number) =>
    years.map((year) => columns.map((c) => source.filter((r) => yearKey(must(r.keys.year)) === year && r.keys[column] === c).reduce((s, r) => s + measure(r), 0)));

  const oneWaySets = [
    { id: 'sex', set: 'sex', column: 'gender', dimension: 'sex', vocabulary: [] as readonly string[] },
    { id: 'age_band', set: 'ageBand', column: 'age_broad', dimension: 'ageBand', vocabulary: [] },
    { id: 'citizenship', set: 'citizenship', column: 'citizenship', dimension: 'citizenship', vocabulary: [] },
    { id: 'country_of_exploitation', set: 'countryOfExploitation', column: 'country_of_exploitation', dimension: 'countryOfExploitation', vocabulary: [] },
    { id: 'referring_organisation_type', set: 'referringOrganisationType', column: 'referring_organisation_type', dimension: 'referringOrganisationType', vocabulary: [] },
  ] as const;
  const oneWayData = oneWaySets.map((spec) => {
    const source = bySet(spec.set);
    const keys = orderValues(source.map((r) => must(r.keys[spec.column])), spec.vocabulary);
    const values = keys.map((k) => source.filter((r) => r.keys[spec.column] === k).reduce((s, r) => s + r.persons, 0));
    return { spec, keys, values };
  });

  const stageCells = grid(yearStage, 'stage', stages, (m) => m.persons);
  const statusCells = grid(yearStatus, 'trafficking_status', statuses, (m) => m.persons);

  // Joint suppression of the shared counts, until no table withholds a shared count that another publishes.
  let forcedYears = years.map(() => false);
  let forcedGrand = false;
  let stageTable: SuppressedTable;
  let statusTable: SuppressedTable;
  let oneWayTables: SuppressedTable[];
  for (;;) {
    const forced = { rowTotals: forcedYears, grandTotal: forcedGrand };
    stageTable = suppressTable({ cells: stageCells, rowTotals: true, columnTotals: true, forced }, threshold);
    statusTable = suppressTable({ cells: statusCells, rowTotals: true, columnTotals: true, forced }, threshold);
    oneWayTables = oneWayData.map((d) => suppressTable({ cells: [d.values], rowTotals: true, columnTotals: false, forced: { rowTotals: [forcedGrand] } }, threshold));
    const nextYears = years.map((_, i) => must(must(stageTable.rowTotals)[i]).value === null || must(must(statusTable.rowTotals)[i]).value === null);
    const nextGrand = [stageTable.grandTotal, statusTable.grandTotal, ...oneWayTables.map((t) => must(must(t.rowTotals)[0]))].some((v) => v !== null && v.value === null);
    if (nextGrand === forcedGrand && nextYears.every((v, i) => v === forcedYears[i])) break;
    forcedYears = nextYears;
    forcedGrand = nextGrand;
  }

  const personsCounting = (population: Counting['population']) => counting('persons', population, filters);
  const tables: StatisticsTable[] = [
    twoWay('year_stage', 'year', 'stage', years, stages, stageTable, personsCounting('registered_by_stage')),
    twoWay('year_status', 'year', 'traffickingStatus', years, statuses, statusTable, personsCounting('registered_by_status')),
    ...oneWayData.map((d, i) => oneWay(d.spec.id, d.spec.dimension, d.keys, must(oneWayTables[i]), personsCounting('registered'))),
  ];

  // Forms of exploitation: a person may have several, so no total adds them up; each count stands alone.
  const formRows = bySet('form');
  const formKeys = [...statisticsForms, STATISTICS_UNKNOWN];
  const formCounts = formKeys.map((form) =>
    formRows.filter((r) => (form === STATISTICS_UNKNOWN ? r.keys.exploitation === STATISTICS_UNKNOWN : `,${r.keys.exploitation},`.includes(`,${form},`))).reduce((s, r) => s + r.persons, 0),
  );
  tables.push({
    id: 'form',
    counting: personsCounting('registered_by_form'),
    rowDimension: 'form',
    columnDimension: null,
    columns: ['persons'],
    rows: formKeys.map((key, i) => ({ key, cells: [suppressCount(must(formCounts[i]), threshold)], total: null })),
    columnTotals: null,
    grandTotal: null,
    overlapping: true,
  });

  // NRM performance by year: each count column stands with its total over the years.
  const perYear = new Map<string, Measures>();
  const all = emptyMeasures();
  for (const r of yearStage) {
    const key = yearKey(must(r.keys.year));
    const m = perYear.get(key) ?? emptyMeasures();
    addMeasures(m, r);
    addMeasures(all, r);
    perYear.set(key, m);
  }
  perYear.set('all', all);
  const seriesTable = (id: string, unit: Counting['unit'], population: Counting['population'], columns: Array<{ key: string; measure: (m: Measures) => number }>, rowTotals = false) => {
    const cells = years.map((y) => columns.map((c) => c.measure(perYear.get(y) ?? emptyMeasures())));
    const result = suppressTable({ cells, rowTotals, columnTotals: true, grandTotal: rowTotals }, threshold);
    return twoWay(id, 'year', 'measure', years, columns.map((c) => c.key), result, counting(unit, population, filters));
  };
  tables.push(
    seriesTable('reasonable_grounds', 'persons', 'reasonable_grounds', [
      { key: 'decided', measure: (m) => m.rgDecided },
      { key: 'overdue', measure: (m) => m.rgLate },
    ]),
    seriesTable('reflection', 'persons', 'reflection', [{ key: 'persons', measure: (m) => m.reflectionPersons }]),
    seriesTable('persons_referred', 'persons', 'referred', [{ key: 'persons', measure: (m) => m.personsReferred }]),
    seriesTable('referrals', 'referrals', 'referrals', [
      { key: 'sent', measure: (m) => m.referralsSent },
      { key: 'accepted', measure: (m) => m.referralsAccepted },
      { key: 'completed', measure: (m) => m.referralsCompleted },
    ]),
    seriesTable(
      'follow_up',
      'persons',
      'follow_up',
      [
        { key: 'completed', measure: (m) => m.followUpCompleted },
        { key: 'person_unreachable', measure: (m) => m.followUpUnreachable },
        { key: 'person_declined', measure: (m) => m.followUpDeclined },
      ],
      true,
    ),
  );

  const yearTotals = new Map(years.map((y, i) => [y, must(must(stageTable.rowTotals)[i])]));
  return { tables, perYear, yearTotals, grandTotal: must(stageTable.grandTotal), years };
}

/** The published count of a table's cell (row key, column key), or of its column total for row 'all'. */
export function publishedCell(table: StatisticsTable, row: string, column: string): SuppressedValue | null {
  const c = table.columns.indexOf(column);
  if (c < 0) return null;
  if (row === 'all') return table.columnTotals?.[c] ?? null;
  return table.rows.find((r) => r.key === row)?.cells[c] ?? null;
}
