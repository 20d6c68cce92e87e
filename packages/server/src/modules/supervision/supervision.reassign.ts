import { caseRecordVisibilityOf, type ReassignCaseRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest } from '../../platform/http/errors.js';
import { bumpVersion, caseForChange } from '../case/case.service.js';
import { idFromIdempotencyKey, recordAction } from '../case/case-timeline.js';
import * as records from '../case-record/case-record.repo.js';
import { notify } from '../notifications/notifications.service.js';
import { supervisionRules } from './supervision.policy.js';

export interface CaseRef {
  readonly id: string;
  readonly reference: string;
  readonly version: number;
}

/**
 * A supervisor of the organisation managing the case gives it to another of its active caseworkers. Kept as the case
 * record's manager assignment (so the record and the timeline read as any assignment), audited as a reassignment,
 * and told to the new case manager and to the former one (a link, never personal data). A retried request (same
 * idempotency key) does nothing again; a target who is not an active caseworker of that organisation is refused,
 * naming the field, with nothing written.
 */
export async function reassignCase(tx: Db, jobs: JobEngine, subject: Subject, actor: Actor, caseId: string, input: ReassignCaseRequest, key: string): Promise<CaseRef> {
  const before = await caseForChange(tx, subject, caseId, supervisionRules.supervise, undefined);
  const recordId = idFromIdempotencyKey(`case-record:${caseId}`, key);
  if ((await recordAction(tx, subject, caseId, 'record.case_manager_assigned', 'case manager assigned', key)) === 'already_done') {
    return { id: caseId, reference: before.reference, version: before.version };
  }
  const row = await caseForChange(tx, subject, caseId, supervisionRules.supervise, input.version);
  if (row.status === 'Closed' || row.status === 'ClosedReferred') throw new HttpError(409, 'case_closed', 'The case is closed; it cannot be reassigned');
  if (!(await records.activeCaseworkerOf(tx, input.caseManagerUserId, row.managing_organisation_id))) {
    throw badRequest('caseManagerUserId', 'must be an active caseworker of the organisation managing the case');
  }
  if (row.case_manager_user_id === input.caseManagerUserId) throw new HttpError(409, 'no_change', 'This caseworker is already the case manager');
  await records.insertRecord(tx, {
    id: recordId,
    caseId,
    kind: 'case_manager_assigned',
    data: { caseManagerUserId: input.caseManagerUserId },
    notes: null,
    authorUserId: subject.userId,
    organisationId: subject.organisationId,
    visibility: caseRecordVisibilityOf.case_manager_assigned,
    supersedesId: null,
  });
  const version = await bumpVersion(tx, caseId, input.version);
  await tx.updateTable('cases').set({ case_manager_user_id: input.caseManagerUserId }).where('id', '=', caseId).execute();
  await appendAudit(tx, actor, {
    action: 'case.reassign',
    recordType: 'case',
    recordId: caseId,
    purpose: 'case_management',
    summary: `case ${row.reference} reassigned by a supervisor${row.case_manager_user_id ? ' from its former case manager' : ' (it had no case manager)'}`,
  });
  const former = row.case_manager_user_id
    ? await tx.selectFrom('users').select('id').where('id', '=', row.case_manager_user_id).where('active', '=', true).executeTakeFirst()
    : undefined;
  await notify(tx, jobs, { kind: 'case_reassigned', userIds: [input.caseManagerUserId, ...(former ? [former.id] : [])], link: `/cases/${caseId}`, event: recordId });
  return { id: caseId, reference: row.reference, version };
}
