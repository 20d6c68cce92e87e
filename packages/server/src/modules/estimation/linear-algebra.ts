/**
 * Small dense linear algebra for the log-linear fit: matrices are row-major Float64Arrays. The systems solved here
 * are at most about 80 x 80 (intercept, 12 main effects, 66 two-list interactions), so plain O(n^3) methods suffice.
 */
import { el } from './errors.js';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, values?: readonly (readonly number[])[]): Matrix {
  const data = new Float64Array(rows * cols);
  if (values) {
    if (values.length !== rows) throw new RangeError(`expected ${rows} rows, got ${values.length}`);
    values.forEach((row, i) => {
      if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} entries, expected ${cols}`);
      row.forEach((value, j) => (data[i * cols + j] = value));
    });
  }
  return { rows, cols, data };
}

export function get(m: Matrix, i: number, j: number): number {
  return el(m.data, i * m.cols + j);
}

/**
 * Cholesky factor L (lower triangular, A = L L') of a symmetric positive-definite matrix, reading only A's lower
 * triangle. Returns null when A is not numerically positive definite: a pivot at or below `relativeTolerance`
 * times the largest diagonal entry (a singular or near-singular information matrix).
 */
export function cholesky(a: Matrix, relativeTolerance = 1e-12): Matrix | null {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError('cholesky needs a square matrix');
  let largestDiagonal = 0;
  for (let i = 0; i < n; i++) largestDiagonal = Math.max(largestDiagonal, Math.abs(get(a, i, i)));
  const floor = relativeTolerance * (largestDiagonal > 0 ? largestDiagonal : 1);
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = get(a, j, j);
    for (let k = 0; k < j; k++) diagonal -= el(l, j * n + k) ** 2;
    if (!(diagonal > floor)) return null;
    const ljj = Math.sqrt(diagonal);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let sum = get(a, i, j);
      for (let k = 0; k < j; k++) sum -= el(l, i * n + k) * el(l, j * n + k);
      l[i * n + j] = sum / ljj;
    }
  }
  return { rows: n, cols: n, data: l };
}

/** Solves L L' x = b given the Cholesky factor L. */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  if (b.length !== n) throw new RangeError(`right-hand side has ${b.length} entries, expected ${n}`);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = el(b, i);
    for (let k = 0; k < i; k++) sum -= get(l, i, k) * el(y, k);
    y[i] = sum / get(l, i, i);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = el(y, i);
    for (let k = i + 1; k < n; k++) sum -= get(l, k, i) * el(x, k);
    x[i] = sum / get(l, i, i);
  }
  return x;
}

/** The inverse of A = L L' from its Cholesky factor (column by column). */
export function choleskyInverse(l: Matrix): Matrix {
  const n = l.rows;
  const inverse = new Float64Array(n * n);
  const unit = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = choleskySolve(l, unit);
    for (let i = 0; i < n; i++) inverse[i * n + j] = el(column, i);
  }
  return { rows: n, cols: n, data: inverse };
}

/** Solves a symmetric positive-definite system, or returns null if the matrix is (numerically) singular. */
export function solveSpd(a: Matrix, b: ArrayLike<number>): Float64Array | null {
  const l = cholesky(a);
  return l ? choleskySolve(l, b) : null;
}

/** Column rank by Gaussian elimination with partial pivoting; entries below `tolerance` count as zero. */
export function rank(m: Matrix, tolerance = 1e-9): number {
  const { rows, cols } = m;
  const work = Float64Array.from(m.data);
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let pivot = r;
    for (let i = r + 1; i < rows; i++) {
      if (Math.abs(el(work, i * cols + c)) > Math.abs(el(work, pivot * cols + c))) pivot = i;
    }
    const pivotValue = el(work, pivot * cols + c);
    if (Math.abs(pivotValue) <= tolerance) continue;
    if (pivot !== r) {
      for (let j = c; j < cols; j++) {
        const t = el(work, r * cols + j);
        work[r * cols + j] = el(work, pivot * cols + j);
        work[pivot * cols + j] = t;
      }
    }
    for (let i = r + 1; i < rows; i++) {
      const factor = el(work, i * cols + c) / pivotValue;
      if (factor === 0) continue;
      for (let j = c; j < cols; j++) work[i * cols + j] = el(work, i * cols + j) - factor * el(work, r * cols + j);
    }
    r++;
  }
  return r;
}
