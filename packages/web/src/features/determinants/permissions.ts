import type { Capabilities } from '@palermo/contracts';

/** The determinants' pages (the rapporteur, the coordinator, the national administrator); apart from api.ts so that the router does not carry the contracts' schemas. */
export const canSeeDeterminants = (capabilities: Capabilities) => capabilities.seeDeterminants;
/** Recording assessments and their entries (the national rapporteur). */
export const canRecordDeterminants = (capabilities: Capabilities) => capabilities.recordDeterminants;
