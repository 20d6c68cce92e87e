import { normalQuantile } from '../estimation/distributions.js';
import { binomial, capRemovals, countCombinations, lengthOf, MAX_REPORTING_LENGTH } from './combinations.js';
import type { ReleaseRandom } from './noise.js';

/**
 * Differentially private counts of attribute combinations (the "aggregates" a synthetic release is seeded from).
 *
 * Privacy unit: one person (one row of statistical_records). A person with m non-missing values appears in
 * C(m,1) + C(m,2) + C(m,3) combinations. To bound that, each person adds to at most caps[k] combinations of length k
 * (a uniform sample when they have more); caps[1] is the number of attributes, so counts of single values are never
 * sampled. Each count then moves by at most 1 per person and at most caps[k] counts of length k move, so the
 * L2 sensitivity of the length-k counts is sqrt(caps[k]).
 *
 * Mechanism: Gaussian noise, accounted in zero-concentrated DP (Bun & Steinke 2016). The release's (epsilon, delta)
 * is split: delta/2 converts zCDP to (epsilon, delta/2)-DP, giving rho = (sqrt(ln(2/delta) + epsilon) -
 * sqrt(ln(2/delta)))^2; the other delta/2 pays for publishing only combinations whose noisy count passes a threshold
 * (combinations nobody else shares must not show up). rho is shared: TOTAL_SHARE for the number of records
 * (sensitivity 1), the rest equally across the reporting lengths; sigma_k = sqrt(caps[k] / (2 rho_k)). A combination
 * of length k is kept when its noisy count exceeds tau_k = 1 + sigma_k * z, z the standard normal quantile of
 * 1 - (delta/2) / (L * caps[k]): the chance that any combination held by a single person survives is below delta/2.
 */
export interface DpParameters {
  readonly epsilon: number;
  readonly delta: number;
  readonly reportingLength: number;
  /** caps[k] for k = 1..reportingLength; defaults from defaultCaps(). */
  readonly caps?: readonly number[];
}

export interface DpCalibration {
  readonly rho: number;
  /** Noise on the number of records. */
  readonly totalSigma: number;
  /** Index k = 1..reportingLength (index 0 unused). */
  readonly caps: readonly number[];
  readonly sigma: readonly number[];
  readonly threshold: readonly number[];
}

/** The share of rho spent on the number of records. */
export const TOTAL_SHARE = 0.05;

/** Records with up to 12 values are never sampled at lengths 2 and 3 (C(12,2) = 66, C(12,3) = 220). */
export function defaultCaps(attributeCount: number, reportingLength: number): number[] {
  const caps = [0];
  for (let k = 1; k <= reportingLength; k += 1) caps.push(k === 1 ? attributeCount : Math.min(binomial(attributeCount, k), binomial(12, k)));
  return caps;
}

export function zcdpRho(epsilon: number, delta: number): number {
  const log = Math.log(1 / delta);
  return (Math.sqrt(log + epsilon) - Math.sqrt(log)) ** 2;
}

export function calibrate(parameters: DpParameters, attributeCount: number): DpCalibration {
  const { epsilon, delta, reportingLength } = parameters;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError('epsilon must be a positive number');
  if (!(delta > 0 && delta < 1)) throw new RangeError('delta must be between 0 and 1');
  if (!Number.isInteger(reportingLength) || reportingLength < 1 || reportingLength > MAX_REPORTING_LENGTH) {
    throw new RangeError(`reporting length must be 1 to ${MAX_REPORTING_LENGTH}`);
  }
  const caps = parameters.caps ? [...parameters.caps] : defaultCaps(attributeCount, reportingLength);
  const rho = zcdpRho(epsilon, delta / 2);
  const rhoPerLength = (rho * (1 - TOTAL_SHARE)) / reportingLength;
  const selectionDelta = delta / 2 / reportingLength;
  const sigma = [0];
  const threshold = [0];
  for (let k = 1; k <= reportingLength; k += 1) {
    const cap = caps[k];
    if (cap === undefined || !Number.isInteger(cap) || cap < 1) throw new RangeError(`contribution cap for length ${k} must be a positive integer`);
    const s = Math.sqrt(cap / (2 * rhoPerLength));
    sigma.push(s);
    threshold.push(1 - s * normalQuantile(selectionDelta / cap));
  }
  return { rho, totalSigma: Math.sqrt(1 / (2 * rho * TOTAL_SHARE)), caps, sigma, threshold };
}

export interface LengthSummary {
  /** Distinct combinations present in the (contribution-bounded) data. */
  readonly present: number;
  /** Of those, how many were dropped because the noisy count did not pass the threshold. */
  readonly droppedByThreshold: number;
}

export interface NoisyAggregates {
  readonly reportingLength: number;
  /** Noisy number of records, rounded, at least 0. */
  readonly total: number;
  /** Combination key -> noisy count (rounded), only combinations above their threshold. */
  readonly counts: Map<number, number>;
  readonly calibration: DpCalibration;
  /** Index k = 1..reportingLength. */
  readonly lengths: readonly LengthSummary[];
}

/**
 * `exactCounts`, when given, are the uncapped counts of every combination of the same records up to the reporting
 * length (the utility report needs them anyway): the caps are then applied by subtracting capRemovals().
 */
export function noisyAggregates(
  records: readonly Int32Array[],
  parameters: DpParameters,
  attributeCount: number,
  random: ReleaseRandom,
  exactCounts?: ReadonlyMap<number, number>,
): NoisyAggregates {
  const calibration = calibrate(parameters, attributeCount);
  const { reportingLength } = parameters;
  const pick = (n: number) => random.index(n);
  const removals = exactCounts ? capRemovals(records, reportingLength, calibration.caps, pick) : new Map<number, number>();
  const exact = exactCounts ?? countCombinations(records, reportingLength, { caps: calibration.caps, pick });
  const counts = new Map<number, number>();
  const present = new Array<number>(reportingLength + 1).fill(0);
  const dropped = new Array<number>(reportingLength + 1).fill(0);
  for (const [key, exactCount] of exact) {
    const count = exactCount - (removals.get(key) ?? 0);
    if (count <= 0) continue;
    const k = lengthOf(key);
    present[k] = (present[k] ?? 0) + 1;
    const noisy = count + random.gaussian(calibration.sigma[k] as number);
    if (noisy > (calibration.threshold[k] as number)) counts.set(key, Math.round(noisy));
    else dropped[k] = (dropped[k] ?? 0) + 1;
  }
  const total = Math.max(0, Math.round(records.length + random.gaussian(calibration.totalSigma)));
  const lengths: LengthSummary[] = [{ present: 0, droppedByThreshold: 0 }];
  for (let k = 1; k <= reportingLength; k += 1) lengths.push({ present: present[k] ?? 0, droppedByThreshold: dropped[k] ?? 0 });
  return { reportingLength, total, counts, calibration, lengths };
}
