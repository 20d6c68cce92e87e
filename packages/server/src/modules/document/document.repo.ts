import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields } from '../../platform/access/field-policy.js';
import { caseColumns } from '../case/case.repo.js';
import { documentFieldPolicy } from './document.fields.js';
import { documentRules } from './document.policy.js';

/**
 * The case, if this rule lets the user at its documents (compiled to SQL), with the document fields the field policy
 * shows them and whether they read every document or only those marked for the decision.
 */
export function findCaseFor(db: Db, subject: Subject, caseId: string, rule: Rule) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.reference'])
    .select(sql<string[]>`${compileVisibleFields(documentFieldPolicy, subject, caseColumns)}`.as('document_fields'))
    .select(sql<boolean>`${compileRule(documentRules.readAll, subject, caseColumns)}`.as('reads_all'))
    .where('c.id', '=', caseId)
    .where(compileRule(rule, subject, caseColumns))
    .executeTakeFirst();
}

export type DocumentCase = NonNullable<Awaited<ReturnType<typeof findCaseFor>>>;

export interface NewDocument {
  readonly id: string;
  readonly caseId: string;
  readonly documentType: string;
  readonly mediaType: string;
  readonly fileName: Buffer;
  readonly byteSize: number;
  readonly chunks: readonly Buffer[];
  readonly forDecision: boolean;
  readonly uploadedBy: string;
  readonly organisationId: string;
}

export async function insertDocument(db: Db, d: NewDocument): Promise<void> {
  await db
    .insertInto('case_documents')
    .values({
      id: d.id,
      case_id: d.caseId,
      document_type: d.documentType,
      media_type: d.mediaType,
      file_name: d.fileName,
      byte_size: d.byteSize,
      chunk_count: d.chunks.length,
      for_decision: d.forDecision,
      uploaded_by: d.uploadedBy,
      organisation_id: d.organisationId,
    })
    .execute();
  for (const [position, content] of d.chunks.entries()) {
    await db
      .insertInto('case_document_chunks')
      .values({ document_id: d.id, position, content: sql<Uint8Array>`decode(${content.toString('base64')}, 'base64')` })
      .execute();
  }
}

/** The documents of a case this user sees: all of them, or (a competent authority) those marked for the decision. */
export function visibleDocuments(db: Db, caseId: string, readsAll: boolean, options: { forDecisionOnly?: boolean; documentId?: string } = {}) {
  let q = db
    .selectFrom('case_documents as d')
    .innerJoin('users as u', 'u.id', 'd.uploaded_by')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.id', 'd.case_id', 'd.document_type', 'd.media_type', 'd.file_name', 'd.byte_size', 'd.chunk_count', 'd.for_decision', 'd.created_at'])
    .select(['u.display_name as uploaded_by_name', 'o.name as organisation_name'])
    .where('d.case_id', '=', caseId);
  if (!readsAll || options.forDecisionOnly) q = q.where('d.for_decision', '=', true);
  if (options.documentId) q = q.where('d.id', '=', options.documentId);
  return q.orderBy('d.created_at').orderBy('d.id').execute();
}

export type DocumentRow = Awaited<ReturnType<typeof visibleDocuments>>[number];

/**
 * A document's chunks, in order. The content travels as base64 text both ways: the embedded database (PGlite) turns a
 * megabyte of bytea parameter or result into JavaScript about fifteen times slower than it passes the same text.
 */
export async function chunksOf(db: Db, documentId: string): Promise<Array<{ position: number; content: Buffer }>> {
  const rows = await db
    .selectFrom('case_document_chunks')
    .select(['position', sql<string>`encode(content, 'base64')`.as('content')])
    .where('document_id', '=', documentId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ position: row.position, content: Buffer.from(row.content, 'base64') }));
}

/** Marks a document of this case for the decision (or not); undefined when the case holds no such document. */
export function setForDecision(db: Db, caseId: string, documentId: string, forDecision: boolean) {
  return db
    .updateTable('case_documents')
    .set({ for_decision: forDecision })
    .where('id', '=', documentId)
    .where('case_id', '=', caseId)
    .returning(['id', 'case_id', 'media_type', 'byte_size', 'for_decision', 'document_type'])
    .executeTakeFirst();
}
