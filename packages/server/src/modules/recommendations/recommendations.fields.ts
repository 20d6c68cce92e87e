import { defineFieldPolicy } from '../../platform/access/field-policy.js';
import { noCaseRelationshipGrants } from '../../platform/access/no-grants.js';

const all = [
  'id', 'sourceBody', 'cycle', 'issuedOn', 'text', 'paragraph', 'themes', 'addressedTo', 'urgency', 'response', 'status', 'clusterId',
  'version', 'history', 'cluster', 'similar', 'activities',
] as const;

/**
 * Need to know on a recommendation (it names no one): the rapporteur and the coordinator see it whole, with the
 * near-identical recommendations offered to link as a cluster; civil society reads it, its history (each version
 * attributed to an organisation, never to a person) and the activities answering it, without the suggestions, which
 * serve those who link. The case and prosecution relationships grant nothing.
 */
export const recommendationFieldPolicy = defineFieldPolicy({
  recordKind: 'recommendation',
  fields: all,
  grants: {
    ...noCaseRelationshipGrants(),
    coordinator: { fields: all },
    rapporteur: { fields: all },
    civilSociety: { fields: all.filter((f) => f !== 'similar') },
  },
});
