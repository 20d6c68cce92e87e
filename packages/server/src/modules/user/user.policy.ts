import type { Rule } from '../../platform/access/rules.js';

/**
 * National administrators manage every organisation's users; an organisation's administrator manages its own.
 * The record these rules look at is the organisation the user belongs (or will belong) to.
 */
export const userRules = {
  manage: [[{ role: ['national_admin'] }], [{ role: ['organisation_admin'] }, { is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;
