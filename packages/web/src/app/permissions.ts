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
