import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, conflict } from '../../platform/http/errors.js';
import { bumpVersion, caseForChange } from '../case/case.service.js';
import { idFromIdempotencyKey, recordAction } from '../case/case-timeline.js';
import { caseRecordVisibilityOf, receiverRecordKinds, type AddCaseRecord, type CaseRecordRef } from './case-record.contracts.js';
import { checkNewRecord } from './case-record.checks.js';
import { caseRecordRules } from './case-record.policy.js';
import * as repo from './case-record.repo.js';
import { timelineSummary } from './case-record.summary.js';

/** Where a record's notes belong: a ciphertext copied to another record or column fails to decrypt. */
export const notesBinding = (recordId: string) => `case_records.notes:${recordId}`;

/**
 * Adds a record to a case: appended, never overwritten (a correction supersedes the record it corrects). A retried
 * request (same idempotency key) returns the record already made and does nothing else. A case manager assignment and
 * a return decision change the case itself: they name the case version they were based on and bump it; a refusal
 * leaves nothing changed. Free text is encrypted; the timeline and the audit log get codes and counts only.
 */
export async function addRecord(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: AddCaseRecord,
  key: string,
): Promise<CaseRecordRef> {
  // An accepting organisation records what it does for the person; the rest stays with the managing side.
  const rule: Rule = receiverRecordKinds.includes(input.kind) ? caseRecordRules.add : caseRecordRules.manage;
  const before = await caseForChange(tx, subject, caseId, rule, undefined);
  const id = idFromIdempotencyKey(`case-record:${caseId}`, key);
  if ((await recordAction(tx, subject, caseId, `record.${input.kind}`, timelineSummary(input), key)) === 'already_done') {
    const existing = await repo.findRecord(tx, id);
    if (!existing || existing.kind !== input.kind) {
      throw conflict('This idempotency key was already used for another change to this case; send the new request with a new key');
    }
    return { id, caseId, kind: input.kind, caseVersion: before.version };
  }
  const row = await caseForChange(tx, subject, caseId, rule, input.version);
  await checkNewRecord(tx, subject, row, input);
  const supersedesId = 'supersedesId' in input ? (input.supersedesId ?? null) : null;
  try {
    await repo.insertRecord(tx, {
      id,
      caseId,
      kind: input.kind,
      data: input.data,
      notes: cipher.encryptOptional(input.notes, notesBinding(id)),
      authorUserId: subject.userId,
      organisationId: subject.organisationId,
      visibility: caseRecordVisibilityOf[input.kind],
      supersedesId,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'case_records_superseded_once')) {
      throw new HttpError(409, 'already_corrected', 'That record has just been corrected by someone else; reload and correct its newest version');
    }
    throw error;
  }
  let caseVersion = row.version;
  if (input.kind === 'case_manager_assigned' || input.kind === 'return_decision') {
    caseVersion = await bumpVersion(tx, caseId, input.version);
  }
  if (input.kind === 'case_manager_assigned') {
    await tx.updateTable('cases').set({ case_manager_user_id: input.data.caseManagerUserId }).where('id', '=', caseId).execute();
  }
  await appendAudit(tx, actor, {
    action: 'case_record.add',
    recordType: 'case_record',
    recordId: id,
    purpose: 'case_management',
    summary: `${input.kind} added to case ${row.reference}${supersedesId ? ` (correcting ${supersedesId})` : ''}${input.notes === undefined ? '' : '; notes encrypted'}`,
  });
  return { id, caseId, kind: input.kind, caseVersion };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return e.code === '23505' && (e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint)));
}
