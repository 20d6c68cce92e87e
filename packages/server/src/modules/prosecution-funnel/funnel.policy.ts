import type { Rule } from '../../platform/access/rules.js';

/**
 * Who sees the prosecution funnel, as data: the national coordinator and rapporteur, prosecutors and analysts. It is
 * aggregates only (perturbed counts, no record, no identity); caseworkers have no need of it. The GLOTIP tables with
 * exact counts are the rapporteur's official submission, as the victims' GLOTIP file is.
 */
export const funnelRules = {
  read: [[{ role: ['national_coordinator', 'national_rapporteur', 'prosecutor', 'analyst'] }]],
  officialTables: [[{ role: ['national_rapporteur'] }]],
} as const satisfies Record<string, Rule>;
