/**
 * Poisson log-linear models for an overlap table: log E[count of cell c] = b0 + sum of main effects of the lists c
 * is on + the two-list interactions (a, b) with both a and b in c. One row per observable cell (the 2^k - 1
 * non-empty combinations, zeros included; an interaction between lists nobody is on together is minus infinity
 * and leaves out the cells with both lists, see `Design.emptyTerms`). The unobserved all-zero cell has log mean b0,
 * so the hidden count is exp(b0). Fitted by iteratively reweighted least squares (Newton's method, the log link being canonical).
 */
import { EstimationError, el } from './errors.js';
import { cholesky, choleskyInverse, choleskySolve, type Matrix } from './linear-algebra.js';
import { logGamma } from './distributions.js';
import type { OverlapTable } from './overlap-table.js';

/** A two-list interaction between lists[a] and lists[b], a < b. */
export interface Term {
  readonly a: number;
  readonly b: number;
}

export function termName(lists: readonly string[], term: Term): string {
  return `${lists[term.a] ?? term.a}:${lists[term.b] ?? term.b}`;
}

export interface Design {
  /** Cell (bitmask of lists) of each row. */
  readonly masks: Int32Array;
  /** Observed count of each row. */
  readonly y: Float64Array;
  readonly x: Matrix;
  readonly columnNames: readonly string[];
  /** The model's interactions in the order given, each fitted as a column or, when empty, as minus infinity. */
  readonly terms: readonly Term[];
  /**
   * Interactions between lists that nobody is on together. Their maximum likelihood estimate is minus infinity: the
   * cells containing both lists have fitted value zero, so they are left out of the design (as SparseMSE's
   * `buildmodel`), and the term has no column.
   */
  readonly emptyTerms: readonly Term[];
}

/** People on both lists of the term (the sum of the counts of the cells containing both). */
function termOverlap(table: OverlapTable, term: Term): number {
  const both = (1 << term.a) | (1 << term.b);
  let sum = 0;
  for (let mask = both; mask < table.counts.length; mask++) if ((mask & both) === both) sum += el(table.counts, mask);
  return sum;
}

export function designMatrix(table: OverlapTable, terms: readonly Term[]): Design {
  const k = table.lists.length;
  const fitted = terms.filter((term) => termOverlap(table, term) > 0);
  const emptyTerms = terms.filter((term) => !fitted.includes(term));
  const cleared = emptyTerms.map((term) => (1 << term.a) | (1 << term.b));
  const cells: number[] = [];
  for (let mask = 1; mask < 2 ** k; mask++) if (!cleared.some((both) => (mask & both) === both)) cells.push(mask);
  const rows = cells.length;
  const cols = 1 + k + fitted.length;
  const masks = Int32Array.from(cells);
  const y = new Float64Array(rows);
  const data = new Float64Array(rows * cols);
  cells.forEach((mask, r) => {
    y[r] = el(table.counts, mask);
    data[r * cols] = 1;
    for (let i = 0; i < k; i++) data[r * cols + 1 + i] = (mask >> i) & 1;
    fitted.forEach((term, t) => {
      data[r * cols + 1 + k + t] = (mask >> term.a) & (mask >> term.b) & 1;
    });
  });
  const columnNames = ['(intercept)', ...table.lists, ...fitted.map((term) => termName(table.lists, term))];
  return { masks, y, x: { rows, cols, data }, columnNames, terms: [...terms], emptyTerms };
}

export interface LogLinearFit {
  readonly design: Design;
  readonly coefficients: Float64Array;
  readonly covariance: Matrix;
  readonly standardErrors: Float64Array;
  /** Fitted mean of each design row. */
  readonly fitted: Float64Array;
  readonly deviance: number;
  readonly residualDf: number;
  readonly aic: number;
  readonly iterations: number;
}

const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-10;
/** |coefficient| beyond this (a factor of e^30 ~ 1e13) means the fit is running off to infinity. */
const DIVERGENCE_BOUND = 30;
/** A standard error this large on the log scale means the information for that coefficient has all but vanished. */
const MAX_STANDARD_ERROR = 1000;

export function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  let deviance = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = el(y, i);
    const mi = el(mu, i);
    deviance += 2 * ((yi > 0 ? yi * Math.log(yi / mi) : 0) - (yi - mi));
  }
  return deviance;
}

function linearPredictor(x: Matrix, beta: Float64Array): Float64Array {
  const eta = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let sum = 0;
    for (let j = 0; j < x.cols; j++) sum += el(x.data, r * x.cols + j) * el(beta, j);
    eta[r] = sum;
  }
  return eta;
}

