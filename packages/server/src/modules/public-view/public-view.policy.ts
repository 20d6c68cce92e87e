import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

/**
 * Who may do what with the public page, as data:
 * - the national coordinator previews, publishes (a snapshot replacing the current one) and withdraws it;
 * - anyone, signed in or not, reads what is published (a public route: public-view.routes.ts).
 */
export const publicViewRules = {
  publish: relationshipRules.coordinator,
} as const satisfies Record<string, Rule>;
