import fc from 'fast-check';
import { caseApproval, caseView, lawEnforcementOrganisationTypes, personalTag } from '@palermo/contracts';
import type { z } from 'zod';
import type { FieldPolicy } from '../../src/platform/access/field-policy.js';
import { visibleFields } from '../../src/platform/access/field-policy.js';
import type { RelationshipRules } from '../../src/platform/access/relationships.js';
import { relationshipRules } from '../../src/platform/access/relationships.js';
import type { Rule } from '../../src/platform/access/rules.js';
import { allows } from '../../src/platform/access/rules.js';
import { fieldPolicies } from '../../src/modules/field-policies.js';
import { caseRecordRules } from '../../src/modules/case-record/case-record.policy.js';
import { caseFactsOf, has, personFactsOf, prosecutionFactsOf, scenarioArbitrary, subjectOf, subsetOf, victimFactsOf, type Scenario } from './need-to-know.scenarios.js';
import { brokenDeterminantPromises } from './need-to-know.determinants.js';
import { brokenCoordinationPromises, type CoordinationVisible } from './need-to-know.coordination.js';
import { brokenCaseBriefPromises, brokenNetworkPromises, brokenProsecutionPromises, brokenVictimWitnessPromises } from './need-to-know.prosecution.js';

/**
 * Need to know, as a property: what the policies (real or mutated) show each scenario's subject of each record kind
 * (`visibleIn`), and the promises that must hold of it whatever the policy data says (`brokenPromises`). The scenarios
 * are need-to-know.scenarios.ts's, the prosecution's promises need-to-know.prosecution.ts's, the seeded rule bugs
 * need-to-know.mutants.ts's.
 */
export * from './need-to-know.scenarios.js';

/** The personal fields of the case view, read from the contract's tags (not from the policy). */
export function personalPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const tagged = (schema.meta() as Record<string, unknown> | undefined)?.[personalTag] === true;
  if (tagged) return [prefix];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return personalPaths(def.innerType as z.ZodType, prefix);
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, inner]) => personalPaths(inner, prefix ? `${prefix}.${key}` : key));
    default:
      return [];
  }
}

const personalCasePaths = new Set(personalPaths(caseView));
const isPersonalCasePath = (path: string) => [...personalCasePaths].some((p) => path === p || path.startsWith(`${p}.`));

/**
 * Reads that no field policy presents, as their routes decide them: a case's approvals (GET /api/cases/:id/approvals)
 * are answered to whom the case record's read rule admits, and list the approvals waiting in, or answered by, the
 * reader's own organisation (supervision.approvals.ts: `a.organisation_id` is the reader's). The approvals of the
 * scenario's case are its organisation's (asked for by its caseworkers).
 */
export interface RouteRules {
  readonly caseApprovals: { readonly read: Rule; readonly waitingIn: Rule };
}
export const realRouteRules: RouteRules = { caseApprovals: { read: caseRecordRules.read, waitingIn: [[{ is: 'sameOrganisation' }]] } };

export interface Policies {
  readonly rules: RelationshipRules;
  readonly policies: Readonly<Record<string, FieldPolicy>>;
  readonly routes: RouteRules;
}
export const realPolicies: Policies = { rules: relationshipRules, policies: fieldPolicies, routes: realRouteRules };

export interface Visible extends CoordinationVisible {
  readonly case: Set<string>;
  readonly person: Set<string>;
  readonly referral: Set<string>;
  readonly caseRecord: Set<string>;
  readonly assistancePlan: Set<string>;
  readonly document: Set<string>;
  readonly personProfile: Set<string>;
  readonly caseIntake: Set<string>;
  readonly caseScreenings: Set<string>;
  readonly accountStatement: Set<string>;
  readonly accountSituation: Set<string>;
  readonly accountExploiter: Set<string>;
  readonly prosecutionOperation: Set<string>;
  readonly prosecutionSuspect: Set<string>;
  readonly victimWitness: Set<string>;
  /** An entity (company, vehicle, phone, address, account) and a link of an operation's network. */
  readonly prosecutionEntity: Set<string>;
  readonly prosecutionLink: Set<string>;
  readonly recommendation: Set<string>;
  readonly prosecutionCaseBrief: Set<string>;
  readonly determinantAssessment: Set<string>;
  /** What GET /api/cases/:id/approvals shows of the case's approvals (all of each approval, or none of them). */
  readonly caseApprovals: Set<string>;
}

