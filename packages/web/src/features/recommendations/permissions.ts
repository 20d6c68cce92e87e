import type { Capabilities } from '@palermo/contracts';

/** The recommendations' pages (the rapporteur, the coordinator, civil society); apart from api.ts so that the router does not carry the contracts' schemas. */
export const canSeeRecommendations = (capabilities: Capabilities) => capabilities.seeRecommendations;
/** Recording recommendations and their implementation status (the national rapporteur). */
export const canRecordRecommendations = (capabilities: Capabilities) => capabilities.recordRecommendations;
