import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from './common.js';
import { latestToday } from './dates.js';
import { personal, recordKind } from './personal.js';
import {
  proceedingCompensationRoutes,
  cooperationLevels,
  crossBorderAsks,
  crossBorderDirections,
  crossBorderKinds,
  crossBorderRefusalGrounds,
  crossBorderStatuses,
  currencyCodes,
  nonPunishmentOffences,
  proceedingNonPunishmentOutcomes,
  protectionMeasures,
  protectionOutcomes,
  victimStandings,
} from '../vocabularies/proceedings.js';

/**
 * Victims in criminal proceedings (a case linked to an investigation, with the person's consent to law enforcement)
 * and cross-border requests attached to an investigation. Dates must not lie in the future; amounts are integers in
 * the currency's minor units.
 */

const pastDate = z.iso.date({ error: 'must be a date (year, month and day)' }).refine((v) => v <= latestToday(), 'must not be in the future');
const code = <T extends readonly [string, ...string[]]>(values: T, what: string) => z.enum(values, { error: `must be one of ${what}` });
const minorUnits = z.number({ error: 'must be a whole amount in minor units' }).int('must be a whole amount in minor units').min(0, 'must not be negative').max(1e13, 'is too large');
const country = z.string().regex(/^[A-Z]{2}$/u, 'must be an ISO 3166-1 alpha-2 code such as NG');

export const linkVictimRequest = z.object({
  investigationId: uuid,
  /** The suspect whose proceedings she takes part in, when known. */
  suspectId: uuid.optional(),
  standing: code(victimStandings, 'witness, injured party, civil party'),
  linkedOn: pastDate,
});
export type LinkVictimRequest = z.infer<typeof linkVictimRequest>;

export const recordCooperationRequest = z.object({
  level: code(cooperationLevels, 'none, information, statement, complaint, testimony'),
  chosenOn: pastDate,
});
export type RecordCooperationRequest = z.infer<typeof recordCooperationRequest>;

export const recordProtectionRequest = z.object({
  measure: code(protectionMeasures, 'the protection measures'),
  requestedOn: pastDate,
  outcome: code(protectionOutcomes, 'pending, provided, refused'),
  decidedOn: pastDate.optional(),
});
export type RecordProtectionRequest = z.infer<typeof recordProtectionRequest>;

export const recordNonPunishmentRequest = z.object({
  /** The claim to update; a new claim without it. */
  claimId: uuid.optional(),
  offence: code(nonPunishmentOffences, 'the offences a non-punishment claim concerns'),
  claimedOn: pastDate,
  outcome: code(proceedingNonPunishmentOutcomes, 'pending, granted, refused'),
  decidedOn: pastDate.optional(),
});
export type RecordNonPunishmentRequest = z.infer<typeof recordNonPunishmentRequest>;

export const recordCompensationRequest = z.object({
  /** The claim to update (an order or a payment came later); a new claim without it. */
  claimId: uuid.optional(),
  route: code(proceedingCompensationRoutes, 'criminal proceedings, civil proceedings, state fund'),
  claimedOn: pastDate,
  currency: code(currencyCodes, 'the currency codes offered'),
  amountOrdered: minorUnits.optional(),
  orderedOn: pastDate.optional(),
  amountPaid: minorUnits.optional(),
  paidOn: pastDate.optional(),
  /** Why more was paid than ordered (interest, a later order): required when it was. */
  paidAboveOrderReason: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
});
export type RecordCompensationRequest = z.infer<typeof recordCompensationRequest>;

export const cooperationView = z.object({ level: z.string(), chosenOn: isoDate });
export const protectionView = z.object({ id: uuid, measure: z.string(), requestedOn: isoDate, outcome: z.string(), decidedOn: isoDate.nullable() });
export const nonPunishmentView = z.object({ id: uuid, offence: z.string(), claimedOn: isoDate, outcome: z.string(), decidedOn: isoDate.nullable() });
export const compensationView = z.object({
  id: uuid,
  route: z.string(),
  claimedOn: isoDate,
  currency: z.string(),
  amountOrdered: z.number().nullable(),
  orderedOn: isoDate.nullable(),
  amountPaid: z.number().nullable(),
  paidOn: isoDate.nullable(),
  paidAboveOrderReason: z.string().nullable(),
});

