/**
 * The criminal-justice pipeline's vocabularies: how an operation came to light, what it was, the Protocol's elements
 * as UNODC's SHERLOC case law database classifies them (act, means, purpose: kept apart from the offence charged),
 * the roles suspects played in the network, and the steps of the funnel from arrest to final outcome. Labels are in
 * the web app's locales under `prosecution.<vocabulary>.<code>`.
 */

/** How an operation or investigation came to light. */
export const operationOrigins = [
  'victim_report',
  'hotline',
  'ngo',
  'labour_inspection',
  'routine_check',
  'proactive_intelligence',
  'financial_intelligence',
  'foreign_request',
] as const;
export type OperationOrigin = (typeof operationOrigins)[number];

/** Reactive (victim-led), proactive (intelligence-led) or disruptive (acting on the conditions a group needs). */
export const investigationApproaches = ['reactive', 'proactive', 'disruptive'] as const;
export type InvestigationApproach = (typeof investigationApproaches)[number];

/** Where along the route a place lies. */
export const operationPlaceStages = ['recruitment', 'transit', 'exploitation'] as const;
export type OperationPlaceStage = (typeof operationPlaceStages)[number];

/** The Protocol's acts (article 3(a)), as SHERLOC classifies a case. */
export const protocolActs = ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'] as const;
export type ProtocolAct = (typeof protocolActs)[number];

/** The Protocol's means (article 3(a)); not required where the victim is a child (article 3(c)). */
export const protocolMeans = [
  'threat',
  'use_of_force',
  'other_coercion',
  'abduction',
  'fraud',
  'deception',
  'abuse_of_power',
  'abuse_of_vulnerability',
  'payments_to_person_in_control',
] as const;
export type ProtocolMeans = (typeof protocolMeans)[number];

/** The Protocol's purposes of exploitation (article 3(a)), with the further purposes SHERLOC records. */
export const protocolPurposes = [
  'prostitution_of_others',
  'other_sexual_exploitation',
  'forced_labour',
  'slavery',
  'practices_similar_to_slavery',
  'servitude',
  'removal_of_organs',
  'forced_begging',
  'forced_criminality',
  'forced_marriage',
  'other',
] as const;
export type ProtocolPurpose = (typeof protocolPurposes)[number];

/** The role a suspect played: core roles (recruitment, movement, exploitation) and ancillary ones. */
export const suspectRoles = [
  'recruiter',
  'transporter',
  'harbourer',
  'exploiter',
  'document_forger',
  'money_manager',
  'enforcer',
  'corrupt_official',
  'other',
] as const;
export type SuspectRole = (typeof suspectRoles)[number];

/** Sex as the GLOTIP questionnaire counts suspects and offenders. */
export const suspectSexes = ['female', 'male', 'unknown'] as const;
export type SuspectSex = (typeof suspectSexes)[number];

/** What an offence, named by its legal provision, is for the funnel: a downgrade shows as a change of category. */
export const chargeCategories = ['trafficking', 'smuggling', 'exploitation_related', 'other'] as const;
export type ChargeCategory = (typeof chargeCategories)[number];

/** How serious a category is, for telling a downgrade (convicted of less than charged). */
export const chargeSeverity: Record<ChargeCategory, number> = { trafficking: 3, exploitation_related: 2, smuggling: 1, other: 0 };

/**
 * The steps of the funnel, each dated. A verdict names the charge it decides; an appeal names the verdict appealed;
 * an appeal decision names the appeal.
 */
export const prosecutionStepKinds = [
  'arrest',
  'charge',
  'prosecution',
  'plea',
  'trial',
  'verdict',
  'sentence',
  'appeal',
  'appeal_decision',
  'assets_seized',
  'assets_confiscated',
  'compensation_paid',
] as const;
export type ProsecutionStepKind = (typeof prosecutionStepKinds)[number];

/** The steps that a court records (its clerk, or the prosecutor); the others belong to the police and the prosecution. */
export const courtStepKinds: readonly ProsecutionStepKind[] = ['plea', 'trial', 'verdict', 'sentence', 'appeal', 'appeal_decision', 'assets_confiscated', 'compensation_paid'];

export const pleas = ['guilty', 'not_guilty'] as const;
export type Plea = (typeof pleas)[number];

/** The outcome of one charge. */
export const verdictOutcomes = ['convicted', 'acquitted', 'dismissed'] as const;
export type VerdictOutcome = (typeof verdictOutcomes)[number];

export const appellants = ['prosecution', 'defence'] as const;
export type Appellant = (typeof appellants)[number];

export const appealOutcomes = ['upheld', 'overturned', 'sentence_increased', 'sentence_reduced', 'retrial_ordered', 'withdrawn'] as const;
export type AppealOutcome = (typeof appealOutcomes)[number];
