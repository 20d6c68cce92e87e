import { defineFieldPolicy } from '../../platform/access/field-policy.js';
import { noCaseRelationshipGrants } from '../../platform/access/no-grants.js';

const victimAll = [
  'id', 'caseId', 'operationId', 'investigationId', 'investigationReference', 'suspectId', 'standing', 'linkedOn', 'consentInForce', 'initials',
  'cooperation', 'protection', 'nonPunishment', 'compensation',
] as const;

/**
 * Need to know on a victim-witness in proceedings. Her caseworker (the holding organisation, her case manager) sees
 * the link whole, but not her initials (she knows her client; the initials are what the prosecution is shown). The
 * prosecutors of the office the investigation was referred to see her initials, her standing, cooperation and
 * protection, never her case, name or identity, nor her claims; the recording agency's investigators only that she
 * exists, by initials. Both only while her consent to law enforcement is in force (the relationships say so). Analysts,
 * the court's clerks, the coordinator and the rapporteur: nothing. Every case relationship: nothing.
 */
export const victimWitnessFieldPolicy = defineFieldPolicy({
  recordKind: 'victimWitness',
  fields: victimAll,
  grants: {
    ...noCaseRelationshipGrants(),
    clientCaseworker: { fields: victimAll.filter((f) => f !== 'initials') },
    victimWitnessOffice: { fields: ['id', 'operationId', 'investigationId', 'investigationReference', 'suspectId', 'standing', 'linkedOn', 'initials', 'cooperation', 'protection'] },
    victimWitnessAgency: { fields: ['id', 'operationId', 'investigationId', 'investigationReference', 'initials'] },
  },
});
