import type { Rule } from '../../platform/access/rules.js';

/**
 * Who imports and exports the field's statistical files, as data: the national rapporteur and coordinator (who see
 * de-identified and aggregate data only) and the national administrator. Exports hold de-identified records or
 * tables only, never personal data.
 */
export const importRules = {
  import: [[{ role: ['national_rapporteur', 'national_coordinator', 'national_admin'] }]],
  export: [[{ role: ['national_rapporteur', 'national_coordinator', 'national_admin'] }]],
} as const satisfies Record<string, Rule>;
