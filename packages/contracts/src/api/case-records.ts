import { z } from 'zod';
import {
  bestInterestsOutcomes,
  caseRecordKinds,
  caseRecordVisibilities,
  compensationAwardedStatuses,
  compensationRoutes,
  compensationStatuses,
  followUpMilestones,
  followUpOutcomes,
  goalStatuses,
  guardianTypes,
  needDomains,
  needLevels,
  nonPunishmentOutcomes,
  offenceCategories,
  proceedingsStatuses,
  residenceStatuses,
  returnDecisions,
  riskAreas,
  riskLevels,
  serviceTypes,
  wellbeingDomains,
  wellbeingScale,
} from '../vocabularies/case-records.js';
import { isoDate, isoDateTime, uuid } from './common.js';
import { earliestToday } from './dates.js';
import { personal, recordKind } from './personal.js';

/*
 * The structured part of a case record (`data`) holds codes, dates, amounts and ids only: nothing that identifies the
 * person. Free text (the goal in the person's words, a guardian's name, a counselling note) goes in `notes`, which the
 * server encrypts. Every data object is strict: an unknown key is refused, so no free text slips into `data`.
 */

const scale = z.number().int().min(wellbeingScale.min, `must be ${wellbeingScale.min} to ${wellbeingScale.max}`).max(wellbeingScale.max, `must be ${wellbeingScale.min} to ${wellbeingScale.max}`);
const currencyCodes: readonly string[] = Intl.supportedValuesOf('currency');
const currency = z.string().refine((v) => currencyCodes.includes(v), 'must be an ISO 4217 currency code such as EUR');
const amount = z.string().regex(/^\d{1,12}(\.\d{1,3})?$/, 'must be a decimal amount such as 1500.00');

function unique<T>(values: readonly T[]): boolean {
  return new Set(values).size === values.length;
}

export const caseManagerAssignedData = z.strictObject({ caseManagerUserId: uuid });

export const needsAssessmentData = z
  .strictObject({
    needs: z
      .array(z.strictObject({ domain: z.enum(needDomains), level: z.enum(needLevels), urgent: z.boolean().default(false) }))
      .min(1, 'must assess at least one need')
      .max(needDomains.length),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.needs.forEach((need, i) => {
      if (seen.has(need.domain)) ctx.addIssue({ code: 'custom', path: ['needs', i, 'domain'], message: 'is assessed twice' });
      seen.add(need.domain);
      if (need.urgent && need.level === 'none') ctx.addIssue({ code: 'custom', path: ['needs', i, 'urgent'], message: 'cannot be urgent when there is no need' });
    });
  });

export const assistanceGoalData = z.strictObject({
  /** The need the goal answers. */
  domain: z.enum(needDomains),
  status: z.enum(goalStatuses),
  /** The person chooses their own goals (002:458): a goal set for them is not accepted. */
  chosenByPerson: z.literal(true, { error: 'must be true: the person chooses their own goals' }),
  targetDate: isoDate.optional(),
});

/**
 * A goal as recorded now: one still to reach cannot have a target date already past (an achieved or dropped goal may:
 * it is history). Stored goals are read back with assistanceGoalData alone, since their target dates pass.
 */
const newAssistanceGoalData = assistanceGoalData.refine(
  (goal) => goal.targetDate === undefined || goal.status === 'achieved' || goal.status === 'dropped' || goal.targetDate >= earliestToday(),
  { path: ['targetDate'], message: 'must not be in the past' },
);

export const serviceDeliveredData = z
  .strictObject({
    domain: z.enum(needDomains),
    serviceType: z.enum(serviceTypes),
    providerOrganisationId: uuid,
    startDate: isoDate,
    endDate: isoDate.optional(),
    /** The assistance goal this service serves, if any. */
    goalId: uuid.optional(),
  })
  .refine((v) => v.endDate === undefined || v.endDate >= v.startDate, { path: ['endDate'], message: 'must not be before startDate' });

export const followUpData = z
  .strictObject({
    milestone: z.enum(followUpMilestones),
    date: isoDate,
    outcome: z.enum(followUpOutcomes),
    wellbeing: z
      .strictObject({ overall: scale, domains: z.partialRecord(z.enum(wellbeingDomains), scale).default({}) })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'completed' && !v.wellbeing) ctx.addIssue({ code: 'custom', path: ['wellbeing'], message: 'is required when the follow-up was completed' });
    if (v.outcome !== 'completed' && v.wellbeing) ctx.addIssue({ code: 'custom', path: ['wellbeing'], message: 'applies only to a completed follow-up' });
  });