const policyOf = (p: Policies, kind: string): FieldPolicy => {
  const policy = p.policies[kind];
  if (!policy) throw new Error(`no field policy for ${kind}`);
  return policy;
};

/** What the policies (real or mutated) show this scenario's subject of each record kind. */
export function visibleIn(p: Policies, s: Scenario): Visible {
  const subject = subjectOf(s);
  const facts = caseFactsOf(s);
  return {
    case: visibleFields(policyOf(p, 'case'), subject, facts, p.rules),
    person: visibleFields(policyOf(p, 'person'), subject, personFactsOf(s), p.rules),
    referral: visibleFields(policyOf(p, 'referral'), subject, facts, p.rules),
    caseRecord: visibleFields(policyOf(p, 'caseRecord'), subject, facts, p.rules),
    assistancePlan: visibleFields(policyOf(p, 'assistancePlan'), subject, facts, p.rules),
    document: visibleFields(policyOf(p, 'document'), subject, facts, p.rules),
    personProfile: visibleFields(policyOf(p, 'personProfile'), subject, facts, p.rules),
    caseIntake: visibleFields(policyOf(p, 'caseIntake'), subject, facts, p.rules),
    caseScreenings: visibleFields(policyOf(p, 'caseScreenings'), subject, facts, p.rules),
    accountStatement: visibleFields(policyOf(p, 'accountStatement'), subject, facts, p.rules),
    accountSituation: visibleFields(policyOf(p, 'accountSituation'), subject, facts, p.rules),
    accountExploiter: visibleFields(policyOf(p, 'accountExploiter'), subject, facts, p.rules),
    prosecutionOperation: visibleFields(policyOf(p, 'prosecutionOperation'), subject, prosecutionFactsOf(s), p.rules),
    prosecutionSuspect: visibleFields(policyOf(p, 'prosecutionSuspect'), subject, prosecutionFactsOf(s), p.rules),
    victimWitness: visibleFields(policyOf(p, 'victimWitness'), subject, victimFactsOf(s), p.rules),
    prosecutionEntity: visibleFields(policyOf(p, 'prosecutionEntity'), subject, prosecutionFactsOf(s), p.rules),
    prosecutionLink: visibleFields(policyOf(p, 'prosecutionLink'), subject, prosecutionFactsOf(s), p.rules),
    recommendation: visibleFields(policyOf(p, 'recommendation'), subject, facts, p.rules),
    prosecutionCaseBrief: visibleFields(policyOf(p, 'prosecutionCaseBrief'), subject, prosecutionFactsOf(s), p.rules),
    determinantAssessment: visibleFields(policyOf(p, 'determinantAssessment'), subject, facts, p.rules),
    coordinationBody: visibleFields(policyOf(p, 'coordinationBody'), subject, facts, p.rules),
    coordinationMeeting: visibleFields(policyOf(p, 'coordinationMeeting'), subject, facts, p.rules),
    coordinationAction: visibleFields(policyOf(p, 'coordinationAction'), subject, facts, p.rules),
    coordinationTraining: visibleFields(policyOf(p, 'coordinationTraining'), subject, facts, p.rules),
    caseApprovals: allows(p.routes.caseApprovals.read, subject, facts) && allows(p.routes.caseApprovals.waitingIn, subject, facts) ? new Set(approvalFields) : new Set(),
  };
}

const approvalFields = Object.keys(caseApproval.shape);

const personFieldsIn = (visible: ReadonlySet<string>) => [...visible].filter((f) => f.startsWith('person.fields.')).map((f) => f.slice('person.fields.'.length));

