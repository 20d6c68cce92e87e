/**
 * What the rapporteur sees of an estimate. Counts from the case records go through small-cell suppression: a cell
 * of 1 to 10 people is shown "<11"; when exactly one cell is suppressed, the next smallest non-zero cell is hidden
 * too ("secondary"), so that the suppressed one cannot be worked out from the observed total. Zeros are shown. The
 * estimate, its interval and the model are computed from the real counts. Uploaded tables are the uploader's own
 * figures and are shown as given.
 */
import { SMALL_CELL_THRESHOLD, type DisplayedCount, type EstimationCaveat, type EstimationResultView } from '@palermo/contracts';
import type { EstimationResult } from './estimate.js';
import { combinationName, overlapCount, type OverlapTable } from './overlap-table.js';
import type { CaseCounting } from './overlap-from-cases.js';
import { el } from './errors.js';

const shown = (value: number): DisplayedCount => ({ value, suppressed: null });

export function displayCount(value: number, suppress: boolean): DisplayedCount {
  if (suppress && value > 0 && value < SMALL_CELL_THRESHOLD) return { value: null, suppressed: 'small' };
  return shown(value);
}

/** The table's cells in mask order, with primary and secondary suppression when `suppress`. */
export function displayTable(table: OverlapTable, suppress: boolean): EstimationResultView['table'] {
  const cells = [];
  for (let mask = 1; mask < table.counts.length; mask++) {
    const value = el(table.counts, mask);
    cells.push({ mask, value, count: displayCount(value, suppress) });
  }
  if (suppress) {
    const small = cells.filter((cell) => cell.count.suppressed === 'small');
    if (small.length === 1) {
      const next = cells.filter((cell) => cell.count.suppressed === null && cell.value > 0).sort((a, b) => a.value - b.value || a.mask - b.mask)[0];
      if (next) next.count = { value: null, suppressed: 'secondary' };
    }
  }
  return cells.map((cell) => ({ lists: combinationName(table.lists, cell.mask).split('+'), count: cell.count }));
}

/**
 * How the people were counted. people = observed + left out for consent + on no list, and people is shown: when only
 * one of the last two is small, the other is hidden too, so that the small one cannot be worked out.
 */
export function displayCounting(counting: CaseCounting, suppress: boolean): NonNullable<EstimationResultView['counting']> {
  let excludedNoConsent = displayCount(counting.excludedNoConsent, suppress);
  let notOnAnyList = displayCount(counting.notOnAnyList, suppress);
  if (excludedNoConsent.suppressed === 'small' && notOnAnyList.suppressed === null) notOnAnyList = { value: null, suppressed: 'secondary' };
  else if (notOnAnyList.suppressed === 'small' && excludedNoConsent.suppressed === null) excludedNoConsent = { value: null, suppressed: 'secondary' };
  return {
    personRecords: counting.personRecords,
    people: counting.people,
    linkedByKeys: counting.linkedByKeys,
    linkedByConfirmation: counting.linkedByConfirmation,
    excludedNoConsent,
    notOnAnyList,
  };
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
}

function caveatsOf(input: ViewInput, tableView: EstimationResultView['table']): EstimationCaveat[] {
  const { result, counting, table } = input;
  const suppress = input.source === 'cases';
  const caveats: EstimationCaveat[] = [
    { code: 'closed-population', lists: [], count: null, detail: null },
    { code: 'conditional-on-model', lists: [], count: null, detail: result.interval.description },
  ];
  if (counting) caveats.push({ code: 'linkage', lists: [], count: null, detail: null });
  for (let a = 0; a < table.lists.length - 1; a++) {
    for (let b = a + 1; b < table.lists.length; b++) {
      if (overlapCount(table, a, b) > 0) continue;
      const lists = [table.lists[a] ?? '', table.lists[b] ?? ''];
      const excluded = result.model.excluded.find((term) => term.term === lists.join(':') && term.problem === 'no-overlap');
      caveats.push({ code: 'no-overlap', lists, count: null, detail: excluded?.message ?? null });
    }
  }
  if (table.lists.length === 2) caveats.push({ code: 'two-lists', lists: [], count: null, detail: null });
  if (result.interval.hiddenLower > 0 && result.interval.hiddenUpper / result.interval.hiddenLower > 10) caveats.push({ code: 'wide-interval', lists: [], count: null, detail: null });
  if (result.hidden > 10 * result.observed) caveats.push({ code: 'large-hidden', lists: [], count: null, detail: null });
  const shown = counting ? displayCounting(counting, suppress) : null;
  if (counting && shown && counting.excludedNoConsent > 0) caveats.push({ code: 'consent-excluded', lists: [], count: shown.excludedNoConsent, detail: null });
  if (counting && shown && counting.notOnAnyList > 0) caveats.push({ code: 'not-on-any-list', lists: [], count: shown.notOnAnyList, detail: null });
  if (tableView.some((cell) => cell.count.suppressed !== null)) caveats.push({ code: 'suppressed-cells', lists: [], count: null, detail: null });
  return caveats;
}

export function presentEstimate(input: ViewInput): EstimationResultView {
  const { result, counting } = input;
  const suppress = input.source === 'cases';
  const table = displayTable(input.table, suppress);
  return {
    source: input.source,
    year: input.year,
    lists: input.lists,
    table,
    smallCellThreshold: SMALL_CELL_THRESHOLD,
    observed: result.observed,
    hidden: result.hidden,
    total: result.total,
    interval: {
      level: result.interval.level,
      lower: result.interval.lower,
      upper: result.interval.upper,
      hiddenLower: result.interval.hiddenLower,
      hiddenUpper: result.interval.hiddenUpper,
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
    counting: counting ? displayCounting(counting, suppress) : null,
    caveats: caveatsOf(input, table),
  };
}
