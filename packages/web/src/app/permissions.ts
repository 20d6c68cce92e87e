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
const frontLineRoles: readonly Role[] = ['caseworker', 'supervisor'];

export function canSeeCases(roles: readonly Role[]): boolean {
  return roles.some((role) => caseRoles.includes(role));
}

/** Report a suspicion, and answer other organisations' match requests and referrals. */
export function canOpenCases(roles: readonly Role[]): boolean {
  return roles.some((role) => frontLineRoles.includes(role));
}

export function canAnswerMatchRequests(roles: readonly Role[]): boolean {
  return canOpenCases(roles);
}

/** Send, receive and answer referrals: the front line of an organisation that provides assistance. */
export function canHandleReferrals(roles: readonly Role[]): boolean {
  return canOpenCases(roles);
}