export const riskAssessmentData = z.strictObject({
  level: z.enum(riskLevels),
  /** Assessed for a return to the country of origin (required before any return decision). */
  forReturn: z.boolean(),
  areas: z.array(z.enum(riskAreas)).max(riskAreas.length).refine(unique, 'lists an area twice').default([]),
});

export const residenceStatusData = z
  .strictObject({ status: z.enum(residenceStatuses), from: isoDate, to: isoDate.optional() })
  .superRefine((v, ctx) => {
    if (v.to !== undefined && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (v.to !== undefined && v.status === 'permanent') ctx.addIssue({ code: 'custom', path: ['to'], message: 'does not apply to permanent residence' });
  });

/** An offence the person was compelled to commit as a consequence of being trafficked, and what became of it. */
export const nonPunishmentData = z
  .strictObject({
    offenceCategory: z.enum(offenceCategories),
    proceedingsStatus: z.enum(proceedingsStatuses),
    /** Whether the non-punishment principle was raised with the prosecutor or court. */
    principleInvoked: z.boolean(),
    outcome: z.enum(nonPunishmentOutcomes).default('pending'),
  })
  .refine((v) => v.proceedingsStatus !== 'concluded' || v.outcome !== 'pending', { path: ['outcome'], message: 'must be given when proceedings have concluded' });

export const compensationClaimData = z
  .strictObject({
    route: z.enum(compensationRoutes),
    status: z.enum(compensationStatuses),
    currency,
    amountClaimed: amount.optional(),
    amountAwarded: amount.optional(),
    filedOn: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    const awarded = compensationAwardedStatuses.includes(v.status);
    if (awarded && v.amountAwarded === undefined) ctx.addIssue({ code: 'custom', path: ['amountAwarded'], message: `is required when the claim is ${v.status}` });
    if (!awarded && v.amountAwarded !== undefined) ctx.addIssue({ code: 'custom', path: ['amountAwarded'], message: `does not apply when the claim is ${v.status}` });
  });

export const bestInterestsAssessmentData = z.strictObject({
  outcome: z.enum(bestInterestsOutcomes),
  /** The child's right to be heard (002:479-480). */
  childHeard: z.boolean(),
  assessedOn: isoDate,
});

export const guardianAppointedData = z.strictObject({ guardianType: z.enum(guardianTypes), appointedOn: isoDate });

export const returnDecisionData = z
  .strictObject({ decision: z.enum(returnDecisions), personAgrees: z.boolean(), decidedOn: isoDate })
  .refine((v) => v.decision !== 'voluntary_return' || v.personAgrees, { path: ['personAgrees'], message: 'must be true: a return is only ever voluntary' });

const noData = z.strictObject({}).default({});

const text = z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters');
/** A correction: the new record supersedes this one (same case, same kind); the old one stays in the history. */
const supersedesId = uuid.optional();
/** The case version the user read: required where the record changes the case itself. */
const requiredVersion = z.number().int().positive();
const optionalVersion = requiredVersion.optional();

export const addCaseRecordRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case_manager_assigned'), data: caseManagerAssignedData, notes: text.optional(), version: requiredVersion }),
  z.object({ kind: z.literal('needs_assessment'), data: needsAssessmentData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('assistance_goal'), data: newAssistanceGoalData, notes: text.describe('The goal, in the person\'s words'), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('service_delivered'), data: serviceDeliveredData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('follow_up'), data: followUpData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('risk_assessment'), data: riskAssessmentData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('residence_status'), data: residenceStatusData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('non_punishment'), data: nonPunishmentData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('compensation_claim'), data: compensationClaimData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('best_interests_assessment'), data: bestInterestsAssessmentData, notes: text.optional(), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('guardian_appointed'), data: guardianAppointedData, notes: text.describe("The guardian's name and contact"), supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('return_decision'), data: returnDecisionData, notes: text.optional(), version: requiredVersion }),
  z.object({ kind: z.literal('counselling_note'), data: noData, notes: text, supersedesId, version: optionalVersion }),
  z.object({ kind: z.literal('health_note'), data: noData, notes: text, supersedesId, version: optionalVersion }),
]);
export type AddCaseRecordRequest = z.input<typeof addCaseRecordRequest>;
export type AddCaseRecord = z.output<typeof addCaseRecordRequest>;

/** The data schema of each kind, for the server to validate stored data again when reading it. */
export const caseRecordDataSchemas = {
  case_manager_assigned: caseManagerAssignedData,
  needs_assessment: needsAssessmentData,
  assistance_goal: assistanceGoalData,
  service_delivered: serviceDeliveredData,
  follow_up: followUpData,
  risk_assessment: riskAssessmentData,
  residence_status: residenceStatusData,
  non_punishment: nonPunishmentData,
  compensation_claim: compensationClaimData,
  best_interests_assessment: bestInterestsAssessmentData,
  guardian_appointed: guardianAppointedData,
  return_decision: returnDecisionData,
  counselling_note: noData,
  health_note: noData,
} as const;

