/**
 * Recommendations of monitoring bodies and the reference series beside them. Labels are in the web app's locales under
 * `recommendations.<vocabulary>.<code>`.
 */

/** The bodies whose recommendations the country follows up. */
export const recommendationBodies = [
  'greta',
  'us_tip_report',
  'upr',
  'cedaw',
  'crc',
  'cerd',
  'human_rights_committee',
  'un_special_rapporteur',
  'ilo_supervisory',
  'national_rapporteur',
  'civil_society_shadow',
] as const;
export type RecommendationBody = (typeof recommendationBodies)[number];

/** The themes a recommendation bears on: the 4Ps, then the protection topics. */
export const recommendationThemes = [
  'prevention',
  'protection',
  'prosecution',
  'partnership',
  'identification',
  'assistance',
  'children',
  'compensation',
  'non_punishment',
  'return',
  'data_collection',
  'legislation',
  'training',
  'labour_exploitation',
  'funding',
] as const;
export type RecommendationTheme = (typeof recommendationThemes)[number];

/**
 * How strongly the body words it. GRETA grades its own: "urges" (a failure to comply with the Convention), "considers"
 * (should), "invites" (further improvement). Universal Periodic Review and treaty bodies' words are kept as given:
 * "recommends", "encourages"; `not_graded` when the body gives none.
 */
export const recommendationUrgencies = ['urges', 'considers', 'invites', 'recommends', 'encourages', 'not_graded'] as const;
export type RecommendationUrgency = (typeof recommendationUrgencies)[number];

/** The government's response, kept apart from what it then did. */
export const recommendationResponses = ['accepted', 'noted', 'rejected'] as const;
export type RecommendationResponse = (typeof recommendationResponses)[number];

/** How far the recommendation is implemented. */
export const implementationStatuses = ['not_started', 'in_progress', 'partly_implemented', 'implemented'] as const;
export type ImplementationStatus = (typeof implementationStatuses)[number];

/** A status past "not started" is claimed only with evidence (a law, a report, a decision): the change names it. */
export const statusesNeedingEvidence: readonly ImplementationStatus[] = ['in_progress', 'partly_implemented', 'implemented'];

/** What a version of a recommendation's history records. */
export const recommendationChanges = ['recorded', 'response', 'status', 'comment', 'clustered', 'activity_unlinked'] as const;
export type RecommendationChange = (typeof recommendationChanges)[number];

/** The US TIP report's tiers (the Tier 2 Watch List between Tier 2 and Tier 3). */
export const tipTiers = ['tier_1', 'tier_2', 'tier_2_watch_list', 'tier_3'] as const;
export type TipTier = (typeof tipTiers)[number];

/** Whether trafficking was criminalised that year (the 3P index's column). */
export const criminalizationLevels = ['none', 'partial', 'full'] as const;
export type CriminalizationLevel = (typeof criminalizationLevels)[number];

/** The reference series imported from published files. */
export const referenceSeries = ['tip_tiers', 'policy_index_3p'] as const;
export type ReferenceSeries = (typeof referenceSeries)[number];
