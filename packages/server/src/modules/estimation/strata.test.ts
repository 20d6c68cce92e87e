import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roundEstimate } from '@palermo/contracts';
import { estimateHiddenPopulation } from './estimate.js';
import { EstimationError } from './errors.js';
import { parseOverlapTable } from './overlap-table.js';
import { estimateByStratum, sumOfStrata } from './strata.js';
import { parseStratifiedTable } from './strata-file.js';

const ukdat = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8');
const [ukHeader = '', ...ukRows] = ukdat.trim().split(/\r?\n/);

/** UKdat split into two strata: "north" gets about three fifths of each combination, "south" the rest. */
function split(): { stratified: string; north: string; south: string } {
  const north: string[] = [];
  const south: string[] = [];
  for (const row of ukRows) {
    const fields = row.split(',');
    const count = Number(fields.at(-1));
    const lists = fields.slice(0, -1).join(',');
    const n = Math.round(count * 0.6);
    north.push(`${lists},${n}`);
    south.push(`${lists},${count - n}`);
  }
  const stratified = [`region,${ukHeader}`, ...north.map((row) => `north,${row}`), ...south.map((row) => `south,${row}`)].join('\n');
  return { stratified, north: [ukHeader, ...north].join('\n'), south: [ukHeader, ...south].join('\n') };
}

