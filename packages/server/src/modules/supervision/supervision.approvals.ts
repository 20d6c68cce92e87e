import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { closeCaseRequest, type ApprovalDecisionRequest, type ApprovalKind, type ApprovalStatus, type CaseApproval, type CaseApprovalList } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, conflict, notFound } from '../../platform/http/errors.js';
import { caseRules } from '../case/case.policy.js';
import { caseColumns, findCase } from '../case/case.repo.js';
import { caseForChange, closeCase } from '../case/case.service.js';
import { recordAction } from '../case/case-timeline.js';
import { caseRecordRules } from '../case-record/case-record.policy.js';
import { notify, staffOf } from '../notifications/notifications.service.js';
import { approvalColumns, supervisionRules } from './supervision.policy.js';
import { approvalRequired } from './supervision.settings.js';

/** Where a return reason belongs: a ciphertext copied to another row fails to decrypt. */
const returnReasonBinding = (approvalId: string) => `case_approvals.return_reason:${approvalId}`;

export interface CloseOutcome {
  readonly id: string;
  readonly reference: string;
  readonly version: number;
  readonly awaitingApproval?: boolean;
}

/** Tells the supervisors of the organisation that something waits for them (a link to the case, nothing else). */
async function tellSupervisors(tx: Db, jobs: JobEngine, organisationId: string, caseId: string, approvalId: string): Promise<void> {
  await notify(tx, jobs, { kind: 'approval_requested', userIds: await staffOf(tx, organisationId, ['supervisor']), link: `/cases/${caseId}`, event: approvalId });
}

/**
 * A caseworker's closure where the country asks a supervisor to approve closures: the case stays open and the
 * closure waits, with its reason, for a supervisor of her organisation. Undefined when no approval is asked for (the
 * caller then closes the case as before). One closure waits at a time.
 */
export async function closureAwaitingApproval(
  tx: Db,
  jobs: JobEngine,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: z.output<typeof closeCaseRequest>,
  key: string,
): Promise<CloseOutcome | undefined> {
  if (!(await approvalRequired(tx, subject, 'case_closure'))) return undefined;
  const before = await caseForChange(tx, subject, caseId, caseRules.manage, undefined);
  if ((await recordAction(tx, subject, caseId, 'case.closure_requested', 'closure asked of a supervisor', key)) === 'already_done') {
    return { id: caseId, reference: before.reference, version: before.version, awaitingApproval: true };
  }
  const row = await caseForChange(tx, subject, caseId, caseRules.manage, input.version);
  if (row.status === 'Closed' || row.status === 'ClosedReferred') throw conflict('The case is already closed');
  const id = randomUUID();
  const inserted = await sql<{ id: string }>`
    insert into case_approvals (id, case_id, kind, organisation_id, requested_by, requested_at, closure_reason, closure_referred)
    values (${id}, ${caseId}, 'case_closure', ${subject.organisationId}, ${subject.userId}, now(), ${input.reason}, ${input.referred})
    on conflict (case_id, kind) where status = 'awaiting' do nothing
    returning id`.execute(tx);
  if (inserted.rows.length === 0) throw new HttpError(409, 'approval_awaited', "A closure of this case already waits for a supervisor's approval");
  await appendAudit(tx, actor, { action: 'case.approval_request', recordType: 'case', recordId: caseId, purpose: 'case_management', summary: `closure of case ${row.reference} asked of a supervisor` });
  await tellSupervisors(tx, jobs, subject.organisationId, caseId, id);
  return { id: caseId, reference: row.reference, version: row.version, awaitingApproval: true };
}

/**
 * A caseworker changed the person's assistance plan (a goal added or corrected) where the country asks a supervisor
 * to approve plans: the plan waits for a supervisor of her organisation (one request at a time: a plan changed again
 * while it waits still waits once).
 */
export async function planChanged(tx: Db, jobs: JobEngine, subject: Subject, actor: Actor, caseId: string): Promise<void> {
  if (!(await approvalRequired(tx, subject, 'assistance_plan'))) return;
  const id = randomUUID();
  const inserted = await sql<{ id: string }>`
    insert into case_approvals (id, case_id, kind, organisation_id, requested_by, requested_at)
    values (${id}, ${caseId}, 'assistance_plan', ${subject.organisationId}, ${subject.userId}, now())
    on conflict (case_id, kind) where status = 'awaiting' do nothing
    returning id`.execute(tx);
  if (inserted.rows.length === 0) return;
  const kase = await tx.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow();
  await appendAudit(tx, actor, { action: 'case.approval_request', recordType: 'case', recordId: caseId, purpose: 'case_management', summary: `assistance plan of case ${kase.reference} asked of a supervisor` });
  await tellSupervisors(tx, jobs, subject.organisationId, caseId, id);
}

