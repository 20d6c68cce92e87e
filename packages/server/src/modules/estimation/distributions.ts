/**
 * The few probability functions the estimator needs: Poisson tail probabilities (the stepwise test), the chi-squared
 * tail with one degree of freedom (the likelihood-ratio test), the normal distribution (the interval), all from
 * @stdlib: log-gamma (`gammaln`), the regularized incomplete gamma function (`gammainc`, which gives each tail
 * directly, so far tails keep their relative accuracy instead of being 1 minus something near 1), the normal cdf,
 * and the inverse complementary error function (`erfcinv`) for the normal quantile. @stdlib's own normal quantile
 * goes through erfinv(2p - 1), which cancels for small p (at p = 1e-10 it is off by 1e-8, R's qnorm is not), so the
 * quantile is written here as -sqrt(2) erfcinv(2p), exact to the last digit or two. What stays here is only how each
 * probability is written in terms of these functions.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import gammainc from '@stdlib/math-base-special-gammainc';
import stdlibNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import erfcinv from '@stdlib/math-base-special-erfcinv';

export function logGamma(x: number): number {
  return gammaln(x);
}

/** P(a, x) ('lower') or Q(a, x) ('upper'), the regularized incomplete gamma functions, for a > 0, x >= 0. */
function incompleteGamma(tail: 'lower' | 'upper', a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`incomplete gamma needs a > 0 and x >= 0 (a=${a}, x=${x})`);
  return gammainc(x, a, true, tail === 'upper');
}

/** P(X <= n) for X ~ Poisson(mean). */
export function poissonLowerTail(n: number, mean: number): number {
  if (n < 0) return 0;
  if (mean <= 0) return 1;
  return incompleteGamma('upper', Math.floor(n) + 1, mean);
}

/** P(X >= n) for X ~ Poisson(mean). */
export function poissonUpperTail(n: number, mean: number): number {
  if (n <= 0) return 1;
  if (mean <= 0) return 0;
  return incompleteGamma('lower', Math.ceil(n), mean);
}

/** P(X > x) for X ~ chi-squared with one degree of freedom. */
export function chiSquared1UpperTail(x: number): number {
  if (x <= 0) return 1;
  return incompleteGamma('upper', 0.5, x / 2);
}

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return stdlibNormalCdf(z, 0, 1);
}

/** The standard normal quantile: z with P(Z <= z) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1 (got ${p})`);
  // + 0 turns the -0 at p = 0.5 into 0.
  return -Math.SQRT2 * erfcinv(2 * p) + 0;
}
