import { describe, expect, it } from 'vitest';
import { chiSquared1UpperTail, logGamma, normalCdf, normalQuantile, poissonLowerTail, poissonUpperTail } from './distributions.js';
import { mleExists } from './existence.js';
import { cholesky, choleskyInverse, choleskySolve, get, matrix, rank, solveSpd } from './linear-algebra.js';
import { maximize } from './linear-program.js';

describe('linear algebra', () => {
  const a = matrix(3, 3, [
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ]);

  it('factors a symmetric positive-definite matrix (the textbook example)', () => {
    const l = cholesky(a);
    expect(l).not.toBeNull();
    if (!l) return;
    const expected = [
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ];
    expected.forEach((row, i) => row.forEach((value, j) => expect(get(l, i, j)).toBeCloseTo(value, 12)));
  });

  it('solves and inverts', () => {
    const x = solveSpd(a, [1, 2, 3]);
    expect(x).not.toBeNull();
    if (!x) return;
    for (let i = 0; i < 3; i++) {
      let sum = 0;
      for (let j = 0; j < 3; j++) sum += get(a, i, j) * (x[j] ?? NaN);
      expect(sum).toBeCloseTo(i + 1, 10);
    }
    const l = cholesky(a);
    if (!l) throw new Error('not positive definite');
    const inverse = choleskyInverse(l);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += get(a, i, k) * get(inverse, k, j);
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    expect(Array.from(choleskySolve(l, [4, 12, -16]))).toEqual([expect.closeTo(1, 10), expect.closeTo(0, 10), expect.closeTo(0, 10)]);
  });

  it('returns null for a singular or indefinite matrix', () => {
    expect(cholesky(matrix(2, 2, [[1, 1], [1, 1]]))).toBeNull();
    expect(cholesky(matrix(2, 2, [[1, 2], [2, 1]]))).toBeNull();
    expect(solveSpd(matrix(2, 2, [[0, 0], [0, 0]]), [1, 1])).toBeNull();
  });

  it('computes the rank of tall 0/1 matrices', () => {
    expect(rank(matrix(4, 3, [[1, 0, 0], [1, 1, 0], [1, 0, 1], [1, 1, 1]]))).toBe(3);
    expect(rank(matrix(3, 3, [[1, 1, 0], [1, 0, 1], [2, 1, 1]]))).toBe(2);
    expect(rank(matrix(3, 4, [[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 0, 0]]))).toBe(2);
  });

  it('rejects mismatched dimensions', () => {
    expect(() => matrix(2, 2, [[1, 2]])).toThrow(RangeError);
    expect(() => choleskySolve(matrix(2, 2, [[1, 0], [0, 1]]), [1])).toThrow(RangeError);
  });
});

describe('linear programming', () => {
  it('solves a small problem in standard form', () => {
    // maximize 3x + 2y s.t. x + y + s1 = 4, x + 3y + s2 = 6; optimum x = 4, y = 0, value 12.
    const result = maximize(matrix(2, 4, [[1, 1, 1, 0], [1, 3, 0, 1]]), [4, 6], [3, 2, 0, 0]);
    expect(result.status).toBe('optimal');
    expect(result.value).toBeCloseTo(12, 10);
    expect(result.x[0]).toBeCloseTo(4, 10);
  });

  it('reports infeasible and unbounded problems', () => {
    expect(maximize(matrix(2, 2, [[1, 1], [1, 1]]), [1, 2], [1, 0]).status).toBe('infeasible');
    expect(maximize(matrix(1, 2, [[1, -1]]), [1], [1, 0]).status).toBe('unbounded');
  });

  it('copes with a redundant constraint', () => {
    const result = maximize(matrix(2, 2, [[1, 1], [2, 2]]), [1, 2], [1, 2]);
    expect(result).toMatchObject({ status: 'optimal' });
    expect(result.value).toBeCloseTo(2, 10);
  });

  it('decides existence of the MLE (independence model on a 2 x 2 table with a zero)', () => {
    // Cells (intercept, row, column): the MLE of the independence model exists with any single zero ...
    const x = matrix(4, 3, [[1, 0, 0], [1, 1, 0], [1, 0, 1], [1, 1, 1]]);
    expect(mleExists(x, Float64Array.from([5, 3, 4, 0]))).toBe(true);
    // ... but not when a whole row of the table is zero.
    expect(mleExists(x, Float64Array.from([5, 0, 4, 0]))).toBe(false);
  });
});

describe('distributions', () => {
  it('log-gamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('Poisson tails match direct sums', () => {
    const mean = 7.3;
    let term = Math.exp(-mean);
    let cdf = 0;
    for (let n = 0; n <= 30; n++) {
      cdf += term;
      expect(poissonLowerTail(n, mean)).toBeCloseTo(cdf, 12);
      expect(poissonUpperTail(n + 1, mean)).toBeCloseTo(1 - cdf, 12);
      term *= mean / (n + 1);
    }
    expect(poissonUpperTail(0, mean)).toBe(1);
    expect(poissonLowerTail(0, 0)).toBe(1);
    // Far tails stay accurate in relative terms: P(X >= 35 | 9.2) ~ 7e-11.
    expect(poissonUpperTail(35, 9.2)).toBeGreaterThan(1e-11);
    expect(poissonUpperTail(35, 9.2)).toBeLessThan(1e-10);
  });

  it('chi-squared(1) tail and the normal quantile', () => {
    expect(chiSquared1UpperTail(3.841458820694124)).toBeCloseTo(0.05, 12);
    expect(chiSquared1UpperTail(0)).toBe(1);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    for (const p of [1e-8, 0.01, 0.2, 0.6, 0.95, 0.999999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
