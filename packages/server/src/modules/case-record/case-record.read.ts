import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { caseExists } from '../case/case.repo.js';
import { presentFields } from '../../platform/access/field-policy.js';
import { caseRecordView, type CaseRecordKind, type CaseRecordView } from './case-record.contracts.js';
import * as repo from './case-record.repo.js';
import { notesBinding } from './case-record.service.js';

/**
 * The case, if this user may read its records; otherwise undefined, and a refusal on a case that exists is audited
 * as denied (the caller answers 404, which does not confirm that the case exists).
 */
export async function readableCase(tx: Db, subject: Subject, actor: Actor, caseId: string, what: string): Promise<repo.ReadableCase | undefined> {
  const row = await repo.findReadableCase(tx, subject, caseId);
  if (!row && (await caseExists(tx, caseId))) {
    await appendAudit(tx, actor, { action: 'case_record.read', recordType: 'case', recordId: caseId, purpose: 'case_management', summary: `${what}: refused by access rules`, outcome: 'denied' });
  }
  return row;
}

/**
 * A stored record as the API shows it, its data validated again, its notes decrypted, through the case record's field
 * policy (`visible`: the fields it shows this user, from `readableCase`).
 */
export async function presentRecord(tx: Db, cipher: FieldCipher, row: repo.VisibleRecordRow, visible: ReadonlySet<string>): Promise<CaseRecordView> {
  return presentFields(caseRecordView.parse({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    data: row.data,
    notes: visible.has('notes') ? await cipher.decryptOptional(row.notes, notesBinding(row.id), tx) : null,
    visibility: row.visibility,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    createdAt: row.created_at.toISOString(),
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id,
  }), visible) as CaseRecordView;
}

export interface ListRecordsQuery {
  readonly kind?: CaseRecordKind | undefined;
  readonly includeSuperseded: boolean;
}

/**
 * The records of a case this user may read, oldest first, notes decrypted: counselling and health notes only for the
 * author's organisation. Audited (kinds and counts, never contents). Undefined when the rules refuse.
 */
export async function listRecords(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  query: ListRecordsQuery,
): Promise<CaseRecordView[] | undefined> {
  const row = await readableCase(tx, subject, actor, caseId, 'case records');
  if (!row) return undefined;
  const rows = await repo.visibleRecords(tx, subject, caseId, { kinds: query.kind ? [query.kind] : undefined, includeSuperseded: query.includeSuperseded });
  const records: CaseRecordView[] = [];
  const visible = new Set(row.record_fields);
  for (const r of rows) records.push(await presentRecord(tx, cipher, r, visible));
  const kinds = [...new Set(records.map((r) => r.kind))].join(', ') || 'none';
  const decrypted = records.filter((r) => r.notes !== null).length;
  await appendAudit(tx, actor, {
    action: 'case_record.read',
    recordType: 'case',
    recordId: caseId,
    purpose: 'case_management',
    summary: `case ${row.reference}: ${records.length} records read (${kinds}); notes decrypted: ${decrypted}`,
  });
  return records;
}
