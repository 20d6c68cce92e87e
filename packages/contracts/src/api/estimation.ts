import { z } from 'zod';
import { uuid } from './common.js';
import { organisationType } from './organisations.js';

/**
 * Multiple systems estimation: how many victims no organisation identified, estimated from how the lists of the
 * identified overlap. The overlap table is built on the server from the case records (each person once per list,
 * linked across organisations through the de-duplication keys) or uploaded as a CSV; nobody ever sees a name or id.
 */

/** Counts of 1 to 10 people are never displayed ("<11"); the estimate itself uses the real counts. */
export const SMALL_CELL_THRESHOLD = 11;
export const MAX_ESTIMATION_LISTS = 8;

/** A list's short name: it becomes a column of the overlap table (no spaces, commas or colons). */
export const estimationListName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(24, 'must be at most 24 characters')
  .regex(/^[^\s:,]+$/u, 'must not contain spaces, commas or colons');

export const estimationList = z.object({
  name: estimationListName,
  organisationIds: z.array(uuid).min(1, 'choose at least one organisation').max(200),
});
export type EstimationList = z.infer<typeof estimationList>;

export const estimationModelChoice = z.enum(['stepwise', 'main']);

export const estimateFromCasesRequest = z.object({
  year: z.number().int().min(1990).max(2100),
  lists: z.array(estimationList).min(2, 'give at least two lists').max(MAX_ESTIMATION_LISTS, `give at most ${MAX_ESTIMATION_LISTS} lists`),
  model: estimationModelChoice.default('stepwise'),
});
export type EstimateFromCasesRequest = z.input<typeof estimateFromCasesRequest>;

export const estimateFromCsvRequest = z.object({
  /** The overlap table in the command line's format: one 0/1 column per list, then the count. */
  csv: z.string().min(1, 'is empty').max(1_000_000, 'is too large for an overlap table'),
  model: estimationModelChoice.default('stepwise'),
});
export type EstimateFromCsvRequest = z.input<typeof estimateFromCsvRequest>;

/** What the rapporteur may choose from: years with cases and the organisations (no personal data). */
export const estimationOptions = z.object({
  years: z.array(z.number().int()),
  organisations: z.array(z.object({ id: uuid, name: z.string(), type: organisationType })),
  smallCellThreshold: z.number().int(),
  maxLists: z.number().int(),
});
export type EstimationOptions = z.infer<typeof estimationOptions>;

/** A count as displayed: `small` = between 1 and the threshold - 1 (shown "<11"); `secondary` = hidden so that a small cell cannot be worked out from the total. */
export const displayedCount = z.object({
  value: z.number().int().nonnegative().nullable(),
  suppressed: z.enum(['small', 'secondary']).nullable(),
});
export type DisplayedCount = z.infer<typeof displayedCount>;

/** The rows of the spread over models: the model choices a statistician would try. */
export const spreadModel = z.enum(['main', 'stepwise-0.001', 'stepwise-0.02', 'stepwise-0.05', 'best-aic', 'best-bic', 'bayesian-average']);
export type SpreadModel = z.infer<typeof spreadModel>;

/** Publishing one row of the spread: the server estimates again from the same data and records what it finds. */
export const publishEstimateRequest = z.discriminatedUnion('source', [
  estimateFromCasesRequest.omit({ model: true }).extend({ source: z.literal('cases'), model: spreadModel }),
  estimateFromCsvRequest.omit({ model: true }).extend({ source: z.literal('upload'), model: spreadModel }),
]);
export type PublishEstimateRequest = z.input<typeof publishEstimateRequest>;

