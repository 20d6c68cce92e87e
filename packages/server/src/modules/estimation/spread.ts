/**
 * How much the estimate depends on the model: the same overlap table under the choices a statistician would try.
 *
 * Rows, each with its total and 95% interval (normal on the log scale, conditional on the model), or the reason it
 * cannot be estimated (never a number then):
 * - main effects (the lists independent of one another);
 * - stepwise selection (SparseMSE's Poisson test) at p 0.001, 0.02 and 0.05;
 * - the best model by AIC and the best by BIC over models with main effects and any set of two-list interactions.
 *   Up to five lists (at most 2^10 = 1,024 models) every such model is fitted: the search is exhaustive. Above five
 *   lists the number of models explodes (2^15 for six), so the search is greedy in both directions, as R's `step`:
 *   from main effects, repeatedly add or remove the one interaction that lowers the criterion most, until none does.
 *   It finds a local best, not necessarily the global one; the row says which search gave it. Above ten lists the
 *   search is not run (each of its hundreds of fits has up to 2^k - 1 cells) and the rows say so.
 *
 * - a Bayesian model average over decomposable graphical models, as R's dga (model-averaging.ts): its total is the
 *   posterior median and its interval a 95% credible interval, which carries the uncertainty of the model choice;
 *   exact up to five lists, a Markov chain search over graphs up to AVERAGE_MAX_LISTS.
 * Each row says which kind its interval is.
 *
 * AIC is as SparseMSE's `modelfit` (R's glm AIC, each interaction between lists nobody is on together counted as one
 * parameter, fitted as minus infinity). BIC replaces the 2 per parameter by log(n), n the number of people observed.
 * Models that are not identifiable or whose maximum likelihood estimate does not exist are not candidates; among
 * equally good models the first in enumeration order (bit i of the model number = the i-th pair in column order) wins.
 */
import { EstimationError } from './errors.js';
import { estimateHiddenPopulation, type EstimateOptions } from './estimate.js';
import { checkModel } from './existence.js';
import { fitLogLinear, termName, type Term } from './loglinear.js';
import type { OverlapTable } from './overlap-table.js';
import { averageOverGraphs } from './model-averaging.js';
import { allPairs } from './stepwise.js';

export const SPREAD_THRESHOLDS = [0.001, 0.02, 0.05] as const;
/** Up to this many lists, the best AIC and BIC models are found by fitting every model. */
export const EXHAUSTIVE_SEARCH_MAX_LISTS = 5;
/** Above this many lists even the greedy search (hundreds of fits of up to 2^k - 1 cells) is not attempted. */
export const GREEDY_SEARCH_MAX_LISTS = 10;
/** Above this many lists the model average is not attempted (the chain's graphs have up to 2^k - 1 cells). */
export const AVERAGE_MAX_LISTS = 10;

export type SpreadModel = 'main' | 'stepwise-0.001' | 'stepwise-0.02' | 'stepwise-0.05' | 'best-aic' | 'best-bic' | 'bayesian-average';
/**
 * What a row's interval is: normal on the log scale and conditional on the model (as if it had not been chosen from
 * the data), or a Bayesian credible interval over the models averaged.
 */
export type IntervalKind = 'model-conditional' | 'credible';
export type Criterion = 'aic' | 'bic';

export type SpreadRow =
  | {
      readonly model: SpreadModel;
      readonly estimable: true;
      /** The interactions, in order of selection for stepwise rows, in column order for the best-model rows. */
      readonly terms: readonly string[];
      readonly emptyTerms: readonly string[];
      readonly hidden: number;
      readonly total: number;
      readonly lower: number;
      readonly upper: number;
      readonly level: number;
      readonly interval: IntervalKind;
      /** The fitted model's criteria (not for the model average). */
      readonly aic?: number;
      readonly bic?: number;
      /** For the best-model rows and the average: how the models were found. */
      readonly search?: 'exhaustive' | 'greedy' | 'mcmc';
      /** For the average: how many graphs it averages and the most probable of them. */
      readonly graphs?: number;
      readonly topModels?: readonly { readonly terms: readonly string[]; readonly probability: number }[];
    }
  | {
      readonly model: SpreadModel;
      readonly estimable: false;
      /** `not-searched`: more lists than the best-model search is run for (GREEDY_SEARCH_MAX_LISTS). */
      readonly problem: EstimationError['code'] | 'not-searched' | 'not-computed';
      readonly reason: string;
    };

