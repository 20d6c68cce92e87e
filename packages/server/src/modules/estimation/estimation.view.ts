/**
 * What the rapporteur sees of an estimate. Counts from the case records are perturbed by the cell-key method, as on
 * the statistics page (statistics/cell-key.ts, docs/decisions/0005-cell-key-perturbation.md): each count is changed by
 * at most 2 according to the record keys of its people, never below zero, zeros stay zeros, and the same people always
 * show the same value, so that differencing the tables of overlapping lists or years recovers nothing exact. The
 * observed total is a cell of its own, perturbed at the key sum of all its people, the same value as the pooled
 * observed of the estimate by stratum (strata.view.ts). The estimate, its interval and the model are computed from the
 * exact counts and displayed rounded (roundEstimate in the contracts: nearest 10 below 1,000, nearest 100 above,
 * interval ends outwards), the spread over models alike, so that the pooled estimate minus the strata's, or total
 * minus hidden, leaves at least ten people of doubt either way. Uploaded tables are the uploader's own figures: their
 * counts and estimates are shown as computed.
 */
import { SMALL_CELL_THRESHOLD, roundEstimate, type DisplayedCount, type EstimationCaveat, type EstimationResultView } from '@palermo/contracts';
import type { EstimationResult } from './estimate.js';
import { combinationName, overlapCount, type OverlapTable } from './overlap-table.js';
import type { CaseCounting, OverlapKeySums } from './overlap-from-cases.js';
import { perturb } from '../statistics/cell-key.js';
import { el } from './errors.js';
import { spreadOfModels, type SpreadRow } from './spread.js';

/** The spread over models is computed on request up to this many lists (well under a second); the command line goes further. */
export const SPREAD_ON_PAGE_MAX_LISTS = 8;
/**
 * The model average is computed on request up to this many lists (every one of the 822 graphs of five lists, or the
 * Markov chain search over graphs of six: under a second each); for seven and eight lists the search takes seconds
 * of the server's time, so the command line gives it.
 */
export const AVERAGE_ON_PAGE_MAX_LISTS = 6;

/** Earlier publications from the same data: which row of the spread each is. */
export type PublishedRows = NonNullable<EstimationResultView['spread']>['published'];

/** How an estimate's figures are displayed: from the case records rounded (interval ends outwards), uploaded as computed. */
export interface EstimateRounding {
  readonly point: (value: number) => number;
  readonly lower: (value: number) => number;
  readonly upper: (value: number) => number;
}

const asComputed: EstimateRounding = { point: (value) => value, lower: (value) => value, upper: (value) => value };
const rounded: EstimateRounding = { point: (value) => roundEstimate(value), lower: (value) => roundEstimate(value, 'down'), upper: (value) => roundEstimate(value, 'up') };

export function roundingFor(source: 'cases' | 'upload'): EstimateRounding {
  return source === 'cases' ? rounded : asComputed;
}

/** A row of the spread as displayed (and as published): its total and interval under the source's rounding. */
export function displayedRow<R extends Extract<SpreadRow, { estimable: true }>>(row: R, rounding: EstimateRounding): R {
  return { ...row, total: rounding.point(row.total), lower: rounding.lower(row.lower), upper: rounding.upper(row.upper) };
}

function spreadView(table: OverlapTable, published: PublishedRows, rounding: EstimateRounding): EstimationResultView['spread'] {
  if (table.lists.length > SPREAD_ON_PAGE_MAX_LISTS) return null;
  const spread = spreadOfModels(table, { averageMaxLists: AVERAGE_ON_PAGE_MAX_LISTS });
  return {
    rows: spread.rows.map((computed) => {
      if (!computed.estimable) return { model: computed.model, terms: [], total: null, lower: null, upper: null, interval: null, search: null, graphs: null, problem: computed.problem };
      const row = displayedRow(computed, rounding);
      return { model: row.model, terms: [...row.terms], total: row.total, lower: row.lower, upper: row.upper, interval: row.interval, search: row.search ?? null, graphs: row.graphs ?? null, problem: null };
    }),
    // The lowest and highest totals of the rows, displayed like the rows' totals.
    lowest: spread.range ? rounding.point(spread.range.lowest) : null,
    highest: spread.range ? rounding.point(spread.range.highest) : null,
    published,
  };
}

const shown = (value: number): DisplayedCount => ({ value, suppressed: null });

/** A count as displayed: perturbed at its people's key sum, or as given when there is none (an uploaded table). */
export function displayCount(value: number, keySum: number | null): DisplayedCount {
  return shown(keySum === null ? value : perturb(value, keySum));
}

/** The table's cells in mask order, perturbed when the people's key sums are given. */
export function displayTable(table: OverlapTable, keySums: OverlapKeySums | null): EstimationResultView['table'] {
  const cells = [];
  for (let mask = 1; mask < table.counts.length; mask++) {
    cells.push({ mask, count: displayCount(el(table.counts, mask), keySums ? (keySums.cells[mask] ?? 0) : null) });
  }
  return cells.map((cell) => ({ lists: combinationName(table.lists, cell.mask).split('+'), count: cell.count }));
}

/** How the people were counted; the people left out for consent and those on no list perturbed like the cells. */
export function displayCounting(counting: CaseCounting, keySums: OverlapKeySums | null): NonNullable<EstimationResultView['counting']> {
  return {
    personRecords: counting.personRecords,
    people: counting.people,
    linkedByKeys: counting.linkedByKeys,
    linkedByConfirmation: counting.linkedByConfirmation,
    excludedNoConsent: displayCount(counting.excludedNoConsent, keySums ? keySums.excludedNoConsent : null),
    notOnAnyList: displayCount(counting.notOnAnyList, keySums ? keySums.notOnAnyList : null),
  };
}

