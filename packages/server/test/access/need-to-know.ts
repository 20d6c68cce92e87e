import fc from 'fast-check';
import { caseView, lawEnforcementOrganisationTypes, organisationTypes, personalTag, type OrganisationType, type Role } from '@palermo/contracts';
import type { z } from 'zod';
import type { FieldPolicy } from '../../src/platform/access/field-policy.js';
import { visibleFields } from '../../src/platform/access/field-policy.js';
import type { RelationshipRules } from '../../src/platform/access/relationships.js';
import { relationshipRules } from '../../src/platform/access/relationships.js';
import type { RecordFacts, ShareState, Subject } from '../../src/platform/access/rules.js';
import { fieldPolicies } from '../../src/modules/field-policies.js';

/**
 * The boundary space of need to know, defined ONCE: who asks (roles, organisation type) and how they stand to a record
 * (same organisation, assigned, the person's consent to law enforcement, jurisdiction, the state of a share with their
 * organisation and the fields it names). `scenarioArbitrary` draws from it for fast-check (the HTTP sample and the
 * mutation runs); `boundaryMatrix` enumerates all of it for the exhaustive sweeps in process.
 */
export const dimensions = {
  roles: [
    ['caseworker'],
    ['supervisor'],
    ['investigator'],
    ['decision_maker'],
    ['prosecutor'],
    ['organisation_admin'],
    ['national_admin'],
    ['national_coordinator'],
    ['national_rapporteur'],
    ['caseworker', 'supervisor'],
    ['investigator', 'supervisor'],
    ['court_clerk'],
    ['analyst'],
  ] as ReadonlyArray<readonly Role[]>,
  organisationType: organisationTypes as readonly OrganisationType[],
  sameOrganisation: [false, true],
  assigned: [false, true],
  lawEnforcementConsent: [false, true],
  inJurisdiction: [false, true],
  share: ['none', 'awaiting_acceptance', 'accepted', 'decision_request', 'ended'] as ReadonlyArray<'none' | ShareState>,
  sharedFields: [[], ['pseudonym', 'phone'], ['givenName', 'familyName', 'pseudonym', 'birthDate', 'identityNumber']] as ReadonlyArray<readonly string[]>,
  /** How the subject's organisation stands to an operation and its suspect: referred to it (a prosecution office), tried before it (a court). */
  prosecution: ['none', 'prosecution_referral', 'before_court'] as ReadonlyArray<ProsecutionStanding>,
} as const;
export type ProsecutionStanding = 'none' | 'prosecution_referral' | 'before_court';

export interface Scenario {
  readonly roles: readonly Role[];
  readonly organisationType: OrganisationType;
  readonly sameOrganisation: boolean;
  readonly assigned: boolean;
  readonly lawEnforcementConsent: boolean;
  readonly inJurisdiction: boolean;
  readonly share: 'none' | ShareState;
  readonly sharedFields: readonly string[];
  /** The prosecution records' standing (varied only where no case share is drawn: the two never interact). */
  readonly prosecution?: ProsecutionStanding;
}

/** The one generator: every scenario fast-check draws lies in the matrix, and the matrix is every scenario. */
export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  roles: fc.constantFrom(...dimensions.roles),
  organisationType: fc.constantFrom(...dimensions.organisationType),
  sameOrganisation: fc.constantFrom(...dimensions.sameOrganisation),
  assigned: fc.constantFrom(...dimensions.assigned),
  lawEnforcementConsent: fc.constantFrom(...dimensions.lawEnforcementConsent),
  inJurisdiction: fc.constantFrom(...dimensions.inJurisdiction),
  share: fc.constantFrom(...dimensions.share),
  sharedFields: fc.constantFrom(...dimensions.sharedFields),
  prosecution: fc.constantFrom(...dimensions.prosecution),
}).map((s) => (s.prosecution === 'none' ? s : { ...s, share: 'none' as const, sharedFields: [] }));

