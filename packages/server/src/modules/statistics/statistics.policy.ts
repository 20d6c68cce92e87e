import type { Rule } from '../../platform/access/rules.js';

/**
 * Who reads the statistics section, as data: the national coordinator and the national rapporteur. They see
 * de-identified, aggregated and suppressed figures only, never a record.
 */
export const statisticsRules = {
  read: [[{ role: ['national_coordinator', 'national_rapporteur'] }]],
  /** Derive the country's dataset again from the case records (de-identified, statistics consent only). */
  refresh: [[{ role: ['national_coordinator', 'national_rapporteur'] }]],
} as const satisfies Record<string, Rule>;
