import { defineFieldPolicy } from '../../platform/access/field-policy.js';

const sections = ['policeReport', 'communication', 'identityDocuments', 'ageAssessment', 'safeContact', 'decisionRecipient', 'background'] as const;
const profileFields = ['caseId', 'version', 'updatedAt', ...sections, 'history'] as const;

/**
 * Need to know on the referral form's facts about the person (person_profiles). The history of corrections is cut, in
 * the service, to the sections the reader sees (an earlier value is readable by those who could read the section).
 *
 * - The managing side and the case manager see and correct everything.
 * - A competent authority the case was referred to for a decision (with the person's consent to that referral) sees
 *   what a decision needs: every section, the safe contact and the decision's recipient included, so that it can
 *   send the decision safely.
 * - A receiver, once it has accepted, sees the communication needs (languages, interpreter): it cannot work with the
 *   person without them. Before accepting, nothing.
 * - Law enforcement, with the person's consent to law enforcement, sees the report to the police (force, crime
 *   reference) and nothing else. The report itself is a fact about the person, never a consent: without consent, no
 *   police officer reads it.
 * - A former receiver and the coordinator see nothing.
 */
export const personProfileFieldPolicy = defineFieldPolicy({
  recordKind: 'personProfile',
  fields: profileFields,
  grants: {
    managing: { fields: profileFields },
    assigned: { fields: profileFields },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: ['caseId', 'communication', 'history'] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: ['caseId', 'policeReport', 'history'] },
    competentAuthority: { fields: profileFields },
    coordinator: { fields: [] },
  },
});

const intakeFields = ['caseId', 'version', 'notes', 'countryOfExploitation', 'history'] as const;

/**
 * The intake as recorded at the first contact (the person's notes, the country of exploitation), shown again and
 * corrected with history: the managing side; and the competent authority deciding on the case, for which the first
 * responder's notes are part of the decision file. Nobody else.
 */
export const caseIntakeFieldPolicy = defineFieldPolicy({
  recordKind: 'caseIntake',
  fields: intakeFields,
  grants: {
    managing: { fields: intakeFields },
    assigned: { fields: intakeFields },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: ['caseId', 'notes', 'countryOfExploitation', 'history'] },
    coordinator: { fields: [] },
  },
});

const screeningFields = ['caseId', 'screenings', 'suggestedMethodsOfControl'] as const;

/**
 * A case's screenings read back (answers, suggestion, notes) and the methods of control they point to: the managing
 * side, and the competent authority a decision was requested from (a reasonable-grounds decision rests on them).
 */
export const caseScreeningsFieldPolicy = defineFieldPolicy({
  recordKind: 'caseScreenings',
  fields: screeningFields,
  grants: {
    managing: { fields: screeningFields },
    assigned: { fields: screeningFields },
    receiverBeforeAcceptance: { fields: [] },
    receiverAfterAcceptance: { fields: [] },
    formerReceiver: { fields: [] },
    lawEnforcementWithConsent: { fields: [] },
    competentAuthority: { fields: screeningFields },
    coordinator: { fields: [] },
  },
});