export interface Spread {
  readonly rows: readonly SpreadRow[];
  /** Over the estimable rows: the lowest and highest totals and how many times the one is the other. */
  readonly range: { readonly lowest: number; readonly highest: number; readonly ratio: number } | null;
  /** The range in plain words. */
  readonly summary: string;
}

interface Scored {
  readonly terms: readonly Term[];
  readonly aic: number;
  readonly bic: number;
}

/** The model's AIC and BIC, or null when it is not a candidate (not identifiable, no MLE, or the fit fails). */
function score(table: OverlapTable, terms: readonly Term[]): Scored | null {
  if (terms.length > 0 && !checkModel(table, terms).ok) return null;
  try {
    const fit = fitLogLinear(table, terms);
    const parameters = fit.design.x.cols + fit.design.emptyTerms.length;
    const bic = fit.aic - 2 * parameters + Math.log(table.observed) * parameters;
    return { terms, aic: fit.aic, bic };
  } catch (error) {
    if (error instanceof EstimationError) return null;
    throw error;
  }
}

const better = (criterion: Criterion, x: Scored, y: Scored | null): boolean => y === null || x[criterion] < y[criterion] - 1e-9;

/** Every model with main effects and a set of two-list interactions; the best by each criterion. */
function exhaustiveBest(table: OverlapTable): Record<Criterion, Scored | null> {
  const pairs = allPairs(table.lists.length);
  const best: Record<Criterion, Scored | null> = { aic: null, bic: null };
  for (let model = 0; model < 2 ** pairs.length; model++) {
    const scored = score(table, pairs.filter((_, i) => (model >> i) & 1));
    if (!scored) continue;
    if (better('aic', scored, best.aic)) best.aic = scored;
    if (better('bic', scored, best.bic)) best.bic = scored;
  }
  return best;
}

/** Greedy search in both directions from main effects: add or remove the interaction that helps most. */
function greedyBest(table: OverlapTable, criterion: Criterion): Scored | null {
  const pairs = allPairs(table.lists.length);
  let current = score(table, []);
  if (!current) return null;
  for (let moves = 0; moves < 4 * pairs.length; moves++) {
    let next: Scored | null = null;
    for (const pair of pairs) {
      const inModel = current.terms.includes(pair);
      const terms = inModel ? current.terms.filter((term) => term !== pair) : [...current.terms, pair];
      const scored = score(table, terms);
      if (scored && better(criterion, scored, next)) next = scored;
    }
    if (!next || !better(criterion, next, current)) break;
    current = next;
  }
  return current;
}

function row(table: OverlapTable, model: Exclude<SpreadModel, 'bayesian-average'>, options: EstimateOptions, search?: 'exhaustive' | 'greedy'): SpreadRow {
  try {
    const result = estimateHiddenPopulation(table, options);
    const parameters = result.model.coefficients.length + result.model.emptyTerms.length;
    return {
      model,
      estimable: true,
      terms: result.model.terms,
      emptyTerms: result.model.emptyTerms,
      hidden: result.hidden,
      total: result.total,
      lower: result.interval.lower,
      upper: result.interval.upper,
      level: result.interval.level,
      interval: 'model-conditional',
      aic: result.model.aic,
      bic: result.model.aic - 2 * parameters + Math.log(table.observed) * parameters,
      ...(search ? { search } : {}),
    };
  } catch (error) {
    if (!(error instanceof EstimationError)) throw error;
    return { model, estimable: false, problem: error.code, reason: error.message };
  }
}

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

