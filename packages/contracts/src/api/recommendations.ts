import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from './common.js';
import { latestToday } from './dates.js';
import { recordKind } from './personal.js';
import { importProblemCode, importProblemParams } from './column-mapping.js';
import {
  criminalizationLevels,
  implementationStatuses,
  recommendationBodies,
  recommendationChanges,
  recommendationResponses,
  recommendationThemes,
  recommendationUrgencies,
  statusesNeedingEvidence,
  tipTiers,
} from '../vocabularies/recommendations.js';

/**
 * Recommendations of monitoring bodies: recorded by the national rapporteur, answered by the government (the national
 * coordinator records its response), their implementation status followed by the rapporteur with evidence, commented
 * on by civil society; every change a version of the history. Near-identical recommendations of different bodies are
 * linked together as a cluster.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const pastDate = z.iso.date({ error: 'must be a date (year, month and day)' }).refine((v) => v <= latestToday(), 'must not be in the future');
const unique = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(z.enum(values, { error: `must be values of ${what}` }))
    .min(1, `must name at least one of ${what}`)
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a value');

export const createRecommendationRequest = z.object({
  sourceBody: z.enum(recommendationBodies, { error: 'must be one of the monitoring bodies' }),
  /** The body's cycle or round: "third evaluation round", "UPR 4th cycle", "2024 report". */
  cycle: text(100),
  issuedOn: pastDate,
  text: text(5000),
  /** The paragraph or number the body gives it. */
  paragraph: optionalText(50).default(''),
  themes: unique(recommendationThemes, 'the themes'),
  /** The body addressed: a ministry, parliament, the labour inspectorate. */
  addressedTo: optionalText(200).default(''),
  urgency: z.enum(recommendationUrgencies, { error: 'must be one of the urgencies' }),
});
export type CreateRecommendationRequest = z.infer<typeof createRecommendationRequest>;

export const recordResponseRequest = z.object({
  response: z.enum(recommendationResponses, { error: 'must be accepted, noted or rejected' }),
  effectiveOn: pastDate,
  /** Where the government said so (its reply to the body, the UPR addendum). */
  evidence: optionalText(2000).default(''),
});
export type RecordResponseRequest = z.infer<typeof recordResponseRequest>;

export const recordStatusRequest = z
  .object({
    status: z.enum(implementationStatuses, { error: 'must be one of the implementation statuses' }),
    effectiveOn: pastDate,
    /** What shows it: a law adopted, a report, a decision (required past "not started"). */
    evidence: optionalText(2000).default(''),
  })
  .superRefine((value, ctx) => {
    if (statusesNeedingEvidence.includes(value.status) && value.evidence.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'must say what shows this status (a law, a report, a decision)' });
    }
  });
export type RecordStatusRequest = z.infer<typeof recordStatusRequest>;

export const commentRequest = z.object({ comment: text(2000) });
export type CommentRequest = z.infer<typeof commentRequest>;

export const clusterRequest = z.object({
  recommendationIds: z.array(uuid).min(2, 'must name at least two recommendations').max(50).refine((list) => new Set(list).size === list.length, 'must not repeat a recommendation'),
});
export type ClusterRequest = z.infer<typeof clusterRequest>;

export const recommendationFilters = z.object({
  body: z.enum(recommendationBodies).optional(),
  theme: z.enum(recommendationThemes).optional(),
  status: z.enum(implementationStatuses).optional(),
  response: z.enum([...recommendationResponses, 'none']).optional(),
  /** Those an activity of the plan answers. */
  activity: uuid.optional(),
});
export type RecommendationFilters = z.infer<typeof recommendationFilters>;

export const recommendationVersion = z.object({
  version: z.number().int(),
  change: z.enum(recommendationChanges),
  response: z.enum(recommendationResponses).nullable(),
  status: z.enum(implementationStatuses),
  effectiveOn: isoDate,
  evidence: z.string(),
  comment: z.string(),
  /** The organisation that recorded it (a civil society comment is attributed to its organisation). */
  organisationName: z.string(),
  recordedAt: isoDateTime,
});
export type RecommendationVersion = z.infer<typeof recommendationVersion>;

/** A recommendation as a list shows it, and the similar ones offered as a cluster. */
export const recommendationSummary = z.object({
  id: uuid,
  sourceBody: z.enum(recommendationBodies),
  cycle: z.string(),
  issuedOn: isoDate,
  text: z.string(),
  themes: z.array(z.enum(recommendationThemes)),
  urgency: z.enum(recommendationUrgencies),
  response: z.enum(recommendationResponses).nullable(),
  status: z.enum(implementationStatuses),
  clusterId: uuid.nullable(),
});
export type RecommendationSummary = z.infer<typeof recommendationSummary>;

export const similarRecommendation = recommendationSummary.extend({ similarity: z.number() });
export type SimilarRecommendation = z.infer<typeof similarRecommendation>;

export const linkedActivity = z.object({ id: uuid, title: z.string() });
/** One link between a recommendation and an activity of the plan, to undo. */
export const recommendationActivityParams = z.object({ id: uuid, activityId: uuid });
export type LinkedActivity = z.infer<typeof linkedActivity>;

