/**
 * Stratified estimation: the same lists estimated separately in each group of people, and the strata added up.
 *
 * Each stratum is estimated on its own exact overlap table exactly as a table alone would be (estimate.ts: the same
 * checks, the same model choice made afresh in each stratum). A stratum that cannot be estimated carries its reason
 * and no number. The sum of the strata adds the totals; its interval is the normal-on-log-scale interval of the
 * summed hidden count, whose variance is the sum of the strata's (strata are separate people, hence independent),
 * each stratum's variance taken from its own log-scale standard error by the delta method:
 *   var(hidden_s) = (hidden_s × se_s)²,  se(log H) = sqrt(Σ var(hidden_s)) / H,  H = Σ hidden_s,
 *   interval = observed + H × exp(± z × se(log H)).
 * Like each stratum's, it is conditional on the models chosen.
 */
import { SMALL_CELL_THRESHOLD, type StrataProblem } from '@palermo/contracts';
import { normalQuantile } from './distributions.js';
import { EstimationError, el } from './errors.js';
import { DEFAULT_LEVEL, estimateHiddenPopulation, type EstimateOptions, type EstimationResult } from './estimate.js';
import { listTotal, type OverlapTable } from './overlap-table.js';

export type StrataModel = 'stepwise' | 'main';

export type StratumOutcome =
  | { readonly estimable: true; readonly result: EstimationResult }
  | { readonly estimable: false; readonly problem: StrataProblem; readonly detail: string };

export interface StratumEstimate {
  readonly stratum: string;
  readonly table: OverlapTable;
  readonly outcome: StratumOutcome;
}

export interface StrataSum {
  /** Everyone observed in the strata that could be estimated. */
  readonly observed: number;
  readonly hidden: number;
  readonly total: number;
  readonly lower: number;
  readonly upper: number;
  /** True when every stratum could be estimated. */
  readonly complete: boolean;
  /** The strata left out of the sum. */
  readonly missing: readonly string[];
}

export interface StratifiedEstimate {
  readonly pooled: StratumOutcome;
  readonly strata: readonly StratumEstimate[];
  /** Null when no stratum could be estimated. */
  readonly sum: StrataSum | null;
}

/** Why a table gives no estimate, in the terms the page explains; the estimator's own words kept as the detail. */
function problemOf(table: OverlapTable, error: EstimationError): StrataProblem {
  if (error.code === 'did-not-converge') return 'did-not-converge';
  let onSeveral = 0;
  for (let mask = 1; mask < table.counts.length; mask++) if ((mask & (mask - 1)) !== 0) onSeveral += el(table.counts, mask);
  if (table.observed > 0 && onSeveral === 0) return 'no-overlap';
  if (table.lists.some((_, i) => listTotal(table, i) === 0 || listTotal(table, i) === table.observed)) return 'empty-list';
  return 'not-estimable';
}

/**
 * Estimates one table. Tables of fewer people than the small-cell threshold are not estimated ("too few"): an estimate
 * of so few people would describe a small group, and is too unstable to be worth reading.
 */
export function estimateTable(table: OverlapTable, options: EstimateOptions): StratumOutcome {
  if (table.observed < SMALL_CELL_THRESHOLD) {
    return { estimable: false, problem: 'too-few', detail: `fewer than ${SMALL_CELL_THRESHOLD} people observed: not estimated` };
  }
  try {
    return { estimable: true, result: estimateHiddenPopulation(table, options) };
  } catch (error) {
    if (!(error instanceof EstimationError) || error.code === 'bad-input') throw error;
    return { estimable: false, problem: problemOf(table, error), detail: error.message };
  }
}

/** The sum of the strata that could be estimated, with its interval from the summed variances (see the file's head). */
export function sumOfStrata(strata: readonly StratumEstimate[], level = DEFAULT_LEVEL): StrataSum | null {
  const estimated = strata.flatMap((s) => (s.outcome.estimable ? [s.outcome.result] : []));
  if (estimated.length === 0) return null;
  let observed = 0;
  let hidden = 0;
  let variance = 0;
  for (const result of estimated) {
    observed += result.observed;
    hidden += result.hidden;
    variance += (result.hidden * result.interval.logHiddenSe) ** 2;
  }
  const z = normalQuantile((1 + level) / 2);
  const logSe = hidden > 0 ? Math.sqrt(variance) / hidden : 0;
  const missing = strata.filter((s) => !s.outcome.estimable).map((s) => s.stratum);
  return {
    observed,
    hidden,
    total: observed + hidden,
    lower: observed + hidden * Math.exp(-z * logSe),
    upper: observed + hidden * Math.exp(z * logSe),
    complete: missing.length === 0,
    missing,
  };
}

/** The pooled table and each stratum's estimated alike, and the strata added up. */
export function estimateByStratum(pooled: OverlapTable, strata: ReadonlyArray<{ readonly stratum: string; readonly table: OverlapTable }>, options: EstimateOptions): StratifiedEstimate {
  const estimates = strata.map((s) => ({ stratum: s.stratum, table: s.table, outcome: estimateTable(s.table, options) }));
  return { pooled: estimateTable(pooled, options), strata: estimates, sum: sumOfStrata(estimates, options.level) };
}
