import {
  bestInterestsOutcomes,
  compensationRoutes,
  compensationStatuses,
  followUpMilestones,
  followUpOutcomes,
  goalStatuses,
  guardianTypes,
  needDomains,
  nonPunishmentOutcomes,
  offenceCategories,
  proceedingsStatuses,
  residenceStatuses,
  returnDecisions,
  riskAreas,
  riskLevels,
  serviceTypes,
  type CaseRecordKind,
} from '@palermo/contracts';
import type en from '../../i18n/locales/en.json';

/**
 * The record kinds this screen can add, as data: each kind's fields (in the contract's `data` object), how each is
 * entered, and which vocabulary translates its values. The same table describes stored records for reading.
 */

/** Translated vocabularies (top-level keys of the locale files). */
export type Vocab =
  | 'services'
  | 'goalStatuses'
  | 'serviceTypes'
  | 'followUpMilestones'
  | 'followUpOutcomes'
  | 'riskLevels'
  | 'riskAreas'
  | 'residenceStatuses'
  | 'offenceCategories'
  | 'proceedingsStatuses'
  | 'nonPunishmentOutcomes'
  | 'compensationRoutes'
  | 'compensationStatuses'
  | 'bestInterestsOutcomes'
  | 'guardianTypes'
  | 'returnDecisions'
  | 'wellbeingDomains';

export type FieldLabel = keyof (typeof en)['recordFields'];

interface Base {
  /** The key in `data`. */
  name: string;
  label: FieldLabel;
  optional?: boolean;
  hint?: FieldLabel;
}

export type FieldSpec =
  | (Base & { type: 'choice'; vocab: Vocab; options: readonly string[] })
  | (Base & { type: 'choices'; vocab: Vocab; options: readonly string[] })
  | (Base & { type: 'date' })
  | (Base & { type: 'flag' })
  | (Base & { type: 'text' })
  /** An active organisation (the provider of a service). */
  | (Base & { type: 'organisation' })
  /** One of the case's assistance goals. */
  | (Base & { type: 'goal' })
  /** Overall wellbeing, 1 to 5 (follow-ups). */
  | (Base & { type: 'scale' });

export interface KindSpec {
  fields: readonly FieldSpec[];
  /** Free text, stored encrypted: required for some kinds (the goal in the person's words, a guardian's contact). */
  notes: 'optional' | 'required';
  notesLabel: FieldLabel;
  notesHint?: FieldLabel;
  /** Only in a child's case. */
  childOnly?: boolean;
  /** Changes the case itself: the request names the case version read. */
  versioned?: boolean;
}

const notes = { notes: 'optional', notesLabel: 'notes' } as const;

