import { z } from 'zod';
import { bidiControlProblem, hasBidiControl, isoDate, isoDateTime, uuid } from './common.js';
import { latestToday } from './dates.js';
import { personal, recordKind } from './personal.js';
import { formsOfExploitation } from '../vocabularies/cases.js';
import {
  appealOutcomes,
  appellants,
  investigationApproaches,
  chargeCategories,
  operationOrigins,
  operationPlaceStages,
  pleas,
  protocolActs,
  type ProsecutionStepKind,
  protocolMeans,
  protocolPurposes,
  suspectRoles,
  suspectSexes,
  verdictOutcomes,
} from '../vocabularies/prosecution.js';

export * from './prosecution-refusals.js';

/**
 * The criminal-justice pipeline: operations recorded by law enforcement, their investigations (each referred to a
 * prosecution office), suspects under pseudonyms (identity encrypted) and the funnel of dated steps per suspect.
 */

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').refine((v) => !hasBidiControl(v), bidiControlProblem);
const shortText = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
const country = z.string().regex(/^[A-Z]{2}$/u, 'must be an ISO 3166-1 alpha-2 code such as NG');
const set = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(z.enum(values, { error: `must be values of ${what}` }))
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a value');
/** A date not in the future; a step's date names the step in the refusal's code and params (prosecution-refusals.ts). */
const pastDate = (what: string, step?: ProsecutionStepKind) =>
  z.iso
    .date({ error: 'must be a date (year, month and day)' })
    .refine((v) => v <= latestToday(), { message: `${what}: the date must not be in the future`, params: step ? { code: 'future-date', step } : { code: 'future-date' } });

export const operationPlace = z.object({
  stage: z.enum(operationPlaceStages),
  country,
  /** The place named (a town, a premises): encrypted, bound to the operation. */
  place: shortText.optional(),
});
export type OperationPlace = z.infer<typeof operationPlace>;

/** The Protocol's elements found in the facts, as SHERLOC classifies them; the offence charged is recorded apart. */
export const protocolElements = z.object({
  acts: set(protocolActs, 'the Protocol acts'),
  means: set(protocolMeans, 'the Protocol means'),
  purposes: set(protocolPurposes, 'the Protocol purposes'),
});
export type ProtocolElements = z.infer<typeof protocolElements>;

export const createOperationRequest = z.object({
  name,
  origin: z.enum(operationOrigins),
  approach: z.enum(investigationApproaches),
  formsOfExploitation: set(formsOfExploitation, 'forms of exploitation'),
  places: z.array(operationPlace).max(50),
  /** Other organisations that took part (the recording agency is the user's own). */
  agencyOrganisationIds: z.array(uuid).max(30).refine((list) => new Set(list).size === list.length, 'must not repeat an organisation'),
  protocol: protocolElements,
  startedOn: pastDate('operation started'),
});
export type CreateOperationRequest = z.input<typeof createOperationRequest>;

export const createInvestigationRequest = z.object({
  title: name,
  origin: z.enum(operationOrigins),
  approach: z.enum(investigationApproaches),
  openedOn: pastDate('investigation opened'),
});
export type CreateInvestigationRequest = z.input<typeof createInvestigationRequest>;

/** Refers an investigation to a prosecution office: from then on its prosecutors see it. */
export const referInvestigationRequest = z.object({
  prosecutionOfficeId: uuid,
  referredOn: pastDate('referral to prosecution'),
});
export type ReferInvestigationRequest = z.input<typeof referInvestigationRequest>;

export const suspectIdentity = z.object({
  givenName: name.optional(),
  familyName: name.optional(),
  aliases: z.array(name).max(10).optional(),
  birthDate: pastDate('birth').optional(),
  identityNumber: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
});
export type SuspectIdentity = z.infer<typeof suspectIdentity>;

export const createSuspectRequest = z.object({
  investigationId: uuid,
  /** The name the case uses; unique within the operation. */
  pseudonym: name,
  /** Who the suspect is: encrypted, bound to the suspect, searchable only by blind index. */
  identity: suspectIdentity.optional(),
  roles: set(suspectRoles, 'the suspect roles').min(1, 'must name at least one role'),
  sex: z.enum(suspectSexes),
  citizenships: z.array(country).max(5).refine((list) => new Set(list).size === list.length, 'must not repeat a country'),
  ageAtOffence: z.int().min(10, 'must be at least 10').max(110, 'must be at most 110').optional(),
});
export type CreateSuspectRequest = z.input<typeof createSuspectRequest>;

const provision = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const money = z.number().nonnegative('must not be negative').max(1e12, 'is too large');
const currency = z.string().regex(/^[A-Z]{3}$/u, 'must be an ISO 4217 code such as EUR');
const assets = (kind: 'assets_seized' | 'assets_confiscated' | 'compensation_paid', what: string) =>
  z.object({ kind: z.literal(kind), occurredOn: pastDate(what, kind), amount: money, currency, description: shortText.optional() });

