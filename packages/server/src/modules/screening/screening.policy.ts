import { roles } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/**
 * Checklists are reference data without personal data: every signed-in user may read them. Only the national
 * coordinator publishes a new version (it replaces the active one for every organisation in the country).
 * Screening a case's person is acting on the case: `caseRules.manage` (which includes a law-enforcement intake).
 */
export const screeningRules = {
  listChecklists: [[{ role: roles }]],
  readChecklist: [[{ role: roles }]],
  publishChecklist: [[{ role: ['national_coordinator'] }]],
} as const satisfies Record<string, Rule>;
