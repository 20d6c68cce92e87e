import { randomUUID } from 'node:crypto';
import { documentView, type DocumentRef, type DocumentType, type DocumentView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { presentFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { caseExists } from '../case/case.repo.js';
import type { CheckedFile } from './document.content.js';
import { documentRules } from './document.policy.js';
import * as repo from './document.repo.js';

/** Each chunk of a document's content is encrypted on its own; 1 MiB keeps a backup's rows and a read's memory small. */
export const CHUNK_BYTES = 1024 * 1024;

export const fileNameBinding = (id: string) => `case_documents.file_name:${id}`;
/** A chunk belongs to one document, at one position, of a known count: moved, dropped or added, it fails to decrypt. */
export const chunkBinding = (id: string, position: number, count: number) => `case_document_chunks.content:${id}:${position}/${count}`;

/**
 * The case, if the rule lets this user at its documents; otherwise undefined, and a refusal on a case that exists is
 * audited as denied (the caller answers 404, which does not confirm that the case exists).
 */
async function caseFor(tx: Db, subject: Subject, actor: Actor, caseId: string, rule: Rule, action: string): Promise<repo.DocumentCase | undefined> {
  const row = await repo.findCaseFor(tx, subject, caseId, rule);
  if (row && row.document_fields.length > 0) return row;
  await auditRefusal(tx, actor, caseId, action);
  return undefined;
}

/** A refusal on a case that exists is audited as denied (one that does not exist leaves nothing to audit). */
export async function auditRefusal(tx: Db, actor: Actor, caseId: string, action: string): Promise<void> {
  if (!(await caseExists(tx, caseId))) return;
  await appendAudit(tx, actor, { action, recordType: 'case', recordId: caseId, purpose: 'case_management', summary: 'documents: refused by access rules', outcome: 'denied' });
}

/** Why this user reads a case's documents: managing the case, or deciding on victim status. */
const purposeOf = (c: repo.DocumentCase) => (c.reads_all ? 'case_management' : 'identification_decision');

export interface NewDocumentInput {
  readonly documentType: DocumentType;
  readonly forDecision: boolean;
  readonly file: CheckedFile;
}

/** Whether this user may attach documents to this case (checked before the upload is read, and again when storing). */
export async function mayAttach(db: Db, subject: Subject, caseId: string): Promise<boolean> {
  return (await repo.findCaseFor(db, subject, caseId, documentRules.add)) !== undefined;
}

/**
 * Attaches a checked file to a case: its name and content encrypted (the content in chunks), the upload audited with
 * the type, format and size (never the name). Undefined when the rules refuse (audited).
 */
export async function addDocument(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, input: NewDocumentInput): Promise<DocumentRef | undefined> {
  const c = await caseFor(tx, subject, actor, caseId, documentRules.add, 'document.upload');
  if (!c) return undefined;
  const id = randomUUID();
  const { content, mediaType, fileName } = input.file;
  const count = Math.max(1, Math.ceil(content.length / CHUNK_BYTES));
  const chunks = Array.from({ length: count }, (_, i) => cipher.encryptBytes(content.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES), chunkBinding(id, i, count)));
  await repo.insertDocument(tx, {
    id,
    caseId,
    documentType: input.documentType,
    mediaType,
    fileName: cipher.encrypt(fileName, fileNameBinding(id)),
    byteSize: content.length,
    chunks,
    forDecision: input.forDecision,
    uploadedBy: subject.userId,
    organisationId: subject.organisationId,
  });
  await appendAudit(tx, actor, {
    action: 'document.upload',
    recordType: 'document',
    recordId: id,
    purpose: 'case_management',
    summary: `${input.documentType} (${mediaType}, ${content.length} bytes) attached to case ${c.reference}${input.forDecision ? ', for the decision' : ''}; name and content encrypted`,
  });
  return { id, caseId, mediaType, byteSize: content.length, forDecision: input.forDecision };
}

async function present(tx: Db, cipher: FieldCipher, row: repo.DocumentRow, visible: ReadonlySet<string>): Promise<DocumentView> {
  return presentFields(documentView.parse({
    id: row.id,
    caseId: row.case_id,
    documentType: row.document_type,
    fileName: visible.has('fileName') ? await cipher.decrypt(row.file_name, fileNameBinding(row.id), tx) : undefined,
    mediaType: row.media_type,
    byteSize: row.byte_size,
    forDecision: row.for_decision,
    uploadedByName: row.uploaded_by_name,
    organisationName: row.organisation_name,
    createdAt: row.created_at.toISOString(),
  }), visible) as DocumentView;
}

/**
 * The documents of a case this user sees, oldest first, under the document field policy: the managing side all of
 * them, a competent authority those marked for the decision; `forDecisionOnly` keeps only those for anyone (the
 * decision file). Audited (count, never names). Undefined when the rules refuse.
 */
export async function listDocuments(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  options: { readonly forDecisionOnly?: boolean } = {},
): Promise<DocumentView[] | undefined> {
  const c = await caseFor(tx, subject, actor, caseId, documentRules.read, 'document.list');
  if (!c) return undefined;
  const rows = await repo.visibleDocuments(tx, caseId, c.reads_all, { forDecisionOnly: options.forDecisionOnly });
  const visible = new Set(c.document_fields);
  const documents: DocumentView[] = [];
  for (const row of rows) documents.push(await present(tx, cipher, row, visible));
  await appendAudit(tx, actor, {
    action: 'document.list',
    recordType: 'case',
    recordId: caseId,
    purpose: options.forDecisionOnly ? 'identification_decision' : purposeOf(c),
    summary: `case ${c.reference}: ${documents.length} documents listed${options.forDecisionOnly ? ' for the decision' : ''}; names decrypted: ${documents.filter((d) => d.fileName !== undefined).length}`,
  });
  return documents;
}

export interface DocumentDownload {
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: Buffer;
}

/**
 * One document's content, decrypted chunk by chunk, if this user sees that document of that case (a document of
 * another case is not found through this one). The download is audited in the same transaction, before any byte is
 * sent. Undefined when not found or refused.
 */
export async function downloadDocument(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, documentId: string): Promise<DocumentDownload | undefined> {
  const c = await caseFor(tx, subject, actor, caseId, documentRules.read, 'document.download');
  if (!c) return undefined;
  const [row] = await repo.visibleDocuments(tx, caseId, c.reads_all, { documentId });
  if (!row) return undefined;
  const chunks = await repo.chunksOf(tx, row.id);
  if (chunks.length !== row.chunk_count || chunks.some((chunk, i) => chunk.position !== i)) throw new Error(`document ${row.id}: chunks missing`);
  const parts: Buffer[] = [];
  for (const chunk of chunks) parts.push(await cipher.decryptBytes(chunk.content, chunkBinding(row.id, chunk.position, row.chunk_count), tx));
  const content = Buffer.concat(parts);
  await appendAudit(tx, actor, {
    action: 'document.download',
    recordType: 'document',
    recordId: row.id,
    purpose: purposeOf(c),
    summary: `${row.document_type} (${row.media_type}, ${content.length} bytes) of case ${c.reference} downloaded`,
  });
  return { fileName: await cipher.decrypt(row.file_name, fileNameBinding(row.id), tx), mediaType: row.media_type, content };
}

/** Marks a document for the decision (the competent authority then sees it) or takes the mark away. Audited. */
export async function markForDecision(tx: Db, subject: Subject, actor: Actor, caseId: string, documentId: string, forDecision: boolean): Promise<DocumentRef | undefined> {
  const c = await caseFor(tx, subject, actor, caseId, documentRules.add, 'document.mark');
  if (!c) return undefined;
  const row = await repo.setForDecision(tx, caseId, documentId, forDecision);
  if (!row) return undefined;
  await appendAudit(tx, actor, {
    action: 'document.mark',
    recordType: 'document',
    recordId: row.id,
    purpose: 'case_management',
    summary: `${row.document_type} of case ${c.reference} ${forDecision ? 'marked for' : 'no longer marked for'} the decision`,
  });
  return { id: row.id, caseId: row.case_id, mediaType: row.media_type, byteSize: row.byte_size, forDecision: row.for_decision };
}
