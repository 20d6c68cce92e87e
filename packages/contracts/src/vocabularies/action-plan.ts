/**
 * The national action plan's vocabularies (decision 0017): the four pillars, activity statuses, funding kinds, the
 * IATI results shape of indicators, their disaggregations, and the fixed catalogue of indicators computed from the
 * platform's own facts (a numerator over a denominator, as DHIS2 defines its indicators).
 */

/** The 4Ps every plan is organised by. */
export const planPillars = ['prevention', 'protection', 'prosecution', 'partnership'] as const;
export type PlanPillar = (typeof planPillars)[number];

export const activityStatuses = ['not_started', 'in_progress', 'completed', 'suspended', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/** Domestic funding is the state's own budget; external funding comes from a donor (the projectisation risk). */
export const fundingKinds = ['domestic', 'external'] as const;
export type FundingKind = (typeof fundingKinds)[number];

/** IATI results: input, output, outcome, impact. Outputs (what was done) are kept apart from outcomes (what changed). */
export const planIndicatorTypes = ['input', 'output', 'outcome', 'impact'] as const;
export type PlanIndicatorType = (typeof planIndicatorTypes)[number];

/** IATI's measure: a number, or a percentage (computed indicators with a denominator are percentages). */
export const planIndicatorMeasures = ['count', 'percent'] as const;
export type PlanIndicatorMeasure = (typeof planIndicatorMeasures)[number];

/** Whether more is better (a count of persons identified) or less (days to answer a referral). */
export const planIndicatorDirections = ['increase', 'decrease'] as const;
export type PlanIndicatorDirection = (typeof planIndicatorDirections)[number];

/** Disaggregation of a measurement. A measurement without them is the total. */
export const measurementSexes = ['female', 'male', 'other'] as const;
export type MeasurementSex = (typeof measurementSexes)[number];
export const measurementAgeGroups = ['child', 'adult'] as const;
export type MeasurementAgeGroup = (typeof measurementAgeGroups)[number];
/** The ways an indicator entered by hand may be broken down. */
export const indicatorDisaggregations = ['sex', 'age_group', 'form_of_exploitation'] as const;
export type IndicatorDisaggregation = (typeof indicatorDisaggregations)[number];

/**
 * The platform facts a computed indicator counts, each over a period (a calendar interval of dates):
 * - `persons_identified`: persons whose case was opened (the person registered) in the period;
 * - `referrals_sent` / `referrals_answered_in_time`: referrals sent in the period, and those answered (accepted or
 *   declined) within the SOP's time for an answer;
 * - `rg_decisions_made` / `rg_decisions_in_time`: reasonable-grounds decisions made in the period, and those made by
 *   their deadline (the decision's own due date, or the country's deadline after the case was opened);
 * - `persons_with_assistance_plan`: persons identified in the period whose case has an assistance plan;
 * - `follow_ups_made`: follow-ups recorded in the period;
 * Counts of persons and of their case events are perturbed by the statistics page's cell-key method; GLOTIP figures
 * are published already and shown as published.
 * - `glotip_detected_victims`: detected victims in the GLOTIP reference figures for the period's years.
 * - `officials_trained`: officials trained in the trainings delivered in the period (coordination trainings, the sum of
 *   their numbers trained): a count of staff, not of persons assisted, so shown exactly, not perturbed.
 */
export const platformFacts = [
  'persons_identified',
  'referrals_sent',
  'referrals_answered_in_time',
  'rg_decisions_made',
  'rg_decisions_in_time',
  'persons_with_assistance_plan',
  'follow_ups_made',
  'glotip_detected_victims',
  'officials_trained',
] as const;
export type PlatformFact = (typeof platformFacts)[number];

export interface ComputedIndicatorDefinition {
  readonly numerator: PlatformFact;
  /** Null: the indicator is the numerator's count. Otherwise a percentage of the denominator. */
  readonly denominator: PlatformFact | null;
  readonly type: PlanIndicatorType;
}

/** The catalogue of computed indicators: a code, its numerator and denominator. */
export const computedIndicators = {
  persons_identified: { numerator: 'persons_identified', denominator: null, type: 'outcome' },
  referrals_answered_in_time: { numerator: 'referrals_answered_in_time', denominator: 'referrals_sent', type: 'outcome' },
  rg_decisions_in_time: { numerator: 'rg_decisions_in_time', denominator: 'rg_decisions_made', type: 'outcome' },
  persons_with_assistance_plan: { numerator: 'persons_with_assistance_plan', denominator: 'persons_identified', type: 'outcome' },
  follow_ups_made: { numerator: 'follow_ups_made', denominator: null, type: 'output' },
  glotip_detected_victims: { numerator: 'glotip_detected_victims', denominator: null, type: 'impact' },
  officials_trained: { numerator: 'officials_trained', denominator: null, type: 'output' },
} as const satisfies Record<string, ComputedIndicatorDefinition>;
export type ComputedIndicatorCode = keyof typeof computedIndicators;
export const computedIndicatorCodes = Object.keys(computedIndicators) as [ComputedIndicatorCode, ...ComputedIndicatorCode[]];

/** What the progress page flags. */
export const progressFlags = ['late', 'under_funded', 'funding_ends_early', 'off_target', 'measurement_missing'] as const;
export type ProgressFlag = (typeof progressFlags)[number];