export const caseRecordRef = z.object({ id: uuid, caseId: uuid, kind: z.enum(caseRecordKinds), caseVersion: z.number().int() });
export type CaseRecordRef = z.infer<typeof caseRecordRef>;

const recordBase = z.object({
  id: uuid,
  caseId: uuid,
  /** Decrypted for those who may read the record; null when the record has none. */
  notes: personal(z.string().nullable()),
  visibility: z.enum(caseRecordVisibilities),
  authorUserId: uuid,
  authorName: z.string(),
  organisationId: uuid,
  organisationName: z.string(),
  createdAt: isoDateTime,
  supersedesId: uuid.nullable(),
  /** The correction that replaced this record, if any. */
  supersededById: uuid.nullable(),
});

/** One record of the case record (server policy: case-record.fields.ts); its data is personal. */
export const caseRecordView = recordKind('caseRecord', z.discriminatedUnion('kind', [
  recordBase.extend({ kind: z.literal('case_manager_assigned'), data: personal(caseManagerAssignedData) }),
  recordBase.extend({ kind: z.literal('needs_assessment'), data: personal(needsAssessmentData) }),
  recordBase.extend({ kind: z.literal('assistance_goal'), data: personal(assistanceGoalData) }),
  recordBase.extend({ kind: z.literal('service_delivered'), data: personal(serviceDeliveredData) }),
  recordBase.extend({ kind: z.literal('follow_up'), data: personal(followUpData) }),
  recordBase.extend({ kind: z.literal('risk_assessment'), data: personal(riskAssessmentData) }),
  recordBase.extend({ kind: z.literal('residence_status'), data: personal(residenceStatusData) }),
  recordBase.extend({ kind: z.literal('non_punishment'), data: personal(nonPunishmentData) }),
  recordBase.extend({ kind: z.literal('compensation_claim'), data: personal(compensationClaimData) }),
  recordBase.extend({ kind: z.literal('best_interests_assessment'), data: personal(bestInterestsAssessmentData) }),
  recordBase.extend({ kind: z.literal('guardian_appointed'), data: personal(guardianAppointedData) }),
  recordBase.extend({ kind: z.literal('return_decision'), data: personal(returnDecisionData) }),
  recordBase.extend({ kind: z.literal('counselling_note'), data: personal(noData) }),
  recordBase.extend({ kind: z.literal('health_note'), data: personal(noData) }),
]));
export type CaseRecordView = z.infer<typeof caseRecordView>;

export const caseRecordList = z.object({ records: z.array(caseRecordView) });
export const caseRecordListQuery = z.object({
  kind: z.enum(caseRecordKinds).optional(),
  /** Include records replaced by a correction (the full history); by default only the current ones. */
  includeSuperseded: z.enum(['true', 'false']).default('false'),
});

const plannedService = z.object({
  id: uuid,
  domain: z.enum(needDomains),
  serviceType: z.enum(serviceTypes),
  providerOrganisationId: uuid,
  providerName: z.string(),
  startDate: isoDate,
  endDate: isoDate.nullable(),
});

/** The individual assistance plan: needs -> goals the person chose -> services delivered -> follow-ups due. */
export const assistancePlanView = recordKind('assistancePlan', z.object({
  caseId: uuid,
  openedOn: isoDate,
  needsAssessedAt: isoDateTime.nullable(),
  needs: personal(z.array(z.object({ domain: z.enum(needDomains), level: z.enum(needLevels), urgent: z.boolean() }))),
  goals: personal(z.array(
    z.object({
      id: uuid,
      domain: z.enum(needDomains),
      status: z.enum(goalStatuses),
      goal: z.string().nullable(),
      targetDate: isoDate.nullable(),
      createdAt: isoDateTime,
      services: z.array(plannedService),
    }),
  )),
  servicesWithoutGoal: personal(z.array(plannedService)),
  /** Needs assessed medium or high with neither a live goal nor a service in that area. */
  needsWithoutSupport: personal(z.array(z.enum(needDomains))),
  followUps: personal(z.array(
    z.object({
      milestone: z.enum(followUpMilestones),
      dueFrom: isoDate,
      dueBy: isoDate,
      /** done: completed; declined: the person declined it (their right); otherwise by date. */
      state: z.enum(['done', 'declined', 'due', 'overdue', 'upcoming']),
      latest: z.object({ date: isoDate, outcome: z.enum(followUpOutcomes), overallWellbeing: z.number().int().nullable() }).nullable(),
    }),
  )),
}));
export type AssistancePlanView = z.infer<typeof assistancePlanView>;
