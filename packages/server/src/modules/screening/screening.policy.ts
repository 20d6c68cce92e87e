import { roles } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/**
 * Checklists are reference data without personal data: every signed-in user may read them. Only the national
 * coordinator publishes a new version (it replaces the active one for every organisation in the country).
 * `screen`: front-line roles that record a suspicion and screen a person (for the lead's screening routes).
 */
export const screeningRules = {
  listChecklists: [[{ role: roles }]],
  readChecklist: [[{ role: roles }]],
  publishChecklist: [[{ role: ['national_coordinator'] }]],
  screen: [[{ role: ['caseworker', 'supervisor', 'investigator'] }]],
} as const satisfies Record<string, Rule>;
