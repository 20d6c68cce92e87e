import { z } from 'zod';
import type { Vocabulary } from '../standards/vocabulary.js';
import { codesOf } from '../standards/vocabulary.js';
import { htcdsTypeOfExploitation, htcdsTypeOfSexExploitation } from '../standards/htcds/exploitation.js';
import { htcdsMethodOfRecruitment, htcdsRelationshipToTrafficker, htcdsWebsitesAndApps } from '../standards/htcds/person-victim.js';
import { htcdsTraffickingEventType } from '../standards/htcds/organisation-case.js';
import { palermoAcquaintanceDetail, palermoForcedLabourIndustry, palermoMethodsOfControl } from '../standards/extensions.js';
import { isoDate, isoDateTime, uuid } from './common.js';
import { personal, recordKind } from './personal.js';

/**
 * The person's account, as HTCDS v2.0 models the trafficking experience: a statement (her account in her words and the
 * first responder's reasons), one or more exploitation situations, and the exploiters. Server:
 * packages/server/src/modules/account (tables: migration 0021, described in that module's README).
 *
 * Every field is optional, and an answer is one of three things: known (with its value), unknown (she does not know),
 * declined (she would not say). A field absent was not recorded.
 */

/** Criminal exploitation sub-types (no HTCDS list; UK referral form and CTDC typeOfLabourIllicitActivities). */
export const palermoCriminalExploitation = {
  id: 'palermo.criminalExploitation',
  standard: 'Palermo',
  version: '1',
  source: 'Palermo extension beside vic_ForcedLabourIndustry X_IllicitActivities (decision 0011)',
  multiple: true,
  codes: [
    { code: 'DrugCultivation', label: 'Drug cultivation' },
    { code: 'DrugSupply', label: 'Drug supply (county lines)' },
    { code: 'TheftAndShoplifting', label: 'Theft and shoplifting' },
    { code: 'Pickpocketing', label: 'Pickpocketing' },
    { code: 'Fraud', label: 'Fraud' },
    { code: 'OnlineScams', label: 'Online scam operations' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

/** Financial exploitation sub-types (no HTCDS list; UK referral form). */
export const palermoFinancialExploitation = {
  id: 'palermo.financialExploitation',
  standard: 'Palermo',
  version: '1',
  source: 'Palermo extension (decision 0011)',
  multiple: true,
  codes: [
    { code: 'BenefitFraud', label: 'Benefits claimed in her name' },
    { code: 'BankAccounts', label: 'Bank accounts opened or used in her name' },
    { code: 'LoansInHerName', label: 'Loans or credit taken in her name' },
    { code: 'WagesTaken', label: 'Wages paid to someone else' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

/** How the exploitation ended (no HTCDS list). */
export const palermoHowExploitationEnded = {
  id: 'palermo.howExploitationEnded',
  standard: 'Palermo',
  version: '1',
  source: 'Palermo extension (decision 0011)',
  codes: [
    { code: 'Escaped', label: 'She escaped' },
    { code: 'IdentifiedByAuthorities', label: 'Identified by the police or another authority' },
    { code: 'HelpedByOthers', label: 'Helped out by someone else (NGO, friend, customer)' },
    { code: 'ReleasedByExploiter', label: 'Released or abandoned by the exploiter' },
    { code: 'DebtPaid', label: 'A debt was declared paid' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

/** An exploiter's role (no HTCDS list). */
export const palermoExploiterRole = {
  id: 'palermo.exploiterRole',
  standard: 'Palermo',
  version: '1',
  source: 'Palermo extension (decision 0011)',
  multiple: true,
  codes: [
    { code: 'Recruiter', label: 'Recruiter' },
    { code: 'Transporter', label: 'Transporter' },
    { code: 'Exploiter', label: 'Exploiter' },
    { code: 'Controller', label: 'Controller or guard' },
    { code: 'Financier', label: 'Financier or money handler' },
    { code: 'Employer', label: 'Employer or client business' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

export const accountAnswerStates = ['known', 'unknown', 'declined'] as const;
export type AccountAnswerState = (typeof accountAnswerStates)[number];

/** A field's answer: known with its value, unknown, or declined. Absent: not recorded. */
export function answer<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('state', [
    z.object({ state: z.literal('known'), value }),
    z.object({ state: z.literal('unknown') }),
    z.object({ state: z.literal('declined') }),
  ]);
}
export type Answer<T> = { state: 'known'; value: T } | { state: 'unknown' } | { state: 'declined' };

const codeSet = <V extends Vocabulary>(vocabulary: V) => {
  const codes = codesOf(vocabulary) as [string, ...string[]];
  return z
    .array(z.enum(codes, { error: `must be values of ${vocabulary.id}` }))
    .max(codes.length)
    .refine((values) => new Set(values).size === values.length, 'must not repeat a value');
};
const code = <V extends Vocabulary>(vocabulary: V) => z.enum(codesOf(vocabulary) as [string, ...string[]], { error: `must be a value of ${vocabulary.id}` });

/** ISO 3166-1 alpha-2; the server also checks that the code is assigned. */
export const accountCountry = z.string().regex(/^[A-Z]{2}$/u, 'must be an ISO 3166-1 alpha-2 code such as NG');
const shortText = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
const longText = z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters');

/** A place of recruitment, transit or exploitation: the country (structured) and the place named (encrypted). */
export const accountPlace = z.object({
  stage: code(htcdsTraffickingEventType),
  country: answer(accountCountry),
  place: shortText.optional(),
});
export type AccountPlace = z.infer<typeof accountPlace>;

/** One exploitation situation. Every field optional. */
export const situationFields = z.object({
  forms: answer(codeSet(htcdsTypeOfExploitation)).optional(),
  labourIndustries: answer(codeSet(palermoForcedLabourIndustry)).optional(),
  sexualExploitationTypes: answer(codeSet(htcdsTypeOfSexExploitation)).optional(),
  criminalExploitationTypes: answer(codeSet(palermoCriminalExploitation)).optional(),
  financialExploitationTypes: answer(codeSet(palermoFinancialExploitation)).optional(),
  startDate: answer(isoDate).optional(),
  endDate: answer(isoDate).optional(),
  durationMonths: answer(z.number().int().min(0).max(1200)).optional(),
  ongoing: answer(z.boolean()).optional(),
  ageAtStart: answer(z.number().int().min(0).max(120)).optional(),
  places: z.array(accountPlace).max(30).default([]),
  recruitmentMethods: answer(codeSet(htcdsMethodOfRecruitment)).optional(),
  recruitmentChannels: answer(codeSet(htcdsWebsitesAndApps)).optional(),
  promised: answer(longText).optional(),
  recruiterRelationship: answer(code(htcdsRelationshipToTrafficker)).optional(),
  recruiterAcquaintance: code(palermoAcquaintanceDetail).optional(),
  methodsOfControl: answer(codeSet(palermoMethodsOfControl)).optional(),
  howEnded: answer(code(palermoHowExploitationEnded)).optional(),
});
export type SituationFields = z.infer<typeof situationFields>;

/** The structured part stored in account_situations.data (everything but the free text). */
export type SituationData = Omit<SituationFields, 'promised' | 'places'> & {
  places: Array<Omit<AccountPlace, 'place'>>;
};

export const exploiterKinds = ['person', 'organisation'] as const;
export type ExploiterKind = (typeof exploiterKinds)[number];

/** A person or organisation who exploited her. The pseudonym is required: the name the case uses for them. */
export const exploiterFields = z.object({
  kind: z.enum(exploiterKinds),
  pseudonym: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  identity: answer(longText).optional(),
  roles: answer(codeSet(palermoExploiterRole)).optional(),
  relationship: answer(code(htcdsRelationshipToTrafficker)).optional(),
  acquaintance: code(palermoAcquaintanceDetail).optional(),
  whereaboutsCountry: answer(accountCountry).optional(),
  whereabouts: answer(longText).optional(),
  otherVictimsCount: answer(z.number().int().min(0).max(10_000)).optional(),
  otherVictims: answer(longText).optional(),
  /** The situations (of this case) this exploiter took part in. */
  situationIds: z.array(uuid).max(30).default([]),
});
export type ExploiterFields = z.infer<typeof exploiterFields>;

/** The structured part stored in account_exploiters.data. */
export type ExploiterData = Omit<ExploiterFields, 'kind' | 'pseudonym' | 'identity' | 'whereabouts' | 'otherVictims'>;

export const statementFields = z.object({
  personAccount: answer(longText).optional(),
  responderReasons: answer(longText).optional(),
});
export type StatementFields = z.infer<typeof statementFields>;

/** Adding a record: no version. Correcting one: the version read (optimistic concurrency). */
const versioned = z.object({ version: z.number().int().positive() });
export const addSituationRequest = situationFields;
export const correctSituationRequest = situationFields.extend(versioned.shape);
export const addExploiterRequest = exploiterFields;
export const correctExploiterRequest = exploiterFields.extend(versioned.shape);
/** The statement is one per case: version absent to write it the first time, the version read to correct it. */
export const saveStatementRequest = statementFields.extend({ version: z.number().int().positive().optional() });
export type AddSituationRequest = z.input<typeof addSituationRequest>;
export type CorrectSituationRequest = z.input<typeof correctSituationRequest>;
export type AddExploiterRequest = z.input<typeof addExploiterRequest>;
export type CorrectExploiterRequest = z.input<typeof correctExploiterRequest>;
export type SaveStatementRequest = z.input<typeof saveStatementRequest>;

export const accountRecordParams = z.object({ id: uuid, recordId: uuid });
export const accountRecordRef = z.object({ id: uuid, version: z.number().int().positive() });
export type AccountRecordRef = z.infer<typeof accountRecordRef>;

/** One version in a record's history: who wrote it, when, and the value (through the same field policy). */
const revision = <T extends z.ZodType>(value: T) =>
  z.object({ version: z.number().int().positive(), authorName: z.string(), organisationName: z.string(), changedAt: isoDateTime, value });

const situationValue = situationFields.partial().extend({ places: z.array(accountPlace).optional() });
const exploiterValue = exploiterFields.partial();
const statementValue = statementFields.partial();

/** Every field of a shape tagged personal (the value of what happened to her). */
function personalShape<S extends z.ZodRawShape>(shape: S): S {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, personal(schema as z.ZodType)])) as unknown as S;
}

/** A situation as the field policy lets the viewer see it (server: account.fields.ts); a field not shown is absent. */
export const situationView = recordKind(
  'accountSituation',
  z.object({
    id: uuid,
    caseId: uuid,
    version: z.number().int().positive(),
    ...personalShape(situationValue.shape),
    updatedAt: isoDateTime.optional(),
    updatedByName: z.string().optional(),
    history: personal(z.array(revision(situationValue))).optional(),
  }),
);
export type SituationView = z.infer<typeof situationView>;

/** An exploiter as the field policy lets the viewer see it. */
export const exploiterView = recordKind(
  'accountExploiter',
  z.object({
    id: uuid,
    caseId: uuid,
    version: z.number().int().positive(),
    ...personalShape(exploiterValue.shape),
    /** The suspect record of a prosecution pipeline this exploiter is linked to, when one exists (no copy). */
    suspectLinkId: uuid.nullable().optional(),
    updatedAt: isoDateTime.optional(),
    updatedByName: z.string().optional(),
    history: personal(z.array(revision(exploiterValue))).optional(),
  }),
);
export type ExploiterView = z.infer<typeof exploiterView>;

/** The statement as the field policy lets the viewer see it. */
export const statementView = recordKind(
  'accountStatement',
  z.object({
    caseId: uuid,
    version: z.number().int().positive(),
    ...personalShape(statementValue.shape),
    updatedAt: isoDateTime.optional(),
    updatedByName: z.string().optional(),
    history: personal(z.array(revision(statementValue))).optional(),
  }),
);
export type StatementView = z.infer<typeof statementView>;

/** The account of a case: what the viewer may see of it (a kind the viewer sees nothing of is an empty list or null). */
export const accountView = z.object({
  caseId: uuid,
  /** Whether the viewer may add and correct (the managing side and the case manager). */
  canEdit: z.boolean(),
  statement: statementView.nullable(),
  situations: z.array(situationView),
  exploiters: z.array(exploiterView),
});
export type AccountView = z.infer<typeof accountView>;
