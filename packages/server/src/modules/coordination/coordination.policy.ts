import type { Role } from '@palermo/contracts';
import type { RecordFacts, Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

const { coordinator, rapporteur, nationalAdministrator, coordinationMember, responsibleOrganisation } = relationshipRules;

/** Those of an organisation who answer for it: its administrators and supervisors, and a civil society organisation's members. */
const organisationLeads = ['organisation_admin', 'supervisor', 'civil_society'] as const satisfies readonly Role[];

/**
 * Who may do what with coordination, as data (record facts: a body's and a meeting's member organisations as
 * `sharedWith`; an action's assigned organisation, a training's delivering organisation as `organisationId`):
 * - the national coordinator creates and edits bodies, their members, meetings, decisions and follow-up actions;
 * - the national rapporteur and the national administrator read everything (they record nothing here);
 * - the staff of a member organisation read the body, its meetings, decisions and actions;
 * - the leads of the organisation an action is assigned to update that action's status (their own actions only), and
 *   its staff read it even when the organisation does not sit in the body;
 * - the coordinator records trainings; an organisation's leads record the trainings it delivered, and its staff read them.
 * What each reader sees of a record is coordination.fields.ts's.
 */
export const coordinationRules = {
  readBodies: [...coordinator, ...rapporteur, ...nationalAdministrator, ...coordinationMember],
  edit: coordinator,
  readActions: [...coordinator, ...rapporteur, ...nationalAdministrator, ...coordinationMember, ...responsibleOrganisation],
  updateActionStatus: [...coordinator, [{ role: organisationLeads }, { is: 'sameOrganisation' }]],
  readTrainings: [...coordinator, ...rapporteur, ...nationalAdministrator, ...responsibleOrganisation],
  recordTraining: [...coordinator, [{ role: organisationLeads }, { is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;

/** How a user stands to a body or a meeting: its member organisations share it. */
export function bodyFacts(memberOrganisationIds: readonly string[]): RecordFacts {
  return { organisationId: null, assigneeUserId: null, jurisdiction: null, consentsGiven: [], sharedWith: memberOrganisationIds };
}

/** How a user stands to a follow-up action: its organisation holds it, its body's members share it. */
export function actionFacts(organisationId: string, memberOrganisationIds: readonly string[]): RecordFacts {
  return { organisationId, assigneeUserId: null, jurisdiction: null, consentsGiven: [], sharedWith: memberOrganisationIds };
}

/** How a user stands to a training: the delivering organisation holds it. */
export function trainingFacts(organisationId: string): RecordFacts {
  return { organisationId, assigneeUserId: null, jurisdiction: null, consentsGiven: [], sharedWith: [] };
}
