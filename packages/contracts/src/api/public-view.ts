import { z } from 'zod';
import { uuid } from './common.js';
import { activityStatuses, computedIndicatorCodes, planIndicatorDirections, planIndicatorMeasures, planIndicatorTypes, planPillars } from '../vocabularies/action-plan.js';
import { implementationStatuses, recommendationBodies, recommendationResponses } from '../vocabularies/recommendations.js';
import { determinantActivities, determinantCodes, determinantDirections, determinantStrengths } from '../vocabularies/determinants.js';

/**
 * The public view: what the national coordinator publishes for anyone to read without signing in. A snapshot made at
 * publication: the plan's progress (activities by pillar and objective, the responsible organisation by name, budget
 * totals, indicators with their series), the recommendations of monitoring bodies with their status and counts, and
 * the latest determinants assessment's directions and strengths. Codes, never words: the page words them in the
 * reader's language. Nothing personal: no staff, no case data but counts perturbed by the cell-key method.
 */

const period = { periodStart: z.string(), periodEnd: z.string() };

export const publicActivity = z.object({
  code: z.string(),
  title: z.string(),
  organisationName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(activityStatuses),
  progressPercent: z.number().int(),
  /** Not completed (nor cancelled) after its end date, on the day of publication. */
  late: z.boolean(),
  plannedMinor: z.number(),
  spentMinor: z.number(),
});
export type PublicActivity = z.infer<typeof publicActivity>;

export const publicObjective = z.object({ code: z.string(), pillar: z.enum(planPillars), title: z.string(), activities: z.array(publicActivity) });

export const publicPillar = z.object({
  pillar: z.enum(planPillars),
  activities: z.number().int(),
  late: z.number().int(),
  plannedMinor: z.number(),
  spentMinor: z.number(),
});

export const publicIndicator = z.object({
  code: z.string(),
  title: z.string(),
  type: z.enum(planIndicatorTypes),
  measure: z.enum(planIndicatorMeasures),
  direction: z.enum(planIndicatorDirections),
  /** The catalogue's code of a computed indicator (its values perturbed by the cell-key method), null when entered by hand. */
  computation: z.enum(computedIndicatorCodes).nullable(),
  source: z.string().nullable(),
  activityCode: z.string().nullable(),
  baseline: z.object({ value: z.number(), on: z.string() }).nullable(),
  series: z.array(z.object({ ...period, value: z.number().nullable(), target: z.number().nullable() })),
});
export type PublicIndicator = z.infer<typeof publicIndicator>;

export const publicRecommendation = z.object({
  body: z.enum(recommendationBodies),
  cycle: z.string(),
  issuedOn: z.string(),
  text: z.string(),
  response: z.enum(recommendationResponses).nullable(),
  status: z.enum(implementationStatuses),
  /** The plan's activities answering it, by code. */
  activityCodes: z.array(z.string()),
});

export const publicDeterminant = z.object({
  determinant: z.enum(determinantCodes),
  direction: z.enum(determinantDirections),
  activity: z.enum(determinantActivities),
  strength: z.enum(determinantStrengths),
  influences: z.array(z.enum(determinantCodes)),
});

export const publicViewContent = z.object({
  plan: z.object({ title: z.string(), periodStart: z.string(), periodEnd: z.string(), currency: z.string(), asOf: z.string() }),
  pillars: z.array(publicPillar),
  objectives: z.array(publicObjective),
  indicators: z.array(publicIndicator),
  recommendations: z.object({
    /** Recommendations counted by body and implementation status: counts of texts, not of people (not personal data, not perturbed). */
    counts: z.array(z.object({ body: z.enum(recommendationBodies), status: z.enum(implementationStatuses), count: z.number().int() })),
    items: z.array(publicRecommendation),
  }),
  determinants: z
    .object({ title: z.string(), country: z.string(), periodFrom: z.string(), periodTo: z.string(), entries: z.array(publicDeterminant) })
    .nullable(),
});
export type PublicViewContent = z.infer<typeof publicViewContent>;

/** The page as published: its content and who published it when. */
export const publicView = z.object({
  publishedAt: z.string(),
  /** The publishing organisation's name (never a person's). */
  publishedBy: z.string(),
  content: publicViewContent,
});
export type PublicView = z.infer<typeof publicView>;

/** What the coordinator sees before publishing: the content as it would be published now, and what is published. */
export const publicViewPreview = z.object({
  content: publicViewContent,
  current: z.object({ planId: uuid, planTitle: z.string(), publishedAt: z.string(), publishedBy: z.string() }).nullable(),
});
export type PublicViewPreview = z.infer<typeof publicViewPreview>;

export const publicationResult = z.object({ id: uuid, publishedAt: z.string() });
export const publicViewWithdrawn = z.object({ withdrawn: z.literal(true) });
