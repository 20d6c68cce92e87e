import { z } from 'zod';
import { consentPurposes, consentStatuses } from '../vocabularies/consent.js';
import { isoDateTime, nameText, uuid } from './common.js';
import { pastOrToday } from './dates.js';
import { personal, recordKind } from './personal.js';

/**
 * A person known to the system (a survivor or presumed victim). Everything that identifies them is encrypted at rest.
 * The case-management module builds on this record.
 */
export const createPersonRequest = z.object({
  givenName: nameText({ max: 200 }).optional(),
  familyName: nameText({ max: 200 }).optional(),
  /** A name the person chose to be known by; intake may be anonymous. */
  pseudonym: nameText({ max: 200 }).optional(),
  birthDate: pastOrToday.optional(),
  /** Written as people write it (spaces, dashes, brackets and dots are dropped), stored in E.164. */
  phone: z
    .string()
    .trim()
    .transform((value) => value.replace(/[\s\-().]/g, ''))
    .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +442071234567'))
    .optional(),
  address: z.string().trim().max(500).optional(),
  identityNumber: z.string().trim().max(100).optional(),
  notes: z.string().max(10_000).optional(),
  /** Region or district code where the person is (used by jurisdiction conditions). */
  jurisdiction: z.string().trim().min(1).max(40).optional(),
});
export type CreatePersonRequest = z.infer<typeof createPersonRequest>;

export const consentPurpose = z.enum(consentPurposes);
export const consentStatus = z.enum(consentStatuses);

export const recordConsentRequest = z.object({
  purpose: consentPurpose,
  status: consentStatus,
});
export type RecordConsentRequest = z.infer<typeof recordConsentRequest>;

export const assignCaseManagerRequest = z.object({ userId: uuid });

/**
 * One person, as the field policy lets the viewer see them (server: person.fields.ts): a field the viewer may not see
 * is absent. Law enforcement, for instance, sees names and birth date only.
 */
export const personView = recordKind(
  'person',
  z.object({
    id: uuid,
    reference: z.string(),
    organisationId: uuid.optional(),
    caseManagerUserId: uuid.nullable().optional(),
    jurisdiction: personal(z.string().nullable().optional()),
    givenName: personal(z.string().nullable().optional()),
    familyName: personal(z.string().nullable().optional()),
    pseudonym: personal(z.string().nullable().optional()),
    birthDate: personal(z.string().nullable().optional()),
    phone: personal(z.string().nullable().optional()),
    address: personal(z.string().nullable().optional()),
    identityNumber: personal(z.string().nullable().optional()),
    notes: personal(z.string().nullable().optional()),
    consents: personal(z.array(z.object({ purpose: consentPurpose, status: consentStatus, recordedAt: isoDateTime })).optional()),
    createdAt: isoDateTime.optional(),
  }),
);
export type PersonView = z.infer<typeof personView>;

/** Lists show the minimum: no birth dates, contacts or notes. */
export const personSummary = recordKind('person', personView.pick({
  id: true,
  reference: true,
  organisationId: true,
  caseManagerUserId: true,
  givenName: true,
  familyName: true,
  pseudonym: true,
  createdAt: true,
}));
export const personList = z.object({ persons: z.array(personSummary) });
