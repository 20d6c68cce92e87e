import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

const { clientCaseworker, victimWitnessOffice, victimWitnessAgency, recordingAgency, prosecutionOffice } = relationshipRules;

/**
 * Who may do what with victims in proceedings and cross-border requests, as data:
 * - the caseworker of the organisation holding the case (or its case manager) links her client's case to an
 *   investigation, and records her cooperation, protection measures, non-punishment and compensation claims; the link
 *   is refused unless the person's consent to law enforcement is given (the service checks it, naming the consent);
 * - the prosecution office and the recording agency read victim-witnesses only while that consent is in force (the
 *   field policy, proceedings.fields.ts, says what of them);
 * - cross-border requests: recorded and read by the recording agency's investigators and the prosecutors of the office
 *   the investigation was referred to;
 * - analysts, court clerks, the coordinator and the rapporteur reach none of it.
 */
export const proceedingsRules = {
  /** The case side: make the link, record her choices and claims (caseworkers only, not supervisors). */
  recordForClient: [[{ role: ['caseworker'] }, { is: 'sameOrganisation' }], [{ role: ['caseworker'] }, { is: 'assigned' }]],
  readForClient: clientCaseworker,
  readVictims: [...clientCaseworker, ...victimWitnessOffice, ...victimWitnessAgency],
  crossBorder: [...recordingAgency, ...prosecutionOffice],
} as const satisfies Record<string, Rule>;

