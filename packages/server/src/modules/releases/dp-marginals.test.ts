import { describe, expect, it } from 'vitest';
import { normalCdf } from '../estimation/distributions.js';
import { binomial, capRemovals, countCombinations, encodeRows, keyOf, lengthOf, ValueDictionary } from './combinations.js';
import { calibrate, defaultCaps, noisyAggregates, TOTAL_SHARE, zcdpRho } from './dp-marginals.js';
import { ReleaseRandom } from './noise.js';
import type { AttributeRow } from './release-attributes.js';

const standardDeviation = (values: readonly number[]): number => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
};

describe('Gaussian noise source', () => {
  it('draws standard deviation sigma and mean 0, the same for the same seed', () => {
    const draw = (seed: number) => {
      const random = ReleaseRandom.seeded(seed);
      return Array.from({ length: 40_000 }, () => random.gaussian(3));
    };
    const values = draw(11);
    expect(standardDeviation(values)).toBeGreaterThan(2.94);
    expect(standardDeviation(values)).toBeLessThan(3.06);
    expect(Math.abs(values.reduce((sum, value) => sum + value, 0) / values.length)).toBeLessThan(0.05);
    expect(draw(11).slice(0, 5)).toEqual(values.slice(0, 5));
    expect(draw(12).slice(0, 5)).not.toEqual(values.slice(0, 5));
  });

  it('draws Laplace noise with scale b (standard deviation b * sqrt 2)', () => {
    const random = ReleaseRandom.seeded(5);
    const values = Array.from({ length: 40_000 }, () => random.laplace(2));
    expect(standardDeviation(values) / (2 * Math.SQRT2)).toBeGreaterThan(0.96);
    expect(standardDeviation(values) / (2 * Math.SQRT2)).toBeLessThan(1.04);
  });
});

describe('calibration', () => {
  it('converts (epsilon, delta/2) to zCDP rho exactly: epsilon = rho + 2 sqrt(rho ln(2/delta))', () => {
    for (const [epsilon, delta] of [[1, 1e-6], [4, 1e-5], [0.3, 1e-8]] as const) {
      const rho = zcdpRho(epsilon, delta / 2);
      expect(rho + 2 * Math.sqrt(rho * Math.log(2 / delta))).toBeCloseTo(epsilon, 10);
      expect(calibrate({ epsilon, delta, reportingLength: 3 }, 20).rho).toBeCloseTo(rho, 12);
    }
  });

  it('sets sigma_k = sqrt(cap_k / (2 rho_k)) with rho shared equally across lengths, and a threshold a lone person passes with probability delta/2', () => {
    const epsilon = 2;
    const delta = 1e-6;
    const calibration = calibrate({ epsilon, delta, reportingLength: 3 }, 20);
    expect(calibration.caps).toEqual([0, 20, 66, 220]);
    const rhoK = (calibration.rho * (1 - TOTAL_SHARE)) / 3;
    let leak = 0;
    for (let k = 1; k <= 3; k += 1) {
      const sigma = calibration.sigma[k] as number;
      const cap = calibration.caps[k] as number;
      expect(sigma).toBeCloseTo(Math.sqrt(cap / (2 * rhoK)), 9);
      // One person's combinations (count 1) pass the threshold with probability cap * P(N(0, sigma) > tau - 1).
      leak += cap * (1 - normalCdf(((calibration.threshold[k] as number) - 1) / sigma));
    }
    expect(leak / (delta / 2)).toBeGreaterThan(0.9);
    expect(leak / (delta / 2)).toBeLessThan(1.1);
    expect(calibration.totalSigma).toBeCloseTo(Math.sqrt(1 / (2 * calibration.rho * TOTAL_SHARE)), 9);
    // More budget, less noise.
    expect(calibrate({ epsilon: 8, delta, reportingLength: 3 }, 20).sigma[3]).toBeLessThan(calibration.sigma[3] as number);
  });

  it('refuses impossible parameters', () => {
    expect(() => calibrate({ epsilon: 0, delta: 1e-6, reportingLength: 3 }, 5)).toThrow(/epsilon/);
    expect(() => calibrate({ epsilon: 1, delta: 1, reportingLength: 3 }, 5)).toThrow(/delta/);
    expect(() => calibrate({ epsilon: 1, delta: 1e-6, reportingLength: 4 }, 5)).toThrow(/reporting length/);
    expect(defaultCaps(5, 3)).toEqual([0, 5, 10, 10]);
  });
});

