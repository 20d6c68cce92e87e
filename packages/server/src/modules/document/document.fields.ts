import { defineFieldPolicy } from '../../platform/access/field-policy.js';

const everything = [
  'id', 'caseId', 'documentType', 'fileName', 'mediaType', 'byteSize', 'forDecision', 'uploadedByName', 'organisationName', 'createdAt',
] as const;

/**
 * Need to know on a case's documents (identity documents, medical and legal letters, signed consent forms). The
 * managing side and the case manager see them all. A competent authority sees the documents marked for the decision
 * (the row filter in document.repo.ts keeps the others from it), whole: a decision rests on what they say. Receivers
 * of a referral, law enforcement (consent or not), a former receiver and the coordinator see no document: a referral
 * shares the minimum data set, and assistance never depends on what the police may read.
 */
export const documentFieldPolicy = defineFieldPolicy({
  recordKind: 'document',
  fields: everything,
  grants: {
    managing: { fields: everything },
    assigned: { fields: everything },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: everything },
    coordinator: { fields: [] },
  },
});
