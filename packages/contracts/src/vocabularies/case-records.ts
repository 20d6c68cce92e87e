import { protectionServices } from './sops.js';

/**
 * The case record: what is assessed, planned, delivered and followed up for a person (protection measures, 004
 * chapter 1 section 7; individual plans chosen by the person, 002:458; follow-up at entry, 2-6 weeks and 3 months).
 * Nothing here depends on the person's cooperation with police or prosecutors: no record kind, field or rule reads it.
 */

export const caseRecordKinds = [
  'case_manager_assigned',
  'needs_assessment',
  'assistance_goal',
  'service_delivered',
  'follow_up',
  'risk_assessment',
  'residence_status',
  'non_punishment',
  'compensation_claim',
  'best_interests_assessment',
  'guardian_appointed',
  'return_decision',
  'counselling_note',
  'health_note',
] as const;
export type CaseRecordKind = (typeof caseRecordKinds)[number];

/**
 * Who may read a record. `case`: everyone who may read the case's records. `author_organisation`: only users of the
 * organisation that wrote it (counselling and health notes), whoever else can read the case.
 */
export const caseRecordVisibilities = ['case', 'author_organisation'] as const;
export type CaseRecordVisibility = (typeof caseRecordVisibilities)[number];

/** Visibility is fixed by kind, not chosen per record, so that a health note can never be filed as visible to all. */
export const caseRecordVisibilityOf: Record<CaseRecordKind, CaseRecordVisibility> = {
  case_manager_assigned: 'case',
  needs_assessment: 'case',
  assistance_goal: 'case',
  service_delivered: 'case',
  follow_up: 'case',
  risk_assessment: 'case',
  residence_status: 'case',
  non_punishment: 'case',
  compensation_claim: 'case',
  best_interests_assessment: 'case',
  guardian_appointed: 'case',
  return_decision: 'case',
  counselling_note: 'author_organisation',
  health_note: 'author_organisation',
};

/**
 * What an organisation that accepted a service referral records while it works the case: needs, the plan's goals,
 * services, follow-ups, risks and its own notes. Assigning the case manager, decisions on return, residence,
 * non-punishment, compensation, a child's best interests and guardian stay with the organisation managing the case.
 */
export const receiverRecordKinds: readonly CaseRecordKind[] = [
  'needs_assessment',
  'assistance_goal',
  'service_delivered',
  'follow_up',
  'risk_assessment',
  'counselling_note',
  'health_note',
];

/** Kinds that change the case itself: they name the case version they were based on, and bump it. */
export const caseStateKinds: readonly CaseRecordKind[] = ['case_manager_assigned', 'return_decision'];

/** Kinds that apply only to a child's case. */
export const childOnlyKinds: readonly CaseRecordKind[] = ['best_interests_assessment', 'guardian_appointed'];

/** Kinds that are superseded by a newer record of the same kind rather than corrected (a new decision, a new manager). */
export const uncorrectableKinds: readonly CaseRecordKind[] = ['case_manager_assigned', 'return_decision'];

/** Needs assessed at intake and reviewed later: the same areas as the protection services of the SOPs. */
export const needDomains = protectionServices;
export type NeedDomain = (typeof needDomains)[number];

export const needLevels = ['none', 'low', 'medium', 'high'] as const;
export type NeedLevel = (typeof needLevels)[number];