/** An estimate as published: which model, its total and interval, for which data, when and by whom. */
export const publishedEstimateView = z.object({
  id: uuid,
  source: z.enum(['cases', 'upload']),
  year: z.number().int().nullable(),
  lists: z.array(z.string()),
  model: spreadModel,
  terms: z.array(z.string()),
  total: z.number(),
  lower: z.number(),
  upper: z.number(),
  interval: z.enum(['model-conditional', 'credible']),
  /** The first characters of the keyed fingerprint of the exact overlap table: the same data, the same fingerprint. */
  fingerprint: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type PublishedEstimateView = z.infer<typeof publishedEstimateView>;
export const publishedEstimatesView = z.object({ publications: z.array(publishedEstimateView) });

export const estimationCaveatCode = z.enum([
  'conditional-on-model',
  'no-overlap',
  'no-overlap-in-model',
  'repeated-combination',
  'two-lists',
  'wide-interval',
  'large-hidden',
  'consent-excluded',
  'not-on-any-list',
  'suppressed-cells',
  'closed-population',
  'linkage',
]);
export type EstimationCaveatCode = z.infer<typeof estimationCaveatCode>;

export const estimationCaveat = z.object({
  code: estimationCaveatCode,
  /** The lists concerned (e.g. the two lists that never overlap). */
  lists: z.array(z.string()).default([]),
  /** Lines of the uploaded file the caveat is about (e.g. where a combination was repeated). */
  lines: z.array(z.number().int().positive()).default([]),
  /** A count the caveat is about, when it may be displayed. */
  count: displayedCount.nullable().default(null),
  /** The estimator's own wording (English), for the record. */
  detail: z.string().nullable().default(null),
});
export type EstimationCaveat = z.infer<typeof estimationCaveat>;

export const estimationResultView = z.object({
  source: z.enum(['cases', 'upload']),
  year: z.number().int().nullable(),
  lists: z.array(z.object({ name: z.string(), organisations: z.array(z.string()) })),
  /** Every combination of lists (at least one), with the people on exactly those lists. */
  table: z.array(z.object({ lists: z.array(z.string()), count: displayedCount })),
  smallCellThreshold: z.number().int(),
  observed: z.number().int(),
  hidden: z.number(),
  total: z.number(),
  interval: z.object({
    level: z.number(),
    lower: z.number(),
    upper: z.number(),
    hiddenLower: z.number(),
    hiddenUpper: z.number(),
  }),
  model: z.object({
    kind: z.enum(['stepwise', 'main', 'fixed']),
    /** The two-list interactions in the chosen model, e.g. "Police:NGO". */
    terms: z.array(z.string()),
    test: z.enum(['poisson', 'lrt']).nullable(),
    threshold: z.number().nullable(),
    steps: z.array(z.object({ step: z.number().int(), term: z.string(), pValue: z.number(), added: z.boolean() })),
    excluded: z.array(z.object({ term: z.string(), problem: z.string() })),
    deviance: z.number(),
    residualDf: z.number().int(),
    aic: z.number(),
  }),
  /** How the people were counted (case records only). */
  counting: z
    .object({
      personRecords: z.number().int(),
      people: z.number().int(),
      linkedByKeys: z.number().int(),
      linkedByConfirmation: z.number().int(),
      excludedNoConsent: displayedCount,
      notOnAnyList: displayedCount,
    })
    .nullable(),
  caveats: z.array(estimationCaveat),
  /**
   * The same data under the models a statistician would try, each with its total and 95% interval, or null values
   * and the problem when it cannot be estimated. Null when there are too many lists to search on request.
   */
  spread: z
    .object({
      rows: z.array(
        z.object({
          model: spreadModel,
          terms: z.array(z.string()),
          total: z.number().nullable(),
          lower: z.number().nullable(),
          upper: z.number().nullable(),
          /** Conditional on the model chosen, or a credible interval over the models averaged. */
          interval: z.enum(['model-conditional', 'credible']).nullable(),
          search: z.enum(['exhaustive', 'greedy', 'mcmc']).nullable(),
          /** For the model average: how many decomposable graphs it averages. */
          graphs: z.number().int().nullable(),
          problem: z.string().nullable(),
        }),
      ),
      lowest: z.number().nullable(),
      highest: z.number().nullable(),
      /** Estimates published from these same data (the same keyed fingerprint), newest first: which row each is. */
      published: z.array(z.object({ model: spreadModel, publishedAt: z.string(), publishedBy: z.string() })).default([]),
    })
    .nullable()
    .default(null),
});
export type EstimationResultView = z.infer<typeof estimationResultView>;
