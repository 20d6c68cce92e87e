import { roles } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/** The country's SOPs are read by every signed-in user; only the national coordinator saves a new version. */
export const sopRules = {
  read: [[{ role: roles }]],
  edit: [[{ role: ['national_coordinator'] }]],
} as const satisfies Record<string, Rule>;
