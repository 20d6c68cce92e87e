/**
 * Multiple systems estimation: from how lists of identified victims overlap, estimate how many victims no list
 * found. Poisson log-linear model with main effects and selected two-list interactions; the hidden count is the
 * fitted value of the all-zero cell, exp(b0). Interval: Wald on the log scale, exp(b0 +/- z se(b0)), with the
 * observed total added (as SparseMSE's "normal on log scale" interval). It is conditional on the chosen model: it
 * does not include the uncertainty of model selection.
 */
import { EstimationError, el } from './errors.js';
import { checkModel } from './existence.js';
import { normalQuantile } from './distributions.js';
import { fitLogLinear, termName, type LogLinearFit, type Term } from './loglinear.js';
import { listTotal, overlapCount, parseOverlapTable, type OverlapTable } from './overlap-table.js';
import { allPairs, selectStepwise, type ExcludedTerm, type SelectionStep, type SelectionTest } from './stepwise.js';

export const DEFAULT_THRESHOLD = 0.02;
export const DEFAULT_LEVEL = 0.95;

export interface EstimateOptions {
  /** `stepwise` (default) selects two-list interactions; `main` fits main effects only. Ignored when `terms` is given. */
  readonly model?: 'stepwise' | 'main';
  /** A fixed set of interactions, e.g. ['LA:NG', 'PF:NCA']; fits exactly these. */
  readonly terms?: readonly string[];
  /** Stepwise: add a term while its p-value is below this (default 0.02). */
  readonly threshold?: number;
  /** Stepwise: `poisson` (default, as SparseMSE) or `lrt`. */
  readonly test?: SelectionTest;
  /** Interval coverage (default 0.95). */
  readonly level?: number;
}

export interface EstimationResult {
  readonly lists: readonly string[];
  readonly observed: number;
  readonly hidden: number;
  readonly total: number;
  readonly interval: {
    readonly lower: number;
    readonly upper: number;
    readonly level: number;
    readonly method: 'normal-log-scale';
    readonly description: string;
    readonly hiddenLower: number;
    readonly hiddenUpper: number;
    /** b0 = log(hidden) and its standard error. */
    readonly logHidden: number;
    readonly logHiddenSe: number;
  };
  readonly model: {
    readonly kind: 'stepwise' | 'main' | 'fixed';
    /** The interactions in order of selection (or as given), those in `emptyTerms` included. */
    readonly terms: readonly string[];
    /** Interactions between lists nobody is on together: estimated as minus infinity, with no coefficient. */
    readonly emptyTerms: readonly string[];
    readonly test?: SelectionTest;
    readonly threshold?: number;
    readonly selection: readonly SelectionStep[];
    readonly excluded: readonly ExcludedTerm[];
    readonly coefficients: readonly { readonly name: string; readonly estimate: number; readonly se: number }[];
    readonly deviance: number;
    readonly residualDf: number;
    /** As R's glm, plus 2 for each empty interaction (as SparseMSE's `modelfit`). */
    readonly aic: number;
  };
  readonly warnings: readonly string[];
}

function notEstimable(message: string): EstimationError {
  return new EstimationError(message, 'not-estimable');
}

/** Resolves "LA:NG" into list indices, in either order. */
export function parseTerms(table: OverlapTable, names: readonly string[]): Term[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    const text = raw.trim();
    const parts = text.split(':').map((part) => part.trim());
    const [first, second] = parts;
    if (parts.length !== 2 || !first || !second) {
      throw new EstimationError(`term "${text}": write a two-list interaction as LIST:LIST, e.g. ${table.lists.slice(0, 2).join(':')}`, 'bad-input');
    }
    const indices = [first, second].map((name) => {
      const index = table.lists.indexOf(name);
      if (index < 0) throw new EstimationError(`term "${text}": no list is called "${name}"; the lists are ${table.lists.join(', ')}`, 'bad-input');
      return index;
    });
    const [i, j] = indices;
    if (i === undefined || j === undefined || i === j) throw new EstimationError(`term "${text}": an interaction needs two different lists`, 'bad-input');
    const term = { a: Math.min(i, j), b: Math.max(i, j) };
    const key = termName(table.lists, term);
    if (seen.has(key)) throw new EstimationError(`term "${text}" is given twice`, 'bad-input');
    seen.add(key);
    return term;
  });
}

