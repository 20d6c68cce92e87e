import type { Capabilities } from '@palermo/contracts';

// Which of this area's pages the session's capabilities open: apart from api.ts, so that the navigation does not carry the contracts' schemas.
/** The funnel page, as the session's capabilities say (coordinator, rapporteur, prosecutors, analysts). */
export function canSeeProsecutionFunnel(capabilities: Capabilities): boolean {
  return capabilities.seeProsecutionFunnel;
}
