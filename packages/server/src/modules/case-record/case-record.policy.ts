import { sql } from 'kysely';
import type { Rule } from '../../platform/access/rules.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import { caseRules } from '../case/case.policy.js';


/**
 * The caseworkers and supervisors of an organisation that accepted a service referral, while the share is in force
 * (the `receiverAfterAcceptance` relationship, without a competent authority's decision makers).
 */
export const acceptedReceiver = [{ role: ['caseworker', 'supervisor'] }, { shared: 'accepted' }] as const satisfies Rule[number];

/**
 * Who may write and read the case record, as data.
 *
 * - Adding a record is case management: the managing organisation's caseworkers and supervisors, or the assigned
 *   case manager (`caseRules.assist`), and the caseworkers and supervisors of an organisation that accepted a service
 *   referral, while the share is in force (`acceptedReceiver`): a shelter that took the person in assesses needs, plans, records services,
 *   follow-ups and its own notes (`receiverRecordKinds`). A law-enforcement organisation holding a case at intake does
 *   not: it hands case management over to an assistance organisation.
 * - Assigning the case manager and the decisions that change the case (`manage`) stay with the assistance side that
 *   manages the case.
 * - Reading the records: those who may add them. An organisation that received a referral it has not accepted (or
 *   declined, or whose share ended) sees only its inbox entry; a competent authority sees what a status decision
 *   needs; law enforcement never reads case records, even with the person's consent to law enforcement.
 * - Counselling and health notes (visibility `author_organisation`) are read only within the author's organisation:
 *   when a case is handed over to another organisation, the new manager reads the rest of the record, not those.
 */
export const caseRecordRules = {
  add: [...caseRules.assist, acceptedReceiver],
  read: [...caseRules.assist, acceptedReceiver],
  manage: caseRules.assist,
  /** Evaluated against the record (its author's organisation), on top of `read`, for `author_organisation` records. */
  readAuthorOrganisationRecord: [[{ is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;

/** How the record-level rule sees a case record (aliased `r`). */
export const caseRecordColumns: ResourceColumns = {
  organisationId: sql`r.organisation_id`,
};
