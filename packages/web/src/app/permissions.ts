import { roleDescriptions, type Role } from '@palermo/contracts';

/** What the navigation offers. The server decides what is really allowed; this only avoids offering dead ends. */
export function canManageUsers(roles: readonly Role[]): boolean {
  return roles.some((role) => roleDescriptions[role].managesUsers !== 'none');
}

export function canManageAllOrganisations(roles: readonly Role[]): boolean {
  return roles.some((role) => roleDescriptions[role].managesUsers === 'all');
}

export function canReadAudit(roles: readonly Role[]): boolean {
  return roles.some((role) => roleDescriptions[role].readsAudit);
}

/** Roles whose work involves cases (the server still decides which cases each person sees). */
const caseRoles: readonly Role[] = ['caseworker', 'supervisor', 'decision_maker', 'investigator'];
/** Assistance organisations' front line: case management, referral inboxes, match requests. */
const frontLineRoles: readonly Role[] = ['caseworker', 'supervisor'];
/**
 * Roles that record a suspicion and screen the person: the assistance front line (NGOs, shelters, health, hotlines,
 * social services) and investigators of law enforcement, border guards and labour inspectorates.
 */
const reportingRoles: readonly Role[] = ['caseworker', 'supervisor', 'investigator'];

export function canSeeCases(roles: readonly Role[]): boolean {
  return roles.some((role) => caseRoles.includes(role));
}

/** Report a suspicion (and screen the person). */
export function canOpenCases(roles: readonly Role[]): boolean {
  return roles.some((role) => reportingRoles.includes(role));
}

export function canAnswerMatchRequests(roles: readonly Role[]): boolean {
  return roles.some((role) => frontLineRoles.includes(role));
}

/** The referrals page: what the organisation sent (anyone who reports may refer) and, for assistance, its inbox. */
export function canHandleReferrals(roles: readonly Role[]): boolean {
  return canOpenCases(roles);
}

/** Receive and answer referrals: the front line of an organisation that provides assistance. */
export function canReceiveReferrals(roles: readonly Role[]): boolean {
  return roles.some((role) => frontLineRoles.includes(role));
}

/** Case management proper (the case record: needs, plan, services, follow-ups, notes): assistance organisations only. */
export function canManageAssistance(roles: readonly Role[]): boolean {
  return roles.some((role) => frontLineRoles.includes(role));
}