describe('contribution bound', () => {
  it('counts every combination without caps, and at most cap combinations per record and length with them', () => {
    const dictionary = new ValueDictionary();
    const row: AttributeRow = Array.from({ length: 10 }, (_, index) => `v${index}`);
    const records = encodeRows([row, row], dictionary);
    const all = countCombinations(records, 3);
    expect(all.size).toBe(binomial(10, 1) + binomial(10, 2) + binomial(10, 3));
    expect([...all.values()].every((count) => count === 2)).toBe(true);
    const random = ReleaseRandom.seeded(3);
    const capped = countCombinations(records, 3, { caps: [0, 10, 7, 9], pick: (n) => random.index(n) });
    const perLength = [0, 0, 0, 0];
    for (const [key, count] of capped) perLength[lengthOf(key)] = (perLength[lengthOf(key)] ?? 0) + count;
    expect(perLength).toEqual([0, 20, 14, 18]);

    // The same bound from exact counts less what the caps remove.
    const removals = capRemovals(records, 3, [0, 10, 7, 9], (n) => random.index(n));
    const fromExact = [0, 0, 0, 0];
    for (const [key, count] of all) {
      const left = count - (removals.get(key) ?? 0);
      expect(left).toBeGreaterThanOrEqual(0);
      fromExact[lengthOf(key)] = (fromExact[lengthOf(key)] ?? 0) + left;
    }
    expect(fromExact).toEqual([0, 20, 14, 18]);
  });
});

describe('noisy aggregates', () => {
  // 3,000 people share values a and b; only one person has value c.
  const dictionary = new ValueDictionary();
  const rows: AttributeRow[] = Array.from({ length: 3000 }, (_, index) => ['a', 'b', index === 0 ? 'c' : null]);
  const records = encodeRows(rows, dictionary);
  const a = dictionary.find(0, 'a') as number;
  const b = dictionary.find(1, 'b') as number;
  const c = dictionary.find(2, 'c') as number;
  const parameters = { epsilon: 1, delta: 1e-6, reportingLength: 3 };

  it('adds noise of the documented scale to each count (spread over many seeded runs)', () => {
    const calibration = calibrate(parameters, 3);
    const single: number[] = [];
    const pair: number[] = [];
    for (let seed = 1; seed <= 400; seed += 1) {
      const result = noisyAggregates(records, parameters, 3, ReleaseRandom.seeded(seed));
      single.push((result.counts.get(a) as number) - 3000);
      pair.push((result.counts.get(keyOf([a, b])) as number) - 3000);
    }
    expect(standardDeviation(single) / (calibration.sigma[1] as number)).toBeGreaterThan(0.88);
    expect(standardDeviation(single) / (calibration.sigma[1] as number)).toBeLessThan(1.12);
    expect(standardDeviation(pair) / (calibration.sigma[2] as number)).toBeGreaterThan(0.88);
    expect(standardDeviation(pair) / (calibration.sigma[2] as number)).toBeLessThan(1.12);
  });

  it("drops a combination only one person has, keeps the common ones, and reports what the threshold dropped", () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const result = noisyAggregates(records, parameters, 3, ReleaseRandom.seeded(seed));
      expect(result.counts.has(c)).toBe(false);
      expect(result.counts.has(keyOf([a, c]))).toBe(false);
      expect(result.counts.has(keyOf([a, b, c]))).toBe(false);
      expect(result.counts.has(a)).toBe(true);
      expect(result.counts.has(keyOf([a, b]))).toBe(true);
      expect(result.lengths[1]).toEqual({ present: 3, droppedByThreshold: 1 });
      expect(result.lengths[3]).toEqual({ present: 1, droppedByThreshold: 1 });
      expect(Math.abs(result.total - 3000)).toBeLessThan(8 * result.calibration.totalSigma);
    }
  });

  it('gives the same counts for the same seed', () => {
    const first = noisyAggregates(records, parameters, 3, ReleaseRandom.seeded(9));
    const again = noisyAggregates(records, parameters, 3, ReleaseRandom.seeded(9));
    expect([...again.counts]).toEqual([...first.counts]);
  });
});
