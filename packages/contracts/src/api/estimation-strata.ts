import { z } from 'zod';
import { displayedCount, estimateFromCasesRequest, estimateFromCsvRequest } from './estimation.js';

/**
 * Stratified multiple systems estimation: the same lists estimated separately in each group of people (stratum) the
 * country chooses, the sum of the strata beside the pooled estimate. Each stratum is estimated on its own exact
 * overlap table; what is displayed is protected: counts from the case records perturbed by the cell-key method,
 * estimates rounded (roundEstimate), and a stratum that cannot be estimated is reported in words, never as a number.
 */

/** What the case records can be stratified by: the person's sex, adult or child, the form of exploitation. */
export const strataVariables = ['sex', 'age', 'form'] as const;
export const strataVariable = z.enum(strataVariables);
export type StrataVariable = z.infer<typeof strataVariable>;

/**
 * Strata values beside the vocabularies' (genders, forms of exploitation): `child` and `adult`; `several` for a person
 * with more than one form of exploitation; `unknown` when it is not recorded, or recorded differently for the same
 * person by different organisations.
 */
export const strataExtraValues = ['child', 'adult', 'several', 'unknown'] as const;

export const estimateStrataFromCasesRequest = estimateFromCasesRequest.extend({ by: strataVariable });
export type EstimateStrataFromCasesRequest = z.input<typeof estimateStrataFromCasesRequest>;

/** The file's column that names each row's stratum (the other columns as in the overlap table: lists, then count). */
export const strataColumnName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^,]+$/u, 'must not contain commas');

export const estimateStrataFromCsvRequest = estimateFromCsvRequest.extend({ by: strataColumnName });
export type EstimateStrataFromCsvRequest = z.input<typeof estimateStrataFromCsvRequest>;

/**
 * Why a stratum (or the pooled table) gives no estimate:
 * - `too-few`: fewer people observed in it than the small-cell threshold: not estimated, so that no small group is
 *   described by an estimate;
 * - `no-overlap`: no one in it is on more than one list;
 * - `empty-list`: no one in it is on one of the lists, or everyone observed is;
 * - `not-estimable`: the model's estimate does not exist or is not identifiable;
 * - `did-not-converge`: the fit failed.
 */
export const strataProblem = z.enum(['too-few', 'no-overlap', 'empty-list', 'not-estimable', 'did-not-converge']);
export type StrataProblem = z.infer<typeof strataProblem>;

/** A rounded estimate (roundEstimate): the total, the hidden part, and the 95% interval of the total. */
export const roundedEstimate = z.object({
  total: z.number().int().nonnegative(),
  hidden: z.number().int().nonnegative(),
  lower: z.number().int().nonnegative(),
  upper: z.number().int().nonnegative(),
  /** The interactions of the model chosen in this stratum, e.g. "NGO:Police". */
  terms: z.array(z.string()),
});
export type RoundedEstimate = z.infer<typeof roundedEstimate>;

export const stratumEstimateView = z.object({
  /** A vocabulary value (gender, form of exploitation), one of strataExtraValues, or the file's own value. */
  stratum: z.string(),
  /** People observed on at least one list in this stratum (perturbed when from the case records). */
  observed: displayedCount,
  /** Every combination of lists, with the people of this stratum on exactly those lists (perturbed from the case records). */
  table: z.array(z.object({ lists: z.array(z.string()), count: displayedCount })),
  estimate: roundedEstimate.nullable(),
  problem: strataProblem.nullable(),
  /** The estimator's own wording of the problem (English), for the record. */
  detail: z.string().nullable(),
});
export type StratumEstimateView = z.infer<typeof stratumEstimateView>;

export const stratifiedEstimateView = z.object({
  source: z.enum(['cases', 'upload']),
  year: z.number().int().nullable(),
  /** What the people were grouped by: a strata variable, or the file's column. */
  by: z.string(),
  lists: z.array(z.string()),
  model: z.enum(['stepwise', 'main']),
  pooled: z.object({ observed: displayedCount, estimate: roundedEstimate.nullable(), problem: strataProblem.nullable(), detail: z.string().nullable() }),
  strata: z.array(stratumEstimateView),
  /**
   * The sum of the strata that could be estimated: totals added, the interval from the strata's variances added on
   * the log scale (strata are separate people, so independent). Incomplete when a stratum could not be estimated.
   */
  sum: z.object({
    observed: displayedCount,
    estimate: roundedEstimate.omit({ terms: true }).nullable(),
    complete: z.boolean(),
    /** The strata left out of the sum. */
    missing: z.array(z.string()),
  }),
});
export type StratifiedEstimateView = z.infer<typeof stratifiedEstimateView>;

/**
 * How displayed estimates are rounded, the same for the pooled estimate, every stratum and the sum: to the nearest
 * 10 below 1,000 and to the nearest 100 from 1,000 up; an interval's lower end is rounded down and its upper end up,
 * so that it never narrows. A difference of two displayed estimates is then uncertain by at least 10 either way.
 */
export function roundingBase(value: number): number {
  return Math.abs(value) < 1000 ? 10 : 100;
}

export function roundEstimate(value: number, direction: 'nearest' | 'down' | 'up' = 'nearest'): number {
  const base = roundingBase(value);
  const scaled = value / base;
  const rounded = direction === 'down' ? Math.floor(scaled) : direction === 'up' ? Math.ceil(scaled) : Math.round(scaled);
  return Math.max(0, rounded * base);
}
