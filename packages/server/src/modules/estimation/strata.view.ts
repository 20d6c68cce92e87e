/**
 * What the rapporteur sees of an estimate by stratum. As for the pooled estimate (estimation.view.ts), the counts from
 * the case records are perturbed by the cell-key method (decision 0005): each stratum's cells and its observed total
 * are cells of their own, perturbed at the sum of their people's record keys, and so is the pooled observed total.
 * The sum of the strata's observed is the sum of their displayed values (like a range of years on the statistics
 * page): it tells nothing the strata do not. Every estimate shown (pooled, strata, sum) is rounded by the same rule
 * (roundEstimate in the contracts: nearest 10 below 1,000, nearest 100 above; interval ends outwards), so that
 * subtracting one displayed figure from another leaves an uncertainty of at least ten people either way. Uploaded
 * tables are the uploader's own figures: their counts are shown as given, their estimates rounded alike.
 */
import { roundEstimate, type DisplayedCount, type RoundedEstimate, type StratifiedEstimateView } from '@palermo/contracts';
import { displayCount, displayTable } from './estimation.view.js';
import type { OverlapTable } from './overlap-table.js';
import type { EstimationResult } from './estimate.js';
import type { StrataModel, StratifiedEstimate, StratumOutcome } from './strata.js';

/** The estimate as displayed: point to the nearest, interval ends outwards. */
export function roundedEstimateOf(result: Pick<EstimationResult, 'total' | 'hidden'> & { readonly lower: number; readonly upper: number; readonly terms: readonly string[] }): RoundedEstimate {
  return {
    total: roundEstimate(result.total),
    hidden: roundEstimate(result.hidden),
    lower: roundEstimate(result.lower, 'down'),
    upper: roundEstimate(result.upper, 'up'),
    terms: [...result.terms],
  };
}

function estimateView(outcome: StratumOutcome): { estimate: RoundedEstimate | null; problem: StratifiedEstimateView['pooled']['problem']; detail: string | null } {
  if (!outcome.estimable) return { estimate: null, problem: outcome.problem, detail: outcome.detail };
  const { result } = outcome;
  return { estimate: roundedEstimateOf({ total: result.total, hidden: result.hidden, lower: result.interval.lower, upper: result.interval.upper, terms: result.model.terms }), problem: null, detail: null };
}

const sumOf = (keys: readonly number[]): number => keys.reduce((sum, key) => sum + key, 0);

export interface StrataViewInput {
  readonly source: 'cases' | 'upload';
  readonly year: number | null;
  readonly by: string;
  readonly model: StrataModel;
  readonly pooledTable: OverlapTable;
  readonly estimate: StratifiedEstimate;
  /** From the case records: the pooled table's and each stratum's cell key sums (by mask), in the strata's order. */
  readonly keys: { readonly pooled: readonly number[]; readonly strata: ReadonlyArray<readonly number[]> } | null;
}

export function presentStrata(input: StrataViewInput): StratifiedEstimateView {
  const { estimate, keys } = input;
  if (input.source === 'cases' && !keys) throw new Error('Counts from the case records are shown perturbed: their key sums are needed');
  const strata = estimate.strata.map((stratum, i) => {
    const cellKeys = keys ? (keys.strata[i] ?? []) : null;
    return {
      stratum: stratum.stratum,
      observed: displayCount(stratum.table.observed, cellKeys ? sumOf(cellKeys) : null),
      table: displayTable(stratum.table, cellKeys ? { cells: cellKeys, excludedNoConsent: 0, notOnAnyList: 0 } : null),
      ...estimateView(stratum.outcome),
    };
  });
  const sumObserved: DisplayedCount = {
    value: strata.reduce((sum, stratum, i) => sum + (estimate.strata[i]?.outcome.estimable ? (stratum.observed.value ?? 0) : 0), 0),
    suppressed: null,
  };
  const sum = estimate.sum;
  return {
    source: input.source,
    year: input.year,
    by: input.by,
    lists: [...input.pooledTable.lists],
    model: input.model,
    pooled: { observed: displayCount(input.pooledTable.observed, keys ? sumOf(keys.pooled) : null), ...estimateView(estimate.pooled) },
    strata,
    sum: {
      observed: sumObserved,
      estimate: sum ? { total: roundEstimate(sum.total), hidden: roundEstimate(sum.hidden), lower: roundEstimate(sum.lower, 'down'), upper: roundEstimate(sum.upper, 'up') } : null,
      complete: sum?.complete ?? false,
      missing: sum ? [...sum.missing] : estimate.strata.map((s) => s.stratum),
    },
  };
}
