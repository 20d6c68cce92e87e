import type { Capabilities } from '@palermo/contracts';

/** Imports and exports of statistical files, as the session's capabilities say. */
export function canImport(capabilities: Capabilities): boolean {
  return capabilities.importStatistics;
}

/** The official GLOTIP submission holds exact counts (the server's rule, carried by the session). */
export function canExportOfficialTables(capabilities: Capabilities): boolean {
  return capabilities.exportOfficialTables;
}