/**
 * The promises of need to know, stated in the domain's terms and independently of the policy data (so that a rule
 * edit in the policy breaks one): what each relationship must, and must not, see. Returns the broken promises.
 */
export function brokenPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const fail = (promise: string) => broken.push(promise);
  const lawEnforcementOrg = (lawEnforcementOrganisationTypes as readonly string[]).includes(s.organisationType);
  const holds = s.sameOrganisation && (has(s.roles, 'caseworker', 'supervisor') || (has(s.roles, 'investigator') && lawEnforcementOrg));
  const fullSide = holds || (s.assigned && has(s.roles, 'caseworker'));
  const lawEnforcement = has(s.roles, 'investigator') && s.lawEnforcementConsent && s.inJurisdiction;
  const shareStaff = has(s.roles, 'caseworker', 'supervisor', 'decision_maker');
  const pending = shareStaff && s.share === 'awaiting_acceptance';
  const accepted = shareStaff && s.share === 'accepted';
  const authority = shareStaff && s.share === 'decision_request';
  const caseFields = personFieldsIn(v.case);
  const casePersonal = [...v.case].filter(isPersonalCasePath).filter((f) => f !== 'timeline');
  broken.push(...brokenProsecutionPromises(s, v, all));
  broken.push(...brokenVictimWitnessPromises(s, v, all));
  broken.push(...brokenNetworkPromises(s, v, all));
  broken.push(...brokenRecommendationPromises(s, v, all));
  broken.push(...brokenCaseBriefPromises(s, v, all));
  broken.push(...brokenDeterminantPromises(s, v, all));
  broken.push(...brokenCoordinationPromises(s, v, all));
  broken.push(...brokenApprovalPromises(s, v, all));

  if (fullSide) {
    for (const kind of ['case', 'person', 'caseRecord', 'assistancePlan', 'document', 'personProfile', 'caseIntake', 'caseScreenings', 'accountStatement', 'accountSituation', 'accountExploiter'] as const) {
      if (v[kind].size !== all[kind].size) fail(`the managing side and the case manager see the whole ${kind}`);
    }
    return broken;
  }
  // An organisation that accepted a service referral works the case with the managing side: it reads the case record
  // and the plan whole (what it may add is the routes'); before accepting, after declining or once the share ends, nothing.
  const receiverWorks = accepted;
  if ((v.caseRecord.size > 0 || v.assistancePlan.size > 0) && !receiverWorks) fail('only the managing side, the case manager and an accepted receiver see the case record');
  if (receiverWorks && (v.caseRecord.size !== all.caseRecord.size || v.assistancePlan.size !== all.assistancePlan.size)) fail('an accepted receiver works the case: it reads the case record and the plan');
  if (v.document.size > 0 && !authority) fail('documents: only the managing side, the case manager and a competent authority deciding (those marked for the decision)');
  if (authority && v.document.size !== all.document.size) fail('a competent authority sees the documents marked for the decision whole');
  // The decision file: the screenings and the intake go to the managing side and a competent authority deciding only;
  // the referral form's facts also, in part, to an accepted receiver (communication) and law enforcement (police report).
  if ((v.caseScreenings.size > 0 || v.caseIntake.size > 0) && !authority) fail('screenings and intake: only the managing side and a competent authority deciding');
  if (authority && (v.caseScreenings.size !== all.caseScreenings.size || !v.caseIntake.has('notes'))) fail('a competent authority deciding reads the screenings and the intake notes');
  if (authority && !['policeReport', 'communication', 'identityDocuments', 'ageAssessment', 'safeContact', 'decisionRecipient', 'background'].every((f) => v.personProfile.has(f))) {
    fail('a competent authority deciding reads every section of the referral form');
  }
  if (!authority) {
    const allowed = ['caseId', 'history', ...(accepted ? ['communication'] : []), ...(lawEnforcement ? ['policeReport'] : [])];
    if (!subsetOf([...v.personProfile], allowed)) fail('referral form: an accepted receiver the communication needs, law enforcement with consent the police report, nobody else outside the managing side');
    if (!accepted && !lawEnforcement && v.personProfile.size > 0) fail('referral form: nothing to a receiver before acceptance, a former receiver or the coordinator');
  }
  // The person's account: those who assist her, a competent authority deciding, law enforcement with her consent.
  if ((v.accountStatement.size > 0 || v.accountSituation.size > 0 || v.accountExploiter.size > 0) && !authority && !lawEnforcement) {
    fail("her account: only the managing side, a competent authority deciding and law enforcement with her consent");
  }
  if (authority && (v.accountSituation.size !== all.accountSituation.size || !v.accountStatement.has('personAccount') || !v.accountStatement.has('responderReasons'))) {
    fail("a competent authority deciding reads the whole account and the first responder's reasons");
  }
  if (!lawEnforcement && ['pseudonym', 'identity', 'whereabouts', 'whereaboutsCountry', 'otherVictims', 'suspectLinkId', 'history'].some((f) => v.accountExploiter.has(f))) {
    fail('who exploited her and where they are: outside the managing side, law enforcement with her consent only');
  }
  if (lawEnforcement && !authority && v.accountStatement.has('responderReasons')) fail("the first responder's reasons are written for the decision, not for law enforcement");
  if (!lawEnforcement && !pending && !accepted && !authority) {
    if (v.case.size > 0) fail('no relationship, nothing of the case (coordinator, ended share, reassigned, no consent, outside jurisdiction)');
    if (v.person.size > 0) fail('no relationship, nothing of the person');
  }
  for (const forbidden of ['consents', 'measures', 'closureReason', 'caseManagerUserId', 'displayName']) {
    if (v.case.has(forbidden)) fail(`only the managing side sees ${forbidden}`);
  }
  const lawFields = lawEnforcement ? ['givenName', 'familyName', 'birthDate'] : [];
  const sharedFields = pending || accepted ? [...s.sharedFields] : [];
  const authorityFields = authority ? s.sharedFields.filter((f) => ['givenName', 'familyName', 'pseudonym', 'birthDate'].includes(f)) : [];
  if (!subsetOf(caseFields, [...lawFields, ...sharedFields, ...authorityFields])) fail('person fields beyond the relationship (law enforcement: names and birth date; a share: its fields)');
  if (!subsetOf([...v.person], ['id', 'reference', ...lawFields])) fail('the person record shows law enforcement names and birth date only, and no one else outside the managing side');
  if (pending && !lawEnforcement && !authority && !accepted) {
    const expected = s.sharedFields.map((f) => `person.fields.${f}`).sort();
    if (JSON.stringify([...casePersonal].sort()) !== JSON.stringify(expected)) fail('a receiver before acceptance sees exactly the fields shared, and nothing else personal');
  }
  if (accepted && !lawEnforcement && !authority) {
    if (!subsetOf(s.sharedFields, caseFields)) fail('an accepted receiver sees the fields shared');
    if (!subsetOf(casePersonal, [...s.sharedFields.map((f) => `person.fields.${f}`), 'person.isChild', 'person.gender'])) fail('an accepted receiver sees the shared fields, child and gender, nothing else personal');
  }
  if (lawEnforcement && !pending && !accepted && !authority) {
    if (!subsetOf(casePersonal, ['person.fields.givenName', 'person.fields.familyName', 'person.fields.birthDate', 'formsOfExploitation', 'traffickingStatus'])) {
      fail('law enforcement sees names, birth date, forms of exploitation and status only');
    }
  }
  if (authority && !lawEnforcement && !pending && !accepted) {
    if (!subsetOf(caseFields, authorityFields)) fail('a competent authority sees the decision fields its share names');
  }
  if (has(s.roles, 'national_coordinator') && s.roles.length === 1 && (v.case.size > 0 || v.person.size > 0 || v.referral.has('message'))) fail('the coordinator sees nothing personal');
  return broken;
}
/**
 * A case's approvals (a plan or a closure waiting for a supervisor, approved or returned with a reason): the case's
 * organisation's caseworkers and supervisors see them whole; not a case manager of another organisation, not a
 * receiving organisation, not a competent authority, not law enforcement (even with her consent, even when its
 * organisation holds the case at intake), not the coordinator, nobody else.
 */
function brokenApprovalPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const ownStaff = s.sameOrganisation && has(s.roles, 'caseworker', 'supervisor');
  if (v.caseApprovals.size > 0 && !ownStaff) broken.push("a case's approvals: only its organisation's caseworkers and supervisors");
  if (ownStaff && v.caseApprovals.size !== all.caseApprovals.size) broken.push("the case's organisation's caseworkers and supervisors see its approvals whole");
  if (all.caseApprovals.size === 0) broken.push('an approval shows fields');
  return broken;
}

/**
 * A recommendation of a monitoring body names no one: the rapporteur and the coordinator see all of it; civil society
 * all but the cluster suggestions; no one else anything of it.
 */
function brokenRecommendationPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const whole = has(s.roles, 'national_rapporteur', 'national_coordinator');
  const civil = has(s.roles, 'civil_society');
  const seen = [...v.recommendation];
  if (whole && seen.length !== all.recommendation.size) broken.push('the rapporteur and the coordinator see the whole recommendation');
  if (civil && !whole && (v.recommendation.has('similar') || !['text', 'status', 'response', 'history'].every((f) => v.recommendation.has(f)))) broken.push('civil society reads a recommendation, its response, status and history, not the suggestions');
  if (!whole && !civil && seen.length > 0) broken.push('no one else sees recommendations');
  return broken;
}

