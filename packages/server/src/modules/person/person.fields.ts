import { defineFieldPolicy } from '../../platform/access/field-policy.js';

/** The person fields a share with another organisation may name (the minimum data sets are drawn from these). */
const identifying = ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber'] as const;

/**
 * Need to know on the person record (`GET /api/persons`, `GET /api/persons/{id}`). The holding side sees the whole
 * record; law enforcement, with the person's consent, sees what identifies the person to an investigation (names and
 * birth date), exactly as on the case page; an organisation a case is shared with sees only what the share names.
 */
export const personFieldPolicy = defineFieldPolicy({
  recordKind: 'person',
  fields: ['id', 'reference', 'organisationId', 'caseManagerUserId', 'jurisdiction', ...identifying, 'notes', 'consents', 'createdAt'],
  grants: {
    managing: { fields: ['id', 'reference', 'organisationId', 'caseManagerUserId', 'jurisdiction', ...identifying, 'notes', 'consents', 'createdAt'] },
    assigned: { fields: ['id', 'reference', 'organisationId', 'caseManagerUserId', 'jurisdiction', ...identifying, 'notes', 'consents', 'createdAt'] },
    receiverBeforeAcceptance: { fields: ['id', 'reference'], asShared: [...identifying] },
    receiverAfterAcceptance: { fields: ['id', 'reference'], asShared: [...identifying] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: ['id', 'reference', 'givenName', 'familyName', 'birthDate'] },
    competentAuthority: { fields: ['id', 'reference'], asShared: [...identifying] },
    coordinator: { fields: [] },
  },
});
