import { z } from 'zod';
import { uuid } from './common.js';
import { statisticsLabelLanguages } from './statistics-labels.js';

/**
 * The statistics section (national coordinator and rapporteur): de-identified statistical records only, counted as
 * PERSONS (one per person however many organisations know them). The page's counts are perturbed on the server by
 * the cell-key method before anything leaves it (see `perturbation`); the suppression states remain for tables that
 * publish exact counts with small cells withheld: a suppressed count travels as `value: null` with the reason
 * (`primary`: below the threshold; `secondary`: withheld so that a small count cannot be worked out from the totals).
 */

/** A missing value in a dimension (not recorded in the source). */
export const STATISTICS_UNKNOWN = 'unknown';

/** CTDC exploitation flags, as the statistical records hold them. */
export const statisticsForms = ['isSexualExploit', 'isForcedLabour', 'isOtherExploit'] as const;
export type StatisticsForm = (typeof statisticsForms)[number];

export const statisticsDimensions = ['sex', 'ageBand', 'form', 'citizenship', 'countryOfExploitation', 'referringOrganisationType'] as const;
export type StatisticsDimension = (typeof statisticsDimensions)[number];

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9+/_ -]+$/u, 'must be a code');

export const statisticsFilters = z
  .object({
    dataset: uuid.optional(),
    yearFrom: z.coerce.number().int().min(1900).max(2100).optional(),
    yearTo: z.coerce.number().int().min(1900).max(2100).optional(),
    sex: code.optional(),
    ageBand: code.optional(),
    form: z.enum(statisticsForms).optional(),
    citizenship: z.union([z.string().regex(/^[A-Z]{3}$/u, 'must be an ISO 3166-1 alpha-3 code'), z.literal(STATISTICS_UNKNOWN)]).optional(),
    countryOfExploitation: z.union([z.string().regex(/^[A-Z]{3}$/u, 'must be an ISO 3166-1 alpha-3 code'), z.literal(STATISTICS_UNKNOWN)]).optional(),
    referringOrganisationType: code.optional(),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, { path: ['yearTo'], message: 'must not be before yearFrom' });
export type StatisticsFilters = z.infer<typeof statisticsFilters>;

export * from './statistics-labels.js';

/**
 * A download: CSV or XLSX; `values` codes only (as other software reads them), or labels in `language` beside the
 * codes (as a person reads them).
 */
export const statisticsDownloadQuery = statisticsFilters.and(
  z.object({
    format: z.enum(['csv', 'xlsx']),
    values: z.enum(['codes', 'labels']).default('codes'),
    language: z.enum(statisticsLabelLanguages).default('en'),
  }),
);
export type StatisticsDownloadQuery = z.infer<typeof statisticsDownloadQuery>;

export const suppressedValue = z.object({
  value: z.number().nullable(),
  state: z.enum(['published', 'primary', 'secondary']),
});
export type SuppressedValueView = z.infer<typeof suppressedValue>;

/** What a figure counts, said with the figure. */
export const statisticsCounting = z.object({
  /** persons (one per person), or referrals (one per referral) */
  unit: z.enum(['persons', 'referrals']),
  /** which persons (a code): registered, registered_by_stage, reasonable_grounds, referred, referrals, follow_up... */
  population: z.enum(['registered', 'registered_by_stage', 'registered_by_status', 'registered_by_form', 'reasonable_grounds', 'reflection', 'referred', 'referrals', 'follow_up']),
  /** the period: registration years covered */
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
});

export const statisticsTable = z.object({
  id: z.string(),
  counting: statisticsCounting,
  rowDimension: z.string(),
  columnDimension: z.string().nullable(),
  columns: z.array(z.string()),
  rows: z.array(z.object({ key: z.string(), cells: z.array(suppressedValue), total: suppressedValue.nullable() })),
  columnTotals: z.array(suppressedValue).nullable(),
  grandTotal: suppressedValue.nullable(),
  /** True when a person may fall in several columns (forms of exploitation): no total adds them up. */
  overlapping: z.boolean(),
});
export type StatisticsTable = z.infer<typeof statisticsTable>;

/** Means and shares derived from counts: null when a count behind them is suppressed or zero. */
export const statisticsRate = z.object({ key: z.string(), value: z.number().nullable() });

export const statisticsPerformance = z.object({
  /** Mean days from referral to the reasonable-grounds decision, by year and over all years, in whole days (an exact fraction would give its count away). */
  meanDaysToReasonableGrounds: z.array(statisticsRate),
  /** Share (0..1) of reasonable-grounds decisions taken after the day they were due. */
  shareOverdue: z.array(statisticsRate),
  /** Mean days in the recovery and reflection period. */
  meanReflectionDays: z.array(statisticsRate),
  /** Share of referrals accepted, and completed (service delivered). */
  shareReferralsAccepted: z.array(statisticsRate),
  shareReferralsCompleted: z.array(statisticsRate),
  reasonableGroundsDeadlineDays: z.number().int(),
});

export const glotipComparison = z.object({
  iso3: z.string().nullable(),
  indicator: z.string(),
  rows: z.array(
    z.object({
      year: z.number().int(),
      /** As the source published it (e.g. "<5", "1,282"); null when the source has no figure for the year. */
      glotip: z.string().nullable(),
      /** The country's own persons registered that year (suppressed like every count). */
      country: suppressedValue.nullable(),
    }),
  ),
});

export const statisticsDatasetView = z.object({
  id: uuid,
  kind: z.enum(['country_cases', 'ctdc_import', 'synthetic']),
  name: z.string(),
  records: z.number().int(),
  refreshedAt: z.string().nullable(),
  synthetic: z.boolean(),
});
export type StatisticsDatasetView = z.infer<typeof statisticsDatasetView>;

export const statisticsReport = z.object({
  dataset: statisticsDatasetView,
  filters: statisticsFilters,
  threshold: z.number().int(),
  tables: z.array(statisticsTable),
  /**
   * How the counts were protected: the cell-key method changes each count by at most `maximumChange` (never below
   * zero; a zero stays zero), the same way every time for the same persons; `exactShare` of counts are unchanged.
   */
  perturbation: z.object({ method: z.literal('cell_key'), maximumChange: z.number().int(), exactShare: z.number() }),
  performance: statisticsPerformance,
  reference: glotipComparison,
  /** When the aggregates were built from the records. */
  builtAt: z.string(),
});
export type StatisticsReport = z.infer<typeof statisticsReport>;

export const statisticsOptions = z.object({
  datasets: z.array(statisticsDatasetView),
  dataset: uuid.nullable(),
  threshold: z.number().int(),
  years: z.array(z.number().int()),
  /** Values a filter can take: those with at least `threshold` persons in the whole dataset (rarer ones are not listed). */
  values: z.record(z.enum(statisticsDimensions), z.array(z.string())),
});
export type StatisticsOptions = z.infer<typeof statisticsOptions>;

export const statisticsOptionsQuery = z.object({ dataset: uuid.optional() });

/** POST /api/statistics/refresh: the country's dataset derived again from the case records. */
export const statisticsRefreshRequest = z.object({}).strict();
export const statisticsRefreshResult = z.object({
  datasetId: uuid,
  /** Persons in the dataset (each once). */
  records: z.number().int().nonnegative(),
  /** Persons left out because their consent to use in statistics is not given. */
  excludedWithoutConsent: z.number().int().nonnegative(),
});
export type StatisticsRefreshResult = z.infer<typeof statisticsRefreshResult>;