function summarise(rows: readonly SpreadRow[]): Pick<Spread, 'range' | 'summary'> {
  const totals = rows.flatMap((r) => (r.estimable ? [r.total] : []));
  const refused = rows.length - totals.length;
  const notes = refused > 0 ? ` ${refused} of the ${rows.length} models could not be estimated (see each row's reason).` : '';
  if (totals.length === 0) return { range: null, summary: `None of the models can be estimated from these data.` };
  const lowest = Math.min(...totals);
  const highest = Math.max(...totals);
  const ratio = highest / lowest;
  const spread =
    ratio < 1.05
      ? `The models agree: every total lies between ${whole(lowest)} and ${whole(highest)}.`
      : `The totals range from ${whole(lowest)} to ${whole(highest)} depending on the model: the highest is ${ratio.toFixed(2)} times the lowest, so the choice of model matters${ratio >= 1.5 ? ' a great deal' : ''}.`;
  return { range: { lowest, highest, ratio }, summary: `${spread}${notes}` };
}

function averageRow(table: OverlapTable, averageMaxLists: number): SpreadRow {
  const model = 'bayesian-average';
  if (table.lists.length > averageMaxLists) {
    return { model, estimable: false, problem: 'not-computed', reason: `the model average is computed here for at most ${averageMaxLists} lists (found ${table.lists.length}); the command line computes it for up to ${AVERAGE_MAX_LISTS}` };
  }
  try {
    const average = averageOverGraphs(table);
    return {
      model,
      estimable: true,
      terms: [],
      emptyTerms: [],
      hidden: average.total - average.observed,
      total: average.total,
      lower: average.lower,
      upper: average.upper,
      level: average.level,
      interval: 'credible',
      search: average.search,
      graphs: average.graphs,
      topModels: average.topModels,
    };
  } catch (error) {
    if (!(error instanceof EstimationError)) throw error;
    return { model, estimable: false, problem: error.code, reason: error.message };
  }
}

export interface SpreadOptions {
  /** The model average is computed up to this many lists (AVERAGE_MAX_LISTS by default; fewer on request). */
  readonly averageMaxLists?: number;
}

export function spreadOfModels(table: OverlapTable, options: SpreadOptions = {}): Spread {
  const withAverage = (rows: SpreadRow[]): Spread => {
    rows.push(averageRow(table, Math.min(options.averageMaxLists ?? AVERAGE_MAX_LISTS, AVERAGE_MAX_LISTS)));
    return { rows, ...summarise(rows) };
  };
  const rows: SpreadRow[] = [row(table, 'main', { model: 'main' })];
  for (const threshold of SPREAD_THRESHOLDS) rows.push(row(table, `stepwise-${threshold}`, { model: 'stepwise', test: 'poisson', threshold }));
  if (table.lists.length > GREEDY_SEARCH_MAX_LISTS) {
    for (const criterion of ['aic', 'bic'] as const) {
      rows.push({ model: `best-${criterion}`, estimable: false, problem: 'not-searched', reason: `the search for the best model is run for at most ${GREEDY_SEARCH_MAX_LISTS} lists (found ${table.lists.length}); merge lists to see it` });
    }
    return withAverage(rows);
  }
  const exhaustive = table.lists.length <= EXHAUSTIVE_SEARCH_MAX_LISTS;
  const found = exhaustive ? exhaustiveBest(table) : { aic: greedyBest(table, 'aic'), bic: greedyBest(table, 'bic') };
  for (const criterion of ['aic', 'bic'] as const) {
    const model = `best-${criterion}` as const;
    const best = found[criterion];
    if (!best) {
      rows.push({ model, estimable: false, problem: 'not-estimable', reason: 'no model with two-list interactions can be estimated from these data' });
      continue;
    }
    const options: EstimateOptions = best.terms.length === 0 ? { model: 'main' } : { terms: best.terms.map((term) => termName(table.lists, term)) };
    rows.push(row(table, model, options, exhaustive ? 'exhaustive' : 'greedy'));
  }
  return withAverage(rows);
}
