/**
 * Can a model be estimated from these data at all? Three checks, following Chan, Silverman & Vincent (2021, JASA)
 * "Multiple systems estimation for sparse capture data: inferential challenges when there are nonoverlapping lists":
 *
 * 1. Overlap: the interaction between lists A and B is estimated from the people on both. If nobody is on both, its
 *    maximum likelihood estimate is minus infinity. As SparseMSE does, such a term is allowed: the cells with both
 *    lists are left out of the design (`designMatrix`), and the checks below apply to what remains.
 * 2. Identifiability: the design matrix over the observable cells must have full column rank.
 * 3. Existence: even with every term overlapping, sparse zero patterns can push the likelihood's maximum to
 *    infinity. The MLE exists exactly when some strictly positive table has the same sufficient statistics as the
 *    data (Haberman 1974; Fienberg & Rinaldo 2012). The linear program
 *        maximize t  subject to  X'x = X'n,  x_i >= t for every cell,
 *    written in standard form with x = s + t*1, s >= 0, has an optimum t > 0 exactly when the MLE exists.
 *    (It is only solved when the cells with positive counts do not on their own determine every parameter.)
 */
import { el } from './errors.js';
import { rank, type Matrix } from './linear-algebra.js';
import { maximize } from './linear-program.js';
import { designMatrix, type Term } from './loglinear.js';
import type { OverlapTable } from './overlap-table.js';

export type ModelProblem = 'not-identifiable' | 'does-not-exist';

export type ModelCheck = { readonly ok: true } | { readonly ok: false; readonly problem: ModelProblem; readonly message: string };

/** Does the maximum likelihood estimate exist (t > 0 in the linear program above)? */
export function mleExists(x: Matrix, y: Float64Array): boolean {
  const { rows: cells, cols: p } = x;
  // Fast path: the MLE fails to exist only along a direction d != 0 with (Xd)_i = 0 on every positive cell and
  // Xd <= 0 on the zero cells; if the positive cells alone determine all parameters, there is no such d.
  const positive: number[] = [];
  for (let r = 0; r < cells; r++) if (el(y, r) > 0) positive.push(r);
  const xPositive = new Float64Array(positive.length * p);
  positive.forEach((r, i) => xPositive.set(x.data.subarray(r * p, (r + 1) * p), i * p));
  if (rank({ rows: positive.length, cols: p, data: xPositive }) === p) return true;
  const a = new Float64Array(p * (cells + 1));
  const b = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let ones = 0;
    let total = 0;
    for (let r = 0; r < cells; r++) {
      const xrj = el(x.data, r * p + j);
      a[j * (cells + 1) + r] = xrj;
      ones += xrj;
      total += xrj * el(y, r);
    }
    a[j * (cells + 1) + cells] = ones;
    b[j] = total;
  }
  const c = new Float64Array(cells + 1);
  c[cells] = 1;
  const result = maximize({ rows: p, cols: cells + 1, data: a }, b, c);
  if (result.status !== 'optimal') return false;
  let observed = 0;
  for (let r = 0; r < cells; r++) observed += el(y, r);
  return result.value > 1e-9 * Math.max(1, observed);
}

export function checkModel(table: OverlapTable, terms: readonly Term[]): ModelCheck {
  const { x, y } = designMatrix(table, terms);
  if (rank(x) < x.cols) {
    return {
      ok: false,
      problem: 'not-identifiable',
      message: `the model has ${x.cols} parameters but the ${x.rows} cells only determine ${rank(x)} of them, so it is not identifiable`,
    };
  }
  if (!mleExists(x, y)) {
    return {
      ok: false,
      problem: 'does-not-exist',
      message: 'with this pattern of zero cells the maximum likelihood estimate does not exist (some parameters run off to infinity)',
    };
  }
  return { ok: true };
}

/**
 * Both verdicts at once, as SparseMSE's `checkident` gives them (its error code is 1 when the estimate is not
 * finite, 2 when it is not identifiable, 3 when both).
 */
export function modelVerdict(table: OverlapTable, terms: readonly Term[]): { readonly exists: boolean; readonly identifiable: boolean } {
  const { x, y } = designMatrix(table, terms);
  return { identifiable: rank(x) === x.cols, exists: mleExists(x, y) };
}