/** Lists nobody is on, or that everybody observed is on, or that never overlap at all, give the model nothing to work with. */
function checkLists(table: OverlapTable): void {
  if (table.observed === 0) throw notEstimable('every count is zero: no one was observed, so there is nothing to estimate from');
  const header = table.headerLine !== undefined ? `line ${table.headerLine} (the header), ` : '';
  table.lists.forEach((name, i) => {
    const total = listTotal(table, i);
    if (total === 0) throw notEstimable(`${header}column ${i + 1}: no one is on list "${name}"; remove that column`);
    if (total === table.observed) {
      throw notEstimable(`${header}column ${i + 1}: everyone observed is on list "${name}", so the data say nothing about who that list misses; the estimate does not exist`);
    }
  });
  let onSeveral = 0;
  for (let mask = 1; mask < table.counts.length; mask++) if ((mask & (mask - 1)) !== 0) onSeveral += el(table.counts, mask);
  if (onSeveral === 0) {
    throw notEstimable('no one is on more than one list (every row with a count has a single 1): with no overlap between the lists, nothing says how many people each list misses, so the estimate does not exist');
  }
  const main = checkModel(table, []);
  if (!main.ok) throw notEstimable(`even the main-effects model cannot be estimated: ${main.message}`);
}

function chooseModel(table: OverlapTable, options: EstimateOptions): { fit: LogLinearFit; model: Pick<EstimationResult['model'], 'kind' | 'test' | 'threshold' | 'selection' | 'excluded'> } {
  if (options.terms && options.terms.length > 0) {
    if (table.lists.length < 3) {
      throw notEstimable(`a model with interactions needs at least three lists (found ${table.lists.length}); with two lists only the main-effects model can be estimated`);
    }
    const terms = parseTerms(table, options.terms);
    const check = checkModel(table, terms);
    if (!check.ok) throw notEstimable(`the model with ${terms.map((term) => termName(table.lists, term)).join(', ')} cannot be estimated: ${check.message}`);
    return { fit: fitLogLinear(table, terms), model: { kind: 'fixed', selection: [], excluded: [] } };
  }
  if (options.model === 'main') return { fit: fitLogLinear(table, []), model: { kind: 'main', selection: [], excluded: [] } };
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const test = options.test ?? 'poisson';
  const result = selectStepwise(table, threshold, test);
  return { fit: result.fit, model: { kind: 'stepwise', test, threshold, selection: result.steps, excluded: result.excluded } };
}

export function estimateHiddenPopulation(table: OverlapTable, options: EstimateOptions = {}): EstimationResult {
  const level = options.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 1)) throw new EstimationError(`the interval level must be between 0 and 1 (got ${level})`, 'bad-input');
  checkLists(table);
  const { fit, model } = chooseModel(table, options);
  const k = table.lists.length;
  const logHidden = el(fit.coefficients, 0);
  const logHiddenSe = el(fit.standardErrors, 0);
  const z = normalQuantile((1 + level) / 2);
  const hidden = Math.exp(logHidden);
  const hiddenLower = Math.exp(logHidden - z * logHiddenSe);
  const hiddenUpper = Math.exp(logHidden + z * logHiddenSe);
  const termNames = fit.design.terms.map((term) => termName(table.lists, term));
  const emptyTermNames = fit.design.emptyTerms.map((term) => termName(table.lists, term));

  const warnings: string[] = [...(table.warnings ?? [])];
  for (const term of emptyTermNames) {
    warnings.push(`${term}: no one is on both lists; the model fits their interaction as minus infinity (as SparseMSE), leaving out of the fit the combinations with both lists, so it assumes no one can be on both`);
  }
  for (const pair of allPairs(k)) {
    const name = termName(table.lists, pair);
    if (overlapCount(table, pair.a, pair.b) > 0 || emptyTermNames.includes(name)) continue;
    warnings.push(`${name}: no one is on both lists; their interaction was ${model.kind === 'stepwise' ? 'considered and not selected' : 'not in the model'}, so the model treats these two lists as independent given the others`);
  }
  if (k === 2) warnings.push('with two lists no interaction can be estimated: the estimate rests on the assumption that the lists are independent');
  if (hiddenUpper / hiddenLower > 10) warnings.push('the interval is very wide (its upper end is more than ten times its lower end): the data support only a rough estimate');
  if (hidden > 10 * table.observed) warnings.push(`the estimated hidden population is more than ten times the observed one; treat it with caution`);

  return {
    lists: [...table.lists],
    observed: table.observed,
    hidden,
    total: table.observed + hidden,
    interval: {
      lower: table.observed + hiddenLower,
      upper: table.observed + hiddenUpper,
      level,
      method: 'normal-log-scale',
      description: `observed + exp(b0 ± ${z.toFixed(4)} × se(b0)), b0 the fitted log of the hidden count; conditional on the chosen model`,
      hiddenLower,
      hiddenUpper,
      logHidden,
      logHiddenSe,
    },
    model: {
      ...model,
      terms: termNames,
      emptyTerms: emptyTermNames,
      coefficients: fit.design.columnNames.map((name, j) => ({ name, estimate: el(fit.coefficients, j), se: el(fit.standardErrors, j) })),
      deviance: fit.deviance,
      residualDf: fit.residualDf,
      aic: fit.aic,
    },
    warnings,
  };
}

/** Parses the CSV text and estimates: the whole pipeline, e.g. for timing. */
export function estimateFromCsv(text: string, options: EstimateOptions = {}): EstimationResult {
  return estimateHiddenPopulation(parseOverlapTable(text), options);
}
