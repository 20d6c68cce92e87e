import type { FieldPolicy } from '../../src/platform/access/field-policy.js';
import type { RelationshipRules } from '../../src/platform/access/relationships.js';
import { relationshipRules } from '../../src/platform/access/relationships.js';
import { fieldPolicies } from '../../src/modules/field-policies.js';
import { realRouteRules, type Policies, type RouteRules } from './need-to-know.js';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
type Edit = (p: Mutable<{ rules: RelationshipRules; policies: Record<string, FieldPolicy>; routes: RouteRules }>) => void;

const grant = (p: Parameters<Edit>[0], kind: string) => {
  const policy = p.policies[kind];
  if (!policy) throw new Error(`no policy ${kind}`);
  return policy.grants;
};

/**
 * Seeded rule bugs, one rule edit each, at least one per relationship: each must break the property in every run.
 */
export const mutants: ReadonlyArray<{ readonly name: string; readonly edit: Edit }> = [
  { name: 'law enforcement without consent', edit: (p) => void (p.rules.lawEnforcementWithConsent = [[{ role: ['investigator'] }, { is: 'inJurisdiction' }]]) },
  { name: 'law enforcement outside its jurisdiction', edit: (p) => void (p.rules.lawEnforcementWithConsent = [[{ role: ['investigator'] }, { consent: 'law_enforcement' }]]) },
  { name: 'law enforcement sees the phone on the person route', edit: (p) => void grant(p, 'person').lawEnforcementWithConsent.fields.push('phone') },
  { name: 'receiver before acceptance sees gender', edit: (p) => void grant(p, 'case').receiverBeforeAcceptance.fields.push('person.gender') },
  { name: 'receiver before acceptance sees fields not shared', edit: (p) => void grant(p, 'case').receiverBeforeAcceptance.fields.push(...(grant(p, 'case').receiverBeforeAcceptance.asShared ?? [])) },
  { name: 'receiver after acceptance sees citizenships', edit: (p) => void grant(p, 'case').receiverAfterAcceptance.fields.push('person.citizenships') },
  { name: 'revoked share still shows the pseudonym', edit: (p) => void grant(p, 'case').formerReceiver.fields.push('id', 'person.fields.pseudonym') },
  { name: 'receiver before acceptance after the share ended', edit: (p) => void (p.rules.receiverBeforeAcceptance = [[{ role: ['caseworker', 'supervisor', 'decision_maker'] }, { is: 'sharedWithOrganisation' }], [{ role: ['caseworker', 'supervisor'] }, { shared: 'ended' }]]) },
  { name: 'coordinator sees name', edit: (p) => void grant(p, 'case').coordinator.fields.push('id', 'person.fields.givenName') },
  { name: 'assigned caseworker after reassignment', edit: (p) => void (p.rules.assigned = [[{ role: ['caseworker'] }]]) },
  { name: 'managing side across organisations', edit: (p) => void (p.rules.managing = [[{ role: ['caseworker', 'supervisor'] }], p.rules.managing[1] ?? []]) },
  { name: 'competent authority sees the identity number', edit: (p) => void grant(p, 'case').competentAuthority.fields.push('person.fields.identityNumber') },
  { name: 'competent authority sees consents', edit: (p) => void grant(p, 'case').competentAuthority.fields.push('consents') },
  { name: 'receiver before acceptance reads the case record', edit: (p) => void grant(p, 'caseRecord').receiverBeforeAcceptance.fields.push('notes', 'data') },
  { name: 'declined or ended share still reads the plan', edit: (p) => void grant(p, 'assistancePlan').formerReceiver.fields.push('caseId', 'needs') },
  { name: 'receiver after acceptance cannot read the plan', edit: (p) => void (grant(p, 'assistancePlan').receiverAfterAcceptance.fields = []) },
  { name: 'law enforcement with consent reads the documents', edit: (p) => void grant(p, 'document').lawEnforcementWithConsent.fields.push('id', 'fileName') },
  { name: 'receiver after acceptance reads the documents', edit: (p) => void grant(p, 'document').receiverAfterAcceptance.fields.push('id', 'fileName') },
  { name: 'receiver before acceptance reads the police report', edit: (p) => void grant(p, 'personProfile').receiverBeforeAcceptance.fields.push('caseId', 'policeReport') },
  { name: 'law enforcement with consent reads the screenings', edit: (p) => void grant(p, 'caseScreenings').lawEnforcementWithConsent.fields.push('caseId', 'screenings') },
  { name: 'receiver after acceptance reads who exploited her', edit: (p) => void grant(p, 'accountExploiter').receiverAfterAcceptance.fields.push('id', 'pseudonym') },
  { name: "competent authority reads the exploiter's identity", edit: (p) => void grant(p, 'accountExploiter').competentAuthority.fields.push('identity') },
  { name: "law enforcement reads the first responder's reasons", edit: (p) => void grant(p, 'accountStatement').lawEnforcementWithConsent.fields.push('responderReasons') },
  { name: 'analyst reads identities', edit: (p) => void grant(p, 'prosecutionSuspect').analyst.fields.push('identity') },
  { name: 'analyst reads the proceedings', edit: (p) => void grant(p, 'prosecutionSuspect').analyst.fields.push('steps') },
  { name: "analyst reads a case brief's draft text", edit: (p) => void grant(p, 'prosecutionCaseBrief').analyst.fields.push('factSummary') },
  { name: 'court clerk produces the case brief', edit: (p) => void grant(p, 'prosecutionCaseBrief').courtOfTrial.fields.push('records') },
  { name: 'the recording agency loses the case brief', edit: (p) => void (grant(p, 'prosecutionCaseBrief').recordingAgency.fields = []) },
  { name: 'caseworkers read operations', edit: (p) => void (p.rules.analyst = [[{ role: ['analyst', 'caseworker'] }]]) },
  { name: 'court clerk reads the identity', edit: (p) => void grant(p, 'prosecutionSuspect').courtOfTrial.fields.push('identity') },
  { name: 'court clerk of any court', edit: (p) => void (p.rules.courtOfTrial = [[{ role: ['court_clerk'] }]]) },
  { name: 'prosecutor without a referral', edit: (p) => void (p.rules.prosecutionOffice = [[{ role: ['prosecutor'] }]]) },
  { name: 'recording agency across agencies', edit: (p) => void (p.rules.recordingAgency = [[{ role: ['investigator'] }]]) },
  { name: 'recording agency loses the funnel', edit: (p) => void (grant(p, 'prosecutionSuspect').recordingAgency.fields = grant(p, 'prosecutionSuspect').recordingAgency.fields.filter((f) => f !== 'steps')) },
  { name: 'the court of trial reads the network', edit: (p) => void grant(p, 'prosecutionEntity').courtOfTrial.fields.push('id', 'value') },
  { name: "a shelter's caseworker reads the links", edit: (p) => void grant(p, 'prosecutionLink').managing.fields.push('id', 'note') },
  { name: 'the coordinator reads the network', edit: (p) => void grant(p, 'prosecutionLink').coordinator.fields.push('id', 'kind', 'source', 'target') },
  { name: 'analysts lose the entities\' values', edit: (p) => void (grant(p, 'prosecutionEntity').analyst.fields = ['id', 'kind']) },
  { name: 'the prosecution office loses the link notes', edit: (p) => void (grant(p, 'prosecutionLink').prosecutionOffice.fields = grant(p, 'prosecutionLink').prosecutionOffice.fields.filter((f) => f !== 'note')) },
  { name: 'an analyst sees a victim', edit: (p) => void (p.rules.clientCaseworker = [...p.rules.clientCaseworker, [{ role: ['analyst'] }]]) },
  { name: 'her caseworker sees her initials', edit: (p) => void grant(p, 'victimWitness').clientCaseworker.fields.push('initials') },
  { name: 'the prosecution office after consent is revoked', edit: (p) => void (p.rules.victimWitnessOffice = [[{ role: ['prosecutor'] }, { shared: 'prosecution_referral' }]]) },
  { name: "the prosecution office reads her compensation claims", edit: (p) => void grant(p, 'victimWitness').victimWitnessOffice.fields.push('compensation', 'caseId') },
  { name: 'the recording agency without her consent', edit: (p) => void (p.rules.victimWitnessAgency = [[{ role: ['investigator'] }, { is: 'sharedWithOrganisation' }]]) },
  { name: 'the recording agency reads her cooperation', edit: (p) => void grant(p, 'victimWitness').victimWitnessAgency.fields.push('cooperation') },
  { name: 'a caseworker reads recommendations', edit: (p) => void (p.rules.civilSociety = [[{ role: ['civil_society', 'caseworker'] }]]) },
  { name: 'the rapporteur loses the history', edit: (p) => void (grant(p, 'recommendation').rapporteur.fields = grant(p, 'recommendation').rapporteur.fields.filter((f) => f !== 'history')) },
  { name: 'an organisation administrator reads determinants assessments', edit: (p) => void (p.rules.nationalAdministrator = [[{ role: ['national_admin', 'organisation_admin'] }]]) },
  { name: 'civil society reads determinants assessments', edit: (p) => void grant(p, 'determinantAssessment').civilSociety.fields.push('id', 'entries') },
  { name: 'the national administrator loses the entries', edit: (p) => void (grant(p, 'determinantAssessment').nationalAdministrator.fields = grant(p, 'determinantAssessment').nationalAdministrator.fields.filter((f) => f !== 'entries')) },
  { name: 'staff read bodies their organisation does not sit in', edit: (p) => void (p.rules.coordinationMember = [[{ role: ['organisation_admin', 'supervisor', 'caseworker', 'civil_society'] }]]) },
  { name: 'a member organisation reads the trainings of others', edit: (p) => void grant(p, 'coordinationTraining').coordinationMember.fields.push('id', 'numberTrained') },
  { name: 'an organisation reads the trainings another delivered', edit: (p) => void (p.rules.responsibleOrganisation = [[{ role: ['organisation_admin', 'supervisor', 'caseworker'] }]]) },
  { name: 'the assigned organisation loses its action', edit: (p) => void (grant(p, 'coordinationAction').responsibleOrganisation.fields = []) },
  { name: 'civil society reads the minutes of every meeting', edit: (p) => void grant(p, 'coordinationMeeting').civilSociety.fields.push('id', 'minutes') },
  { name: 'civil society reads the cluster suggestions', edit: (p) => void grant(p, 'recommendation').civilSociety.fields.push('similar') },
  { name: 'law enforcement with consent reads the approvals', edit: (p) => void p.routes.caseApprovals.read.push([{ role: ['investigator'] }, { consent: 'law_enforcement' }]) },
  { name: "an accepted receiver reads the managing organisation's approvals", edit: (p) => void (p.routes.caseApprovals.waitingIn = [[{ is: 'sameOrganisation' }], [{ shared: 'accepted' }]]) },
  { name: 'another organisation\'s case manager reads the approvals', edit: (p) => void p.routes.caseApprovals.waitingIn.push([{ is: 'assigned' }]) },
  { name: 'a supervisor loses the approvals', edit: (p) => void (p.routes.caseApprovals.read = p.routes.caseApprovals.read.filter((alternative) => !JSON.stringify(alternative).includes('supervisor'))) },
  { name: 'managing side loses the address', edit: (p) => void (grant(p, 'case').managing.fields = grant(p, 'case').managing.fields.filter((f) => f !== 'person.fields.address')) },
];

/** A deep copy of the real rules and policies with one mutant applied (the originals are untouched). */
export function mutated(edit: Edit): Policies {
  const copy = structuredClone({ rules: relationshipRules, policies: fieldPolicies, routes: realRouteRules }) as unknown as Parameters<Edit>[0];
  edit(copy);
  return copy as unknown as Policies;
}
