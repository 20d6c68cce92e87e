/**
 * An interval that is honest about the choice of model: SparseMSE's `estimatepopulation` (Chan, Silverman and Vincent
 * 2019, section 3.3). The observed counts are resampled from a multinomial with the observed proportions; on each
 * resample the stepwise selection is run again at the same threshold, so the interval carries the uncertainty of
 * choosing the model as well as of fitting it. A jackknife (one person fewer in each observed combination) gives the
 * acceleration, and the bias-corrected and accelerated (BCa) percentiles of the resampled totals are the interval.
 *
 * Resamples whose model cannot be estimated (a list left empty, an estimate that does not exist) are counted and
 * left out, and the result says how many; SparseMSE would stop on them.
 */
import binomial from '@stdlib/random-base-binomial';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { EstimationError, el } from './errors.js';
import { estimateHiddenPopulation } from './estimate.js';
import type { OverlapTable } from './overlap-table.js';

export const DEFAULT_RESAMPLES = 1000;
/** SparseMSE's default seed. */
export const DEFAULT_BOOTSTRAP_SEED = 1234;

export interface BootstrapOptions {
  readonly threshold?: number;
  readonly resamples?: number;
  readonly seed?: number;
  readonly level?: number;
}

export interface BootstrapInterval {
  readonly kind: 'bootstrap-bca';
  readonly threshold: number;
  readonly seed: number;
  readonly resamples: number;
  /** Resamples whose model could not be estimated, left out. */
  readonly failed: number;
  readonly level: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The bias correction z0 and the acceleration a of the BCa interval. */
  readonly bias: number;
  readonly acceleration: number;
}

/** R's quantile type 8 (median-unbiased), as SparseMSE's `bcaconfvalues` uses it. */
export function quantileType8(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  const h = (n + 1 / 3) * p + 1 / 3;
  if (h <= 1) return el(sorted, 0);
  if (h >= n) return el(sorted, n - 1);
  const below = Math.floor(h);
  return el(sorted, below - 1) + (h - below) * (el(sorted, below) - el(sorted, below - 1));
}

function withCounts(table: OverlapTable, counts: Float64Array): OverlapTable {
  let observed = 0;
  for (const count of counts) observed += count;
  return { lists: table.lists, counts, observed };
}

/** The total under stepwise selection at the threshold, or null when the model cannot be estimated. */
function total(table: OverlapTable, threshold: number): number | null {
  try {
    return estimateHiddenPopulation(table, { model: 'stepwise', test: 'poisson', threshold }).total;
  } catch (error) {
    if (error instanceof EstimationError) return null;
    throw error;
  }
}

/**
 * The totals of the resamples: multinomial draws of the observed number of people with the observed proportions, as
 * conditional binomials (as R's rmultinom draws them) from one seeded generator, each estimated by stepwise selection
 * at the threshold. Those that cannot be estimated are counted.
 */
export function resampleTotals(table: OverlapTable, threshold: number, resamples: number, seed: number): { totals: number[]; failed: number } {
  const draw = binomial.factory({ seed });
  const cells = table.counts.length;
  const totals: number[] = [];
  let failed = 0;
  for (let r = 0; r < resamples; r++) {
    const counts = new Float64Array(cells);
    let left = table.observed;
    let share = 1;
    for (let mask = 1; mask < cells && left > 0; mask++) {
      const p = el(table.counts, mask) / table.observed;
      if (p === 0) continue;
      const drawn = share - p <= 1e-12 ? left : draw(left, Math.min(1, p / share));
      counts[mask] = drawn;
      left -= drawn;
      share -= p;
    }
    const value = total(withCounts(table, counts), threshold);
    if (value === null) failed++;
    else totals.push(value);
  }
  return { totals, failed };
}

export function bootstrapInterval(table: OverlapTable, options: BootstrapOptions = {}): BootstrapInterval {
  const threshold = options.threshold ?? 0.02;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 10) throw new EstimationError(`the bootstrap needs at least 10 resamples (got ${resamples})`, 'bad-input');
  const estimate = total(table, threshold);
  if (estimate === null) throw new EstimationError('the model chosen on the data cannot be estimated, so neither can its bootstrap interval', 'not-estimable');

  const { totals, failed } = resampleTotals(table, threshold, resamples, seed);
  if (totals.length < resamples / 2) {
    throw new EstimationError(`${failed} of ${resamples} resamples could not be estimated: the data are too sparse for a bootstrap interval`, 'not-estimable');
  }

  // The jackknife over people: one fewer in each observed combination, weighted by how many share it.
  let weighted = 0;
  const jack: { count: number; value: number }[] = [];
  for (let mask = 1; mask < table.counts.length; mask++) {
    const count = el(table.counts, mask);
    if (count === 0) continue;
    const counts = Float64Array.from(table.counts);
    counts[mask] = count - 1;
    const value = total(withCounts(table, counts), threshold);
    if (value === null) continue;
    jack.push({ count, value });
    weighted += count * value;
  }
  const people = jack.reduce((sum, j) => sum + j.count, 0);
  const mean = weighted / people;
  let cubes = 0;
  let squares = 0;
  for (const { count, value } of jack) {
    const residual = mean - value;
    cubes += count * residual ** 3;
    squares += count * residual ** 2;
  }
  const acceleration = squares === 0 ? 0 : cubes / (6 * squares ** 1.5);

  const sorted = [...totals].sort((a, b) => a - b);
  const bias = normalQuantile(totals.filter((value) => value < estimate).length / totals.length, 0, 1);
  const adjusted = (alpha: number): number => {
    const z = normalQuantile(alpha, 0, 1) + bias;
    return normalCdf(bias + z / (1 - acceleration * z), 0, 1);
  };
  const tails = (1 - level) / 2;
  return {
    kind: 'bootstrap-bca',
    threshold,
    seed,
    resamples,
    failed,
    level,
    estimate,
    lower: quantileType8(sorted, adjusted(tails)),
    upper: quantileType8(sorted, adjusted(1 - tails)),
    bias,
    acceleration,
  };
}
