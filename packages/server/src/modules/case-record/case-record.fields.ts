import { defineFieldPolicy } from '../../platform/access/field-policy.js';

const everything = [
  'id', 'caseId', 'kind', 'data', 'notes', 'visibility', 'authorUserId', 'authorName', 'organisationId', 'organisationName',
  'createdAt', 'supersedesId', 'supersededById',
] as const;

/**
 * Need to know on the case record (needs, plan, services, follow-ups, notes): case management, so the managing
 * organisation, the assigned case manager and an organisation that accepted a service referral (while its share is in
 * force: it works the case with them; counselling and health notes stay with the organisation that wrote them).
 * A receiver before acceptance, a former receiver, law enforcement, a competent authority and the coordinator see none
 * of it (the read rule refuses them the route, and this policy gives them no field either).
 */
export const caseRecordFieldPolicy = defineFieldPolicy({
  recordKind: 'caseRecord',
  fields: everything,
  grants: {
    managing: { fields: everything },
    assigned: { fields: everything },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: everything },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: [] },
    coordinator: { fields: [] },
  },
});

const planFields = ['caseId', 'openedOn', 'needsAssessedAt', 'needs', 'goals', 'servicesWithoutGoal', 'needsWithoutSupport', 'followUps'] as const;

/** The assistance plan is built from the case record: the same need to know. */
export const assistancePlanFieldPolicy = defineFieldPolicy({
  recordKind: 'assistancePlan',
  fields: planFields,
  grants: {
    managing: { fields: planFields },
    assigned: { fields: planFields },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: planFields },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: [] },
    coordinator: { fields: [] },
  },
});
