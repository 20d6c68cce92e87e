import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';
import { caseRules } from '../case/case.policy.js';

/**
 * Who may write and read the person's account, as data.
 *
 * - Recording and correcting it is case management: the managing organisation's caseworkers and supervisors, or the
 *   assigned case manager (`caseRules.assist`). A law-enforcement organisation holding a case at intake does not: the
 *   account is taken by those who assist her.
 * - Reading it: the same assistance side; the competent authority a decision was requested from (what a decision
 *   needs); an investigator with her consent to law enforcement, in the organisation's jurisdiction. Which fields each
 *   of them then sees is the field policy's (account.fields.ts). Receivers of a service referral and the coordinator
 *   read none of it.
 */
export const accountRules = {
  write: caseRules.assist,
  read: [...caseRules.assist, ...relationshipRules.competentAuthority, ...relationshipRules.lawEnforcementWithConsent],
} as const satisfies Record<string, Rule>;
