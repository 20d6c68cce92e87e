import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AnswerDataRequest, DataRequestView, DocumentLanguage, RecordDataRequest, SubjectAccessRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { createPdf } from '../../platform/pdf/pdf-document.js';
import { caseUnder, organisationName } from './case-access.js';
import { wordsFor } from './labels.js';
import { personRecordRules } from './person-record.policy.js';
import { gatherHeldRecord } from './subject-access.gather.js';
import { subjectAccessPdf } from './subject-access.pdf.js';

const binding = (column: 'details' | 'answer', id: string) => `data_subject_requests.${column}:${id}`;
const today = () => new Date().toISOString().slice(0, 10);

/** A printed document: its bytes and the name it is saved under (no personal data in the name). */
export interface PrintedDocument {
  bytes: Buffer;
  fileName: string;
}

/**
 * The answer to a subject access request: recorded as a request answered at once, then everything held about the
 * person written in the language chosen. Audited: which case, the language, how many cases and reads it lists.
 */
export async function answerSubjectAccess(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: SubjectAccessRequest,
): Promise<PrintedDocument | undefined> {
  const kase = await caseUnder(tx, subject, actor, caseId, personRecordRules.dataProtection, { action: 'data_request.subject_access', purpose: 'data_protection' });
  if (!kase) return undefined;
  const id = randomUUID();
  const producedAt = new Date();
  const receivedOn = input.receivedOn ?? today();
  await tx
    .insertInto('data_subject_requests')
    .values({
      id,
      person_id: kase.person_id,
      case_id: caseId,
      organisation_id: subject.organisationId,
      kind: 'access',
      details: null,
      received_on: receivedOn,
      recorded_by: subject.userId,
      outcome: 'done',
      answer: null,
      answer_language: input.language,
      answered_by: subject.userId,
      answered_at: producedAt,
    })
    .execute();
  const held = await gatherHeldRecord(tx, cipher, subject, actor, kase.person_id);
  const bytes = await subjectAccessPdf(held, { language: input.language, organisation: await organisationName(tx, subject.organisationId), receivedOn, producedAt });
  await appendAudit(tx, actor, {
    action: 'data_request.subject_access',
    recordType: 'person',
    recordId: kase.person_id,
    purpose: 'data_protection',
    summary: `case ${kase.reference}: subject access answered in ${input.language}; ${held.cases.length} cases, ${held.holders.length} holdings, ${held.reads.length} reads listed`,
  });
  return { bytes, fileName: `subject-access-${kase.reference}-${today()}.pdf` };
}

export async function recordDataRequest(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, input: RecordDataRequest): Promise<{ id: string } | undefined> {
  const kase = await caseUnder(tx, subject, actor, caseId, personRecordRules.dataProtection, { action: 'data_request.record', purpose: 'data_protection' });
  if (!kase) return undefined;
  const id = randomUUID();
  await tx
    .insertInto('data_subject_requests')
    .values({
      id,
      person_id: kase.person_id,
      case_id: caseId,
      organisation_id: subject.organisationId,
      kind: input.kind,
      details: cipher.encrypt(input.details, binding('details', id)),
      received_on: input.receivedOn,
      recorded_by: subject.userId,
    })
    .execute();
  await appendAudit(tx, actor, {
    action: 'data_request.record',
    recordType: 'data_subject_request',
    recordId: id,
    purpose: 'data_protection',
    summary: `case ${kase.reference}: request to ${input.kind === 'correction' ? 'correct' : 'erase'} recorded`,
  });
  return { id };
}

export async function listDataRequests(tx: Db, subject: Subject, actor: Actor, caseId: string): Promise<DataRequestView[] | undefined> {
  const kase = await caseUnder(tx, subject, actor, caseId, personRecordRules.dataProtection, { action: 'data_request.list', purpose: 'data_protection' });
  if (!kase) return undefined;
  const rows = await tx
    .selectFrom('data_subject_requests')
    .select(['id', 'kind', sql<string>`received_on::text`.as('received_on'), 'recorded_at', 'outcome', 'answered_at', 'answer_language'])
    .where('person_id', '=', kase.person_id)
    .orderBy('recorded_at', 'desc')
    .orderBy('id')
    .execute();
  await appendAudit(tx, actor, {
    action: 'data_request.list',
    recordType: 'case',
    recordId: caseId,
    purpose: 'data_protection',
    summary: `case ${kase.reference}: ${rows.length} requests listed`,
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as DataRequestView['kind'],
    receivedOn: r.received_on,
    recordedAt: r.recorded_at.toISOString(),
    outcome: r.outcome as DataRequestView['outcome'],
    answeredAt: r.answered_at?.toISOString() ?? null,
    answerLanguage: r.answer_language as DocumentLanguage | null,
  }));
}