/** Every scenario of the boundary space (role x organisation type x relationship x consent x share state). */
export function* boundaryMatrix(): Generator<Scenario> {
  for (const roles of dimensions.roles)
    for (const organisationType of dimensions.organisationType)
      for (const sameOrganisation of dimensions.sameOrganisation)
        for (const assigned of dimensions.assigned)
          for (const lawEnforcementConsent of dimensions.lawEnforcementConsent)
            for (const inJurisdiction of dimensions.inJurisdiction)
              for (const share of dimensions.share)
                for (const sharedFields of share === 'none' ? [[]] : dimensions.sharedFields)
                  for (const prosecution of share === 'none' ? dimensions.prosecution : (['none'] as const))
                    yield { roles, organisationType, sameOrganisation, assigned, lawEnforcementConsent, inJurisdiction, share, sharedFields, prosecution };
}

export const SUBJECT = { userId: 'u-subject', organisationId: 'o-subject', jurisdiction: 'NORTH' } as const;

export function subjectOf(s: Scenario, ids: { userId: string; organisationId: string } = SUBJECT): Subject {
  return { userId: ids.userId, organisationId: ids.organisationId, organisationType: s.organisationType, jurisdictions: [SUBJECT.jurisdiction], roles: s.roles };
}

/** The record's facts for the case (and its records); `ids` names the subject and another organisation and user. */
export function caseFactsOf(
  s: Scenario,
  ids: { userId: string; organisationId: string; otherUserId: string; otherOrganisationId: string } = { ...SUBJECT, otherUserId: 'u-other', otherOrganisationId: 'o-other' },
): RecordFacts {
  const active = s.share !== 'none' && s.share !== 'ended';
  return {
    organisationId: s.sameOrganisation ? ids.organisationId : ids.otherOrganisationId,
    assigneeUserId: s.assigned ? ids.userId : ids.otherUserId,
    jurisdiction: s.inJurisdiction ? SUBJECT.jurisdiction : 'SOUTH',
    consentsGiven: s.lawEnforcementConsent ? ['law_enforcement'] : [],
    sharedWith: active ? [ids.organisationId] : [],
    shares: s.share === 'none' ? [] : [{ organisationId: ids.organisationId, state: s.share, fields: s.sharedFields }],
  };
}

/** The person record's facts: the person route knows no shares (a case's shares are read on the case). */
export const personFactsOf = (s: Scenario, ids?: Parameters<typeof caseFactsOf>[1]): RecordFacts => ({ ...caseFactsOf(s, ids), sharedWith: [], shares: [] });

/**
 * An operation's and its suspect's facts: recorded by the subject's organisation when `sameOrganisation`, referred to
 * it or tried before it as `prosecution` says. Case facts (consent, shares, assignment) do not reach these records.
 */
export function prosecutionFactsOf(s: Scenario, ids: { organisationId: string; otherOrganisationId: string } = { ...SUBJECT, otherOrganisationId: 'o-other' }): RecordFacts {
  const standing = s.prosecution ?? 'none';
  return {
    organisationId: s.sameOrganisation ? ids.organisationId : ids.otherOrganisationId,
    assigneeUserId: null,
    jurisdiction: null,
    consentsGiven: [],
    shares: standing === 'none' ? [] : [{ organisationId: ids.organisationId, state: standing, fields: [] }],
  };
}

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

export interface Policies {
  readonly rules: RelationshipRules;
  readonly policies: Readonly<Record<string, FieldPolicy>>;
}
export const realPolicies: Policies = { rules: relationshipRules, policies: fieldPolicies };

export interface Visible {
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
  };
}

const has = (roles: readonly Role[], ...any: Role[]) => any.some((r) => roles.includes(r));
const personFieldsIn = (visible: ReadonlySet<string>) => [...visible].filter((f) => f.startsWith('person.fields.')).map((f) => f.slice('person.fields.'.length));
const subsetOf = (items: readonly string[], allowed: readonly string[]) => items.every((i) => allowed.includes(i));

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
 * The prosecution pipeline's promises: the recording agency and the prosecution office an investigation was referred
 * to see operations and suspects whole; the court a suspect is tried before sees the pseudonym and the proceedings,
 * never the identity; an analyst sees operations and suspects' pseudonyms and roles, never an identity nor the
 * proceedings; nobody else (caseworkers, coordinator, rapporteur, other agencies and offices) sees any of it.
 */
function brokenProsecutionPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const fail = (promise: string) => broken.push(promise);
  const lawEnforcementOrg = (lawEnforcementOrganisationTypes as readonly string[]).includes(s.organisationType);
  const agency = has(s.roles, 'investigator') && lawEnforcementOrg && s.sameOrganisation;
  // A share of these kinds is only ever made with a prosecution office or a court (the service checks the type).
  const office = has(s.roles, 'prosecutor') && s.prosecution === 'prosecution_referral';
  const court = has(s.roles, 'court_clerk') && s.prosecution === 'before_court';
  const analyst = has(s.roles, 'analyst');
  const { prosecutionOperation: operation, prosecutionSuspect: suspect } = v;
  if (!agency && !office && !court && !analyst && (operation.size > 0 || suspect.size > 0)) fail('operations and suspects: only the recording agency, the prosecution office referred to, the court of trial and analysts');
  if ((agency || office) && (operation.size !== all.prosecutionOperation.size || suspect.size !== all.prosecutionSuspect.size)) fail('the recording agency and the prosecution office see the operation and the suspect whole');
  if (suspect.has('identity') && !agency && !office) fail("a suspect's identity: the recording agency and the prosecution office only");
  if (suspect.has('steps') && !agency && !office && !court) fail('the proceedings: the recording agency, the prosecution office and the court of trial');
  if (court && !(suspect.has('pseudonym') && suspect.has('steps'))) fail('the court of trial records outcomes against the pseudonym');
  if (analyst && !(operation.size === all.prosecutionOperation.size && suspect.has('pseudonym') && suspect.has('roles'))) fail("an analyst sees operations and suspects' pseudonyms and roles");
  if (!agency && !office && !analyst && !subsetOf([...operation], ['id', 'reference', 'formsOfExploitation'])) fail('the court of trial sees which operation, nothing more of it');
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
};

/** The need-to-know property over the shared generator, for given (real or mutated) policies. */
export const needToKnowProperty = (p: Policies) =>
  fc.property(scenarioArbitrary, (s) => {
    const broken = brokenPromises(s, visibleIn(p, s), everything);
    if (broken.length > 0) throw new Error(`${broken.join('; ')} -- ${JSON.stringify(s)}`);
  });

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
type Edit = (p: Mutable<{ rules: RelationshipRules; policies: Record<string, FieldPolicy> }>) => void;

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
  { name: 'caseworkers read operations', edit: (p) => void (p.rules.analyst = [[{ role: ['analyst', 'caseworker'] }]]) },
  { name: 'court clerk reads the identity', edit: (p) => void grant(p, 'prosecutionSuspect').courtOfTrial.fields.push('identity') },
  { name: 'court clerk of any court', edit: (p) => void (p.rules.courtOfTrial = [[{ role: ['court_clerk'] }]]) },
  { name: 'prosecutor without a referral', edit: (p) => void (p.rules.prosecutionOffice = [[{ role: ['prosecutor'] }]]) },
  { name: 'recording agency across agencies', edit: (p) => void (p.rules.recordingAgency = [[{ role: ['investigator'] }]]) },
  { name: 'recording agency loses the funnel', edit: (p) => void (grant(p, 'prosecutionSuspect').recordingAgency.fields = grant(p, 'prosecutionSuspect').recordingAgency.fields.filter((f) => f !== 'steps')) },
  { name: 'managing side loses the address', edit: (p) => void (grant(p, 'case').managing.fields = grant(p, 'case').managing.fields.filter((f) => f !== 'person.fields.address')) },
];

/** A deep copy of the real rules and policies with one mutant applied (the originals are untouched). */
export function mutated(edit: Edit): Policies {
  const copy = structuredClone({ rules: relationshipRules, policies: fieldPolicies }) as unknown as Parameters<Edit>[0];
  edit(copy);
  return copy as unknown as Policies;
}