export const everything: Visible = {
  case: new Set(fieldPolicies.case?.fields),
  person: new Set(fieldPolicies.person?.fields),
  referral: new Set(fieldPolicies.referral?.fields),
  caseRecord: new Set(fieldPolicies.caseRecord?.fields),
  assistancePlan: new Set(fieldPolicies.assistancePlan?.fields),
  document: new Set(fieldPolicies.document?.fields),
  personProfile: new Set(fieldPolicies.personProfile?.fields),
  caseIntake: new Set(fieldPolicies.caseIntake?.fields),
  caseScreenings: new Set(fieldPolicies.caseScreenings?.fields),
  accountStatement: new Set(fieldPolicies.accountStatement?.fields),
  accountSituation: new Set(fieldPolicies.accountSituation?.fields),
  accountExploiter: new Set(fieldPolicies.accountExploiter?.fields),
  prosecutionOperation: new Set(fieldPolicies.prosecutionOperation?.fields),
  prosecutionSuspect: new Set(fieldPolicies.prosecutionSuspect?.fields),
  victimWitness: new Set(fieldPolicies.victimWitness?.fields),
  prosecutionEntity: new Set(fieldPolicies.prosecutionEntity?.fields),
  prosecutionLink: new Set(fieldPolicies.prosecutionLink?.fields),
  recommendation: new Set(fieldPolicies.recommendation?.fields),
  prosecutionCaseBrief: new Set(fieldPolicies.prosecutionCaseBrief?.fields),
  determinantAssessment: new Set(fieldPolicies.determinantAssessment?.fields),
  coordinationBody: new Set(fieldPolicies.coordinationBody?.fields),
  coordinationMeeting: new Set(fieldPolicies.coordinationMeeting?.fields),
  coordinationAction: new Set(fieldPolicies.coordinationAction?.fields),
  coordinationTraining: new Set(fieldPolicies.coordinationTraining?.fields),
  caseApprovals: new Set(approvalFields),
};

/** The need-to-know property over the shared generator, for given (real or mutated) policies. */
export const needToKnowProperty = (p: Policies) =>
  fc.property(scenarioArbitrary, (s) => {
    const broken = brokenPromises(s, visibleIn(p, s), everything);
    if (broken.length > 0) throw new Error(`${broken.join('; ')} -- ${JSON.stringify(s)}`);
  });

