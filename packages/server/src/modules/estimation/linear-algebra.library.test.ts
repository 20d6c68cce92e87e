import fc from 'fast-check';
import { CholeskyDecomposition, Matrix as DenseMatrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, get, rank, type Matrix } from './linear-algebra.js';

/**
 * The hand-written linear algebra (kept for speed, docs/decisions/0012) against ml-matrix on the matrices the fit
 * meets: information matrices X'WX of 0/1 design matrices with positive weights, and the design matrices themselves.
 */
function designOf(lists: number, pairs: readonly (readonly [number, number])[], rowsKept: readonly boolean[]): Matrix {
  const cells: number[] = [];
  for (let mask = 1; mask < 2 ** lists; mask++) if (rowsKept[mask % rowsKept.length] ?? true) cells.push(mask);
  const cols = 1 + lists + pairs.length;
  const data = new Float64Array(cells.length * cols);
  cells.forEach((mask, r) => {
    data[r * cols] = 1;
    for (let i = 0; i < lists; i++) data[r * cols + 1 + i] = (mask >> i) & 1;
    pairs.forEach(([a, b], t) => (data[r * cols + 1 + lists + t] = (mask >> a) & (mask >> b) & 1));
  });
  return { rows: cells.length, cols, data };
}

const dense = (m: Matrix): DenseMatrix => new DenseMatrix(Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => get(m, i, j))));

const designs = fc
  .integer({ min: 3, max: 6 })
  .chain((lists) =>
    fc.record({
      lists: fc.constant(lists),
      pairs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: lists - 1 }), fc.integer({ min: 0, max: lists - 1 })).filter(([a, b]) => a < b), { maxLength: 6, selector: ([a, b]) => `${a}:${b}` }),
      rowsKept: fc.array(fc.boolean(), { minLength: 3, maxLength: 11 }).filter((kept) => kept.some(Boolean)),
      weights: fc.array(fc.double({ min: 0.05, max: 500, noNaN: true }), { minLength: 1, maxLength: 63 }),
    }),
  )
  // The rows kept are chosen by mask modulo their number: some choices keep none of the masks a few lists have.
  .filter(({ lists, pairs, rowsKept }) => designOf(lists, pairs, rowsKept).rows > 0);

describe('the hand-written linear algebra agrees with ml-matrix', () => {
  it('rank of design matrices', () => {
    fc.assert(
      fc.property(designs, ({ lists, pairs, rowsKept }) => {
        const x = designOf(lists, pairs, rowsKept);
        const svd = new SingularValueDecomposition(dense(x), { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true });
        expect(rank(x)).toBe(svd.rank);
      }),
      { numRuns: 200 },
    );
  });

  it('Cholesky factor and inverse of information matrices, and which are singular', () => {
    fc.assert(
      fc.property(designs, ({ lists, pairs, rowsKept, weights }) => {
        const x = dense(designOf(lists, pairs, rowsKept));
        const w = DenseMatrix.diag(Array.from({ length: x.rows }, (_, r) => weights[r % weights.length] ?? 1));
        const information = x.transpose().mmul(w).mmul(x);
        const p = information.rows;
        const a: Matrix = { rows: p, cols: p, data: Float64Array.from(information.to1DArray()) };
        const ours = cholesky(a);
        const full = rank({ rows: x.rows, cols: x.columns, data: Float64Array.from(x.to1DArray()) }) === p;
        expect(ours !== null).toBe(full);
        if (!ours) return;
        const theirs = new CholeskyDecomposition(information);
        expect(theirs.isPositiveDefinite()).toBe(true);
        const scale = Math.max(...information.diag());
        for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) expect(Math.abs(get(ours, i, j) - theirs.lowerTriangularMatrix.get(i, j))).toBeLessThan(1e-8 * Math.sqrt(scale));
        const inverse = theirs.solve(DenseMatrix.eye(p, p));
        const ourInverse = choleskyInverse(ours);
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) expect(get(ourInverse, i, j)).toBeCloseTo(inverse.get(i, j), 6);
      }),
      { numRuns: 200 },
    );
  });
});
