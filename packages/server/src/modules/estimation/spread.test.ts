/**
 * The spread of estimates over models. Reference for the best AIC and BIC models (five lists or fewer): every model
 * with main effects and a set of two-list interactions fitted in R 4.2.2 with SparseMSE 2.0.1's `modelfit(zdat, mX,
 * check = FALSE)`, skipping those its `checkident(zdat, mX)` refuses; AIC = `fit$aic` (which counts each empty
 * interaction), BIC = AIC - 2k + log(n) k with k = `fit$rank` + the empty interactions and n the people observed;
 * the first strictly best in enumeration order kept; then `estimatepopulation.0(zdat, method = "fixed", mX)` for its
 * total and 95% interval. The rows for main effects and stepwise selection are those of sparsemse-reference.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateHiddenPopulation } from './estimate.js';
import { fitLogLinear, termName } from './loglinear.js';
import { checkModel } from './existence.js';
import { buildOverlapTable, parseOverlapTable, type OverlapTable } from './overlap-table.js';
import { GREEDY_SEARCH_MAX_LISTS, spreadOfModels, type SpreadRow } from './spread.js';
import { allPairs } from './stepwise.js';

const fixture = (name: string): OverlapTable =>
  parseOverlapTable(readFileSync(new URL(`../../../test/fixtures/datasets/mse/${name}.csv`, import.meta.url), 'utf8'));

interface Best {
  readonly value: number;
  readonly terms: readonly string[];
  readonly total: number;
  readonly lower: number;
  readonly upper: number;
}

const BEST: Record<string, { readonly aic: Best; readonly bic: Best }> = {
  UKdat_5: {
    aic: { value: 125.1188, terms: ['LA:NG', 'LA:PFNCA', 'LA:GP', 'NG:GO', 'NG:GP', 'PFNCA:GP', 'GO:GP'], total: 11174.8268, lower: 9766.8476, upper: 12865.0855 },
    bic: { value: 196.5398, terms: ['LA:NG', 'LA:PFNCA', 'NG:PFNCA', 'NG:GP', 'PFNCA:GO'], total: 22991.3313, lower: 17861.5213, upper: 29861.8335 },
  },
  Ned_5: {
    aic: { value: 128.2473, terms: ['IO:K', 'IO:R', 'IO:Z', 'K:P', 'K:R', 'K:Z', 'P:Z', 'R:Z'], total: 46330.8755, lower: 40582.4896, upper: 53100.76 },
    bic: { value: 222.0539, terms: ['IO:K', 'IO:Z', 'K:P', 'K:R', 'K:Z', 'P:Z', 'R:Z'], total: 48012.7263, lower: 42113.6759, upper: 54938.9056 },
  },
  NewOrl_5: {
    aic: { value: 73.2618, terms: ['A:BEFG', 'A:D', 'BEFG:C', 'BEFG:D'], total: 2750.1953, lower: 1031.0387, upper: 7962.6899 },
    bic: { value: 96.8515, terms: [], total: 1034.1511, lower: 658.2584, upper: 1708.6022 },
  },
  Western: {
    aic: { value: 85.5774, terms: ['A:B', 'A:E', 'B:E', 'D:E'], total: 2308.2437, lower: 1498.464, upper: 3686.5224 },
    bic: { value: 118.7443, terms: ['A:E'], total: 2483.3839, lower: 1657.0937, upper: 3830.03 },
  },
  Artificial_3: {
    aic: { value: 31.2749, terms: ['A:C', 'B:C'], total: 296, lower: 174.935, upper: 602.746 },
    bic: { value: 46.4048, terms: [], total: 539.0939, lower: 278.6542, upper: 1170.8851 },
  },
};

const relative = (ours: number, theirs: number): number => Math.abs(ours - theirs) / Math.abs(theirs);

function estimable(row: SpreadRow | undefined): Extract<SpreadRow, { estimable: true }> {
  if (!row?.estimable) throw new Error(`expected an estimable row, got ${JSON.stringify(row)}`);
  return row;
}

describe('the spread of estimates over the models a statistician would try', () => {
  it.each(Object.entries(BEST))('%s: the best AIC and BIC models over every two-list interaction model, as found in R', (name, reference) => {
    const spread = spreadOfModels(fixture(name));
    expect(spread.rows.map((row) => row.model)).toEqual(['main', 'stepwise-0.001', 'stepwise-0.02', 'stepwise-0.05', 'best-aic', 'best-bic', 'bayesian-average']);
    for (const criterion of ['aic', 'bic'] as const) {
      const row = estimable(spread.rows.find((r) => r.model === `best-${criterion}`));
      const expected = reference[criterion];
      expect(row.search).toBe('exhaustive');
      expect(row.terms).toEqual(expected.terms);
      expect(Math.abs((row[criterion] ?? NaN) - expected.value)).toBeLessThan(1e-3);
      expect(relative(row.total, expected.total)).toBeLessThan(1e-4);
      expect(relative(row.lower, expected.lower)).toBeLessThan(1e-4);
      expect(relative(row.upper, expected.upper)).toBeLessThan(1e-4);
    }
  });

  it('the main-effects and stepwise rows are the estimates themselves, and the range is over every row', () => {
    const table = fixture('Ned_5');
    const spread = spreadOfModels(table);
    const main = estimable(spread.rows[0]);
    expect(main.total).toBe(estimateHiddenPopulation(table, { model: 'main' }).total);
    expect(estimable(spread.rows[2]).terms).toEqual(estimateHiddenPopulation(table, { threshold: 0.02 }).model.terms);
    const totals = spread.rows.map((row) => estimable(row).total);
    expect(spread.range).toEqual({ lowest: Math.min(...totals), highest: Math.max(...totals), ratio: Math.max(...totals) / Math.min(...totals) });
    expect(spread.summary).toBe('The totals range from 46,331 to 146,032 depending on the model: the highest is 3.15 times the lowest, so the choice of model matters a great deal.');
  });

  it.each(['UKdat', 'Ned', 'NewOrl'])('%s (more than five lists): the greedy search ends where no single interaction added or removed does better', (name) => {
    const table = fixture(name);
    const spread = spreadOfModels(table, { averageMaxLists: 0 });
    const pairs = allPairs(table.lists.length);
    for (const criterion of ['aic', 'bic'] as const) {
      const row = estimable(spread.rows.find((r) => r.model === `best-${criterion}`));
      expect(row.search).toBe('greedy');
      const chosen = pairs.filter((pair) => row.terms.includes(termName(table.lists, pair)));
      expect(chosen).toHaveLength(row.terms.length);
      for (const pair of pairs) {
        const neighbour = chosen.includes(pair) ? chosen.filter((term) => term !== pair) : [...chosen, pair];
        if (neighbour.length > 0 && !checkModel(table, neighbour).ok) continue;
        const fit = fitLogLinear(table, neighbour);
        const k = fit.design.x.cols + fit.design.emptyTerms.length;
        const value = criterion === 'aic' ? fit.aic : fit.aic - 2 * k + Math.log(table.observed) * k;
        expect(value, `${name} ${criterion} ${termName(table.lists, pair)}`).toBeGreaterThanOrEqual((row[criterion] ?? NaN) - 1e-9);
      }
    }
  });

  it('above the search limit the best-model rows say they were not searched, never a number', () => {
    const k = GREEDY_SEARCH_MAX_LISTS + 1;
    const lists = Array.from({ length: k }, (_, i) => `L${i + 1}`);
    const rows = lists.flatMap((_, i) => [
      { combination: lists.map((__, j) => (j === i ? 1 : 0)), count: 30 + i },
      { combination: lists.map((__, j) => (j === i || j === (i + 1) % k ? 1 : 0)), count: 4 },
    ]);
    const spread = spreadOfModels(buildOverlapTable(lists, rows));
    for (const model of ['best-aic', 'best-bic']) {
      const row = spread.rows.find((r) => r.model === model);
      expect(row).toMatchObject({ estimable: false, problem: 'not-searched' });
      expect(row).not.toHaveProperty('total');
    }
    expect(spread.rows.find((r) => r.model === 'bayesian-average')).toMatchObject({ estimable: false, problem: 'not-computed' });
    expect(spread.summary).toMatch(/3 of the 7 models could not be estimated/);
    expect(spread.rows.slice(0, 4).every((row) => row.estimable)).toBe(true);
  });
});
