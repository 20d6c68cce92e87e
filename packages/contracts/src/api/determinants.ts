import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from './common.js';
import { documentLanguage } from './person-record.js';
import { recordKind } from './personal.js';
import { determinantActivities, determinantCodes, determinantDirections, determinantStrengths, determinantTypology } from '../vocabularies/determinants.js';
import { checklistItemCodes, checklistScores } from '../vocabularies/determinants-checklist.js';

/**
 * Determinants assessments: for a country and a period, the national rapporteur records each determinant of the
 * framework (direction, active or passive, strength, typology, evidence, linked recommendations and indicators, and
 * which other determinants it influences). The coordinator and the national administrator read them. Two assessments
 * are compared determinant by determinant (what changed direction).
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const date = z.iso.date({ error: 'must be a date (year, month and day)' });
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, `must list at most ${max}`).refine((list) => new Set(list.map((v) => JSON.stringify(v))).size === list.length, 'must not repeat a value');

const determinant = z.enum(determinantCodes, { error: 'must be one of the determinants' });

export const assessmentRequest = z
  .object({
    /** The country assessed, as the rapporteur names it. */
    country: text(100),
    periodFrom: date,
    periodTo: date,
    title: text(200),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'must not be before the start of the period' });
  });
export type AssessmentRequest = z.infer<typeof assessmentRequest>;

export const determinantTypologyValue = z.object({
  origin: z.enum(determinantTypology.origin, { error: 'must be internal or external' }),
  nature: z.enum(determinantTypology.nature, { error: 'must be structural or a pressure point' }),
  specificity: z.enum(determinantTypology.specificity, { error: 'must be trafficking-specific, contextual or tangential' }),
  reach: z.enum(determinantTypology.reach, { error: 'must be direct or indirect' }),
  level: z.enum(determinantTypology.level, { error: 'must be personal, institutional or cultural' }),
});
export type DeterminantTypologyValue = z.infer<typeof determinantTypologyValue>;

export const assessmentEntryRequest = z
  .object({
    determinant,
    direction: z.enum(determinantDirections, { error: 'must be positive, neutral or negative' }),
    activity: z.enum(determinantActivities, { error: 'must be active or passive' }),
    strength: z.enum(determinantStrengths, { error: 'must be weak, moderate or strong' }),
    typology: determinantTypologyValue,
    /** The evidence: documents, reports, what was observed. */
    evidence: z.string().trim().max(5000, 'must be at most 5000 characters').default(''),
    recommendationIds: uniqueList(uuid, 200).default([]),
    indicatorIds: uniqueList(uuid, 200).default([]),
    /** The other determinants this one influences. */
    influences: uniqueList(determinant, determinantCodes.length).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.influences.includes(v.determinant)) ctx.addIssue({ code: 'custom', path: ['influences'], message: 'must not name the determinant itself' });
  });
export type AssessmentEntryRequest = z.input<typeof assessmentEntryRequest>;

export const assessmentEntryView = z.object({
  determinant: z.enum(determinantCodes),
  direction: z.enum(determinantDirections),
  activity: z.enum(determinantActivities),
  strength: z.enum(determinantStrengths),
  typology: determinantTypologyValue,
  evidence: z.string(),
  recommendationIds: z.array(uuid),
  indicatorIds: z.array(uuid),
  influences: z.array(z.enum(determinantCodes)),
  recordedAt: isoDateTime,
});
export type AssessmentEntryView = z.infer<typeof assessmentEntryView>;

const checklistItemCode = z.string().refine((code) => checklistItemCodes.includes(code), 'must be one of the checklist items');
const checklistScore = z.enum(checklistScores, { error: 'must be not met, partly met, met or not applicable' });

/** Scores of checklist items (the seeds' recommendations), several at once; an item scored again is rewritten. */
export const checklistScoresRequest = z.object({
  scores: uniqueList(
    z.object({ item: checklistItemCode, score: checklistScore, note: z.string().trim().max(2000, 'must be at most 2000 characters').default('') }),
    checklistItemCodes.length,
  )
    .min(1, 'must not be empty')
    .refine((list) => new Set(list.map((s) => s.item)).size === list.length, 'must not repeat an item'),
});
export type ChecklistScoresRequest = z.input<typeof checklistScoresRequest>;

export const checklistScoreView = z.object({ item: z.string(), score: checklistScore, note: z.string(), checklistVersion: z.number().int(), recordedAt: isoDateTime });
export type ChecklistScoreView = z.infer<typeof checklistScoreView>;

/** An assessment as listed; each field shown only where the field policy allows it (the id always). */
const assessmentFields = z.object({
  id: uuid,
  country: z.string(),
  periodFrom: isoDate,
  periodTo: isoDate,
  title: z.string(),
  entryCount: z.number().int(),
  updatedAt: isoDateTime,
});
export const assessmentSummary = recordKind('determinantAssessment', assessmentFields.partial().required({ id: true }));
export type AssessmentSummary = z.infer<typeof assessmentSummary>;
export const assessmentList = z.object({ assessments: z.array(assessmentSummary) });
export type AssessmentList = z.infer<typeof assessmentList>;

export const assessmentView = recordKind(
  'determinantAssessment',
  assessmentFields.extend({ entries: z.array(assessmentEntryView), checklist: z.array(checklistScoreView) }).partial().required({ id: true }),
);
export type AssessmentView = z.infer<typeof assessmentView>;

export const comparisonQuery = z.object({ with: uuid });

/** The assessment as a PDF document, in the language chosen. */
export const assessmentPdfQuery = z.object({ language: documentLanguage.default('en') });

/** Per determinant, its direction in each assessment (null: not recorded there) and whether it changed. */
export const assessmentComparison = z.object({
  earlier: assessmentSummary,
  later: assessmentSummary,
  rows: z.array(
    z.object({
      determinant: z.enum(determinantCodes),
      earlier: z.enum(determinantDirections).nullable(),
      later: z.enum(determinantDirections).nullable(),
      changed: z.boolean(),
    }),
  ),
  /** Per checklist item scored in either, its score in each (null: not scored there) and whether it changed. */
  checklist: z.array(z.object({ item: z.string(), earlier: checklistScore.nullable(), later: checklistScore.nullable(), changed: z.boolean() })),
});
export type AssessmentComparison = z.infer<typeof assessmentComparison>;
