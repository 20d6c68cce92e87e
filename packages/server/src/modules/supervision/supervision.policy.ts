import { sql } from 'kysely';
import type { Rule } from '../../platform/access/rules.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';

/**
 * A supervisor's part of the case work, as data. A supervisor of the organisation managing a case reassigns it to
 * another of its active caseworkers; a supervisor of the organisation an approval waits in (the requesting
 * caseworker's) approves it or returns it with a reason. What waits for approval is the country's choice, set by the
 * national administrator; every signed-in user may read it (it decides what her own actions do).
 */
export const supervisionRules = {
  supervise: [[{ role: ['supervisor'] }, { is: 'sameOrganisation' }]],
  setApprovalSettings: [[{ role: ['national_admin'] }]],
} as const satisfies Record<string, Rule>;

/** How the record-level rule sees an approval (aliased `a`): the organisation it waits in. */
export const approvalColumns: ResourceColumns = {
  organisationId: sql`a.organisation_id`,
};
