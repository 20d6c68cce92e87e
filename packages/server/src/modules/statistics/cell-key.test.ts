import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORD_KEY_RANGE } from '../../platform/crypto/record-keys.js';
import { cellKeyOf, distributionOf, exactShare, MAX_CHANGE, measureKey, perturb, perturbationOf } from './cell-key.js';

describe('the perturbation table', () => {
  it('has the published parameters: at most 2 off, unbiased, variance 1, 102 of 256 keys exact, for every count', () => {
    for (const count of [1, 2, 3, 10, 11, 1000]) {
      const rows = Array.from({ length: RECORD_KEY_RANGE }, (_, key) => perturbationOf(count, key));
      const mean = rows.reduce((a, b) => a + b, 0) / rows.length;
      const variance = rows.reduce((a, d) => a + d * d, 0) / rows.length;
      expect(mean, `count ${count}`).toBe(0);
      expect(variance, `count ${count}`).toBe(1);
      expect(rows.filter((d) => d === 0).length).toBe(102);
      expect(Math.max(...rows.map(Math.abs))).toBeLessThanOrEqual(MAX_CHANGE);
      expect(Math.min(...rows.map((d) => count + d))).toBeGreaterThanOrEqual(0);
      expect(exactShare(count)).toBe(102 / 256);
      expect(distributionOf(count).reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 12);
    }
    // A count of 1 is never published as less than 0, and a zero always stays zero.
    expect(distributionOf(1).map((p) => p.change)).toEqual([-1, 0, 1, 2]);
    for (let key = 0; key < RECORD_KEY_RANGE; key++) expect(perturb(0, key)).toBe(0);
  });

  it('is deterministic in (count, key) and reads any key sum modulo 256', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), (count, sum) => {
        const key = cellKeyOf(sum);
        expect(key).toBeGreaterThanOrEqual(0);
        expect(key).toBeLessThan(RECORD_KEY_RANGE);
        expect(perturb(count, sum)).toBe(perturb(count, key));
        expect(perturb(count, sum + RECORD_KEY_RANGE * 7)).toBe(perturb(count, sum));
        expect(Math.abs(perturb(count, sum) - count)).toBeLessThanOrEqual(MAX_CHANGE);
        expect(perturb(count, sum)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('moves the key of each measure of the same persons', () => {
    const keys = new Set(Array.from({ length: 14 }, (_, m) => measureKey(5, m)));
    expect(keys.size).toBe(14);
  });
});
