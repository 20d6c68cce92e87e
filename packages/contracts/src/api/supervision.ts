import { z } from 'zod';
import { isoDateTime, uuid } from './common.js';

/**
 * A supervisor's part of the case work: reassigning a case to another caseworker of her organisation, and approving
 * (or returning with a reason) what the country's settings ask a supervisor to approve.
 */
export const approvalKinds = ['assistance_plan', 'case_closure'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];

export const approvalStatuses = ['awaiting', 'approved', 'returned'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** The country's settings: which kinds of record wait for a supervisor's approval (none by default). */
export const approvalSettings = z.object({
  approvalRequiredFor: z
    .array(z.enum(approvalKinds))
    .max(approvalKinds.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'must not name a kind twice'),
});
export type ApprovalSettings = z.infer<typeof approvalSettings>;

/** Reassign a case: the new case manager, an active caseworker of the organisation managing the case. */
export const reassignCaseRequest = z.object({ caseManagerUserId: uuid, version: z.number().int().positive() });
export type ReassignCaseRequest = z.infer<typeof reassignCaseRequest>;

/** A supervisor's answer: approve, or return with the reason the caseworker reads. */
export const approvalDecisionRequest = z
  .object({ decision: z.enum(['approve', 'return']), reason: z.string().trim().max(2000).optional() })
  .superRefine((value, ctx) => {
    if (value.decision === 'return' && (value.reason === undefined || value.reason.length < 3)) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'must give a reason for returning it' });
    }
  });
export type ApprovalDecisionRequest = z.input<typeof approvalDecisionRequest>;

/** One approval of a case, as its caseworker and her supervisors read it (staff names, the reasons written). */
export const caseApproval = z.object({
  id: uuid,
  caseId: uuid,
  kind: z.enum(approvalKinds),
  status: z.enum(approvalStatuses),
  requestedBy: z.string(),
  requestedAt: isoDateTime,
  /** For a closure: what closing the case will record once approved. */
  closure: z.object({ reason: z.string(), referred: z.boolean() }).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  returnReason: z.string().nullable(),
});
export type CaseApproval = z.infer<typeof caseApproval>;

export const caseApprovalList = z.object({
  approvals: z.array(caseApproval),
  /** Whether the caller may approve or return what awaits (a supervisor of the organisation it waits in). */
  mayDecide: z.boolean(),
});
export type CaseApprovalList = z.infer<typeof caseApprovalList>;

/** The answer to a closure asked for: closed, or waiting for a supervisor. */
export const closeCaseOutcome = z.object({ id: uuid, reference: z.string(), version: z.number().int(), awaitingApproval: z.boolean().optional() });

/** A supervisor's home: an approval waiting (the case by its reference, the caseworker who asked by name). */
export const homeApprovalItem = z.object({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  kind: z.enum(approvalKinds),
  requestedBy: z.string(),
  requestedAt: isoDateTime,
});

/** A caseworker of the supervisor's team: open cases and the overdue among them (each counted up to the home's cap). */
export const homeTeamMember = z.object({
  userId: uuid,
  displayName: z.string(),
  openCases: z.number().int().min(0),
  overdue: z.number().int().min(0),
});
