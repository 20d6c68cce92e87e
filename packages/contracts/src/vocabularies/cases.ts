/** HTCDS v2.0 `cas_Status`. */
export const caseStatuses = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** HTCDS v2.0 `vic_TraffickingStatus`. */
export const traffickingStatuses = ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'] as const;
export type TraffickingStatus = (typeof traffickingStatuses)[number];

/** HTCDS v2.0 `prs_Gender`. */
export const genders = ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;
export type Gender = (typeof genders)[number];

/** HTCDS v2.0 `vic_TypeOfExploitation`. */
export const formsOfExploitation = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;
export type FormOfExploitation = (typeof formsOfExploitation)[number];

/**
 * Where a person stands in identification: reported (a suspicion) -> screened (indicators checked) -> reasonable
 * grounds pending (referred to the competent authority) -> reasonable-grounds decision -> conclusive-grounds decision.
 */
export const caseStages = [
  'reported',
  'screened',
  'reasonable_grounds_pending',
  'reasonable_grounds_positive',
  'reasonable_grounds_negative',
  'conclusive_positive',
  'conclusive_negative',
] as const;
export type CaseStage = (typeof caseStages)[number];

export const decisionKinds = ['reasonable_grounds', 'conclusive_grounds', 'reconsideration'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionOutcomes = ['positive', 'negative'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const consentMethods = ['verbal', 'written', 'digital', 'through_guardian'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** The information-on-rights checklist a person must have had explained when consent is recorded. */
export const rightsExplained = [
  'purpose_of_collection',
  'uses_of_data',
  'who_receives_it',
  'assistance_not_conditional_on_cooperation',
  'right_to_refuse_or_withdraw',
  'right_to_access_own_record',
  'retention_period',
  'reflection_period',
  'legal_assistance',
] as const;
export type RightExplained = (typeof rightsExplained)[number];

/** The person fields that a share with another organisation may include (the minimum data set is chosen per share). */
export const shareablePersonFields = ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber'] as const;
export type ShareablePersonField = (typeof shareablePersonFields)[number];
