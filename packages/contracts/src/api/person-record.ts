import { z } from 'zod';
import { protectionServices } from '../vocabularies/sops.js';
import { isoDate, isoDateTime, uuid } from './common.js';

/**
 * The person's own record and the documents printed from a case: the answer to a subject access request (everything
 * held about her, who holds it, which organisations and roles read it and when), requests to correct or erase
 * recorded and answered, a case summary for a referral meeting and the filled referral form. Each is a PDF written
 * in one of the installation's languages, chosen when it is produced; free text stays as it was entered.
 */
export const documentLanguages = ['en', 'fr', 'ar'] as const;
export type DocumentLanguage = (typeof documentLanguages)[number];
export const documentLanguage = z.enum(documentLanguages);

export const dataRequestKinds = ['access', 'correction', 'erasure'] as const;
export type DataRequestKind = (typeof dataRequestKinds)[number];
export const dataRequestOutcomes = ['done', 'partly_done', 'refused'] as const;
export type DataRequestOutcome = (typeof dataRequestOutcomes)[number];

const freeText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A day on or before today (a request cannot have been received in the future). */
const receivedOn = isoDate.refine((value) => value <= new Date().toISOString().slice(0, 10), 'must not be in the future');

/** Produce the answer to a subject access request (recorded as a request answered at once). */
export const subjectAccessRequest = z.object({
  language: documentLanguage,
  /** The day she asked; today when absent. */
  receivedOn: receivedOn.optional(),
});
export type SubjectAccessRequest = z.infer<typeof subjectAccessRequest>;

/** Record a request to correct or erase data, in her words. */
export const recordDataRequest = z.object({
  kind: z.enum(['correction', 'erasure']),
  details: freeText(4000),
  receivedOn,
});
export type RecordDataRequest = z.infer<typeof recordDataRequest>;

export const answerDataRequest = z.object({
  outcome: z.enum(dataRequestOutcomes),
  answer: freeText(4000),
  language: documentLanguage,
});
export type AnswerDataRequest = z.infer<typeof answerDataRequest>;

export const dataRequestParams = z.object({ id: uuid, requestId: uuid });

/** A request as the list shows it: what kind, when, whether and how it was answered (her words are in the answer). */
export const dataRequestView = z.object({
  id: uuid,
  kind: z.enum(dataRequestKinds),
  receivedOn: isoDate,
  recordedAt: isoDateTime,
  outcome: z.enum(dataRequestOutcomes).nullable(),
  answeredAt: isoDateTime.nullable(),
  answerLanguage: documentLanguage.nullable(),
});
export type DataRequestView = z.infer<typeof dataRequestView>;
export const dataRequestList = z.object({ requests: z.array(dataRequestView) });
export type DataRequestList = z.infer<typeof dataRequestList>;
export const dataRequestRef = z.object({ id: uuid });

export const printQuery = z.object({ language: documentLanguage.default('en') });
/** The meeting sees what an organisation receiving a referral for this service may see; absent: no identifying field. */
export const meetingSummaryQuery = printQuery.extend({ service: z.enum(protectionServices).optional() });
