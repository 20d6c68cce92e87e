import type { Rule } from '../../platform/access/rules.js';

/**
 * Releases publish data derived from every survivor's record, so they are made by the national rapporteur only, the
 * one office whose mandate is independent reporting; the national coordinator may read the ledger and download what
 * was released. Neither sees personal data: a release reads only the de-identified statistical records.
 */
export const releaseRules = {
  make: [[{ role: ['national_rapporteur'] }]],
  read: [[{ role: ['national_rapporteur', 'national_coordinator'] }]],
} as const satisfies Record<string, Rule>;
