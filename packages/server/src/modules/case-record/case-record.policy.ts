import { sql } from 'kysely';
import type { Rule } from '../../platform/access/rules.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import { caseRules } from '../case/case.policy.js';

/**
 * Who may write and read the case record, as data.
 *
 * - Adding a record is case management: the managing organisation's caseworkers and supervisors, or the assigned
 *   case manager (`caseRules.assist`). A law-enforcement organisation holding a case at intake does not: it hands case
 *   management over to an assistance organisation.
 * - Reading the records: the same assistance side. An organisation that received a
 *   referral sees only the minimum data set of its share; a competent authority sees what a status decision needs;
 *   law enforcement never reads case records, even with the person's consent to law enforcement. None of these reads
 *   the assistance file.
 * - Counselling and health notes (visibility `author_organisation`) are read only within the author's organisation:
 *   when a case is handed over to another organisation, the new manager reads the rest of the record, not those.
 */
export const caseRecordRules = {
  add: caseRules.assist,
  read: caseRules.assist,
  /** Evaluated against the record (its author's organisation), on top of `read`, for `author_organisation` records. */
  readAuthorOrganisationRecord: [[{ is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;

/** How the record-level rule sees a case record (aliased `r`). */
export const caseRecordColumns: ResourceColumns = {
  organisationId: sql`r.organisation_id`,
};
