import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

const { coordinator, rapporteur, nationalAdministrator } = relationshipRules;

/**
 * Who may do what with the determinants assessments, as data (the relationships are in platform/access):
 * - the national rapporteur creates and edits assessments and records their entries, independently of the government;
 * - the national coordinator and the national administrator read them (and compare two);
 * - every other role reaches none of it. What each reader sees is determinants.fields.ts.
 */
export const determinantRules = {
  read: [...coordinator, ...rapporteur, ...nationalAdministrator],
  record: rapporteur,
} as const satisfies Record<string, Rule>;
