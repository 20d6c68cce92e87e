import type { Role } from '@palermo/contracts';

/** The statistics section: the national coordinator and rapporteur (aggregate, suppressed figures only). */
const statisticsRoles: readonly Role[] = ['national_coordinator', 'national_rapporteur'];

export function canSeeStatistics(roles: readonly Role[]): boolean {
  return roles.some((role) => statisticsRoles.includes(role));
}
