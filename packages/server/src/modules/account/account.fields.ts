import { defineFieldPolicy } from '../../platform/access/field-policy.js';

const envelope = ['id', 'caseId', 'version', 'updatedAt', 'updatedByName'] as const;

const situationFacts = [
  'forms', 'labourIndustries', 'sexualExploitationTypes', 'criminalExploitationTypes', 'financialExploitationTypes',
  'startDate', 'endDate', 'durationMonths', 'ongoing', 'ageAtStart', 'places', 'recruitmentMethods', 'recruitmentChannels',
  'promised', 'recruiterRelationship', 'recruiterAcquaintance', 'methodsOfControl', 'howEnded',
] as const;
const situationAll = [...envelope, ...situationFacts, 'history'] as const;

/**
 * Need to know on an exploitation situation: the assistance side records it; the competent authority reads it to
 * decide; law enforcement reads it with her consent (the forms of exploitation it already sees on the case, with when,
 * where and how). A record's history passes through the same grants as the record.
 */
export const accountSituationFieldPolicy = defineFieldPolicy({
  recordKind: 'accountSituation',
  fields: situationAll,
  grants: {
    managing: { fields: situationAll },
    assigned: { fields: situationAll },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: situationAll },
    competentAuthority: { fields: situationAll },
    coordinator: { fields: [] },
  },
});

const exploiterFacts = [
  'kind', 'pseudonym', 'identity', 'roles', 'relationship', 'acquaintance', 'whereaboutsCountry', 'whereabouts',
  'otherVictimsCount', 'otherVictims', 'situationIds',
] as const;
const exploiterAll = [...envelope, ...exploiterFacts, 'suspectLinkId', 'history'] as const;
/** What a victim-status decision needs of an exploiter: who they were to her and what they did, not who they are. */
const exploiterForDecision = [...envelope, 'kind', 'roles', 'relationship', 'acquaintance', 'situationIds'] as const;

/**
 * Need to know on an exploiter: the assistance side; law enforcement only with her consent to law enforcement (the
 * relationship itself requires it); the competent authority sees their role and relationship to her, not their
 * identity or whereabouts. The history is granted only where the whole record is (it carries every field).
 */
export const accountExploiterFieldPolicy = defineFieldPolicy({
  recordKind: 'accountExploiter',
  fields: exploiterAll,
  grants: {
    managing: { fields: exploiterAll },
    assigned: { fields: exploiterAll },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: exploiterAll },
    competentAuthority: { fields: exploiterForDecision },
    coordinator: { fields: [] },
  },
});

const statementAll = ['caseId', 'version', 'updatedAt', 'updatedByName', 'personAccount', 'responderReasons', 'history'] as const;

/**
 * Need to know on the statement: her account in her words and the first responder's reasons. The assistance side and
 * the competent authority read both; law enforcement, with her consent, reads her account, not the responder's
 * reasons for referring her (those are written for the decision).
 */
export const accountStatementFieldPolicy = defineFieldPolicy({
  recordKind: 'accountStatement',
  fields: statementAll,
  grants: {
    managing: { fields: statementAll },
    assigned: { fields: statementAll },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: ['caseId', 'version', 'updatedAt', 'updatedByName', 'personAccount', 'history'] },
    competentAuthority: { fields: statementAll },
    coordinator: { fields: [] },
  },
});
