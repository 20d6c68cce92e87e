import type { Capabilities } from '@palermo/contracts';

/** The estimate of hidden victims (aggregate figures only), as the session's capabilities say. */
export function canEstimate(capabilities: Capabilities): boolean {
  return capabilities.estimate;
}

/** Publishing an estimate (the server holds the rule; the session carries its answer). */
export function canPublishEstimate(capabilities: Capabilities): boolean {
  return capabilities.publishEstimates;
}
