import type { Capabilities } from '@palermo/contracts';

// Which of this area's pages the session's capabilities open: apart from api.ts, so that the navigation does not carry the contracts' schemas.
/** Whether the server would show this session an operation's network (the capability its route's rule gives). */
export function canSeeNetworks(capabilities: Capabilities): boolean {
  return capabilities.seeNetworks;
}

/** Whether the server would let this session record entities and links (in the operations it may reach). */
export function canDrawNetworks(capabilities: Capabilities): boolean {
  return capabilities.drawNetworks;
}
