/**
 * A small dense two-phase simplex method, enough for the linear program that decides whether a log-linear model's
 * maximum likelihood estimate exists (Fienberg & Rinaldo 2012; see existence.ts). Pivoting uses Dantzig's rule and
 * switches to Bland's rule (which cannot cycle) after a run of degenerate pivots.
 */
import { el } from './errors.js';
import type { Matrix } from './linear-algebra.js';

export interface LinearProgramResult {
  readonly status: 'optimal' | 'infeasible' | 'unbounded';
  /** c'x at the optimum (NaN unless optimal). */
  readonly value: number;
  readonly x: Float64Array;
}

const PIVOT_TOLERANCE = 1e-9;
const DEGENERATE_STREAK_BEFORE_BLAND = 50;

class Tableau {
  readonly width: number;
  readonly t: Float64Array;
  readonly z: Float64Array;
  readonly basis: Int32Array;
  iterations = 0;

  constructor(
    readonly m: number,
    readonly n: number,
    a: Matrix,
    b: ArrayLike<number>,
  ) {
    this.width = n + m + 1;
    this.t = new Float64Array(m * this.width);
    this.z = new Float64Array(this.width);
    this.basis = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const sign = el(b, i) < 0 ? -1 : 1;
      for (let j = 0; j < n; j++) this.t[i * this.width + j] = sign * el(a.data, i * n + j);
      this.t[i * this.width + n + i] = 1;
      this.t[i * this.width + this.width - 1] = sign * el(b, i);
      this.basis[i] = n + i;
    }
  }

  cell(i: number, j: number): number {
    return el(this.t, i * this.width + j);
  }

  rhs(i: number): number {
    return this.cell(i, this.width - 1);
  }

  /** Sets the reduced-cost row for minimizing cost'x from the current basis. */
  price(cost: Float64Array): void {
    for (let j = 0; j < this.width; j++) this.z[j] = j < this.width - 1 ? el(cost, j) : 0;
    for (let i = 0; i < this.m; i++) {
      const cb = el(cost, el(this.basis, i));
      if (cb === 0) continue;
      for (let j = 0; j < this.width; j++) this.z[j] = el(this.z, j) - cb * this.cell(i, j);
    }
  }

  pivot(r: number, c: number): void {
    const w = this.width;
    const p = this.cell(r, c);
    for (let j = 0; j < w; j++) this.t[r * w + j] = this.cell(r, j) / p;
    for (let i = 0; i < this.m; i++) {
      if (i === r) continue;
      const f = this.cell(i, c);
      if (f === 0) continue;
      for (let j = 0; j < w; j++) this.t[i * w + j] = this.cell(i, j) - f * this.cell(r, j);
    }
    const fz = el(this.z, c);
    if (fz !== 0) for (let j = 0; j < w; j++) this.z[j] = el(this.z, j) - fz * this.cell(r, j);
    this.basis[r] = c;
  }

  /** Minimizes with the priced cost row over columns `0..allowed-1`; false if unbounded. */
  minimize(allowed: number, tolerance: number): boolean {
    let degenerateStreak = 0;
    for (;;) {
      if (++this.iterations > 100_000) throw new Error('the simplex method did not terminate');
      const bland = degenerateStreak > DEGENERATE_STREAK_BEFORE_BLAND;
      let entering = -1;
      let best = -tolerance;
      for (let j = 0; j < allowed; j++) {
        const zj = el(this.z, j);
        if (zj < best) {
          entering = j;
          if (bland) break;
          best = zj;
        }
      }
      if (entering < 0) return true;
      let leaving = -1;
      let ratio = Infinity;
      for (let i = 0; i < this.m; i++) {
        const aij = this.cell(i, entering);
        if (aij <= PIVOT_TOLERANCE) continue;
        const r = this.rhs(i) / aij;
        const tie = leaving >= 0 && Math.abs(r - ratio) <= 1e-12 && el(this.basis, i) < el(this.basis, leaving);
        if (r < ratio - 1e-12 || tie) {
          ratio = r;
          leaving = i;
        }
      }
      if (leaving < 0) return false;
      degenerateStreak = ratio <= 1e-12 ? degenerateStreak + 1 : 0;
      this.pivot(leaving, entering);
    }
  }
}

/** Maximizes c'x subject to A x = b and x >= 0. */
export function maximize(a: Matrix, b: ArrayLike<number>, c: ArrayLike<number>): LinearProgramResult {
  const m = a.rows;
  const n = a.cols;
  if (b.length !== m || c.length !== n) throw new RangeError('linear program dimensions do not agree');
  let scale = 1;
  for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(el(b, i)));
  const tolerance = 1e-10 * scale;
  const tableau = new Tableau(m, n, a, b);

  const phaseOne = new Float64Array(n + m);
  phaseOne.fill(1, n);
  tableau.price(phaseOne);
  tableau.minimize(n + m, 1e-11);
  if (-el(tableau.z, tableau.width - 1) > tolerance * Math.max(1, m)) {
    return { status: 'infeasible', value: Number.NaN, x: new Float64Array(n) };
  }
  // Drive artificial variables (all at zero now) out of the basis where a real column can replace them; a row
  // where none can is redundant and keeps its artificial variable at zero.
  for (let i = 0; i < m; i++) {
    if (el(tableau.basis, i) < n) continue;
    for (let j = 0; j < n; j++) {
      if (Math.abs(tableau.cell(i, j)) > PIVOT_TOLERANCE) {
        tableau.pivot(i, j);
        break;
      }
    }
  }

  const phaseTwo = new Float64Array(n + m);
  for (let j = 0; j < n; j++) phaseTwo[j] = -el(c, j);
  tableau.price(phaseTwo);
  if (!tableau.minimize(n, 1e-11)) return { status: 'unbounded', value: Number.NaN, x: new Float64Array(n) };

  const x = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const j = el(tableau.basis, i);
    if (j < n) x[j] = Math.max(0, tableau.rhs(i));
  }
  let value = 0;
  for (let j = 0; j < n; j++) value += el(c, j) * el(x, j);
  return { status: 'optimal', value, x };
}