describe('estimates by stratum', () => {
  it('estimates each stratum exactly as its table alone, and the pooled table as the unstratified file', () => {
    const { stratified, north, south } = split();
    const tables = parseStratifiedTable(stratified, 'region');
    expect(tables.strata.map((s) => s.stratum)).toEqual(['north', 'south']);
    const result = estimateByStratum(tables.pooled, tables.strata, { model: 'stepwise' });
    for (const [i, alone] of [north, south].entries()) {
      const outcome = result.strata[i]?.outcome;
      if (!outcome?.estimable) throw new Error('the stratum should be estimable');
      const direct = estimateHiddenPopulation(parseOverlapTable(alone));
      expect(outcome.result.total).toBe(direct.total);
      expect(outcome.result.interval.lower).toBe(direct.interval.lower);
      expect(outcome.result.model.terms).toEqual(direct.model.terms);
    }
    // The pooled table adds the strata back into UKdat: SparseMSE's 11,418.
    if (!result.pooled.estimable) throw new Error('the pooled table should be estimable');
    expect(Math.round(result.pooled.result.total)).toBe(11418);
    expect(tables.pooled.warnings).toBeUndefined();
  });

  it('adds up the strata: totals summed, the interval from variances summed on the log scale', () => {
    const { stratified } = split();
    const tables = parseStratifiedTable(stratified, 'region');
    const result = estimateByStratum(tables.pooled, tables.strata, { model: 'main' });
    const totals = result.strata.map((s) => (s.outcome.estimable ? s.outcome.result.total : Number.NaN));
    const sum = result.sum;
    expect(sum?.complete).toBe(true);
    expect(sum?.total).toBeCloseTo((totals[0] ?? 0) + (totals[1] ?? 0), 6);
    // The summed interval is narrower than the sum of the strata's ends (independent errors partly cancel) and wider than either's.
    const ends = result.strata.map((s) => (s.outcome.estimable ? s.outcome.result.interval : null));
    expect(sum?.upper).toBeLessThan((ends[0]?.upper ?? 0) + (ends[1]?.upper ?? 0));
    expect(sum?.lower).toBeGreaterThan((ends[0]?.lower ?? 0) + (ends[1]?.lower ?? 0));
    expect((sum?.upper ?? 0) - (sum?.total ?? 0)).toBeGreaterThan((ends[0]?.upper ?? 0) - (totals[0] ?? 0));
    // One stratum alone: the sum is that stratum, interval and all.
    const one = sumOfStrata(result.strata.slice(0, 1));
    expect(one?.lower).toBeCloseTo(ends[0]?.lower ?? 0, 6);
    expect(one?.upper).toBeCloseTo(ends[0]?.upper ?? 0, 6);
  });

  it('reports a stratum that cannot be estimated in words, and the sum as incomplete', () => {
    const { stratified } = split();
    const extra = [
      // "east": 30 people, nobody on two lists.
      'east,1,0,0,0,0,0,10',
      'east,0,1,0,0,0,0,12',
      'east,0,0,1,0,0,0,8',
      // "west": 6 people in all.
      'west,1,1,0,0,0,0,2',
      'west,1,0,0,0,0,0,4',
    ];
    const tables = parseStratifiedTable([stratified, ...extra].join('\n'), 'region');
    const result = estimateByStratum(tables.pooled, tables.strata, { model: 'stepwise' });
    const byName = new Map(result.strata.map((s) => [s.stratum, s.outcome]));
    expect(byName.get('east')).toMatchObject({ estimable: false, problem: 'no-overlap' });
    expect(byName.get('west')).toMatchObject({ estimable: false, problem: 'too-few' });
    expect(result.sum).toMatchObject({ complete: false, missing: ['east', 'west'] });
    const estimated = result.strata.flatMap((s) => (s.outcome.estimable ? [s.outcome.result.total] : []));
    expect(result.sum?.total).toBeCloseTo(estimated.reduce((a, b) => a + b, 0), 6);
  });

  it('reads the stratum column anywhere before the count, and names the line of a bad row', () => {
    const moved = parseStratifiedTable('A,B,sex,C,count\n1,0,female,0,12\n1,1,female,0,3\n0,1,male,1,4\n', 'sex');
    expect(moved.pooled.lists).toEqual(['A', 'B', 'C']);
    expect(moved.strata.map((s) => [s.stratum, s.table.observed])).toEqual([['female', 15], ['male', 4]]);
    const fails = (text: string, column: string) => {
      try {
        parseStratifiedTable(text, column);
      } catch (error) {
        expect(error).toBeInstanceOf(EstimationError);
        return (error as EstimationError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(fails('A,B,count\n1,0,3\n', 'sex')).toMatch(/line 1 \(the header\): no column is called "sex"/);
    expect(fails('sex,A,B,count\nfemale,1,0,3\n,0,1,4\n', 'sex')).toMatch(/line 3, column "sex": the stratum is empty/);
    expect(fails('sex,A,B,count\nfemale,1,0,3\nmale,0,x,4\n', 'sex')).toMatch(/line 3, column "B": expected a number/);
    expect(fails('sex,A,B,count\nfemale,1,0,3\nmale,0,0,4\n', 'sex')).toMatch(/line 3: every list is 0/);
    expect(fails('A,B,count,sex\n1,0,3,female\n', 'sex')).toMatch(/must come before it/);
    expect(fails('sex,A,count\nfemale,1,3\n', 'sex')).toMatch(/at least 2 list columns/);
    // A combination given twice within one stratum is summed and named; the same combination in two strata is no repeat.
    const repeated = parseStratifiedTable('sex,A,B,count\nfemale,1,0,3\nfemale,1,0,4\nmale,1,0,5\n', 'sex');
    expect(repeated.strata[0]?.table.counts[1]).toBe(7);
    expect(repeated.pooled.counts[1]).toBe(12);
    expect(repeated.pooled.warnings).toEqual([expect.stringMatching(/^sex female: the combination A is given 2 times \(line 2, line 3\)/)]);
  });

  it('rounds displayed estimates to the nearest 10 below 1,000 and to the nearest 100 above, interval ends outwards', () => {
    expect([roundEstimate(4), roundEstimate(5), roundEstimate(994), roundEstimate(995), roundEstimate(11418)]).toEqual([0, 10, 990, 1000, 11400]);
    expect([roundEstimate(121, 'down'), roundEstimate(121, 'up'), roundEstimate(9977, 'down'), roundEstimate(13146, 'up')]).toEqual([120, 130, 9900, 13200]);
  });
});
