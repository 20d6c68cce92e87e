import type { Rule } from '../../platform/access/rules.js';

/**
 * Need to know, as data. The managing organisation's caseworkers and supervisors see its cases; a case manager sees
 * the cases assigned to them; an organisation a case was shared with (a referral, a request for a decision) sees what
 * was shared; law enforcement sees a case only with the person's consent to sharing with law enforcement, in its
 * jurisdiction. The national rapporteur and coordinator see no case at all: statistics are de-identified.
 */
export const caseRules = {
  open: [[{ role: ['caseworker', 'supervisor'] }]],
  read: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
    [{ role: ['caseworker', 'supervisor', 'decision_maker'] }, { is: 'sharedWithOrganisation' }],
    [{ role: ['investigator'] }, { consent: 'law_enforcement' }, { is: 'inJurisdiction' }],
  ],
  manage: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
  ],
  /** Victim status is decided only in a competent authority, on a case referred to it. */
  decide: [[{ role: ['decision_maker'] }, { organisationType: ['competent_authority'] }, { is: 'sharedWithOrganisation' }]],
} as const satisfies Record<string, Rule>;

/** Who sees the whole record (all person fields and the whole timeline): the managing side. */
export const fullRecordRule = caseRules.manage;

/** What law enforcement sees of a person it may see at all. */
export const lawEnforcementFields = ['givenName', 'familyName', 'birthDate'] as const;

/** What a competent authority receives with a request for a decision. */
export const decisionRequestFields = ['givenName', 'familyName', 'pseudonym', 'birthDate'] as const;
