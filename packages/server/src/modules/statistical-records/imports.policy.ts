import type { Rule } from '../../platform/access/rules.js';

/**
 * Who imports and exports the field's statistical files, as data: the national rapporteur and coordinator (who see
 * de-identified and aggregate data only) and the national administrator import. The one export, the country's
 * official GLOTIP submission (exact tables, counts below 5 masked), is the national rapporteur's alone; record-level
 * files leave only through releases (modules/releases).
 */
export const importRules = {
  import: [[{ role: ['national_rapporteur', 'national_coordinator', 'national_admin'] }]],
  /** The official GLOTIP submission holds exact counts (masked below 5 only): the national rapporteur's alone. */
  officialExport: [[{ role: ['national_rapporteur'] }]],
} as const satisfies Record<string, Rule>;
