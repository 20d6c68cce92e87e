import { defineFieldPolicy } from '../../platform/access/field-policy.js';
import { noCaseRelationshipGrants, noFields as none } from '../../platform/access/no-grants.js';

const entityAll = ['id', 'kind', 'value'] as const;

/**
 * Need to know on an entity of the network (a company, vehicle, phone number, address, bank account), read through an
 * operation it was recorded in: the recording agency's investigators and the prosecution office see its value, and so
 * do analysts (the network is their work); the court of trial and everyone else see nothing of it.
 */
export const prosecutionEntityFieldPolicy = defineFieldPolicy({
  recordKind: 'prosecutionEntity',
  fields: entityAll,
  grants: {
    ...noCaseRelationshipGrants(),
    recordingAgency: { fields: entityAll },
    prosecutionOffice: { fields: entityAll },
    courtOfTrial: none(),
    analyst: { fields: entityAll },
  },
});

const linkAll = ['id', 'kind', 'source', 'target', 'note'] as const;

/** Need to know on a link of an operation's network: as its entities (the note may name people: encrypted). */
export const prosecutionLinkFieldPolicy = defineFieldPolicy({
  recordKind: 'prosecutionLink',
  fields: linkAll,
  grants: {
    ...noCaseRelationshipGrants(),
    recordingAgency: { fields: linkAll },
    prosecutionOffice: { fields: linkAll },
    courtOfTrial: none(),
    analyst: { fields: linkAll },
  },
});
