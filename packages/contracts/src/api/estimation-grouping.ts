import { z } from 'zod';
import { uuid } from './common.js';
import { displayedCount, estimateFromCasesRequest, estimateFromCsvRequest, estimationModelChoice, MAX_ESTIMATION_LISTS } from './estimation.js';
import { organisationType } from './organisations.js';

/**
 * Before estimating: the overlap of a grouping of organisations into lists, why it cannot be estimated (in plain
 * words) and a grouping of the same organisations that can. After estimating: a bootstrap interval that repeats the
 * model selection on each resample.
 */

/**
 * Why a grouping cannot be estimated, without a statistician's terms. `lists` names the list concerned when there is one.
 * - `one-list`: only one list: nothing to compare it with.
 * - `nobody`: no one of that year is on any of the lists.
 * - `empty-list`: no one is on one of the lists.
 * - `everyone-on-list`: everyone counted is on one list, so nothing shows whom that list misses.
 * - `no-overlap`: no one is on more than one list.
 * - `too-little-overlap`: the lists overlap in too few ways to work out a figure (the estimate would have no limit).
 * - `did-not-settle`: the calculation did not settle on a figure.
 */
export const plainReasonCode = z.enum(['one-list', 'nobody', 'empty-list', 'everyone-on-list', 'no-overlap', 'too-little-overlap', 'did-not-settle']);
export type PlainReasonCode = z.infer<typeof plainReasonCode>;

export const plainReason = z.object({
  code: plainReasonCode,
  /** The list concerned (e.g. the one nobody is on), by its position in the request (0 first). */
  list: z.number().int().nonnegative().nullable(),
  /** The reason in English, for the record and for clients that do not translate. */
  text: z.string(),
});
export type PlainReason = z.infer<typeof plainReason>;

/** A grouping of organisations: the lists, each a set of organisations (the names are the rapporteur's). */
export const overlapPreviewRequest = z.object({
  year: z.number().int().min(1990).max(2100),
  lists: z
    .array(z.object({ organisationIds: z.array(uuid).min(1, 'choose at least one organisation').max(200) }))
    .min(1, 'give at least one list')
    .max(MAX_ESTIMATION_LISTS, `give at most ${MAX_ESTIMATION_LISTS} lists`),
  model: estimationModelChoice.default('stepwise'),
});
export type OverlapPreviewRequest = z.input<typeof overlapPreviewRequest>;

/**
 * A grouping that can be estimated, suggested from the same case records: one list per type of organisation, or one
 * per organisation. Each list gives its organisations and, for a list by type, the type (to name it).
 */
export const groupingSuggestion = z.object({
  kind: z.enum(['by-type', 'each-organisation']),
  lists: z.array(z.object({ organisationIds: z.array(uuid), type: organisationType.nullable() })),
});
export type GroupingSuggestion = z.infer<typeof groupingSuggestion>;

/** Counts perturbed by the cell-key method as on the estimate's overlap table: never an exact small count. */
export const overlapPreviewView = z.object({
  year: z.number().int(),
  /** Per list of the request, in its order: the people on it, and of them those on at least one other list. */
  lists: z.array(z.object({ people: displayedCount, alsoOnAnother: displayedCount })),
  /** People on at least one list, and on two or more. */
  observed: displayedCount,
  onTwoOrMore: displayedCount,
  /** Null when the grouping can be estimated. */
  reason: plainReason.nullable(),
  /** When it cannot: a grouping of the same organisations (or, failing that, of all) that passes the same checks. */
  suggestion: groupingSuggestion.nullable(),
});
export type OverlapPreviewView = z.infer<typeof overlapPreviewView>;

/** The bootstrap on request stays within seconds: fewer resamples the more lists (the command line has no limit). */
export function maxResamplesOnPage(lists: number): number {
  if (lists <= 5) return 1000;
  if (lists === 6) return 200;
  return 100;
}
export const MIN_RESAMPLES = 10;

const bootstrapSettings = z.object({
  resamples: z.number().int().min(MIN_RESAMPLES, `at least ${MIN_RESAMPLES}`).max(1000, 'at most 1000'),
  seed: z.number().int().min(1, 'must be at least 1').max(2 ** 31, 'is too large'),
  /** The p-value threshold of the stepwise selection repeated on each resample. */
  threshold: z.union([z.literal(0.001), z.literal(0.02), z.literal(0.05)]).default(0.02),
});

export const bootstrapRequest = z.discriminatedUnion('source', [
  estimateFromCasesRequest.omit({ model: true }).extend({ source: z.literal('cases'), ...bootstrapSettings.shape }),
  estimateFromCsvRequest.omit({ model: true }).extend({ source: z.literal('upload'), ...bootstrapSettings.shape }),
]);
export type BootstrapRequest = z.input<typeof bootstrapRequest>;

export const bootstrapView = z.object({
  /** Bias-corrected and accelerated percentiles of the totals of the resamples, the stepwise selection repeated on each. */
  kind: z.literal('bootstrap-bca'),
  level: z.number(),
  threshold: z.number(),
  seed: z.number().int(),
  resamples: z.number().int(),
  /** Resamples whose model could not be estimated, left out. */
  failed: z.number().int(),
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
});
export type BootstrapView = z.infer<typeof bootstrapView>;
