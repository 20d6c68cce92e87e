import { assistancePlanView, caseRecordList, caseRecordRef, type AddCaseRecordRequest, type AssistancePlanView, type CaseRecordView } from '@palermo/contracts';
import { api } from '../../app/api';
import type { KeyedPost } from '../cases/keyed';

const path = (caseId: string, rest: string) => `/api/cases/${encodeURIComponent(caseId)}${rest}`;

export function getPlan(caseId: string): Promise<AssistancePlanView> {
  return api.get(path(caseId, '/plan'), assistancePlanView);
}

/** The current records (corrections replace what they correct). */
export async function listRecords(caseId: string): Promise<CaseRecordView[]> {
  return (await api.get(path(caseId, '/records'), caseRecordList)).records;
}

export function addRecord(post: KeyedPost, caseId: string, body: AddCaseRecordRequest) {
  return post(path(caseId, '/records'), body, caseRecordRef);
}