/** One step of the funnel, dated. */
export const recordStepRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('arrest'), occurredOn: pastDate('arrest', 'arrest') }),
  z.object({ kind: z.literal('charge'), occurredOn: pastDate('charge', 'charge'), provision, category: z.enum(chargeCategories) }),
  z.object({ kind: z.literal('prosecution'), occurredOn: pastDate('prosecution', 'prosecution'), courtOrganisationId: uuid }),
  z.object({ kind: z.literal('plea'), occurredOn: pastDate('plea', 'plea'), plea: z.enum(pleas) }),
  z.object({ kind: z.literal('trial'), occurredOn: pastDate('trial', 'trial') }),
  z.object({
    kind: z.literal('verdict'),
    occurredOn: pastDate('verdict', 'verdict'),
    chargeId: uuid,
    outcome: z.enum(verdictOutcomes),
    /** The offence convicted, when it differs from the offence charged. */
    convictedProvision: provision.optional(),
    convictedCategory: z.enum(chargeCategories).optional(),
  }),
  z.object({
    kind: z.literal('sentence'),
    occurredOn: pastDate('sentence', 'sentence'),
    custodialMonths: z.int().min(0, 'must not be negative').max(1200, 'must be at most 1200'),
    suspended: z.boolean(),
    probationMonths: z.int().min(0, 'must not be negative').max(600, 'must be at most 600').optional(),
    fineAmount: money.optional(),
    currency: currency.optional(),
  }),
  z.object({ kind: z.literal('appeal'), occurredOn: pastDate('appeal', 'appeal'), verdictId: uuid, appellant: z.enum(appellants) }),
  z.object({ kind: z.literal('appeal_decision'), occurredOn: pastDate('appeal decision', 'appeal_decision'), appealId: uuid, outcome: z.enum(appealOutcomes) }),
  assets('assets_seized', 'assets seized'),
  assets('assets_confiscated', 'assets confiscated'),
  assets('compensation_paid', 'compensation paid'),
]);
export type RecordStepRequest = z.input<typeof recordStepRequest>;

/** A step as recorded; the fields of its kind only. A verdict carries the offence charged beside the one convicted. */
export const stepView = z.object({
  id: uuid,
  kind: z.string(),
  occurredOn: isoDate,
  refId: uuid.nullable(),
  provision: z.string().optional(),
  category: z.string().optional(),
  courtOrganisationId: uuid.optional(),
  courtName: z.string().optional(),
  plea: z.string().optional(),
  outcome: z.string().optional(),
  convictedProvision: z.string().optional(),
  convictedCategory: z.string().optional(),
  /** Convicted of a less serious offence than charged. */
  downgraded: z.boolean().optional(),
  custodialMonths: z.number().optional(),
  suspended: z.boolean().optional(),
  probationMonths: z.number().optional(),
  fineAmount: z.number().optional(),
  currency: z.string().optional(),
  amount: z.number().optional(),
  description: z.string().optional(),
  appellant: z.string().optional(),
  recordedAt: isoDateTime,
});
export type StepView = z.infer<typeof stepView>;

export const suspectView = recordKind(
  'prosecutionSuspect',
  z.object({
    id: uuid,
    operationId: uuid,
    investigationId: uuid,
    pseudonym: personal(z.string()).optional(),
    identity: personal(suspectIdentity).optional(),
    roles: z.array(z.string()).optional(),
    sex: z.string().optional(),
    citizenships: z.array(z.string()).optional(),
    ageAtOffence: z.number().nullable().optional(),
    steps: z.array(stepView).optional(),
  }),
);
export type SuspectView = z.infer<typeof suspectView>;
export const suspectList = z.object({ suspects: z.array(suspectView) });
export type SuspectList = z.infer<typeof suspectList>;

export const investigationView = z.object({
  id: uuid,
  reference: z.string(),
  title: z.string(),
  origin: z.string(),
  approach: z.string(),
  openedOn: isoDate,
  prosecutionOfficeId: uuid.nullable(),
  prosecutionOfficeName: z.string().nullable(),
  referredOn: isoDate.nullable(),
});
export type InvestigationView = z.infer<typeof investigationView>;

export const operationView = recordKind(
  'prosecutionOperation',
  z.object({
    id: uuid,
    reference: z.string(),
    name: z.string().optional(),
    organisationId: uuid.optional(),
    organisationName: z.string().optional(),
    origin: z.string().optional(),
    approach: z.string().optional(),
    formsOfExploitation: z.array(z.string()).optional(),
    places: personal(z.array(operationPlace)).optional(),
    agencies: z.array(z.object({ id: uuid, name: z.string() })).optional(),
    protocol: protocolElements.optional(),
    startedOn: isoDate.optional(),
    investigations: z.array(investigationView).optional(),
    recordedAt: isoDateTime.optional(),
  }),
);
export type OperationView = z.infer<typeof operationView>;
export const operationList = z.object({ operations: z.array(operationView) });
export type OperationList = z.infer<typeof operationList>;

export const createdRef = z.object({ id: uuid, reference: z.string().optional() });
export type CreatedRef = z.infer<typeof createdRef>;

/** The organisations a form offers: prosecution offices to refer to, courts, agencies taking part. */
export const prosecutionOrganisations = z.object({
  organisations: z.array(z.object({ id: uuid, name: z.string(), type: z.string() })),
});
export type ProsecutionOrganisations = z.infer<typeof prosecutionOrganisations>;
