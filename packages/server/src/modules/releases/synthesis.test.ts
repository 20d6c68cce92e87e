import { describe, expect, it } from 'vitest';
import { encodeRows, ValueDictionary } from './combinations.js';
import { noisyAggregates } from './dp-marginals.js';
import { ReleaseRandom } from './noise.js';
import type { AttributeRow } from './release-attributes.js';
import { synthesize } from './synthesis.js';
import { utilityReport } from './utility-report.js';

/** 20,000 people: gender and age band depend on each other, a flag depends on gender, a rare country. */
function population(): AttributeRow[] {
  const random = ReleaseRandom.seeded(2024);
  return Array.from({ length: 20_000 }, () => {
    const woman = random.float() < 0.7;
    const minor = random.float() < (woman ? 0.3 : 0.1);
    const sexual = random.float() < (woman ? 0.8 : 0.1);
    const country = random.float() < 0.001 ? 'ISL' : random.float() < 0.6 ? 'UKR' : 'NGA';
    return [woman ? 'Woman' : 'Man', minor ? '09--17' : random.float() < 0.5 ? '18--20' : '30--38', sexual ? '1' : null, random.float() < 0.1 ? null : country];
  });
}

describe('aggregate-seeded synthesis', () => {
  const rows = population();
  const dictionary = new ValueDictionary();
  const records = encodeRows(rows, dictionary);
  const aggregates = noisyAggregates(records, { epsilon: 4, delta: 1e-6, reportingLength: 3 }, 4, ReleaseRandom.seeded(1));
  const synthetic = synthesize(aggregates, dictionary, 4, ReleaseRandom.seeded(2));

  it('makes as many records as the noisy count says, with values only from kept single values', () => {
    expect(synthetic).toHaveLength(aggregates.total);
    for (const row of synthetic) {
      row.forEach((value, attribute) => {
        if (value === null) return;
        const id = dictionary.find(attribute, value);
        expect(id).toBeDefined();
        expect(aggregates.counts.has(id as number)).toBe(true);
      });
    }
  });

  it('keeps every single-value share within two percentage points of the noisy count', () => {
    const syntheticCounts = new Map<number, number>();
    for (const ids of encodeRows(synthetic, dictionary)) for (const id of ids) syntheticCounts.set(id, (syntheticCounts.get(id) ?? 0) + 1);
    let compared = 0;
    for (const [key, noisy] of aggregates.counts) {
      if (key >= 2 ** 17) continue;
      compared += 1;
      const share = (syntheticCounts.get(key) ?? 0) / synthetic.length;
      expect(Math.abs(share - noisy / aggregates.total)).toBeLessThan(0.02);
    }
    expect(compared).toBeGreaterThan(6);
  });

  it('keeps the association between attributes (women are far more often sexually exploited)', () => {
    const share = (gender: string) => {
      const group = synthetic.filter((row) => row[0] === gender);
      return group.filter((row) => row[2] === '1').length / group.length;
    };
    expect(share('Woman')).toBeGreaterThan(0.7);
    expect(share('Man')).toBeLessThan(0.2);
  });

  it('never produces a rare value that did not survive the threshold, and hardly any combination the real data lacks', () => {
    expect(aggregates.counts.has(dictionary.find(3, 'ISL') as number)).toBe(false);
    expect(synthetic.some((row) => row[3] === 'ISL')).toBe(false);
    const report = utilityReport(rows, synthetic, 3);
    expect(report.lengths[1]?.fabricatedShare).toBeLessThan(0.05);
    expect(report.lengths[2]?.fabricatedShare).toBeLessThan(0.1);
  });

  it('gives small 1-3-way errors against the real data', () => {
    const report = utilityReport(rows, synthetic, 3);
    expect(report.lengths).toHaveLength(3);
    for (const length of report.lengths) expect(length.meanAbsoluteError / length.meanRealCount).toBeLessThan(0.1);
    expect(report.lengths[0]?.suppressedShare).toBeGreaterThan(0); // ISL
  });
});

describe('utility report', () => {
  it('counts errors, suppressed and fabricated combinations on a known example', () => {
    const real: AttributeRow[] = [
      ['a', 'x'],
      ['a', null],
      [null, 'y'],
    ];
    const released: AttributeRow[] = [
      ['a', 'x'],
      ['a', 'x'],
      ['b', null],
    ];
    const report = utilityReport(real, released, 2);
    // Length 1: real a=2, x=1, y=1; released a=2, x=2, b=1. Union {a,x,y,b}: errors 0 + 1 + 1 + 1 = 3.
    expect(report.lengths[0]).toEqual({
      length: 1,
      realCombinations: 3,
      releasedCombinations: 3,
      meanRealCount: 4 / 3,
      meanAbsoluteError: 3 / 4,
      suppressedShare: 1 / 3,
      fabricatedShare: 1 / 3,
    });
    // Length 2: real {a,x}=1; released {a,x}=2.
    expect(report.lengths[1]).toEqual({
      length: 2,
      realCombinations: 1,
      releasedCombinations: 1,
      meanRealCount: 1,
      meanAbsoluteError: 1,
      suppressedShare: 0,
      fabricatedShare: 0,
    });
    expect(report.realRecords).toBe(3);
    expect(report.releasedRecords).toBe(3);
  });
});