/**
 * A victim-witness in proceedings, through the `victimWitness` field policy: her caseworker sees the link whole but
 * the initials; the prosecution office sees the initials, cooperation and protection; the recording agency only that
 * she exists (initials); both only while her consent to law enforcement is in force.
 */
export const victimWitnessView = recordKind(
  'victimWitness',
  z.object({
    id: uuid,
    caseId: uuid.optional(),
    operationId: uuid.optional(),
    investigationId: uuid.optional(),
    investigationReference: z.string().optional(),
    suspectId: uuid.nullable().optional(),
    suspectPseudonymKnown: z.boolean().optional(),
    standing: z.string().optional(),
    linkedOn: isoDate.optional(),
    consentInForce: z.boolean().optional(),
    initials: personal(z.string()).optional(),
    cooperation: z.array(cooperationView).optional(),
    protection: z.array(protectionView).optional(),
    nonPunishment: z.array(nonPunishmentView).optional(),
    compensation: z.array(compensationView).optional(),
  }),
);
export type VictimWitnessView = z.infer<typeof victimWitnessView>;
export const victimWitnessList = z.object({ victims: z.array(victimWitnessView) });
export type VictimWitnessList = z.infer<typeof victimWitnessList>;

/** What the case page's proceedings section needs besides the links: whether consent is given and the investigations offered. */
export const caseProceedings = z.object({
  lawEnforcementConsent: z.enum(['given', 'refused', 'withdrawn', 'not_recorded']),
  victims: z.array(victimWitnessView),
});
export type CaseProceedings = z.infer<typeof caseProceedings>;

/** Investigations a caseworker may link to: referred to a prosecution office (reference and office only). */
export const linkableInvestigations = z.object({
  investigations: z.array(z.object({ id: uuid, reference: z.string(), prosecutionOfficeName: z.string().nullable() })),
});
export type LinkableInvestigations = z.infer<typeof linkableInvestigations>;
export const linkableQuery = z.object({ reference: z.string().trim().min(3, 'must be at least 3 characters').max(40) });

export const crossBorderRequestCreate = z.object({
  kind: code(crossBorderKinds, 'the kinds of cross-border request'),
  direction: code(crossBorderDirections, 'outgoing, incoming'),
  requestingCountry: country,
  requestedCountry: country,
  sentOn: pastDate,
  asks: z.array(code(crossBorderAsks, 'what a request may ask')).min(1, 'must name what is asked').max(crossBorderAsks.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a value'),
});
export type CrossBorderRequestCreate = z.infer<typeof crossBorderRequestCreate>;

export const crossBorderStatusUpdate = z.object({
  status: code(crossBorderStatuses, 'sent, acknowledged, answered, refused, withdrawn'),
  on: pastDate,
  refusalGrounds: z.array(code(crossBorderRefusalGrounds, 'the refusal grounds')).max(crossBorderRefusalGrounds.length).optional(),
});
export type CrossBorderStatusUpdate = z.infer<typeof crossBorderStatusUpdate>;

export const crossBorderRequestView = z.object({
  id: uuid,
  reference: z.string(),
  operationId: uuid,
  investigationId: uuid,
  investigationReference: z.string(),
  kind: z.string(),
  direction: z.string(),
  requestingCountry: z.string(),
  requestedCountry: z.string(),
  sentOn: isoDate,
  asks: z.array(z.string()),
  status: z.string(),
  acknowledgedOn: isoDate.nullable(),
  answeredOn: isoDate.nullable(),
  closedOn: isoDate.nullable(),
  refusalGrounds: z.array(z.string()),
  /** Days from sending to the answer (or to today while it waits). */
  elapsedDays: z.number().int(),
  overdueAfterDays: z.number().int(),
  overdue: z.boolean(),
  recordedAt: isoDateTime,
});
export type CrossBorderRequestView = z.infer<typeof crossBorderRequestView>;
export const crossBorderRequestList = z.object({ requests: z.array(crossBorderRequestView) });
export type CrossBorderRequestList = z.infer<typeof crossBorderRequestList>;
