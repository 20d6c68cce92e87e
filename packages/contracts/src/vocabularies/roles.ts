import type { OrganisationType } from './organisation-types.js';

/**
 * Roles a user can hold. A user belongs to one organisation and may hold several roles there.
 * `seesPersonalData` marks roles whose holders can read data identifying a survivor: every such role must use two
 * factors to sign in.
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
] as const;
export type Role = (typeof roles)[number];

export interface RoleDescription {
  /** Can this role, through any rule, read data that identifies a person? */
  readonly seesPersonalData: boolean;
  /** Can this role manage organisations and users? `all` is every organisation; `own` its own organisation. */
  readonly managesUsers: 'all' | 'own' | 'none';
  /** Can this role read the audit log? */
  readonly readsAudit: boolean;
}

export const roleDescriptions: Record<Role, RoleDescription> = {
  national_admin: { seesPersonalData: false, managesUsers: 'all', readsAudit: true },
  organisation_admin: { seesPersonalData: false, managesUsers: 'own', readsAudit: false },
  caseworker: { seesPersonalData: true, managesUsers: 'none', readsAudit: false },
  supervisor: { seesPersonalData: true, managesUsers: 'none', readsAudit: false },
  investigator: { seesPersonalData: true, managesUsers: 'none', readsAudit: false },
  decision_maker: { seesPersonalData: true, managesUsers: 'none', readsAudit: false },
  prosecutor: { seesPersonalData: true, managesUsers: 'none', readsAudit: false },
  national_coordinator: { seesPersonalData: false, managesUsers: 'none', readsAudit: false },
  national_rapporteur: { seesPersonalData: false, managesUsers: 'none', readsAudit: true },
};

/**
 * Two factors are required for every role that can see personal data, and for the national administrator, who can
 * create the accounts that do.
 */
export function requiresTwoFactor(userRoles: readonly Role[]): boolean {
  return userRoles.some((role) => roleDescriptions[role].seesPersonalData || role === 'national_admin');
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
};

export function roleAllowedIn(role: Role, organisationType: OrganisationType): boolean {
  const allowed = roleOrganisationTypes[role];
  return allowed === 'any' || allowed.includes(organisationType);
}

/** Roles that only a national administrator may grant (an organisation administrator cannot). */
export const nationallyGrantedRoles: readonly Role[] = ['national_admin', 'national_coordinator', 'national_rapporteur'];
