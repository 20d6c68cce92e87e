import type { Rule } from '../../platform/access/rules.js';
import { caseRules } from '../case/case.policy.js';

/** The staff of a competent authority a case was sent to for a decision on victim status. */
const decisionAuthority = [{ role: ['caseworker', 'supervisor', 'decision_maker'] }, { shared: 'decision_request' }] as const satisfies Rule[number];

/**
 * Who may attach, read and mark a case's documents, as data.
 *
 * - Attaching a document and marking it for the decision: the side that holds the case (its caseworkers and
 *   supervisors, the case manager, a law-enforcement intake holder until it hands the case over).
 * - Reading (listing, downloading): the same, and a competent authority the case was sent to for a decision, which
 *   reads only the documents marked for the decision (`forDecisionOnly`, compiled over the document row).
 */
export const documentRules = {
  add: caseRules.manage,
  read: [...caseRules.manage, decisionAuthority],
  /** Evaluated on top of `read`: who reads every document, not only those marked for the decision. */
  readAll: caseRules.manage,
} as const satisfies Record<string, Rule>;
