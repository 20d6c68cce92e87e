import { z } from 'zod';
import { organisationTypes } from '../vocabularies/organisation-types.js';
import { protectionServices, sopNumbers } from '../vocabularies/sops.js';
import { email, isoDateTime, uuid } from './common.js';
import { protectionService, sopNumber } from './sop.js';

/**
 * The referral directory: organisations' contact points (desks), the SOPs and services each covers, and when someone
 * last checked the details. These are institutional contacts, never survivors' data.
 */

const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const directoryPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()./-]{2,38}$/, 'must be a phone number: digits, spaces and + ( ) . / -');

/** A BCP 47 language tag, such as `en`, `fr`, `ar`, `ro`, `pt-BR`. */
export const languageTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as en, fr, ar or pt-BR');

const entryFields = {
  /** The desk or contact point's name: "Anti-trafficking helpline", "Shelter intake desk". */
  deskName: requiredText(200),
  sops: z.array(sopNumber).max(sopNumbers.length).default([]),
  services: z.array(protectionService).max(protectionServices.length).default([]),
  phone: directoryPhone.nullable().optional(),
  email: email.nullable().optional(),
  address: requiredText(500).nullable().optional(),
  /** Opening hours as people write them: "Mon-Fri 08:00-16:00; 24/7 hotline". */
  hours: requiredText(500).nullable().optional(),
  languages: z.array(languageTag).max(30).default([]),
};

export const createDirectoryEntryRequest = z.object({ organisationId: uuid, ...entryFields });
export type CreateDirectoryEntryRequest = z.input<typeof createDirectoryEntryRequest>;
/** The request as the server sees it after validation (defaults filled, text trimmed). */
export type CreateDirectoryEntry = z.output<typeof createDirectoryEntryRequest>;

export const updateDirectoryEntryRequest = z.object({
  deskName: entryFields.deskName.optional(),
  sops: z.array(sopNumber).max(sopNumbers.length).optional(),
  services: z.array(protectionService).max(protectionServices.length).optional(),
  phone: entryFields.phone,
  email: entryFields.email,
  address: entryFields.address,
  hours: entryFields.hours,
  languages: z.array(languageTag).max(30).optional(),
  /** false retires the desk: it leaves the directory's default listing. */
  active: z.boolean().optional(),
});
export type UpdateDirectoryEntryRequest = z.input<typeof updateDirectoryEntryRequest>;
export type UpdateDirectoryEntry = z.output<typeof updateDirectoryEntryRequest>;

const booleanText = z.enum(['true', 'false']);

export const directoryQuery = z.object({
  service: protectionService.optional(),
  sop: z.coerce.number().int().min(1).max(sopNumbers.length).optional(),
  organisationType: z.enum(organisationTypes).optional(),
  organisationId: uuid.optional(),
  /** true: only entries not verified within the staleness period; false: only those verified within it. */
  stale: booleanText.optional(),
  /** true: include retired desks. */
  includeInactive: booleanText.optional(),
});
export type DirectoryQuery = z.input<typeof directoryQuery>;
export type DirectoryFilterQuery = z.output<typeof directoryQuery>;

export const directoryEntryView = z.object({
  id: uuid,
  organisationId: uuid,
  organisationName: z.string(),
  organisationType: z.enum(organisationTypes),
  deskName: z.string(),
  sops: z.array(sopNumber),
  services: z.array(protectionService),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  languages: z.array(z.string()),
  active: z.boolean(),
  lastVerifiedAt: isoDateTime,
  verifiedBy: z.object({ userId: uuid, name: z.string() }).nullable(),
  /** Not verified within the staleness period (directoryList.staleAfterDays). */
  stale: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type DirectoryEntryView = z.infer<typeof directoryEntryView>;

export const directoryList = z.object({
  entries: z.array(directoryEntryView),
  staleAfterDays: z.int().positive(),
});
export type DirectoryList = z.infer<typeof directoryList>;
