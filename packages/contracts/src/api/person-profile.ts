import { z } from 'zod';
import { indicatorAnswers, screeningSuggestions } from '../vocabularies/indicators.js';
import { isoDate, isoDateTime, nameText, uuid } from './common.js';
import { personal, recordKind } from './personal.js';

/**
 * The rest of the UK National Referral Mechanism's referral form (shared/datasets/uk_nrm_referral_form), the intake
 * correction, and the screenings as a case reads them back. Every answer the person may not know or not want to give
 * has "unknown" and "declined" distinct from leaving the section empty (null: not asked yet).
 */

/** Yes, no, or what the person could not or would not say. */
export const profileAnswers = ['yes', 'no', 'unknown', 'declined'] as const;
export type ProfileAnswer = (typeof profileAnswers)[number];
const answer = z.enum(profileAnswers);

/** ISO 3166-1 alpha-2; the server also refuses a well-formed code that is not assigned. */
export const profileCountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NG');
/** A BCP 47 language code such as ti, ar or pt-BR; the server refuses a code no language has. */
export const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as ti, ar or pt-BR');

const shortText = (max: number) => z.string().trim().min(1, 'is required').max(max);
const freeText = z.string().trim().max(5000);

/** Report to the police: a fact about the person's situation, never a consent to share anything with the police. */
export const policeReportSection = z.object({
  reported: answer,
  force: nameText({ min: 1, max: 200 }).optional(),
  crimeReference: shortText(100).optional(),
  reportedOn: isoDate.optional(),
});

export const communicationSection = z.object({
  languages: z.array(languageCode).max(10).default([]),
  interpreterNeeded: answer,
  interpreterLanguage: languageCode.optional(),
  otherNeeds: freeText.optional(),
});

export const identityDocumentTypes = [
  'passport',
  'national_identity_card',
  'residence_permit',
  'visa',
  'asylum_reference',
  'immigration_reference',
  'birth_certificate',
  'travel_document',
  'other',
] as const;
export const documentHolders = ['person', 'exploiter', 'authorities', 'other', 'unknown'] as const;

export const identityDocumentsSection = z.object({
  documents: z
    .array(
      z.object({
        type: z.enum(identityDocumentTypes),
        number: shortText(100).optional(),
        issuingCountry: profileCountryCode.optional(),
        heldBy: z.enum(documentHolders).default('unknown'),
      }),
    )
    .max(20),
});

/** Under 18 as the referral form asks it; the age assessment as the UK guidance distinguishes it. */
export const underEighteenAnswers = ['yes', 'no', 'not_sure'] as const;
export const ageAssessmentStatuses = ['not_sure', 'assessed', 'disputed'] as const;

export const ageAssessmentSection = z.object({
  underEighteen: z.enum(underEighteenAnswers),
  assessment: z.enum(ageAssessmentStatuses),
  assessedAge: z.number().int().min(0).max(30).optional(),
  assessedOn: isoDate.optional(),
  safeguardingAuthorityInformed: answer,
  safeguardingAuthority: nameText({ min: 1, max: 200 }).optional(),
  informedOn: isoDate.optional(),
});

export const contactChannels = ['phone', 'email', 'post', 'in_person', 'through_third_party'] as const;

export const safeContactSection = z.object({
  safeChannels: z.array(z.enum(contactChannels)).max(contactChannels.length).default([]),
  phone: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +442071234567').optional(),
  email: z.email('must be an e-mail address').max(254).optional(),
  trustedThirdParty: z
    .object({ name: nameText({ min: 1, max: 200 }), relationship: shortText(200).optional(), contact: shortText(300).optional() })
    .optional(),
  notes: freeText.optional(),
});

export const decisionRecipients = ['person', 'third_party', 'first_responder'] as const;

export const decisionRecipientSection = z
  .object({
    recipient: z.enum(decisionRecipients),
    name: nameText({ min: 1, max: 200 }).optional(),
    contact: shortText(300).optional(),
    permissionGiven: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.recipient === 'third_party' && !value.permissionGiven) {
      ctx.addIssue({ code: 'custom', path: ['permissionGiven'], message: 'the person must have given permission to send the decision to someone else' });
    }
    if (value.recipient === 'third_party' && value.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required when someone else receives the decision' });
    }
  });

export const backgroundSection = z.object({
  wishesToShare: z.boolean(),
  birthCountry: profileCountryCode.optional(),
  birthPlace: shortText(200).optional(),
  family: freeText.optional(),
  education: freeText.optional(),
  employmentHistory: freeText.optional(),
});

export const profileSectionSchemas = {
  policeReport: policeReportSection,
  communication: communicationSection,
  identityDocuments: identityDocumentsSection,
  ageAssessment: ageAssessmentSection,
  safeContact: safeContactSection,
  decisionRecipient: decisionRecipientSection,
  background: backgroundSection,
} as const;
export const profileSections = Object.keys(profileSectionSchemas) as Array<keyof typeof profileSectionSchemas>;
export type ProfileSection = keyof typeof profileSectionSchemas;
export type ProfileSectionValue<S extends ProfileSection> = z.infer<(typeof profileSectionSchemas)[S]>;

