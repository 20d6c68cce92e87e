import type { Role } from '@palermo/contracts';
import type { RecordFacts, Rule } from '../../platform/access/rules.js';

/** The staff of an organisation that takes part in the plan (every working role but the national ones). */
export const organisationStaff = ['organisation_admin', 'supervisor', 'caseworker', 'investigator', 'prosecutor', 'decision_maker', 'court_clerk', 'analyst'] as const satisfies readonly Role[];
/** Those of an organisation who answer for its activities: its administrators and supervisors. */
const organisationLeads = ['organisation_admin', 'supervisor'] as const satisfies readonly Role[];

/**
 * Who may do what with the national action plan, as data (record facts: the activity's responsible organisation as
 * `organisationId`, its partners as `sharedWith`):
 * - the national coordinator creates and edits the plan, its objectives, activities and indicators;
 * - the leads (administrators, supervisors) of an activity's responsible organisation report its progress, its
 *   spending and its indicators' measurements; the coordinator may too;
 * - the national rapporteur and every organisation's staff read the plan; what each sees of an
 *   activity is action-plan.fields.ts's;
 * - the progress page (flags, indicators against their targets) is for the coordinator, the rapporteur and analysts.
 */
export const actionPlanRules = {
  edit: [[{ role: ['national_coordinator'] }]],
  read: [[{ role: ['national_coordinator', 'national_rapporteur', ...organisationStaff] }]],
  report: [[{ role: ['national_coordinator'] }], [{ role: organisationLeads }, { is: 'sameOrganisation' }]],
  /** The route-level declaration of `report` (record conditions checked by the service). */
  reportAny: [[{ role: ['national_coordinator', ...organisationLeads] }]],
  progress: [[{ role: ['national_coordinator', 'national_rapporteur', 'analyst'] }]],
} as const satisfies Record<string, Rule>;

/** How a user stands to an activity: its responsible organisation holds it, its partners share it. */
export function activityFacts(responsibleOrganisationId: string, partnerOrganisationIds: readonly string[]): RecordFacts {
  return { organisationId: responsibleOrganisationId, assigneeUserId: null, jurisdiction: null, consentsGiven: [], sharedWith: partnerOrganisationIds };
}
