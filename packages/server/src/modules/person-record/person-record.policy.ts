import type { Rule } from '../../platform/access/rules.js';
import { caseRules } from '../case/case.policy.js';

/**
 * Who produces the documents printed from a case.
 *
 * - A person's requests about her own data (to see everything held, to correct, to erase) are answered by a
 *   supervisor of the organisation holding her case: the answer lists everything that organisation holds and who
 *   read it, which is more than a caseworker's need to know, and an answer binds the organisation.
 * - A case summary for a referral meeting and the filled referral form are printed by those who manage the case
 *   (the managing organisation's caseworkers and supervisors, the case manager, a law-enforcement intake holder):
 *   each prints only what the field policy lets the meeting or the form carry.
 */
export const personRecordRules = {
  dataProtection: [[{ role: ['supervisor'] }, { is: 'sameOrganisation' }]],
  print: caseRules.manage,
} as const satisfies Record<string, Rule>;
