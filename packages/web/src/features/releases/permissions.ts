import type { Role } from '@palermo/contracts';

/** The release ledger and its files: the national rapporteur and coordinator (de-identified data only). */
const readerRoles: readonly Role[] = ['national_rapporteur', 'national_coordinator'];

export function canSeeReleases(roles: readonly Role[]): boolean {
  return roles.some((role) => readerRoles.includes(role));
}

/** Making a release spends the privacy budget: the national rapporteur only (the server decides). */
export function canMakeReleases(roles: readonly Role[]): boolean {
  return roles.includes('national_rapporteur');
}
