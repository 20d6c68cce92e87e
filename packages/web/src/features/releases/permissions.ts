import type { Capabilities } from '@palermo/contracts';

/** The release ledger and its files (de-identified data only), as the session's capabilities say. */
export function canSeeReleases(capabilities: Capabilities): boolean {
  return capabilities.seeReleases;
}

/** Making a release spends the privacy budget (the server decides; the session carries its answer). */
export function canMakeReleases(capabilities: Capabilities): boolean {
  return capabilities.release;
}