/** The kinds offered, in the order of the form's list. Assigning a case manager needs the user list: not offered here. */
export const kindSpecs: Partial<Record<CaseRecordKind, KindSpec>> = {
  needs_assessment: { fields: [], ...notes },
  assistance_goal: {
    fields: [
      { name: 'domain', label: 'goalDomain', type: 'choice', vocab: 'services', options: needDomains },
      { name: 'status', label: 'goalStatus', type: 'choice', vocab: 'goalStatuses', options: goalStatuses },
      { name: 'targetDate', label: 'targetDate', type: 'date', optional: true },
      { name: 'chosenByPerson', label: 'chosenByPerson', type: 'flag', hint: 'chosenByPersonHint' },
    ],
    notes: 'required',
    notesLabel: 'goalInWords',
  },
  service_delivered: {
    fields: [
      { name: 'domain', label: 'serviceDomain', type: 'choice', vocab: 'services', options: needDomains },
      { name: 'serviceType', label: 'serviceType', type: 'choice', vocab: 'serviceTypes', options: serviceTypes },
      { name: 'providerOrganisationId', label: 'provider', type: 'organisation' },
      { name: 'startDate', label: 'startDate', type: 'date' },
      { name: 'endDate', label: 'endDate', type: 'date', optional: true },
      { name: 'goalId', label: 'goal', type: 'goal', optional: true },
    ],
    ...notes,
  },
  follow_up: {
    fields: [
      { name: 'milestone', label: 'milestone', type: 'choice', vocab: 'followUpMilestones', options: followUpMilestones },
      { name: 'date', label: 'followUpDate', type: 'date' },
      { name: 'outcome', label: 'followUpOutcome', type: 'choice', vocab: 'followUpOutcomes', options: followUpOutcomes },
      { name: 'wellbeing', label: 'wellbeing', type: 'scale', optional: true, hint: 'wellbeingHint' },
    ],
    ...notes,
  },
  risk_assessment: {
    fields: [
      { name: 'level', label: 'riskLevel', type: 'choice', vocab: 'riskLevels', options: riskLevels },
      { name: 'forReturn', label: 'forReturn', type: 'flag' },
      { name: 'areas', label: 'riskAreas', type: 'choices', vocab: 'riskAreas', options: riskAreas },
    ],
    ...notes,
  },
  residence_status: {
    fields: [
      { name: 'status', label: 'residenceStatus', type: 'choice', vocab: 'residenceStatuses', options: residenceStatuses },
      { name: 'from', label: 'from', type: 'date' },
      { name: 'to', label: 'to', type: 'date', optional: true },
    ],
    ...notes,
  },
  non_punishment: {
    fields: [
      { name: 'offenceCategory', label: 'offenceCategory', type: 'choice', vocab: 'offenceCategories', options: offenceCategories },
      { name: 'proceedingsStatus', label: 'proceedingsStatus', type: 'choice', vocab: 'proceedingsStatuses', options: proceedingsStatuses },
      { name: 'principleInvoked', label: 'principleInvoked', type: 'flag' },
      { name: 'outcome', label: 'nonPunishmentOutcome', type: 'choice', vocab: 'nonPunishmentOutcomes', options: nonPunishmentOutcomes, optional: true },
    ],
    ...notes,
  },
  compensation_claim: {
    fields: [
      { name: 'route', label: 'compensationRoute', type: 'choice', vocab: 'compensationRoutes', options: compensationRoutes },
      { name: 'status', label: 'compensationStatus', type: 'choice', vocab: 'compensationStatuses', options: compensationStatuses },
      { name: 'currency', label: 'currency', type: 'text', hint: 'currencyHint' },
      { name: 'amountClaimed', label: 'amountClaimed', type: 'text', optional: true, hint: 'amountHint' },
      { name: 'amountAwarded', label: 'amountAwarded', type: 'text', optional: true, hint: 'amountHint' },
      { name: 'filedOn', label: 'filedOn', type: 'date', optional: true },
    ],
    ...notes,
  },
  best_interests_assessment: {
    fields: [
      { name: 'outcome', label: 'bestInterestsOutcome', type: 'choice', vocab: 'bestInterestsOutcomes', options: bestInterestsOutcomes },
      { name: 'childHeard', label: 'childHeard', type: 'flag' },
      { name: 'assessedOn', label: 'assessedOn', type: 'date' },
    ],
    ...notes,
    childOnly: true,
  },
  guardian_appointed: {
    fields: [
      { name: 'guardianType', label: 'guardianType', type: 'choice', vocab: 'guardianTypes', options: guardianTypes },
      { name: 'appointedOn', label: 'appointedOn', type: 'date' },
    ],
    notes: 'required',
    notesLabel: 'guardianContact',
    childOnly: true,
  },
  return_decision: {
    fields: [
      { name: 'decision', label: 'returnDecision', type: 'choice', vocab: 'returnDecisions', options: returnDecisions },
      { name: 'personAgrees', label: 'personAgrees', type: 'flag' },
      { name: 'decidedOn', label: 'decidedOn', type: 'date' },
    ],
    ...notes,
    versioned: true,
  },
  counselling_note: { fields: [], notes: 'required', notesLabel: 'counsellingNote', notesHint: 'authorOnlyHint' },
  health_note: { fields: [], notes: 'required', notesLabel: 'healthNote', notesHint: 'authorOnlyHint' },
};
