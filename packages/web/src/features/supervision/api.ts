import { approvalSettings, caseApproval, caseApprovalList, caseRef, type ApprovalDecisionRequest, type ApprovalKind, type ApprovalSettings, type CaseApproval, type CaseApprovalList, type ReassignCaseRequest } from '@palermo/contracts';
import { api } from '../../app/api';
import type { KeyedPost } from '../cases/keyed';

export type { ApprovalKind, ApprovalSettings, CaseApproval, CaseApprovalList };

/** Give the case to another caseworker of its organisation (a supervisor). */
export function reassignCase(post: KeyedPost, caseId: string, body: ReassignCaseRequest) {
  return post(`/api/cases/${encodeURIComponent(caseId)}/reassign`, body, caseRef);
}

/** The case's plans and closures waiting for, approved or returned by a supervisor of the reader's organisation. */
export function listApprovals(caseId: string): Promise<CaseApprovalList> {
  return api.get(`/api/cases/${encodeURIComponent(caseId)}/approvals`, caseApprovalList);
}

/** Approve, or return with a reason. */
export function decideApproval(id: string, body: ApprovalDecisionRequest): Promise<CaseApproval> {
  return api.post(`/api/approvals/${encodeURIComponent(id)}/decision`, body, caseApproval);
}

export function getApprovalSettings(): Promise<ApprovalSettings> {
  return api.get('/api/settings/approvals', approvalSettings);
}

export function saveApprovalSettings(body: ApprovalSettings): Promise<ApprovalSettings> {
  return api.put('/api/settings/approvals', body, approvalSettings);
}
