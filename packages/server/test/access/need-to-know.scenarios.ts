import fc from 'fast-check';
import { organisationTypes, type OrganisationType, type Role } from '@palermo/contracts';
import type { RecordFacts, ShareState, Subject } from '../../src/platform/access/rules.js';

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
    ['civil_society'],
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

/**
 * A victim's link to proceedings: her case held by the subject's organisation when `sameOrganisation` (assigned as the
 * case), her consent to law enforcement as drawn; the investigation recorded by the subject's organisation when
 * `sameOrganisation` (as operations are) and referred to it as `prosecution` says.
 */
export function victimFactsOf(s: Scenario, ids: { userId: string; organisationId: string; otherUserId: string; otherOrganisationId: string } = { ...SUBJECT, otherUserId: 'u-other', otherOrganisationId: 'o-other' }): RecordFacts {
  const prosecution = prosecutionFactsOf(s, ids);
  return { ...caseFactsOf(s, ids), jurisdiction: null, sharedWith: [prosecution.organisationId ?? ''], shares: prosecution.shares ?? [] };
}

/** Whether the scenario's roles include any of these. */
export const has = (roles: readonly Role[], ...any: Role[]) => any.some((r) => roles.includes(r));
/** Every item is one of `allowed`. */
export const subsetOf = (items: readonly string[], allowed: readonly string[]) => items.every((i) => allowed.includes(i));
