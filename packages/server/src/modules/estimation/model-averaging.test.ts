import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDecomposableGraphs, eliminationOrder } from './decomposable-graphs.js';
import { averageOverGraphs, averageOverGraphsInTurns } from './model-averaging.js';
import { parseOverlapTable, type OverlapTable } from './overlap-table.js';

const fixture = (name: string): OverlapTable =>
  parseOverlapTable(readFileSync(new URL(`../../../test/fixtures/datasets/mse/${name}.csv`, import.meta.url), 'utf8'));

/**
 * R's dga 2.0.2 (CRAN; installed from its source with R 4.2.2 and Debian's r-cran-rcpparmadillo), run as
 *   w <- bma.cr(Y, Nmissing = seq(0, max, by = step), delta = 2^-k, graphs = graphsk)
 * with Y the overlap table in the file's column order and the default prior 1/N; median, lower and upper are the
 * first N whose cumulative posterior (colSums(w)) reaches 0.5, 0.025 and 0.975, mean is sum(colSums(w) * N), and top
 * the five largest model probabilities (rowSums(w)).
 */
const DGA = [
  { name: 'Artificial_3', max: 5000, step: 1, median: 286, lower: 96, upper: 2581, mean: 457.064219, top: [0.30590421, 0.30382214, 0.12620626, 0.06903698, 0.06404359] },
  { name: 'UKdat_5', max: 60000, step: 1, median: 22990, lower: 10387, upper: 33509, mean: 21281.968552, top: [0.44343581, 0.1507205, 0.11219714, 0.06349182, 0.04051306] },
  { name: 'Ned_5', max: 2107904, step: 527, median: 50394, lower: 41435, upper: 210075, mean: 90569.765067, top: [0.55084521, 0.26342211, 0.04341445, 0.03844782, 0.02200508] },
  { name: 'NewOrl_5', max: 6000, step: 1, median: 869, lower: 511, upper: 1762, mean: 936.343286, top: [0.05095152, 0.03635792, 0.03249826, 0.03006185, 0.02707826] },
  { name: 'Western', max: 20000, step: 1, median: 2133, lower: 1343, upper: 3878, mean: 2257.189233, top: [0.11302786, 0.1057001, 0.05608684, 0.05254438, 0.04456807] },
] as const;

/**
 * Six lists, averaged over all 18,154 decomposable graphs by this module with `exhaustive: true` (dga ships graphs
 * for at most five lists; the exhaustive average is the one checked against dga above). The chain's average must
 * land on it.
 */
const EXHAUSTIVE_SIX = [
  { name: 'UKdat', total: 12323, lower: 10236, upper: 26190 },
  { name: 'Ned', total: 145637, lower: 116561, upper: 186746 },
] as const;

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('decomposable graphs', () => {
  it('there are as many as dga lists for three, four and five lists, and as counted for six', () => {
    expect([3, 4, 5, 6].map((k) => allDecomposableGraphs(k).length)).toEqual([8, 61, 822, 18154]);
  });

  it('a cycle of four lists without a chord is not decomposable; with a chord it is', () => {
    const square = [0b1010, 0b0101, 0b1010, 0b0101];
    expect(eliminationOrder(square)).toBeNull();
    const chorded = [0b1110, 0b0101, 0b1011, 0b0101];
    expect(eliminationOrder(chorded)).not.toBeNull();
  });
});

// Each average walks every graph over a grid of up to 60,000 population sizes: on a busy two-core machine one case
// takes over a minute. The timeout guards against a hang; it is not a speed target (the estimation benchmark is).
describe('Bayesian model averaging over decomposable graphs, as R dga computes it', { timeout: 300_000 }, () => {
  it.each(DGA)('$name: on dga\'s grid, the same posterior quantiles, mean and model probabilities', async (reference) => {
    const average = await averageOverGraphsInTurns(fixture(reference.name), { grid: { max: reference.max, step: reference.step } });
    expect(average.search).toBe('exhaustive');
    expect([average.total, average.lower, average.upper]).toEqual([reference.median, reference.lower, reference.upper]);
    expect(relative(average.mean, reference.mean)).toBeLessThan(1e-7);
    average.topModels.forEach((model, i) => expect(Math.abs(model.probability - (reference.top[i] ?? NaN))).toBeLessThan(1e-7));
  });

  it('on its own grid (every number to 2,000, then 0.2% apart) the answer stays within 0.2% of dga on a fine grid', async () => {
    const reference = DGA[1];
    const average = await averageOverGraphsInTurns(fixture(reference.name));
    expect(average.grid.max).toBeGreaterThanOrEqual(reference.upper);
    for (const [ours, theirs] of [
      [average.total, reference.median],
      [average.lower, reference.lower],
      [average.upper, reference.upper],
    ] as const) {
      expect(relative(ours, theirs)).toBeLessThan(0.002);
    }
  });

  it('names the most probable graph by its edges', async () => {
    const average = await averageOverGraphsInTurns(fixture('UKdat_5'), { grid: { max: 60000 } });
    expect(average.topModels[0]?.terms).toEqual(['LA:NG', 'LA:PFNCA', 'NG:PFNCA', 'PFNCA:GO', 'NG:GP']);
  });

  it.each(EXHAUSTIVE_SIX)('$name (six lists): the chain from both ends finds the exhaustive average', async (reference) => {
    const average = await averageOverGraphsInTurns(fixture(reference.name));
    expect(average.search).toBe('mcmc');
    expect(average.chain?.seed).toBe(1);
    expect(relative(average.total, reference.total)).toBeLessThan(0.01);
    expect(relative(average.lower, reference.lower)).toBeLessThan(0.01);
    expect(relative(average.upper, reference.upper)).toBeLessThan(0.01);
  });

  it('the same seed gives the same answer; the chain is reproducible', () => {
    const table = fixture('UKdat');
    const once = averageOverGraphs(table, { seed: 7, iterations: 400 });
    const again = averageOverGraphs(table, { seed: 7, iterations: 400 });
    expect(again).toEqual(once);
  });

  it('computed in turns, the same answer as at once, and the event loop runs in between (a server keeps answering)', async () => {
    const table = fixture('UKdat');
    const atOnce = averageOverGraphs(table, { seed: 3, iterations: 3000 });
    let turnsGiven = 0;
    const ticker = setInterval(() => (turnsGiven += 1), 0);
    const started = performance.now();
    const inTurns = await averageOverGraphsInTurns(table, { seed: 3, iterations: 3000 }).finally(() => clearInterval(ticker));
    expect(inTurns).toEqual(atOnce);
    // a computation of several turns' length gave the event loop at least one of them
    if (performance.now() - started > 100) expect(turnsGiven).toBeGreaterThan(0);
  });

  it('a posterior the lists cannot bound is refused as not estimable, never given as a number', () => {
    expect(() => averageOverGraphs(fixture('Artificial_3'))).toThrow(/does not fall away/);
  });

  it('fewer than three lists are refused', () => {
    const table = parseOverlapTable('A,B,n\n1,0,10\n0,1,12\n1,1,3\n');
    expect(() => averageOverGraphs(table)).toThrow(/at least 3 lists/);
  });
});
