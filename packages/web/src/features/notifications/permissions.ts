import type { Role } from '@palermo/contracts';

/** Mail the server refused is shown to administrators (the server gives an organisation's administrator her own). */
export const canSeeUndeliverable = (roles: readonly Role[]): boolean => roles.includes('national_admin') || roles.includes('organisation_admin');
/** The country's time zone is the national administrator's setting. */
export const canSetTimeZone = (roles: readonly Role[]): boolean => roles.includes('national_admin');
