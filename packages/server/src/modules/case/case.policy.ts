import { lawEnforcementOrganisationTypes } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/**
 * Front-line intake outside assistance: investigators of law enforcement, border guards and labour inspectors report a
 * suspicion and screen the person like any front-line organisation. Their organisation holds the case only while it
 * is at intake, that is while it is still the case's managing organisation: they see what they recorded, screen,
 * record the person's consent, ask the competent authority for a decision, refer the person to assistance and hand
 * case management over to an assistance organisation (a case transfer). They never write or read the case record
 * (needs, plan, notes): that is case management, which lies with assistance organisations only. Once the transfer is
 * accepted the case leaves them: from then on they see it only as law enforcement does (with the person's consent to
 * sharing with law enforcement, in their jurisdiction); what stays with them is the referral in their outbox.
 */
export const intakeHolder = [
  { role: ['investigator'] },
  { organisationType: lawEnforcementOrganisationTypes },
  { is: 'sameOrganisation' },
] as const satisfies Rule[number];

/**
 * Need to know, as data. The managing organisation's caseworkers and supervisors see its cases; a case manager sees
 * the cases assigned to them; an organisation a case was shared with (a referral, a request for a decision) sees what
 * was shared; law enforcement sees a case only with the person's consent to sharing with law enforcement, in its
 * jurisdiction. The national rapporteur and coordinator see no case at all: statistics are de-identified.
 * Which fields each of them then sees is the field policy's (case.fields.ts, relationships in platform/access).
 */
export const caseRules = {
  /** Any front-line organisation records a suspicion: assistance organisations, health, hotlines, and investigators. */
  open: [[{ role: ['caseworker', 'supervisor'] }], [{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }]],
  read: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
    [{ role: ['caseworker', 'supervisor', 'decision_maker'] }, { is: 'sharedWithOrganisation' }],
    [{ role: ['investigator'] }, { consent: 'law_enforcement' }, { is: 'inJurisdiction' }],
    intakeHolder,
  ],
  /** Act on the case as the organisation holding it: assistance organisations, or a law-enforcement intake. */
  manage: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
    intakeHolder,
  ],
  /** Case management proper (the case record: needs, plan, services, follow-ups, notes): assistance organisations only. */
  assist: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
  ],
  /** Victim status is decided only in a competent authority, on a case referred to it. */
  decide: [[{ role: ['decision_maker'] }, { organisationType: ['competent_authority'] }, { is: 'sharedWithOrganisation' }]],
} as const satisfies Record<string, Rule>;

/** Who sees the whole timeline and the case's consents and measures: the managing side, including an intake holder. */
export const fullRecordRule = caseRules.manage;

/**
 * What law enforcement reading a case with the person's consent sees of the timeline, beyond its own organisation's
 * actions: the suspicion reported, the case handed over to an assistance organisation and which one took it, the
 * request for a decision and the status decisions (the status itself is in its field policy). Not the services, the
 * shelter that took the person in, the case record, consents or notes.
 */
export const lawEnforcementTimeline = {
  actions: ['case.opened', 'referral.transfer_offered', 'referral.transfer_accepted', 'case.decision_requested'],
  /** Every decision on victim status (`decision.<kind>`). */
  decisions: 'decision.',
} as const;
