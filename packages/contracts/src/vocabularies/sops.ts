/**
 * The National Referral Mechanism's standard operating procedures (SOPs), after the Transnational Referral Mechanism
 * guidelines (ICMPD): five SOPs whose measures each answer WHAT, WHEN, WHO and HOW. The SOPs are the same everywhere;
 * each country fills in its own measures (stored as versioned configuration, see api/sop.ts).
 */
export const sopNumbers = [1, 2, 3, 4, 5] as const;
export type SopNumber = (typeof sopNumbers)[number];

/** Default titles; a country may retitle its SOPs (for its language) in its SOP document. */
export const sopTitles: Record<SopNumber, string> = {
  1: 'Identification',
  2: 'Crisis intervention / first assistance',
  3: 'Assistance and social inclusion',
  4: 'Voluntary return, legal stay and/or resettlement',
  5: 'Criminal proceedings and compensation claims',
};

/**
 * Stages of a case in the NRM, at which SOP measures apply (WHEN). A presumed victim is reported, screened against
 * indicators, referred for a reasonable-grounds decision, then (after the recovery and reflection period) a
 * conclusive-grounds decision; a case is eventually closed.
 */
export const nrmCaseStages = [
  'reported',
  'screened',
  'reasonable_grounds_pending',
  'reasonable_grounds_positive',
  'reasonable_grounds_negative',
  'conclusive_positive',
  'conclusive_negative',
  'closed',
] as const;
export type NrmCaseStage = (typeof nrmCaseStages)[number];

/**
 * Needs a survivor may have and services that answer them (the protection measures: medical care, safe
 * accommodation, psychological and legal counselling, residence documents, access to work and education...).
 * Used by SOP measures and by the referral directory.
 */
export const protectionServices = [
  'medical',
  'safety',
  'shelter',
  'food',
  'psychosocial',
  'legal',
  'interpretation',
  'documents',
  'financial',
  'education',
  'work',
] as const;
export type ProtectionService = (typeof protectionServices)[number];
