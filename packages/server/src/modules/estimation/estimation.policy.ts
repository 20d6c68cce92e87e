import type { Rule } from '../../platform/access/rules.js';

/**
 * Who may estimate the hidden number of victims: the national rapporteur, whose task it is, and the national
 * coordinator, who plans the response with it. Both see aggregate counts only (small cells suppressed), never a
 * person. Nobody else: caseworkers and the other roles see cases, not national estimates. Only the rapporteur
 * publishes an estimate; both see what was published.
 */
export const estimationRules = {
  estimate: [[{ role: ['national_rapporteur', 'national_coordinator'] }]],
  /** Publishing an estimate is the rapporteur's: she answers for the national figures. */
  publish: [[{ role: ['national_rapporteur'] }]],
} as const satisfies Record<string, Rule>;
