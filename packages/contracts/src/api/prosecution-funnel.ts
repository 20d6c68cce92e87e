import { z } from 'zod';
import { formsOfExploitation } from '../vocabularies/cases.js';
import { suspectSexes } from '../vocabularies/prosecution.js';

/**
 * The prosecution funnel: investigations, then the persons suspected in them and how far each got (charged,
 * prosecuted, convicted, sentenced, final), by the year the investigation was opened, with the time between the steps
 * and where and why persons dropped out. Every count is perturbed by the cell-key method (decision 0005); nothing names
 * a person. Definitions in packages/server/src/modules/prosecution-funnel/README.md.
 */

/** The stages, in order; `investigations` counts investigations, the others persons suspected. */
export const funnelStages = ['investigations', 'suspected', 'charged', 'prosecuted', 'convicted', 'sentenced', 'final'] as const;
export type FunnelStage = (typeof funnelStages)[number];

/**
 * Why a person stopped where they did (the stage after which they dropped out is given beside). `awaiting_*` and
 * `appeal_pending` are cases still under way, not losses.
 */
export const funnelDropOutReasons = [
  'not_charged',
  'not_prosecuted',
  'awaiting_verdict',
  'dismissed',
  'acquitted',
  'awaiting_sentence',
  'appeal_pending',
  'appeal_overturned',
] as const;
export type FunnelDropOutReason = (typeof funnelDropOutReasons)[number];

/** The intervals measured, in days, per person: from the first date of one step to the first date of the next. */
export const funnelIntervals = ['opened_to_charge', 'charge_to_prosecution', 'prosecution_to_conviction', 'conviction_to_sentence', 'conviction_to_final'] as const;
export type FunnelInterval = (typeof funnelIntervals)[number];

/** Citizenship as GLOTIP counts it: the country's own citizens, foreigners, not recorded. */
export const funnelCitizenships = ['national', 'foreign', 'unknown'] as const;
export type FunnelCitizenship = (typeof funnelCitizenships)[number];

/** A conviction not appealed becomes final when this many days have passed since the verdict. */
export const FUNNEL_APPEAL_PERIOD_DAYS = 30;

const year = z.coerce.number().int('must be a whole year').min(1900, 'must be 1900 or later').max(2100, 'must be 2100 or earlier');

export const funnelFilters = z
  .object({
    yearFrom: year.optional(),
    yearTo: year.optional(),
    form: z.enum(formsOfExploitation).optional(),
    sex: z.enum(suspectSexes).optional(),
    citizenship: z.enum(funnelCitizenships).optional(),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, { path: ['yearTo'], message: 'must not be before yearFrom' });
export type FunnelFilters = z.infer<typeof funnelFilters>;

export const funnelLanguages = ['en', 'fr', 'ar'] as const;
export type FunnelLanguage = (typeof funnelLanguages)[number];

export const funnelDownloadQuery = z.intersection(
  funnelFilters,
  z.object({ format: z.enum(['csv', 'xlsx']), language: z.enum(funnelLanguages).default('en') }),
);
export type FunnelDownloadQuery = z.input<typeof funnelDownloadQuery>;

const count = z.number().int().nonnegative();
export const funnelReport = z.object({
  /** Persons below which a duration is not shown and a filter value not offered. */
  threshold: z.number().int(),
  appealPeriodDays: z.number().int(),
  /** The years in the report (the investigation's year of opening), ascending. */
  years: z.array(z.number().int()),
  /** The filter values with at least `threshold` persons. */
  options: z.object({ years: z.array(z.number().int()), forms: z.array(z.string()), sexes: z.array(z.string()), citizenships: z.array(z.string()) }),
  /** Each stage: the sum over the years of each year's perturbed count. */
  stages: z.array(z.object({ stage: z.enum(funnelStages), total: count, byYear: z.array(z.object({ year: z.number().int(), value: count })) })),
  dropOuts: z.array(z.object({ reason: z.enum(funnelDropOutReasons), after: z.enum(funnelStages), total: count })),
  /** Persons convicted only of offences less serious than those charged (a downgrade). */
  downgraded: count,
  /** Days between steps; quartiles only where the persons measured (perturbed) reach the threshold. */
  intervals: z.array(z.object({ interval: z.enum(funnelIntervals), persons: count, q1: z.number().nullable(), median: z.number().nullable(), q3: z.number().nullable() })),
  /** UNODC's GLOTIP counts for the country beside its own (all forms, sexes and citizenships; the source's text). */
  glotip: z.object({
    iso3: z.string().nullable(),
    rows: z.array(z.object({ year: z.number().int(), prosecuted: count.nullable(), convicted: count.nullable(), glotipProsecuted: z.string().nullable(), glotipConvicted: z.string().nullable() })),
  }),
});
export type FunnelReport = z.infer<typeof funnelReport>;
