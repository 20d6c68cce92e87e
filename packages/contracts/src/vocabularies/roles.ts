import type { OrganisationType } from './organisation-types.js';

/**
 * Roles a user can hold. A user belongs to one organisation and may hold several roles there.
 * Each role states what its holders can reach and whether they must use two factors to sign in (see
 * `roleDescriptions`).
 */
export const roles = [
  'national_admin',
  'organisation_admin',
  'caseworker',
  'supervisor',
  'investigator',
  'decision_maker',
  'prosecutor',
  'national_coordinator',
  'national_rapporteur',
  'court_clerk',
  'analyst',
  'civil_society',
] as const;
export type Role = (typeof roles)[number];

export interface RoleDescription {
  /** Can this role, through any rule, read data that identifies a person? */
  readonly seesPersonalData: boolean;
  /**
   * Can this role see counts below the publication threshold (the statistical records, unpublished tables, the
   * material of a release before disclosure control)?
   */
  readonly seesSmallCounts: boolean;
  /** Can this role manage organisations and users (create accounts, change roles)? `all` is every organisation; `own` its own. */
  readonly managesUsers: 'all' | 'own' | 'none';
  /** Can this role read the audit log? */
  readonly readsAudit: boolean;
  /**
   * Must a holder of this role sign in with a second factor? Stated for each role rather than derived, so that a new
   * role has to decide; a test holds it true for every role that manages users, sees personal data or sees small
   * counts.
   */
  readonly requiresTwoFactor: boolean;
}

export const roleDescriptions: Record<Role, RoleDescription> = {
  national_admin: { seesPersonalData: false, seesSmallCounts: false, managesUsers: 'all', readsAudit: true, requiresTwoFactor: true },
  organisation_admin: { seesPersonalData: false, seesSmallCounts: false, managesUsers: 'own', readsAudit: false, requiresTwoFactor: true },
  caseworker: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  supervisor: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  investigator: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  decision_maker: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  prosecutor: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  national_coordinator: { seesPersonalData: false, seesSmallCounts: true, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  national_rapporteur: { seesPersonalData: false, seesSmallCounts: true, managesUsers: 'none', readsAudit: true, requiresTwoFactor: true },
  /** Records court outcomes (pleas, verdicts, sentences, appeals) of the defendants before the clerk's court, by pseudonym. */
  court_clerk: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  /** Reads operations and suspects' pseudonyms and roles across agencies (network analysis); never an identity. */
  analyst: { seesPersonalData: true, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
  /**
   * A civil society organisation following the recommendations of monitoring bodies: reads them, their response, status
   * and history, and comments on the status (attributed to its organisation); nothing personal, no counts, no cases.
   */
  civil_society: { seesPersonalData: false, seesSmallCounts: false, managesUsers: 'none', readsAudit: false, requiresTwoFactor: true },
};

/** A user must sign in with two factors when any of their roles requires it. */
export function requiresTwoFactor(userRoles: readonly Role[]): boolean {
  return userRoles.some((role) => roleDescriptions[role].requiresTwoFactor);
}

const serviceProviders: readonly OrganisationType[] = [
  'ngo',
  'shelter',
  'social_services',
  'health',
  'immigration',
  'embassy',
  'international_organisation',
  'competent_authority',
  'national_coordinator',
];

/**
 * Which organisation types a role can be held in. A decision on victim status is taken only in a competent
 * authority; case management only in organisations that provide or coordinate assistance, never in law enforcement.
 */
export const roleOrganisationTypes: Record<Role, readonly OrganisationType[] | 'any'> = {
  national_admin: ['national_coordinator'],
  organisation_admin: 'any',
  caseworker: serviceProviders,
  supervisor: serviceProviders,
  investigator: ['law_enforcement', 'border_guard', 'labour_inspectorate'],
  decision_maker: ['competent_authority'],
  prosecutor: ['prosecutor'],
  national_coordinator: ['national_coordinator'],
  national_rapporteur: ['national_rapporteur'],
  court_clerk: ['court'],
  analyst: ['law_enforcement', 'border_guard', 'labour_inspectorate', 'prosecutor'],
  civil_society: ['ngo', 'international_organisation'],
};

export function roleAllowedIn(role: Role, organisationType: OrganisationType): boolean {
  const allowed = roleOrganisationTypes[role];
  return allowed === 'any' || allowed.includes(organisationType);
}

/** Roles that only a national administrator may grant (an organisation administrator cannot). */
export const nationallyGrantedRoles: readonly Role[] = ['national_admin', 'national_coordinator', 'national_rapporteur'];
