/**
 * Linear programs in standard form (maximize c'x subject to A x = b, x >= 0), solved by HiGHS (the `highs` package:
 * the University of Edinburgh's solver compiled to WebAssembly). Used for the linear program that decides whether a
 * log-linear model's maximum likelihood estimate exists (Fienberg & Rinaldo 2012; see existence.ts).
 *
 * The WebAssembly module is loaded once, when this module is first imported (top-level await), with one HiGHS
 * instance that each problem empties and refills (solves are synchronous, so they never overlap). HiGHS's simplex
 * method without presolve: presolve costs more than it saves on problems of a few hundred columns, and without it
 * HiGHS tells infeasible from unbounded.
 */
import loadHighs from 'highs';
import { el } from './errors.js';
import type { Matrix } from './linear-algebra.js';

export interface LinearProgramResult {
  readonly status: 'optimal' | 'infeasible' | 'unbounded';
  /** c'x at the optimum (NaN unless optimal). */
  readonly value: number;
  readonly x: Float64Array;
}

const highs = await loadHighs();
const { modelStatus, objectiveSense } = highs.constants;
const model = highs.createModel();
model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex' });

type Outcome = { readonly status: LinearProgramResult['status'] | 'infeasible-or-unbounded'; readonly x: Float64Array };

function solve(a: Matrix, b: ArrayLike<number>, cost: ArrayLike<number>): Outcome {
  const { rows, cols } = a;
  // Column-compressed A, leaving out its zeros.
  const starts = new Int32Array(cols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const value = el(a.data, i * cols + j);
      if (value !== 0) {
        indices.push(i);
        values.push(value);
      }
    }
    starts[j + 1] = indices.length;
  }
  const rhs = Float64Array.from({ length: rows }, (_, i) => el(b, i));
  // One HiGHS instance, emptied before each problem: creating one per problem costs more than most solves.
  model.clearModel();
  model.clearSolver();
  model.passModel({
    numCols: cols,
    numRows: rows,
    sense: objectiveSense.maximize,
    colCost: Float64Array.from({ length: cols }, (_, j) => el(cost, j)),
    colLower: new Float64Array(cols),
    colUpper: new Float64Array(cols).fill(highs.infinity),
    rowLower: rhs,
    rowUpper: rhs,
    matrix: { format: 'csc', numRows: rows, numCols: cols, starts, indices, values },
  });
  const { modelStatus: status } = model.run();
  if (status === modelStatus.optimal) return { status: 'optimal', x: Float64Array.from(model.getSolution().colValue, (v) => Math.max(0, v)) };
  if (status === modelStatus.infeasible) return { status: 'infeasible', x: new Float64Array(cols) };
  if (status === modelStatus.unbounded) return { status: 'unbounded', x: new Float64Array(cols) };
  if (status === modelStatus.unboundedOrInfeasible) return { status: 'infeasible-or-unbounded', x: new Float64Array(cols) };
  throw new Error(`the linear program could not be solved (HiGHS model status ${status})`);
}

/** Maximizes c'x subject to A x = b and x >= 0. */
export function maximize(a: Matrix, b: ArrayLike<number>, c: ArrayLike<number>): LinearProgramResult {
  const m = a.rows;
  const n = a.cols;
  if (b.length !== m || c.length !== n) throw new RangeError('linear program dimensions do not agree');
  let outcome: Outcome = solve(a, b, c);
  if (outcome.status === 'infeasible-or-unbounded') {
    // Tell them apart: with no objective, the problem is either feasible (so the first was unbounded) or not.
    const feasible = solve(a, b, new Float64Array(n)).status === 'optimal';
    outcome = { status: feasible ? 'unbounded' : 'infeasible', x: new Float64Array(n) };
  }
  if (outcome.status !== 'optimal') return { status: outcome.status === 'unbounded' ? 'unbounded' : 'infeasible', value: Number.NaN, x: new Float64Array(n) };
  let value = 0;
  for (let j = 0; j < n; j++) value += el(c, j) * el(outcome.x, j);
  return { status: 'optimal', value, x: outcome.x };
}
