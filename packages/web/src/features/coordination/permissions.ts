import type { Capabilities } from '@palermo/contracts';

// Which of this area's pages the session's capabilities open: apart from api.ts, so that the navigation does not carry the contracts' schemas.
/** The coordination area: bodies, meetings, follow-up actions (national roles, member and assigned organisations) or trainings. */
export const canSeeCoordination = (capabilities: Capabilities) => capabilities.seeCoordination || capabilities.seeTrainings;
export const canSeeBodies = (capabilities: Capabilities) => capabilities.seeCoordination;
/** Creating and editing bodies, meetings and follow-up actions (the national coordinator). */
export const canEditCoordination = (capabilities: Capabilities) => capabilities.editCoordination;
export const canSeeTrainings = (capabilities: Capabilities) => capabilities.seeTrainings;
/** Recording trainings (the coordinator; an organisation's leads for their own organisation's). */
export const canRecordTrainings = (capabilities: Capabilities) => capabilities.recordTrainings;
