import { assistancePlanView, caseRecordList, caseRecordRef, type AddCaseRecordRequest, type AssistancePlanView, type CaseRecordView } from '@palermo/contracts';
import { api, type Schema } from '../../app/api';
import type { KeyedPost } from '../cases/keyed';

const path = (caseId: string, rest: string) => `/api/cases/${encodeURIComponent(caseId)}${rest}`;

export function getPlan(caseId: string): Promise<AssistancePlanView> {
  return api.get(path(caseId, '/plan'), assistancePlanView);
}

/** The records, with those that corrections superseded (each names the record that replaced it). */
export async function listRecords(caseId: string): Promise<CaseRecordView[]> {
  return (await api.get(path(caseId, '/records?includeSuperseded=true'), caseRecordList)).records;
}

export function addRecord(post: KeyedPost, caseId: string, body: AddCaseRecordRequest) {
  return post(path(caseId, '/records'), body, caseRecordRef);
}

export interface StaffMember {
  id: string;
  displayName: string;
}
export interface CaseManagerChoice {
  caseManager: StaffMember | null;
  candidates: StaffMember[];
}

const isStaff = (value: unknown): value is StaffMember =>
  typeof value === 'object' && value !== null && typeof Reflect.get(value, 'id') === 'string' && typeof Reflect.get(value, 'displayName') === 'string';

/** The response of GET /api/cases/:id/case-manager, checked by hand (it has no shared contract). */
const caseManagerChoice: Schema<CaseManagerChoice> = {
  safeParse(input: unknown) {
    if (typeof input === 'object' && input !== null) {
      const current: unknown = Reflect.get(input, 'caseManager');
      const candidates: unknown = Reflect.get(input, 'candidates');
      if ((current === null || isStaff(current)) && Array.isArray(candidates) && candidates.every(isStaff)) {
        return { success: true as const, data: { caseManager: current, candidates: candidates.map((c) => ({ id: c.id, displayName: c.displayName })) } };
      }
    }
    return { success: false as const, error: 'not a case manager choice' };
  },
};

/** The case manager and the caseworkers of the managing organisation who could take the case. */
export function getCaseManagerChoice(caseId: string): Promise<CaseManagerChoice> {
  return api.get(path(caseId, '/case-manager'), caseManagerChoice);
}
