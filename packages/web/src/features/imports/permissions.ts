import type { Role } from '@palermo/contracts';

/** Imports and exports of statistical files: the national rapporteur, coordinator and administrator. */
const importRoles: readonly Role[] = ['national_rapporteur', 'national_coordinator', 'national_admin'];

export function canImport(roles: readonly Role[]): boolean {
  return roles.some((role) => importRoles.includes(role));
}

/** The official GLOTIP submission holds exact counts: the national rapporteur's alone (as on the server). */
export function canExportOfficialTables(roles: readonly Role[]): boolean {
  return roles.includes('national_rapporteur');
}
