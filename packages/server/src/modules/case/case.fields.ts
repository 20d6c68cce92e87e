import { defineFieldPolicy, sharedName } from '../../platform/access/field-policy.js';

const personFields = [
  'person.fields.givenName',
  'person.fields.familyName',
  'person.fields.pseudonym',
  'person.fields.birthDate',
  'person.fields.phone',
  'person.fields.address',
  'person.fields.identityNumber',
] as const;

/**
 * What identifies a case without saying anything about the person, and what the viewer may record on it: shown to
 * every relationship that reads the case.
 */
const envelope = ['id', 'reference', 'status', 'version', 'openedAt', 'timeline', 'recordKinds'] as const;

const everything = [
  ...envelope,
  'stage',
  'traffickingStatus',
  'managingOrganisationId',
  'caseManagerUserId',
  'formsOfExploitation',
  'reflectionPeriod',
  'decisionDueAt',
  'overdue',
  'closureReason',
  'person.id',
  'person.isChild',
  'person.gender',
  'person.citizenships',
  ...personFields,
  'consents',
  'measures',
  /** The name shown in search results (given and family names, else the pseudonym). */
  'displayName',
  /** Urgent referral open, high safety risk assessed: read from the case record, so the managing side's only. */
  'flags',
] as const;

/**
 * Need to know on a case: the case page, the worklist, search results. The timeline is always cut to the viewer's
 * own organisation's actions unless the viewer manages the case (the statement that reads it does that).
 *
 * - The managing side and the assigned case manager see everything.
 * - A receiver, before it accepts, sees the case's envelope and exactly the person fields the referring caseworker
 *   was shown as shared (the share's fields); nothing about the person's situation (gender, citizenships, child,
 *   forms of exploitation, stage).
 * - After accepting a service, a receiver also learns whether the person is a child (child-safeguarding procedures
 *   apply) and their gender (placement): what a service provider cannot do its work without.
 * - Law enforcement with the person's consent sees names and birth date, the forms of exploitation and the status
 *   decided (what a prosecution needs to apply non-punishment): not contacts, address, identity number or notes.
 * - A competent authority sees what a decision on victim status needs, and the person fields its share names.
 * - The coordinator sees nothing of a case.
 */
export const caseFieldPolicy = defineFieldPolicy({
  recordKind: 'case',
  fields: everything,
  grants: {
    managing: { fields: everything },
    assigned: { fields: everything },
    receiverBeforeAcceptance: { fields: envelope, asShared: personFields },
    receiverAfterAcceptance: { fields: [...envelope, 'person.isChild', 'person.gender'], asShared: personFields },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: {
      fields: [...envelope, 'traffickingStatus', 'formsOfExploitation', 'person.id', 'person.fields.givenName', 'person.fields.familyName', 'person.fields.birthDate'],
    },
    competentAuthority: {
      fields: [
        ...envelope,
        'stage',
        'traffickingStatus',
        'managingOrganisationId',
        'formsOfExploitation',
        'reflectionPeriod',
        'decisionDueAt',
        'overdue',
        'person.id',
        'person.isChild',
        'person.gender',
        'person.citizenships',
      ],
      asShared: ['person.fields.givenName', 'person.fields.familyName', 'person.fields.pseudonym', 'person.fields.birthDate'],
    },
    coordinator: { fields: [] },
  },
});

/** The person fields a request for a decision shares with the competent authority: those its relationship may see. */
export const decisionRequestFields = (caseFieldPolicy.grants.competentAuthority.asShared ?? []).map(sharedName);
