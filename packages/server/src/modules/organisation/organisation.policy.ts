import { roles } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/** The organisation directory is visible to every signed-in user; only national administrators change it. */
export const organisationRules = {
  list: [[{ role: roles }]],
  manage: [[{ role: ['national_admin'] }]],
} as const satisfies Record<string, Rule>;
