import { lawEnforcementOrganisationTypes } from '@palermo/contracts';
import type { Rule } from './rules.js';

/**
 * The relationships a user can have to a record, each defined once as a rule (data, evaluated in memory by `allows`
 * and compiled to SQL by `compileRule`). A record kind's field policy (field-policy.ts) says which of its fields each
 * relationship sees; a user sees the union over the relationships that hold.
 *
 * - `managing`: the organisation holding the record (its caseworkers and supervisors), or a law-enforcement
 *   organisation holding a case at intake (its investigators) until it hands case management over.
 * - `assigned`: the caseworker assigned as case manager, wherever the record sits.
 * - `receiverBeforeAcceptance`: an organisation a referral (or an offer of case management) was sent to, while it
 *   decides: it sees what the referring caseworker was shown as shared, nothing else.
 * - `receiverAfterAcceptance`: the organisation that accepted a service referral, while the share is in force.
 * - `formerReceiver`: a receiver whose share ended (declined, withdrawn, completed, consent withdrawn): its inbox entry
 *   stays, the person's data does not.
 * - `lawEnforcementWithConsent`: an investigator, with the person's consent to sharing with law enforcement, in the
 *   jurisdiction of the investigator's organisation.
 * - `competentAuthority`: the authority a case was sent to for a decision on victim status.
 * - `coordinator`: the national coordinator: nothing personal, ever.
 *
 * The prosecution pipeline's records (operations, suspects) stand to users through their own relationships; a case
 * record's field policies grant them nothing, and the prosecution policies grant the case relationships nothing:
 * - `recordingAgency`: the investigators of the law-enforcement organisation that recorded the operation.
 * - `prosecutionOffice`: the prosecutors of the office an investigation of the operation was referred to.
 * - `courtOfTrial`: the clerks of the court a suspect was prosecuted before.
 * - `analyst`: an analyst, across agencies: operations and suspects' pseudonyms and roles, never an identity.
 * A victim's link to proceedings (modules/proceedings) stands to users through three more:
 * - `clientCaseworker`: the caseworkers and supervisors of the organisation holding her case, and her case manager.
 * - `victimWitnessOffice`: the prosecutors of the office the investigation was referred to, while her consent to law
 *   enforcement is in force.
 * - `victimWitnessAgency`: the investigators of the agency that recorded the investigation (the link is shared with it),
 *   while her consent to law enforcement is in force.
 * The recommendations of monitoring bodies (modules/recommendations) stand to users through two more (besides
 * `coordinator`, who records the government's response):
 * - `rapporteur`: the national rapporteur, who records recommendations and their status and sees everything of them.
 * - `civilSociety`: a civil society organisation's members, who read them and comment on their status.
 * The determinants assessments (modules/determinants) are read, besides by the rapporteur and the coordinator, through:
 * - `nationalAdministrator`: the national administrator (nothing personal).
 * Coordination (modules/coordination) stands to users, besides the coordinator, the rapporteur and the national
 * administrator, through two more:
 * - `coordinationMember`: the staff of an organisation sitting in a coordination body (the record shared with it).
 * - `responsibleOrganisation`: the staff of the organisation a follow-up action is assigned to, or that delivered a
 *   training (the record's organisation).
 *
 * Alternatives are only appended to, never reordered; the mutation tests (test/access) edit these rules in memory.
 */
export const relationships = [
  'managing',
  'assigned',
  'receiverBeforeAcceptance',
  'receiverAfterAcceptance',
  'formerReceiver',
  'lawEnforcementWithConsent',
  'competentAuthority',
  'coordinator',
  'recordingAgency',
  'prosecutionOffice',
  'courtOfTrial',
  'analyst',
  'clientCaseworker',
  'victimWitnessOffice',
  'victimWitnessAgency',
  'rapporteur',
  'civilSociety',
  'nationalAdministrator',
  'coordinationMember',
  'responsibleOrganisation',
] as const;
export type Relationship = (typeof relationships)[number];
/** The relationships of the prosecution pipeline: a record kind's field policy may leave them out (it grants them nothing). */
export const prosecutionRelationships = ['recordingAgency', 'prosecutionOffice', 'courtOfTrial', 'analyst', 'clientCaseworker', 'victimWitnessOffice', 'victimWitnessAgency', 'rapporteur', 'civilSociety', 'nationalAdministrator', 'coordinationMember', 'responsibleOrganisation'] as const satisfies readonly Relationship[];
export type ProsecutionRelationship = (typeof prosecutionRelationships)[number];

export type RelationshipRules = Readonly<Record<Relationship, Rule>>;

/** The staff of an organisation a record is shared with (a decision maker reads what is shared with an authority). */
const sharedStaff = ['caseworker', 'supervisor', 'decision_maker'] as const;
/** The staff of any organisation (every role but the national ones), civil society's members included. */
const organisationStaff = ['organisation_admin', 'supervisor', 'caseworker', 'investigator', 'prosecutor', 'decision_maker', 'court_clerk', 'analyst', 'civil_society'] as const;

export const relationshipRules = {
  managing: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }, { is: 'sameOrganisation' }],
  ],
  assigned: [[{ role: ['caseworker'] }, { is: 'assigned' }]],
  receiverBeforeAcceptance: [[{ role: sharedStaff }, { shared: 'awaiting_acceptance' }]],
  receiverAfterAcceptance: [[{ role: sharedStaff }, { shared: 'accepted' }]],
  formerReceiver: [[{ role: sharedStaff }, { shared: 'ended' }]],
  lawEnforcementWithConsent: [[{ role: ['investigator'] }, { consent: 'law_enforcement' }, { is: 'inJurisdiction' }]],
  competentAuthority: [[{ role: sharedStaff }, { shared: 'decision_request' }]],
  coordinator: [[{ role: ['national_coordinator'] }]],
  recordingAgency: [[{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }, { is: 'sameOrganisation' }]],
  prosecutionOffice: [[{ role: ['prosecutor'] }, { shared: 'prosecution_referral' }]],
  courtOfTrial: [[{ role: ['court_clerk'] }, { shared: 'before_court' }]],
  analyst: [[{ role: ['analyst'] }]],
  clientCaseworker: [[{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }], [{ role: ['caseworker'] }, { is: 'assigned' }]],
  victimWitnessOffice: [[{ role: ['prosecutor'] }, { shared: 'prosecution_referral' }, { consent: 'law_enforcement' }]],
  victimWitnessAgency: [[{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }, { is: 'sharedWithOrganisation' }, { consent: 'law_enforcement' }]],
  rapporteur: [[{ role: ['national_rapporteur'] }]],
  civilSociety: [[{ role: ['civil_society'] }]],
  nationalAdministrator: [[{ role: ['national_admin'] }]],
  coordinationMember: [[{ role: organisationStaff }, { is: 'sharedWithOrganisation' }]],
  responsibleOrganisation: [[{ role: organisationStaff }, { is: 'sameOrganisation' }]],
} as const satisfies RelationshipRules;
