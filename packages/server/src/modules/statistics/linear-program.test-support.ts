/**
 * A small dense simplex (two phases, Bland's rule) for the suppression test: the smallest and largest value a variable
 * can take under A x = b, x >= 0. Floating point on small integer tables; not for production use.
 */
import { must } from './must.js';
export type Bound = number | 'unbounded' | 'infeasible';

const EPS = 1e-9;

/** min c.x subject to A x = b, x >= 0. */
export function minimise(A: number[][], b: number[], c: number[]): Bound {
  const m = A.length;
  const n = c.length;
  // Tableau with artificials: columns 0..n-1 variables, n..n+m-1 artificials, last column the right-hand side.
  const T: number[][] = A.map((row, i) => {
    const sign = must(b[i]) < 0 ? -1 : 1;
    const artificial = Array.from({ length: m }, (_, k) => (k === i ? 1 : 0));
    return [...row.map((v) => v * sign), ...artificial, must(b[i]) * sign];
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const width = n + m;

  const run = (cost: number[], allowed: (j: number) => boolean): 'optimal' | 'unbounded' => {
    for (let iterations = 0; iterations < 10_000; iterations++) {
      // Reduced costs.
      let entering = -1;
      for (let j = 0; j < width; j++) {
        if (!allowed(j) || basis.includes(j)) continue;
        let reduced = must(cost[j]);
        for (let i = 0; i < m; i++) reduced -= must(cost[must(basis[i])]) * must(must(T[i])[j]);
        if (reduced < -EPS) {
          entering = j;
          break;
        }
      }
      if (entering < 0) return 'optimal';
      let leaving = -1;
      let best = Infinity;
      for (let i = 0; i < m; i++) {
        const a = must(must(T[i])[entering]);
        if (a > EPS) {
          const ratio = must(must(T[i])[width]) / a;
          if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && must(basis[i]) < must(basis[leaving]))) {
            best = ratio;
            leaving = i;
          }
        }
      }
      if (leaving < 0) return 'unbounded';
      pivot(T, leaving, entering);
      basis[leaving] = entering;
    }
    throw new Error('simplex did not converge');
  };

  const phase1 = Array.from({ length: width }, (_, j) => (j >= n ? 1 : 0));
  run(phase1, () => true);
  const infeasibility = basis.reduce((s, j, i) => s + (j >= n ? must(must(T[i])[width]) : 0), 0);
  if (infeasibility > 1e-7) return 'infeasible';
  // Drive artificials out of the basis where possible.
  for (let i = 0; i < m; i++) {
    if (must(basis[i]) < n) continue;
    const j = must(T[i]).findIndex((v, k) => k < n && Math.abs(v) > EPS && !basis.includes(k));
    if (j >= 0) {
      pivot(T, i, j);
      basis[i] = j;
    }
  }
  const cost = [...c, ...Array.from({ length: m }, () => 0)];
  const outcome = run(cost, (j) => j < n);
  if (outcome === 'unbounded') return 'unbounded';
  let value = 0;
  for (let i = 0; i < m; i++) value += must(cost[must(basis[i])]) * must(must(T[i])[width]);
  return value;
}

function pivot(T: number[][], row: number, column: number): void {
  const p = must(must(T[row])[column]);
  T[row] = must(T[row]).map((v) => v / p);
  for (let i = 0; i < T.length; i++) {
    if (i === row) continue;
    const factor = must(must(T[i])[column]);
    if (Math.abs(factor) <= EPS) continue;
    T[i] = must(T[i]).map((v, k) => v - factor * must(must(T[row])[k]));
  }
}

/** The range of variable k: [min, max]. */
export function rangeOf(A: number[][], b: number[], k: number, n: number): { min: Bound; max: Bound } {
  const unit = Array.from({ length: n }, (_, j) => (j === k ? 1 : 0));
  const min = minimise(A, b, unit);
  const negMax = minimise(A, b, unit.map((v) => -v));
  const max = typeof negMax === 'number' ? -negMax : negMax;
  return { min, max };
}
