import { defineFieldPolicy } from '../../platform/access/field-policy.js';

const everything = [
  'id', 'caseId', 'kind', 'data', 'notes', 'visibility', 'authorUserId', 'authorName', 'organisationId', 'organisationName',
  'createdAt', 'supersedesId', 'supersededById',
] as const;

/**
 * Need to know on the case record (needs, plan, services, follow-ups, notes): case management, so the managing
 * organisation and the assigned case manager only. Receivers, law enforcement, a competent authority and the
 * coordinator see none of it (the read rule refuses them the route, and this policy gives them no field either).
 */
export const caseRecordFieldPolicy = defineFieldPolicy({
  recordKind: 'caseRecord',
  fields: everything,
  grants: {
    managing: { fields: everything },
    assigned: { fields: everything },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: [] },
    coordinator: { fields: [] },
  },
});

/** The assistance plan is built from the case record: the same need to know. */
export const assistancePlanFieldPolicy = defineFieldPolicy({
  recordKind: 'assistancePlan',
  fields: ['caseId', 'openedOn', 'needsAssessedAt', 'needs', 'goals', 'servicesWithoutGoal', 'needsWithoutSupport', 'followUps'],
  grants: {
    managing: { fields: ['caseId', 'openedOn', 'needsAssessedAt', 'needs', 'goals', 'servicesWithoutGoal', 'needsWithoutSupport', 'followUps'] },
    assigned: { fields: ['caseId', 'openedOn', 'needsAssessedAt', 'needs', 'goals', 'servicesWithoutGoal', 'needsWithoutSupport', 'followUps'] },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: [] },
    coordinator: { fields: [] },
  },
});