/**
 * The people observed on at least one list as displayed: from the case records a cell of its own, perturbed at the key
 * sum of all its people (every cell's), as the pooled observed of the estimate by stratum is; uploaded as given.
 */
export function displayObserved(table: OverlapTable, keySums: OverlapKeySums | null): DisplayedCount {
  return displayCount(table.observed, keySums ? keySums.cells.reduce((sum, key, mask) => (mask >= 1 ? sum + key : sum), 0) : null);
}

/** A displayed count as text, for audit summaries: the audit log is readable by the rapporteur too. */
export function countText(count: DisplayedCount): string {
  if (count.suppressed === 'small') return `<${SMALL_CELL_THRESHOLD}`;
  if (count.suppressed === 'secondary') return 'hidden';
  return String(count.value ?? 0);
}

interface ViewInput {
  readonly source: 'cases' | 'upload';
  readonly year: number | null;
  readonly lists: EstimationResultView['lists'];
  readonly table: OverlapTable;
  readonly result: EstimationResult;
  readonly counting: CaseCounting | null;
  /** The people's key sums (from the case records): the displayed counts are perturbed by them. */
  readonly keySums: OverlapKeySums | null;
  /** Estimates published from the same data. */
  readonly published?: PublishedRows;
}

function caveatsOf(input: ViewInput, tableView: EstimationResultView['table']): EstimationCaveat[] {
  const { result, counting, table } = input;
  const caveats: EstimationCaveat[] = [
    { code: 'closed-population', lines: [], lists: [], count: null, detail: null },
    { code: 'conditional-on-model', lines: [], lists: [], count: null, detail: result.interval.description },
  ];
  if (counting) caveats.push({ code: 'linkage', lines: [], lists: [], count: null, detail: null });
  for (let a = 0; a < table.lists.length - 1; a++) {
    for (let b = a + 1; b < table.lists.length; b++) {
      if (overlapCount(table, a, b) > 0) continue;
      const lists = [table.lists[a] ?? '', table.lists[b] ?? ''];
      if (result.model.emptyTerms.includes(lists.join(':'))) {
        caveats.push({ code: 'no-overlap-in-model', lines: [], lists, count: null, detail: 'no one is on both lists: the model fits their interaction as minus infinity, leaving out the combinations with both lists' });
      } else {
        caveats.push({ code: 'no-overlap', lines: [], lists, count: null, detail: 'no one is on both lists: their interaction was not selected, so the model treats the two lists as independent given the others' });
      }
    }
  }
  for (const repeat of table.repeats ?? []) {
    caveats.push({ code: 'repeated-combination', lists: [...repeat.lists], lines: [...repeat.lines], count: null, detail: `given on ${repeat.places.join(', ')}; the counts were added up` });
  }
  if (table.lists.length === 2) caveats.push({ code: 'two-lists', lines: [], lists: [], count: null, detail: null });
  if (result.interval.hiddenLower > 0 && result.interval.hiddenUpper / result.interval.hiddenLower > 10) caveats.push({ code: 'wide-interval', lines: [], lists: [], count: null, detail: null });
  if (result.hidden > 10 * result.observed) caveats.push({ code: 'large-hidden', lines: [], lists: [], count: null, detail: null });
  const shown = counting ? displayCounting(counting, input.keySums) : null;
  if (counting && shown && counting.excludedNoConsent > 0) caveats.push({ code: 'consent-excluded', lines: [], lists: [], count: shown.excludedNoConsent, detail: null });
  if (counting && shown && counting.notOnAnyList > 0) caveats.push({ code: 'not-on-any-list', lines: [], lists: [], count: shown.notOnAnyList, detail: null });
  if (tableView.some((cell) => cell.count.suppressed !== null)) caveats.push({ code: 'suppressed-cells', lines: [], lists: [], count: null, detail: null });
  return caveats;
}

export function presentEstimate(input: ViewInput): EstimationResultView {
  const { result, counting } = input;
  if (input.source === 'cases' && !input.keySums) throw new Error('Counts from the case records are shown perturbed: their key sums are needed');
  const table = displayTable(input.table, input.keySums);
  const rounding = roundingFor(input.source);
  return {
    source: input.source,
    year: input.year,
    lists: input.lists,
    table,
    smallCellThreshold: SMALL_CELL_THRESHOLD,
    observed: displayObserved(input.table, input.keySums).value ?? 0,
    hidden: rounding.point(result.hidden),
    total: rounding.point(result.total),
    interval: {
      level: result.interval.level,
      lower: rounding.lower(result.interval.lower),
      upper: rounding.upper(result.interval.upper),
      hiddenLower: rounding.lower(result.interval.hiddenLower),
      hiddenUpper: rounding.upper(result.interval.hiddenUpper),
    },
    model: {
      kind: result.model.kind,
      terms: [...result.model.terms],
      test: result.model.test ?? null,
      threshold: result.model.threshold ?? null,
      // Observed and expected overlaps are left out: they are counts of people on two lists, possibly small.
      steps: result.model.selection.map((step) => ({ step: step.step, term: step.term, pValue: step.pValue, added: step.added })),
      excluded: result.model.excluded.map((excluded) => ({ term: excluded.term, problem: excluded.problem })),
      deviance: result.model.deviance,
      residualDf: result.model.residualDf,
      aic: result.model.aic,
    },
    counting: counting ? displayCounting(counting, input.keySums) : null,
    caveats: caveatsOf(input, table),
    spread: spreadView(input.table, input.published ?? [], rounding),
  };
}