interface RequestRow {
  id: string;
  kind: string;
  details: Uint8Array | null;
  received_on: string;
  outcome: string | null;
  answer: Uint8Array | null;
  answer_language: string | null;
  answered_at: Date | null;
}

async function answerPdf(tx: Db, cipher: FieldCipher, organisation: string, reference: string, row: RequestRow): Promise<PrintedDocument | undefined> {
  const language = (row.answer_language ?? 'en') as DocumentLanguage;
  const w = wordsFor(language);
  const pdf = createPdf({ language, title: w.t(`personRecord.answerTitle.${row.kind}`), footer: w.t('personRecord.pdf.confidential') });
  pdf.title(w.t(`personRecord.answerTitle.${row.kind}`));
  pdf.paragraph(w.t('personRecord.pdf.answerIntro', { organisation, received: row.received_on }));
  pdf.field(w.t('personRecord.pdf.yourRequest'), (await cipher.decryptOptional(row.details, binding('details', row.id), tx)) ?? '');
  pdf.field(w.t('personRecord.pdf.outcome'), w.t(`personRecord.outcomes.${row.outcome ?? 'done'}`));
  pdf.field(w.t('personRecord.pdf.answer'), (await cipher.decryptOptional(row.answer, binding('answer', row.id), tx)) ?? '');
  pdf.field(w.t('personRecord.pdf.answeredOn'), w.time(row.answered_at));
  pdf.note(w.t('personRecord.pdf.freeTextNote'));
  return { bytes: await pdf.finish(), fileName: `${row.kind}-answer-${reference}-${row.received_on}.pdf` };
}

async function requestOf(tx: Db, personId: string, requestId: string): Promise<RequestRow> {
  const row = await tx
    .selectFrom('data_subject_requests')
    .select(['id', 'kind', 'details', sql<string>`received_on::text`.as('received_on'), 'outcome', 'answer', 'answer_language', 'answered_at'])
    .where('id', '=', requestId)
    .where('person_id', '=', personId)
    .where('kind', '<>', 'access')
    .executeTakeFirst();
  if (!row) throw notFound('Request');
  return row;
}

/** Answers a request to correct or erase (once), and gives the answer as a document in the language chosen. */
export async function answerDataRequest(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  requestId: string,
  input: AnswerDataRequest,
): Promise<PrintedDocument | undefined> {
  const kase = await caseUnder(tx, subject, actor, caseId, personRecordRules.dataProtection, { action: 'data_request.answer', purpose: 'data_protection' });
  if (!kase) return undefined;
  const before = await requestOf(tx, kase.person_id, requestId);
  if (before.outcome !== null) throw conflict('This request has already been answered');
  const answeredAt = new Date();
  const updated = await tx
    .updateTable('data_subject_requests')
    .set({
      outcome: input.outcome,
      answer: cipher.encrypt(input.answer, binding('answer', requestId)),
      answer_language: input.language,
      answered_by: subject.userId,
      answered_at: answeredAt,
    })
    .where('id', '=', requestId)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) throw conflict('This request has already been answered');
  await appendAudit(tx, actor, {
    action: 'data_request.answer',
    recordType: 'data_subject_request',
    recordId: requestId,
    purpose: 'data_protection',
    summary: `case ${kase.reference}: ${before.kind} request answered (${input.outcome}) in ${input.language}`,
  });
  return answerPdf(tx, cipher, await organisationName(tx, subject.organisationId), kase.reference, await requestOf(tx, kase.person_id, requestId));
}

/** The answer given to a request, again (in the language it was answered in). */
export async function printDataRequestAnswer(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, requestId: string): Promise<PrintedDocument | undefined> {
  const kase = await caseUnder(tx, subject, actor, caseId, personRecordRules.dataProtection, { action: 'data_request.answer_read', purpose: 'data_protection' });
  if (!kase) return undefined;
  const row = await requestOf(tx, kase.person_id, requestId);
  if (row.outcome === null) throw notFound('Answer');
  await appendAudit(tx, actor, {
    action: 'data_request.answer_read',
    recordType: 'data_subject_request',
    recordId: requestId,
    purpose: 'data_protection',
    summary: `case ${kase.reference}: answer to a ${row.kind} request printed again`,
  });
  return answerPdf(tx, cipher, await organisationName(tx, subject.organisationId), kase.reference, row);
}
