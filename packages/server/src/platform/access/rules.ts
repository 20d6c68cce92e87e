import type { ConsentPurpose, OrganisationType, Role } from '@palermo/contracts';

/**
 * Authorisation as data. A rule is a list of alternatives; an alternative is a list of conditions that must all
 * hold. Deny is the default: an empty rule allows no one.
 *
 *   'person.read': [
 *     [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
 *     [{ role: ['investigator'] }, { consent: 'law_enforcement' }, { is: 'inJurisdiction' }],
 *   ]
 */
export type Condition =
  /** The user holds one of these roles. */
  | { readonly role: readonly Role[] }
  /** The user's organisation is of one of these types. */
  | { readonly organisationType: readonly OrganisationType[] }
  /** The record belongs to the user's organisation. */
  | { readonly is: 'sameOrganisation' }
  /** The user is assigned to the record (its case manager). */
  | { readonly is: 'assigned' }
  /** The record lies in one of the jurisdictions of the user's organisation. */
  | { readonly is: 'inJurisdiction' }
  /** The record was shared with the user's organisation (a referral, a request for a decision) and not revoked. */
  | { readonly is: 'sharedWithOrganisation' }
  /** The person the record is about has consent given, at this moment, for this purpose. */
  | { readonly consent: ConsentPurpose }
  /** The record is shared with the user's organisation by a share in this state (see ShareState). */
  | { readonly shared: ShareState };

/**
 * Where a share of a record with another organisation stands, as the field policy reads it:
 * - `awaiting_acceptance`: a referral (or an offer of case management) sent and not yet accepted, share in force;
 * - `accepted`: a referral the receiving organisation accepted, share in force;
 * - `decision_request`: the record was sent to a competent authority for a decision on victim status, share in force;
 * - `ended`: the share was revoked (declined, withdrawn, completed, handed over, consent withdrawn): it grants nothing
 *   on the record, and the receiver keeps only its inbox entry.
 * - `prosecution_referral`: an investigation (its operation, its suspects) was referred to the organisation, a
 *   prosecution office.
 * - `before_court`: a suspect was prosecuted before the organisation, a court (and, in part, the suspect's operation).
 */
export const shareStates = ['awaiting_acceptance', 'accepted', 'decision_request', 'ended', 'prosecution_referral', 'before_court'] as const;
export type ShareState = (typeof shareStates)[number];

/** One share of a record with an organisation: its state and the person fields it names. */
export interface ShareFact {
  readonly organisationId: string;
  readonly state: ShareState;
  readonly fields: readonly string[];
}

export type Alternative = readonly Condition[];
export type Rule = readonly Alternative[];

/** The user asking, as the rules see them. */
export interface Subject {
  readonly userId: string;
  readonly organisationId: string;
  readonly organisationType: OrganisationType;
  readonly jurisdictions: readonly string[];
  readonly roles: readonly Role[];
}

/** The facts about one record that record-level conditions read. */
export interface RecordFacts {
  readonly organisationId: string | null;
  readonly assigneeUserId: string | null;
  readonly jurisdiction: string | null;
  readonly consentsGiven: readonly ConsentPurpose[];
  /** Organisations the record is currently shared with. */
  readonly sharedWith?: readonly string[];
  /** The record's shares, with their state and fields (read by `shared` conditions and by the field policy). */
  readonly shares?: readonly ShareFact[];
}

/** Conditions that depend on the user only. */
export function holdsForSubject(condition: Condition, subject: Subject): boolean | 'record' {
  if ('role' in condition) return condition.role.some((r) => subject.roles.includes(r));
  if ('organisationType' in condition) return condition.organisationType.includes(subject.organisationType);
  return 'record';
}

export function conditionHolds(condition: Condition, subject: Subject, record: RecordFacts | undefined): boolean {
  if ('role' in condition || 'organisationType' in condition) return holdsForSubject(condition, subject) === true;
  if (!record) return false;
  if ('consent' in condition) return record.consentsGiven.includes(condition.consent);
  if ('shared' in condition) return (record.shares ?? []).some((s) => s.organisationId === subject.organisationId && s.state === condition.shared);
  switch (condition.is) {
    case 'sameOrganisation':
      return record.organisationId === subject.organisationId;
    case 'assigned':
      return record.assigneeUserId === subject.userId;
    case 'inJurisdiction':
      return record.jurisdiction !== null && subject.jurisdictions.includes(record.jurisdiction);
    case 'sharedWithOrganisation':
      return (record.sharedWith ?? []).includes(subject.organisationId);
  }
}

/** The one evaluator: may this user do this to this record (or, without a record, at all)? */
export function allows(rule: Rule, subject: Subject, record?: RecordFacts): boolean {
  return rule.some((alternative) => alternative.every((c) => conditionHolds(c, subject, record)));
}

/** Could any record satisfy the rule for this user? (Role and organisation-type conditions decide.) */
export function mayEverAllow(rule: Rule, subject: Subject): boolean {
  return rule.some((alternative) => alternative.every((c) => holdsForSubject(c, subject) !== false));
}