/**
 * A supervisor of the organisation the approval waits in approves it (a closure then closes the case with the reason
 * asked for) or returns it with a reason (encrypted; the caseworker reads it on the case). Audited and told to the
 * caseworker who asked.
 */
export async function decideApproval(
  tx: Db,
  cipher: FieldCipher,
  jobs: JobEngine,
  subject: Subject,
  actor: Actor,
  approvalId: string,
  input: ApprovalDecisionRequest,
): Promise<CaseApproval> {
  const approval = await tx
    .selectFrom('case_approvals as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.case_id', 'a.kind', 'a.status', 'a.requested_by', 'a.closure_reason', 'a.closure_referred', 'c.reference', 'c.version'])
    .where('a.id', '=', approvalId)
    .where(compileRule(supervisionRules.supervise, subject, approvalColumns))
    .forUpdate()
    .executeTakeFirst();
  if (!approval) throw notFound('Approval');
  if (approval.status !== 'awaiting') throw new HttpError(409, 'already_answered', 'This has already been approved or returned');
  const status: ApprovalStatus = input.decision === 'approve' ? 'approved' : 'returned';
  if (status === 'approved' && approval.kind === 'case_closure') {
    const closure = closeCaseRequest.parse({ version: approval.version, reason: approval.closure_reason, referred: approval.closure_referred ?? false });
    await closeCase(tx, subject, actor, approval.case_id, closure, `approval:${approval.id}`);
  }
  const reason = status === 'returned' ? (input.reason ?? '') : null;
  await tx
    .updateTable('case_approvals')
    .set({ status, decided_by: subject.userId, decided_at: new Date(), return_reason: reason === null ? null : cipher.encrypt(reason, returnReasonBinding(approval.id)) })
    .where('id', '=', approval.id)
    .execute();
  const kind = approval.kind === 'case_closure' ? 'closure' : 'assistance plan';
  await appendAudit(tx, actor, {
    action: 'case.approval_answer',
    recordType: 'case',
    recordId: approval.case_id,
    purpose: 'case_management',
    summary: `${kind} of case ${approval.reference} ${status}${reason === null ? '' : ' with a reason (encrypted)'}`,
  });
  const requester = await tx.selectFrom('users').select('id').where('id', '=', approval.requested_by).where('active', '=', true).executeTakeFirst();
  await notify(tx, jobs, { kind: 'approval_answered', userIds: requester ? [requester.id] : [], link: `/cases/${approval.case_id}`, event: `${approval.id}:${status}` });
  const [view] = (await approvalsOf(tx, cipher, subject, approval.case_id, approval.id)).approvals;
  if (!view) throw notFound('Approval');
  return view;
}

/**
 * The approvals of a case in the reader's organisation (each organisation supervises its own staff), newest first:
 * for those who read the case record. Undefined when the rules refuse. Reading a return reason is audited.
 */
export async function listApprovals(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<CaseApprovalList | undefined> {
  const kase = await findCase(tx, caseId, compileRule(caseRecordRules.read, subject, caseColumns));
  if (!kase) return undefined;
  const list = await approvalsOf(tx, cipher, subject, caseId);
  if (list.approvals.some((a) => a.returnReason !== null)) {
    await appendAudit(tx, actor, { action: 'case.approvals_read', recordType: 'case', recordId: caseId, purpose: 'case_management', summary: `case ${kase.reference}: approvals read (${list.approvals.length})` });
  }
  return list;
}

async function approvalsOf(tx: Db, cipher: FieldCipher, subject: Subject, caseId: string, onlyId?: string): Promise<CaseApprovalList> {
  let query = tx
    .selectFrom('case_approvals as a')
    .innerJoin('users as r', 'r.id', 'a.requested_by')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .select(['a.id', 'a.case_id', 'a.kind', 'a.status', 'a.requested_at', 'a.closure_reason', 'a.closure_referred', 'a.decided_at', 'a.return_reason', 'r.display_name as requested_by', 'd.display_name as decided_by'])
    .where('a.case_id', '=', caseId)
    .where('a.organisation_id', '=', subject.organisationId)
    .orderBy('a.requested_at', 'desc')
    .orderBy('a.id')
    .limit(20);
  if (onlyId) query = query.where('a.id', '=', onlyId);
  const rows = await query.execute();
  const approvals: CaseApproval[] = [];
  for (const row of rows) {
    approvals.push({
      id: row.id,
      caseId: row.case_id,
      kind: row.kind as ApprovalKind,
      status: row.status as ApprovalStatus,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at.toISOString(),
      closure: row.closure_reason === null ? null : { reason: row.closure_reason, referred: row.closure_referred ?? false },
      decidedBy: row.decided_by,
      decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
      returnReason: row.return_reason ? await cipher.decrypt(row.return_reason, returnReasonBinding(row.id), tx) : null,
    });
  }
  return { approvals, mayDecide: subject.roles.includes('supervisor') };
}
