import type { Role } from '@palermo/contracts';

/** The estimate of hidden victims: the national rapporteur and coordinator (aggregate figures only). */
const estimationRoles: readonly Role[] = ['national_rapporteur', 'national_coordinator'];

export function canEstimate(roles: readonly Role[]): boolean {
  return roles.some((role) => estimationRoles.includes(role));
}

/** Publishing an estimate is the national rapporteur's (the server holds the same rule). */
export function canPublishEstimate(roles: readonly Role[]): boolean {
  return roles.includes('national_rapporteur');
}
