import { z } from 'zod';
import {
  childRuleElements,
  indicatorAnswers,
  indicatorElements,
  indicatorStrengths,
  screeningSuggestions,
  type IndicatorChecklistDocument,
} from '../vocabularies/indicators.js';
import { isoDateTime, uuid } from './common.js';

/**
 * Screening against indicator checklists. A screening suggests, it never decides: the decision on victim status is the
 * competent authority's. A person can be screened without a name: a submission holds no identifying field.
 */

const codePattern = /^[a-z][a-z0-9_]{1,62}$/;
const codeProblem = 'must be 2-63 lower-case letters, digits or underscores, starting with a letter';

export const checklistCode = z.string().regex(codePattern, codeProblem);
export const indicatorCode = z.string().regex(codePattern, codeProblem);
export const checklistVersion = z.int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000');

export const indicatorStrength = z.enum(indicatorStrengths, { error: 'must be strong, medium or weak' });
export const indicatorElement = z.enum(indicatorElements, { error: 'must be act, means or purpose' });
export const indicatorAnswer = z.enum(indicatorAnswers, { error: 'must be present, absent or unknown' });
export const screeningSuggestion = z.enum(screeningSuggestions);

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const threshold = z.int('must be a whole number or null').min(1, 'must be at least 1 (or null: off)').max(100).nullable();

export const indicatorCategory = z.strictObject({ code: indicatorCode, label: text(200) });

export const indicatorItem = z.strictObject({
  code: indicatorCode,
  label: text(300),
  description: text(2000).optional(),
  element: indicatorElement,
  category: indicatorCode,
  strength: indicatorStrength,
  childOnly: z.boolean().optional(),
});

export const scoringRule = z.strictObject({
  referWhen: z.strictObject({ strongAtLeast: threshold, mediumAtLeast: threshold, weakAtLeast: threshold }),
  childReferWhenPresent: z
    .array(z.enum(childRuleElements, { error: 'must be act or purpose: for a child no means are required (art. 3(c))' }))
    .max(2),
});

/** A checklist document: the data a national coordinator publishes as a new version. Problems name their path. */
export const indicatorChecklistDocument = z
  .strictObject({
    code: checklistCode,
    version: checklistVersion,
    title: text(200),
    source: text(2000),
    note: text(2000).optional(),
    categories: z.array(indicatorCategory).min(1, 'must list at least one category').max(50),
    items: z.array(indicatorItem).min(1, 'must list at least one item').max(300, 'must list at most 300 items'),
    scoring: scoringRule,
  })
  .superRefine((doc, ctx) => {
    const categories = new Set<string>();
    doc.categories.forEach((c, i) => {
      if (categories.has(c.code)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'code'], message: `${c.code} is used by an earlier category` });
      categories.add(c.code);
    });
    const items = new Set<string>();
    doc.items.forEach((item, i) => {
      if (items.has(item.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `${item.code} is used by an earlier item` });
      items.add(item.code);
      if (!categories.has(item.category)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'category'], message: `${item.category} is not a category of this checklist` });
      }
    });
    const { strongAtLeast, mediumAtLeast, weakAtLeast } = doc.scoring.referWhen;
    if (strongAtLeast === null && mediumAtLeast === null && weakAtLeast === null) {
      ctx.addIssue({ code: 'custom', path: ['scoring', 'referWhen'], message: 'must set at least one threshold, or the checklist could never suggest a referral' });
    }
    doc.scoring.childReferWhenPresent.forEach((element, i) => {
      if (doc.scoring.childReferWhenPresent.indexOf(element) !== i) {
        ctx.addIssue({ code: 'custom', path: ['scoring', 'childReferWhenPresent', i], message: `${element} is listed twice` });
      } else if (!doc.items.some((item) => item.element === element)) {
        ctx.addIssue({ code: 'custom', path: ['scoring', 'childReferWhenPresent', i], message: `no item of this checklist has element ${element}` });
      }
    });
  });

/** Publishing a new version: the request body is the whole document. */
export const publishChecklistRequest = indicatorChecklistDocument;

export const indicatorChecklistView = z.object({
  id: uuid,
  code: checklistCode,
  version: checklistVersion,
  active: z.boolean(),
  createdAt: isoDateTime,
  document: indicatorChecklistDocument,
});
export type IndicatorChecklistView = z.infer<typeof indicatorChecklistView>;

export const indicatorChecklistList = z.object({ checklists: z.array(indicatorChecklistView) });
export type IndicatorChecklistList = z.infer<typeof indicatorChecklistList>;

/** `/api/screening/checklists/:code/:version` */
export const checklistVersionParams = z.object({ code: checklistCode, version: z.coerce.number().pipe(checklistVersion) });

/**
 * A screening as submitted. `answers` maps item codes to an answer; an item left out counts as unknown. No name or
 * other identifying field: `notes` is free text and may still hold personal data, so whoever stores it encrypts it.
 */
export const screeningSubmission = z.strictObject({
  checklistCode,
  checklistVersion,
  answers: z
    .record(z.string(), indicatorAnswer)
    .refine((answers) => Object.keys(answers).length <= 300, 'must answer at most 300 items')
    .refine((answers) => Object.values(answers).some((answer) => answer !== 'unknown'), 'must answer at least one indicator'),
  isChild: z.boolean().optional(),
  notes: z.string().trim().max(4000, 'must be at most 4000 characters').optional(),
});
export type ScreeningSubmission = z.infer<typeof screeningSubmission>;

/** The submission schema checked against one checklist version: every answered code must be one of its items. */
export function screeningSubmissionFor(checklist: IndicatorChecklistDocument) {
  const codes = new Set(checklist.items.map((i) => i.code));
  return screeningSubmission.superRefine((submission, ctx) => {
    if (submission.checklistCode !== checklist.code) {
      ctx.addIssue({ code: 'custom', path: ['checklistCode'], message: `is not ${checklist.code}` });
    }
    if (submission.checklistVersion !== checklist.version) {
      ctx.addIssue({ code: 'custom', path: ['checklistVersion'], message: `is not version ${checklist.version} of ${checklist.code}` });
    }
    for (const code of Object.keys(submission.answers)) {
      if (!codes.has(code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['answers', code],
          message: `is not an item of checklist ${checklist.code} version ${checklist.version}`,
        });
      }
    }
  });
}

/** What a screening suggests. Advice for the practitioner; the decision on victim status is the competent authority's. */
export const screeningAssessment = z.object({
  suggestion: screeningSuggestion,
  strongCount: z.int().min(0),
  mediumCount: z.int().min(0),
  weakCount: z.int().min(0),
  /** Items answered unknown or not answered (child-only items are left out for a person not recorded as a child). */
  unknownCount: z.int().min(0),
  indicatorsPresent: z.array(indicatorCode),
  explanation: z.array(z.string()),
});
export type ScreeningAssessment = z.infer<typeof screeningAssessment>;