export const recommendationView = recordKind(
  'recommendation',
  recommendationSummary.extend({
    paragraph: z.string().optional(),
    addressedTo: z.string().optional(),
    version: z.number().int().optional(),
    history: z.array(recommendationVersion).optional(),
    /** The other members of its cluster. */
    cluster: z.array(recommendationSummary).optional(),
    /** Near-identical recommendations of other bodies, not yet in its cluster: offered to link together. */
    similar: z.array(similarRecommendation).optional(),
    activities: z.array(linkedActivity).optional(),
  }).partial(),
);
export type RecommendationView = z.infer<typeof recommendationView>;

export const recommendationList = z.object({ recommendations: z.array(recordKind('recommendation', recommendationSummary.partial())) });
export type RecommendationList = z.infer<typeof recommendationList>;

/** One rejected row of an import, named by its row in the file (the header is row 1) and the field. */
/**
 * A rejected row of a recommendation import: `problem` in English (API users, the command line), `code` and `params`
 * for a client to word it in its reader's language (column-mapping.ts importProblemCodes: no-such-column, no-rows,
 * blank, not-a-date, not-an-option, invalid-value).
 */
export const importRejection = z.object({ row: z.number().int(), field: z.string(), problem: z.string(), code: importProblemCode.optional(), params: importProblemParams.optional() });
export type ImportRejection = z.infer<typeof importRejection>;

/** The columns of a recommendation import, each named by the file's header it is read from. */
export const recommendationColumns = ['sourceBody', 'cycle', 'issuedOn', 'text', 'paragraph', 'themes', 'addressedTo', 'urgency'] as const;
export type RecommendationColumn = (typeof recommendationColumns)[number];
export const recommendationColumnMapping = z.partialRecord(z.enum(recommendationColumns), z.string().trim().min(1).max(200));
export type RecommendationColumnMapping = z.infer<typeof recommendationColumnMapping>;

export const recommendationImportResult = z.object({
  imported: z.number().int(),
  rejected: z.array(importRejection),
});
/** The answer when rows are rejected (422): the same counts, and as an error body whose details list the rejections. */
export const recommendationImportRejected = recommendationImportResult.extend({
  error: z.literal('rows_rejected'),
  message: z.string(),
  details: z.object({ rejected: z.array(importRejection) }),
});
/** Fields every row takes one value of when no column fills them (or the cell is blank). */
export const recommendationConstantColumns = ['sourceBody', 'cycle', 'issuedOn', 'themes', 'addressedTo', 'urgency'] as const;
export const recommendationImportConstants = z.partialRecord(z.enum(recommendationConstantColumns), z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'));
export type RecommendationImportResult = z.infer<typeof recommendationImportResult>;

export const referenceSeriesQuery = z.object({ country: z.string().regex(/^[A-Z]{3}$/u, 'must be an ISO 3166-1 alpha-3 code such as MDA').optional() });

export const referenceSeriesView = z.object({
  /** The country drawn (the query's, else the country's own setting); null when none is set. */
  country: z.string().nullable(),
  countryName: z.string().nullable(),
  tiers: z.array(z.object({ year: z.number().int(), tier: z.enum(tipTiers) })),
  scores: z.array(
    z.object({
      year: z.number().int(),
      prosecution: z.number().int().nullable(),
      protection: z.number().int().nullable(),
      prevention: z.number().int().nullable(),
      criminalization: z.enum(criminalizationLevels).nullable(),
    }),
  ),
  /** The countries any series holds, for the choice of another. */
  countries: z.array(z.object({ iso3: z.string(), name: z.string() })),
});
export type ReferenceSeriesView = z.infer<typeof referenceSeriesView>;

export const linkActivitiesRequest = z.object({
  activityIds: z.array(uuid).min(1, 'must name at least one activity').max(50).refine((list) => new Set(list).size === list.length, 'must not repeat an activity'),
  /** Link every member of the recommendation's cluster at once. */
  withCluster: z.boolean().default(true),
});
export type LinkActivitiesRequest = z.infer<typeof linkActivitiesRequest>;

/** An import of recommendations: the file (CSV or XLSX, base64, at most 5 MB) and which heading each field is read from. */
export const recommendationImportRequest = z.object({
  fileName: z.string().trim().min(1).max(200).regex(/\.(csv|xlsx)$/iu, 'must be a .csv or .xlsx file'),
  content: z.base64('must be the file in base64').max(7_000_000, 'the file must be at most 5 MB'),
  mapping: recommendationColumnMapping,
  constants: recommendationImportConstants.default({}),
});
export type RecommendationImportRequest = z.input<typeof recommendationImportRequest>;

/** A file to import, before any mapping: the server reads its headings and first rows. */
export const recommendationImportPreviewRequest = recommendationImportRequest.pick({ fileName: true, content: true });

export const versionWritten = z.object({ version: z.number().int() });
export const clusterWritten = z.object({ clusterId: uuid, members: z.number().int() });
export const linksWritten = z.object({ links: z.number().int() });