/** Correct one section: its new value (null clears it), naming the profile version read (0 when there is none yet). */
export const updateProfileSectionRequest = z.discriminatedUnion(
  'section',
  profileSections.map((section) =>
    z.object({ section: z.literal(section), version: z.number().int().min(0), value: profileSectionSchemas[section].nullable() }),
  ) as unknown as [z.ZodObject<{ section: z.ZodLiteral<ProfileSection> }>, ...Array<z.ZodObject<{ section: z.ZodLiteral<ProfileSection> }>>],
);
export type UpdateProfileSectionRequest = { section: ProfileSection; version: number; value: unknown };

/** The sections a history entry may name: the profile's, and the intake's two. */
export const caseFactSections = [...profileSections, 'intakeNotes', 'countryOfExploitation'] as const;

export const caseFactChange = z.object({
  section: z.enum(caseFactSections),
  /** The value before this change (null: nothing was recorded). */
  earlierValue: personal(z.unknown()),
  changedByName: z.string(),
  organisationName: z.string(),
  changedAt: isoDateTime,
});
export type CaseFactChange = z.infer<typeof caseFactChange>;

const section = <T extends z.ZodType>(schema: T) => personal(schema.nullable().optional());

/** The referral form's facts about the person, as the field policy lets the viewer see them (absent: not visible). */
export const personProfileView = recordKind(
  'personProfile',
  z.object({
    caseId: uuid,
    version: z.number().int().min(0).optional(),
    updatedAt: isoDateTime.nullable().optional(),
    policeReport: section(policeReportSection),
    communication: section(communicationSection),
    identityDocuments: section(identityDocumentsSection),
    ageAssessment: section(ageAssessmentSection),
    safeContact: section(safeContactSection),
    decisionRecipient: section(z.object({ recipient: z.enum(decisionRecipients), name: z.string().optional(), contact: z.string().optional(), permissionGiven: z.boolean() })),
    background: section(backgroundSection),
    history: z.array(caseFactChange).optional(),
  }),
);
export type PersonProfileView = z.infer<typeof personProfileView>;

/** What the intake recorded, shown again and correctable: the first responder's notes and the country of exploitation. */
export const caseIntakeView = recordKind(
  'caseIntake',
  z.object({
    caseId: uuid,
    version: z.number().int().positive().optional(),
    notes: personal(z.string().nullable().optional()),
    countryOfExploitation: personal(z.string().nullable().optional()),
    history: z.array(caseFactChange).optional(),
  }),
);
export type CaseIntakeView = z.infer<typeof caseIntakeView>;

/** Correct the intake (the case's version read): a field left out stays as it is; null clears it. */
export const correctIntakeRequest = z
  .object({
    version: z.number().int().positive(),
    notes: z.string().max(10_000).nullable().optional(),
    countryOfExploitation: profileCountryCode.nullable().optional(),
  })
  .refine((value) => value.notes !== undefined || value.countryOfExploitation !== undefined, { message: 'must correct the notes or the country of exploitation', path: ['notes'] });
export type CorrectIntakeRequest = z.infer<typeof correctIntakeRequest>;

/** A screening as the case reads it back: each answer, the suggestion, and the methods of control it points to. */
export const screeningReadBack = z.object({
  id: uuid,
  checklistCode: z.string(),
  checklistVersion: z.number().int(),
  checklistTitle: z.string(),
  isChild: z.boolean(),
  suggestion: z.enum(screeningSuggestions),
  answers: z.array(
    z.object({ item: z.string(), label: z.string(), category: z.string(), element: z.string(), strength: z.string(), answer: z.enum(indicatorAnswers) }),
  ),
  notes: z.string().nullable(),
  screenedAt: isoDateTime,
  screenedByName: z.string(),
  organisationName: z.string(),
});

export const caseScreeningsView = recordKind(
  'caseScreenings',
  z.object({
    caseId: uuid,
    screenings: personal(z.array(screeningReadBack)).optional(),
    /** Methods of control the present indicators suggest (crosswalks/screening-to-control.ts), for the caseworker to confirm. */
    suggestedMethodsOfControl: personal(
      z.array(z.object({ method: z.string(), indicators: z.array(z.object({ checklist: z.string(), item: z.string() })) })),
    ).optional(),
  }),
);
export type CaseScreeningsView = z.infer<typeof caseScreeningsView>;
export type ScreeningReadBack = z.infer<typeof screeningReadBack>;

/** The parts of the decision file a decision on victim status can rely on (status_decisions.relied_on). */
export const decisionFileParts = ['account', 'first_responder_reasons', 'screening', 'referral_form', 'intake', 'documents'] as const;
export type DecisionFilePart = (typeof decisionFileParts)[number];

/** The answer to a correction: the version to name in the next one (the profile's, or the case's for the intake). */
export const factChangeResult = z.object({ caseId: uuid, version: z.number().int() });
