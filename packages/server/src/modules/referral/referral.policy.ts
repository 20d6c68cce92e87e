import { sql } from 'kysely';
import { lawEnforcementOrganisationTypes, type ReferralKind } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import { caseRules } from '../case/case.policy.js';

const receivingStaff = [[{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }]] as const satisfies Rule;

/**
 * Who acts on a referral, as data.
 *
 * Sender side: whoever may manage the case (`caseRules.manage`) sends, lists the case's referrals and withdraws. The
 * referral follows the case: after a transfer the new managing organisation manages the referrals the old one sent.
 *
 * Receiver side: caseworkers and supervisors of the organisation the referral was sent to (record-level condition
 * `sameOrganisation` over `referrals.to_organisation_id`, see `receiverColumns`) read their inbox and accept, decline
 * or record the service delivered. Kept per kind so a country can, say, reserve accepting case management to
 * supervisors by changing data, not code.
 */
export const referralRules = {
  send: caseRules.manage,
  withdraw: caseRules.manage,
  listForCase: caseRules.manage,
  /**
   * The sending organisation's staff list what their organisation sent (over `from_organisation_id`); investigators
   * too, whose organisation refers people it met at intake and keeps the referral after handing the case over.
   */
  outbox: [...receivingStaff, [{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }, { is: 'sameOrganisation' }]],
  inbox: receivingStaff,
  respond: {
    service: receivingStaff,
    case_transfer: [[{ role: ['supervisor', 'caseworker'] }, { is: 'sameOrganisation' }]],
  } satisfies Record<ReferralKind, Rule>,
} as const;

/** Any rule a receiver may act under (for the route declaration; the service applies the rule of the referral's kind). */
export const anyRespondRule: Rule = [...referralRules.respond.service, ...referralRules.respond.case_transfer];

/** How receiver-side conditions read a referral row (aliased `r`). */
export const receiverColumns: ResourceColumns = { organisationId: sql`r.to_organisation_id` };

/** How sender-side list conditions read a referral row (aliased `r`). */
export const senderColumns: ResourceColumns = { organisationId: sql`r.from_organisation_id` };
