import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

const { recordingAgency, prosecutionOffice, analyst } = relationshipRules;

/**
 * Who reaches an operation's network, as data (decision 0016): the recording agency's investigators, the prosecutors
 * of the office an investigation was referred to and analysts read it (what each sees of a node is the field policy's,
 * network.fields.ts: never a suspect's identity in the network); the recording agency and analysts (who draw the link
 * charts) record entities and links. Court clerks, caseworkers, the coordinator and the rapporteur reach none of it.
 */
export const networkRules = {
  read: [...recordingAgency, ...prosecutionOffice, ...analyst],
  write: [...recordingAgency, ...analyst],
} as const satisfies Record<string, Rule>;
