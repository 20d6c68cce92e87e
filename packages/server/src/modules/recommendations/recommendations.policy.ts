import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

const { coordinator, rapporteur, civilSociety } = relationshipRules;

/**
 * Who may do what with the recommendations of monitoring bodies, as data (the relationships are in platform/access):
 * - the national rapporteur records recommendations (by hand or from a file) and their implementation status with its
 *   evidence, independently of the government, and sees everything of them;
 * - the national coordinator records the government's response and links recommendations to the plan's activities;
 * - both link near-identical recommendations together as a cluster;
 * - a civil society organisation's members read them and comment on their status (attributed to the organisation);
 * - every other role reaches none of it. What each reader sees of a recommendation is recommendations.fields.ts.
 */
export const recommendationRules = {
  read: [...coordinator, ...rapporteur, ...civilSociety],
  record: rapporteur,
  respond: coordinator,
  recordStatus: rapporteur,
  comment: civilSociety,
  cluster: [...coordinator, ...rapporteur],
  linkActivities: coordinator,
} as const satisfies Record<string, Rule>;
