import type { Capabilities } from '@palermo/contracts';

/** The statistics section (aggregate, perturbed figures only), as the session's capabilities say. */
export function canSeeStatistics(capabilities: Capabilities): boolean {
  return capabilities.seeStatistics;
}
