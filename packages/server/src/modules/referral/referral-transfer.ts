import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, conflict } from '../../platform/http/errors.js';
import { bumpVersion } from '../case/case.service.js';
import * as repo from './referral.repo.js';

/**
 * Case management moves to the organisation that accepted the transfer: it becomes the managing organisation, and the
 * accepting caseworker the case manager (a supervisor who accepts assigns one later). The organisation that handed
 * the case over keeps no access: its staff and its former case manager lose the case at once, unless it still holds
 * a share in force (a referral the new manager sends it, with consent). What it wrote stays in the timeline, read by
 * the new manager. The person's record moves too, unless the old organisation still manages another open case of the
 * same person. The case version is checked (if the receiver named the one it read) and bumped.
 */
export async function acceptTransfer(tx: Db, subject: Subject, actor: Actor, row: repo.ReferralRecord, version: number | undefined, now: Date): Promise<number> {
  if (row.managing_organisation_id !== row.from_organisation_id) {
    throw new HttpError(409, 'impossible_transition', 'The case is no longer managed by the organisation that offered it; this transfer can no longer be accepted');
  }
  if (row.case_status === 'Closed' || row.case_status === 'ClosedReferred') throw new HttpError(409, 'case_closed', 'The case was closed; it cannot be taken over');
  if (version !== undefined && version !== row.case_version) {
    throw conflict(`The case was changed by someone else (you read version ${version}, it is now version ${row.case_version}); reload it and try again`);
  }
  const newVersion = await bumpVersion(tx, row.case_id, row.case_version);
  const caseManager = subject.roles.includes('caseworker') ? subject.userId : null;
  await tx
    .updateTable('cases')
    .set({ managing_organisation_id: row.to_organisation_id, case_manager_user_id: caseManager })
    .where('id', '=', row.case_id)
    .execute();
  const otherCaseOfOldOrganisation = await tx
    .selectFrom('cases')
    .select('id')
    .where('person_id', '=', row.person_id)
    .where('id', '<>', row.case_id)
    .where('managing_organisation_id', '=', row.from_organisation_id)
    .where('status', 'not in', ['Closed', 'ClosedReferred'])
    .executeTakeFirst();
  const person = await tx.selectFrom('persons').select(['organisation_id', 'version']).where('id', '=', row.person_id).executeTakeFirstOrThrow();
  const personMoves = !otherCaseOfOldOrganisation && person.organisation_id === row.from_organisation_id;
  if (personMoves) {
    await tx
      .updateTable('persons')
      .set({ organisation_id: row.to_organisation_id, case_manager_user_id: caseManager, version: person.version + 1, updated_at: now })
      .where('id', '=', row.person_id)
      .execute();
  }
  // The offer's share is spent: the receiver now reads the case as its manager.
  await repo.revokeShare(tx, row.share_id, now);
  await appendAudit(tx, actor, {
    action: 'case.transfer',
    recordType: 'case',
    recordId: row.case_id,
    purpose: 'case_management',
    summary: `case ${row.case_reference} handed over from organisation ${row.from_organisation_id} to ${row.to_organisation_id} (referral ${row.id}); case manager ${caseManager ?? 'to be assigned'}; person record ${personMoves ? 'moved' : 'stays (another open case there)'}`,
  });
  return newVersion;
}
