import { caseStages, STATISTICS_UNKNOWN, statisticsForms, traffickingStatuses, type StatisticsFilters, type StatisticsTable } from '@palermo/contracts';
import type { Measures } from './statistics.queries.js';
import type { YearCell } from './statistics.engine.js';
import { measureColumns } from './statistics.cube-columns.js';
import { measureKey, perturb } from './cell-key.js';
import type { SuppressedTable, SuppressedValue } from './suppression.js';
import { counting, emptyMeasures, oneWay, orderValues, sortYears, twoWay, yearKey, type Counting, type PublishedStatistics } from './statistics.tables.js';
import { must } from './must.js';

/**
 * From the cells of each year to the published tables, every count perturbed by the cell-key method (cell-key.ts,
 * docs/decisions/0005-cell-key-perturbation.md):
 *
 *  - A cell of one year (persons of a value, of a stage, of a decision; a year's total; an NRM measure of a year) is
 *    published as its count changed by the perturbation table at the cell's key (the sum of its persons' record
 *    keys). The same persons give the same value from any route, in any filter order.
 *  - A year's total is a cell of its own, perturbed independently of the cells it adds up (as TableBuilder does), so
 *    a table's cells need not add up to its totals exactly.
 *  - Figures over several years are the sums of the published figures of each year: a year range is not a cell of its
 *    own. Differencing two overlapping ranges then gives back exactly the published figure of a year (whose noise is
 *    fixed), never a fresh draw of noise: asking every range does not average the noise away.
 *  - Nothing is suppressed: small counts are perturbed like the others (a zero stays zero).
 */

const published = (value: number): SuppressedValue => ({ value, state: 'published' });

/** Per year (stored year text), per value: the persons and their key sum. */
type ByYear = Map<string, Map<string, { n: number; key: number }>>;

function byYearOf(cells: readonly YearCell[], valueOf: (cell: YearCell) => readonly string[] = (c) => [c.value]): ByYear {
  const out: ByYear = new Map();
  for (const c of cells) {
    let year = out.get(c.year);
    if (!year) out.set(c.year, (year = new Map()));
    for (const value of valueOf(c)) {
      const cell = year.get(value) ?? { n: 0, key: 0 };
      cell.n += c.persons;
      cell.key += c.keySum;
      year.set(value, cell);
    }
  }
  return out;
}

/** The published value of one year's cell (zero when empty). */
function cellOf(byYear: ByYear, year: string, value: string): number {
  const cell = byYear.get(year)?.get(value);
  return cell ? perturb(cell.n, cell.key) : 0;
}

const formKeys: readonly string[] = [...statisticsForms, STATISTICS_UNKNOWN];
/** The forms of exploitation a combination of flags counts under (the page's forms; unknown when none recorded). */
const formsOf = (c: YearCell): string[] => (c.value === STATISTICS_UNKNOWN ? [STATISTICS_UNKNOWN] : c.value.split(',').filter((f) => formKeys.includes(f)));

export interface PerturbedStatistics extends PublishedStatistics {
  /** Measures by year (and 'all') as counted, for the means of day sums (shown only beside a published count). */
  exactPerYear: Map<string, Measures>;
}