/** X'WX (weights w) and X'W z. */
function weightedNormalEquations(x: Matrix, w: Float64Array, z: Float64Array): { xtwx: Matrix; xtwz: Float64Array } {
  const p = x.cols;
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  for (let r = 0; r < x.rows; r++) {
    const wr = el(w, r);
    const base = r * p;
    for (let i = 0; i < p; i++) {
      const xi = el(x.data, base + i);
      if (xi === 0) continue;
      xtwz[i] = el(xtwz, i) + wr * xi * el(z, r);
      for (let j = 0; j <= i; j++) xtwx[i * p + j] = el(xtwx, i * p + j) + wr * xi * el(x.data, base + j);
    }
  }
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) xtwx[i * p + j] = el(xtwx, j * p + i);
  return { xtwx: { rows: p, cols: p, data: xtwx }, xtwz };
}

function notConverged(reason: string): EstimationError {
  return new EstimationError(`the log-linear model could not be fitted: ${reason}`, 'did-not-converge');
}

/** Fits the model with main effects and the given two-list interactions to every observable cell (less those an empty interaction clears). */
export function fitLogLinear(table: OverlapTable, terms: readonly Term[]): LogLinearFit {
  const design = designMatrix(table, terms);
  const { x, y } = design;
  const p = x.cols;
  if (x.rows < p) throw new EstimationError(`the model has ${p} parameters but there are only ${x.rows} cells`, 'not-estimable');
  // Start as R's glm does: mu = y + 0.1.
  let mu: Float64Array = Float64Array.from(y, (v) => v + 0.1);
  let eta: Float64Array = Float64Array.from(mu, Math.log);
  let beta: Float64Array = new Float64Array(p);
  let deviance = Infinity;
  let iterations = 0;
  for (;;) {
    if (++iterations > MAX_ITERATIONS) throw notConverged(`no convergence after ${MAX_ITERATIONS} iterations`);
    const z = Float64Array.from(eta, (e, r) => e + (el(y, r) - el(mu, r)) / el(mu, r));
    const { xtwx, xtwz } = weightedNormalEquations(x, mu, z);
    const l = cholesky(xtwx);
    if (!l) throw notConverged(`the information matrix became singular at iteration ${iterations}: the model is not identifiable, or fitted values are collapsing to zero because the maximum likelihood estimate does not exist`);
    let next = choleskySolve(l, xtwz);
    let nextEta = linearPredictor(x, next);
    let nextMu = Float64Array.from(nextEta, Math.exp);
    let nextDeviance = poissonDeviance(y, nextMu);
    // Step halving if the full Newton step overshoots (never needed near the optimum, cheap insurance far from it).
    for (let halving = 0; iterations > 1 && !(nextDeviance <= deviance + 1e-9 * (deviance + 1)) && halving < 30; halving++) {
      next = Float64Array.from(next, (b, j) => (b + el(beta, j)) / 2);
      nextEta = linearPredictor(x, next);
      nextMu = Float64Array.from(nextEta, Math.exp);
      nextDeviance = poissonDeviance(y, nextMu);
    }
    if (!Number.isFinite(nextDeviance)) throw notConverged('the fitted values overflowed');
    const change = Math.abs(nextDeviance - deviance) / (Math.abs(nextDeviance) + 0.1);
    beta = next;
    eta = nextEta;
    mu = nextMu;
    deviance = nextDeviance;
    if (change < TOLERANCE) break;
  }
  beta.forEach((b, j) => {
    if (!(Math.abs(b) < DIVERGENCE_BOUND)) {
      throw notConverged(`coefficient ${design.columnNames[j] ?? j} is running off to ${b < 0 ? '-' : '+'}infinity (${b.toFixed(1)}); the maximum likelihood estimate does not exist`);
    }
  });
  const { xtwx } = weightedNormalEquations(x, mu, eta);
  const l = cholesky(xtwx);
  if (!l) throw notConverged('the information matrix at the fit is singular');
  const covariance = choleskyInverse(l);
  const standardErrors = Float64Array.from({ length: p }, (_, j) => Math.sqrt(el(covariance.data, j * p + j)));
  standardErrors.forEach((se, j) => {
    if (!(se < MAX_STANDARD_ERROR)) {
      throw notConverged(`coefficient ${design.columnNames[j] ?? j} has standard error ${se.toPrecision(3)}: fitted values are collapsing to zero, so the maximum likelihood estimate does not exist`);
    }
  });
  let logLikelihood = 0;
  for (let r = 0; r < x.rows; r++) logLikelihood += el(y, r) * el(eta, r) - el(mu, r) - logGamma(el(y, r) + 1);
  return {
    design,
    coefficients: beta,
    covariance,
    standardErrors,
    fitted: mu,
    deviance,
    residualDf: x.rows - p,
    // Each empty interaction is a parameter too (estimated as minus infinity), as SparseMSE's `modelfit` counts it.
    aic: -2 * logLikelihood + 2 * (p + design.emptyTerms.length),
    iterations,
  };
}
