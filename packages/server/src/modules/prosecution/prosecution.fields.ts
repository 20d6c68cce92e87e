import { defineFieldPolicy } from '../../platform/access/field-policy.js';
import { noCaseRelationshipGrants } from '../../platform/access/no-grants.js';

const operationAll = [
  'id', 'reference', 'name', 'organisationId', 'organisationName', 'origin', 'approach', 'formsOfExploitation', 'places', 'agencies',
  'protocol', 'startedOn', 'investigations', 'recordedAt',
] as const;

/**
 * Need to know on an operation: the recording agency, the prosecution office an investigation was referred to and
 * analysts see it whole (it names no victim); a court that tries one of its suspects sees which operation it is.
 * The case relationships (a victim's case) grant nothing here.
 */
export const prosecutionOperationFieldPolicy = defineFieldPolicy({
  recordKind: 'prosecutionOperation',
  fields: operationAll,
  grants: {
    ...noCaseRelationshipGrants(),
    recordingAgency: { fields: operationAll },
    prosecutionOffice: { fields: operationAll },
    courtOfTrial: { fields: ['id', 'reference', 'formsOfExploitation'] },
    analyst: { fields: operationAll },
  },
});

const suspectAll = ['id', 'operationId', 'investigationId', 'pseudonym', 'identity', 'roles', 'sex', 'citizenships', 'ageAtOffence', 'steps'] as const;

/**
 * Need to know on a suspect: the recording agency and the prosecution office see the identity and the funnel; the
 * court's clerk records outcomes against the pseudonym (no identity); an analyst sees the pseudonym, the roles and what
 * the network and the statistics need (sex, citizenship, age), never the identity or the proceedings.
 */
export const prosecutionSuspectFieldPolicy = defineFieldPolicy({
  recordKind: 'prosecutionSuspect',
  fields: suspectAll,
  grants: {
    ...noCaseRelationshipGrants(),
    recordingAgency: { fields: suspectAll },
    prosecutionOffice: { fields: suspectAll },
    courtOfTrial: { fields: ['id', 'operationId', 'investigationId', 'pseudonym', 'steps'] },
    analyst: { fields: ['id', 'operationId', 'investigationId', 'pseudonym', 'roles', 'sex', 'citizenships', 'ageAtOffence'] },
  },
});