export function publishPerturbed(cells: readonly YearCell[], filters: StatisticsFilters): PerturbedStatistics {
  const bySet = (set: YearCell['set']) => cells.filter((c) => c.set === set);
  const yearStage = bySet('yearStage');
  const yearStatus = bySet('yearStatus');
  // Years as stored ('0' for not recorded), in the published order (ascending, unknown last).
  const stored = [...new Set([...yearStage, ...yearStatus].map((c) => c.year))];
  const years = sortYears(stored.map(yearKey));
  const storedOf = new Map(stored.map((y) => [yearKey(y), y]));
  const storedYears = years.map((y) => must(storedOf.get(y)));

  // A year's total: all its persons, one cell (its key: every stage's key sum).
  const totals = byYearOf(yearStage, () => ['all']);
  const yearTotals = storedYears.map((y) => cellOf(totals, y, 'all'));
  const grand = yearTotals.reduce((a, b) => a + b, 0);

  const personsCounting = (population: Counting['population']) => counting('persons', population, filters);
  const linked = (source: YearCell[], vocabulary: readonly string[]): { columns: string[]; table: SuppressedTable } => {
    const byYear = byYearOf(source);
    const columns = orderValues(source.map((c) => c.value), vocabulary);
    const grid = storedYears.map((y) => columns.map((c) => cellOf(byYear, y, c)));
    return {
      columns,
      table: {
        cells: grid.map((row) => row.map(published)),
        rowTotals: yearTotals.map(published),
        columnTotals: columns.map((_, c) => published(grid.reduce((sum, row) => sum + must(row[c]), 0))),
        grandTotal: published(grand),
        threshold: 0,
      },
    };
  };
  const stage = linked(yearStage, caseStages);
  const status = linked(yearStatus, traffickingStatuses);

  const oneWaySets = [
    { id: 'sex', set: 'sex', dimension: 'sex' },
    { id: 'age_band', set: 'ageBand', dimension: 'ageBand' },
    { id: 'citizenship', set: 'citizenship', dimension: 'citizenship' },
    { id: 'country_of_exploitation', set: 'countryOfExploitation', dimension: 'countryOfExploitation' },
    { id: 'referring_organisation_type', set: 'referringOrganisationType', dimension: 'referringOrganisationType' },
  ] as const;
  const tables: StatisticsTable[] = [
    twoWay('year_stage', 'year', 'stage', years, stage.columns, stage.table, personsCounting('registered_by_stage')),
    twoWay('year_status', 'year', 'traffickingStatus', years, status.columns, status.table, personsCounting('registered_by_status')),
    ...oneWaySets.map((spec) => {
      const source = bySet(spec.set);
      const byYear = byYearOf(source);
      const keys = orderValues(source.map((c) => c.value));
      const values = keys.map((k) => storedYears.reduce((sum, y) => sum + cellOf(byYear, y, k), 0));
      const table: SuppressedTable = { cells: [values.map(published)], rowTotals: [published(grand)], columnTotals: null, grandTotal: null, threshold: 0 };
      return oneWay(spec.id, spec.dimension, keys, table, personsCounting('registered'));
    }),
  ];

  // Forms of exploitation: a person may have several, so no total adds them up; each form is a cell of its own.
  const forms = byYearOf(bySet('form'), formsOf);
  tables.push({
    id: 'form',
    counting: personsCounting('registered_by_form'),
    rowDimension: 'form',
    columnDimension: null,
    columns: ['persons'],
    rows: formKeys.map((key) => ({ key, cells: [published(storedYears.reduce((sum, y) => sum + cellOf(forms, y, key), 0))], total: null })),
    columnTotals: null,
    grandTotal: null,
    overlapping: true,
  });

  // NRM performance by year: each count of a year perturbed with the year's persons' key moved per measure.
  const exactPerYear = new Map<string, Measures>();
  const perYear = new Map<string, Measures>();
  const keyOfYear = new Map(storedYears.map((y) => [y, totals.get(y)?.get('all')?.key ?? 0]));
  const exactAll = emptyMeasures();
  const perturbedAll = emptyMeasures();
  years.forEach((year, i) => {
    const y = must(storedYears[i]);
    const exact = emptyMeasures();
    for (const c of yearStage) if (c.year === y && c.measures) for (const [name] of measureColumns) exact[name] += c.measures[name];
    const shown = { ...exact };
    measureColumns.forEach(([name], m) => {
      // Day sums are not counts of persons: never published, only the means beside a published count.
      if (name === 'rgDaysSum' || name === 'reflectionDaysSum') return;
      shown[name] = m === 0 ? must(yearTotals[i]) : perturb(exact[name], measureKey(must(keyOfYear.get(y)), m));
    });
    for (const [name] of measureColumns) {
      exactAll[name] += exact[name];
      perturbedAll[name] += shown[name];
    }
    exactPerYear.set(year, exact);
    perYear.set(year, shown);
  });
  exactPerYear.set('all', exactAll);
  perYear.set('all', perturbedAll);

  const seriesTable = (id: string, unit: Counting['unit'], population: Counting['population'], columns: Array<{ key: string; measure: (m: Measures) => number }>, rowTotal?: { measure: number; count: (m: Measures) => number }) => {
    const grid = years.map((y) => columns.map((c) => c.measure(must(perYear.get(y)))));
    const rowTotals = rowTotal ? years.map((y, i) => perturb(rowTotal.count(must(exactPerYear.get(y))), measureKey(must(keyOfYear.get(must(storedYears[i]))), rowTotal.measure))) : null;
    const table: SuppressedTable = {
      cells: grid.map((row) => row.map(published)),
      rowTotals: rowTotals ? rowTotals.map(published) : null,
      columnTotals: columns.map((_, c) => published(grid.reduce((sum, row) => sum + must(row[c]), 0))),
      grandTotal: rowTotals ? published(rowTotals.reduce((a, b) => a + b, 0)) : null,
      threshold: 0,
    };
    return twoWay(id, 'year', 'measure', years, columns.map((c) => c.key), table, counting(unit, population, filters));
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
      { measure: measureColumns.length, count: (m) => m.followUpCompleted + m.followUpUnreachable + m.followUpDeclined },
    ),
  );

  return { tables, perYear, exactPerYear, yearTotals: new Map(years.map((y, i) => [y, published(must(yearTotals[i]))])), grandTotal: published(grand), years };
}

/**
 * Per value of each breakdown over the whole dataset, the published persons (for the filter lists): as the one-way
 * tables and the forms table publish them (forms: each form of exploitation, a person counted under each of theirs).
 */
export function publishedValueCounts(cells: readonly YearCell[]): Array<{ set: YearCell['set']; value: string; persons: number }> {
  const out: Array<{ set: YearCell['set']; value: string; persons: number }> = [];
  const bySet = new Map<YearCell['set'], YearCell[]>();
  for (const c of cells) {
    const list = bySet.get(c.set);
    if (list) list.push(c);
    else bySet.set(c.set, [c]);
  }
  for (const [set, source] of bySet) {
    const byYear = set === 'form' ? byYearOf(source, formsOf) : byYearOf(source);
    const values = new Set<string>();
    for (const year of byYear.values()) for (const value of year.keys()) values.add(value);
    for (const value of values) out.push({ set, value, persons: [...byYear.keys()].reduce((sum, y) => sum + cellOf(byYear, y, value), 0) });
  }
  return out;
}
