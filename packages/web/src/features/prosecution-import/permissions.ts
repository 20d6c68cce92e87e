import type { Capabilities } from '@palermo/contracts';

// Which of this area's pages the session's capabilities open: apart from api.ts, so that the navigation does not carry the contracts' schemas.
/** A prosecutor or an investigator imports a prosecution history (the server's rule, read from the session). */
export function canImportProsecutionHistory(capabilities: Capabilities): boolean {
  return capabilities.importProsecutionHistory;
}