export const goalStatuses = ['planned', 'in_progress', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

export const serviceTypes = [
  'medical_care',
  'mental_health_care',
  'safe_accommodation',
  'food_and_basic_items',
  'psychosocial_counselling',
  'legal_counselling',
  'legal_representation',
  'interpretation',
  'identity_documents',
  'financial_support',
  'education',
  'vocational_training',
  'employment_support',
  'family_tracing',
  'information_on_rights',
  'other',
] as const;
export type ServiceType = (typeof serviceTypes)[number];

/**
 * Follow-up milestones and when each falls due, counted from the day the case was opened. The offsets are PostgreSQL
 * intervals: the server computes the dates in SQL, so calendar arithmetic (months of different lengths) is the
 * database's, not hand-rolled.
 */
export const followUpMilestones = ['entry', '2_6_weeks', '3_months'] as const;
export type FollowUpMilestone = (typeof followUpMilestones)[number];
export const followUpWindows: Record<FollowUpMilestone, { readonly from: string; readonly by: string }> = {
  entry: { from: '0 days', by: '7 days' },
  '2_6_weeks': { from: '14 days', by: '42 days' },
  '3_months': { from: '3 months', by: '3 months 14 days' },
};

/** Whether the follow-up took place; a person may decline it, and that is their right. */
export const followUpOutcomes = ['completed', 'person_unreachable', 'person_declined'] as const;
export type FollowUpOutcome = (typeof followUpOutcomes)[number];

/** Wellbeing domains rated at each follow-up, on a scale of 1 (very poor) to 5 (very good). */
export const wellbeingDomains = [
  'physical_health',
  'emotional_wellbeing',
  'safety',
  'living_conditions',
  'social_connections',
  'income_and_work',
  'legal_situation',
] as const;
export type WellbeingDomain = (typeof wellbeingDomains)[number];
export const wellbeingScale = { min: 1, max: 5 } as const;

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskAreas = [
  'contact_by_traffickers',
  'retaliation',
  're_trafficking',
  'family_situation',
  'health',
  'stigma',
  'debt',
  'safety_in_country_of_origin',
] as const;
export type RiskArea = (typeof riskAreas)[number];

export const residenceStatuses = ['reflection_period', 'temporary_permit', 'permanent', 'other'] as const;
export type ResidenceStatus = (typeof residenceStatuses)[number];

/** Offences a person may have been compelled to commit as a consequence of being trafficked (002:481, 491). */
export const offenceCategories = [
  'immigration',
  'document_fraud',
  'prostitution_related',
  'drug_related',
  'property',
  'labour_law',
  'begging',
  'other',
] as const;
export type OffenceCategory = (typeof offenceCategories)[number];

export const proceedingsStatuses = ['none_started', 'investigation', 'prosecution', 'trial', 'appeal', 'concluded'] as const;
export type ProceedingsStatus = (typeof proceedingsStatuses)[number];

export const nonPunishmentOutcomes = [
  'pending',
  'not_prosecuted',
  'proceedings_discontinued',
  'acquitted',
  'no_penalty_imposed',
  'convicted',
  'conviction_quashed',
] as const;
export type NonPunishmentOutcome = (typeof nonPunishmentOutcomes)[number];

/** How compensation is sought (002:493, 509): attached to criminal proceedings, a civil claim, a state fund, labour law. */
export const compensationRoutes = ['criminal', 'civil', 'state_fund', 'labour'] as const;
export type CompensationRoute = (typeof compensationRoutes)[number];

export const compensationStatuses = ['planned', 'filed', 'pending', 'awarded', 'partially_awarded', 'rejected', 'paid', 'withdrawn'] as const;
export type CompensationStatus = (typeof compensationStatuses)[number];
/** Statuses at which an amount has been awarded. */
export const compensationAwardedStatuses: readonly CompensationStatus[] = ['awarded', 'partially_awarded', 'paid'];

export const bestInterestsOutcomes = ['return_in_best_interests', 'return_not_in_best_interests', 'further_assessment_needed'] as const;
export type BestInterestsOutcome = (typeof bestInterestsOutcomes)[number];

export const guardianTypes = ['legal_guardian', 'temporary_guardian', 'institution'] as const;
export type GuardianType = (typeof guardianTypes)[number];

/** Safe and voluntary return, legal stay or resettlement (004:6588-6597). */
export const returnDecisions = ['voluntary_return', 'legal_stay', 'resettlement'] as const;
export type ReturnDecision = (typeof returnDecisions)[number];
