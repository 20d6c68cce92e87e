import type { Capabilities } from '@palermo/contracts';

// Which of this area's pages the session's capabilities open: apart from api.ts, so that the navigation does not carry the contracts' schemas.
export const canSeeActionPlan = (capabilities: Capabilities) => capabilities.seeActionPlan;
export const canEditActionPlan = (capabilities: Capabilities) => capabilities.editActionPlan;
export const canSeePlanProgress = (capabilities: Capabilities) => capabilities.seePlanProgress;
