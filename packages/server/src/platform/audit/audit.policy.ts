import type { Rule } from '../access/rules.js';

/** The audit log is read by national administrators and the national rapporteur (independent monitoring). */
export const auditRules = {
  read: [[{ role: ['national_admin', 'national_rapporteur'] }]],
} as const satisfies Record<string, Rule>;
