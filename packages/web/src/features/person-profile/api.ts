import {
  accountView,
  documentList,
  type AccountView,
  type DocumentView,
  caseIntakeView,
  caseScreeningsView,
  factChangeResult,
  personProfileView,
  type CaseIntakeView,
  type CaseScreeningsView,
  type CorrectIntakeRequest,
  type PersonProfileView,
  type ProfileSection,
} from '@palermo/contracts';
import { api } from '../../app/api';

const changed = factChangeResult;
const casePath = (caseId: string, what: string) => `/api/cases/${encodeURIComponent(caseId)}/${what}`;

export function getProfile(caseId: string): Promise<PersonProfileView> {
  return api.get(casePath(caseId, 'profile'), personProfileView);
}

export function saveSection(caseId: string, section: ProfileSection, version: number, value: unknown): Promise<{ version: number }> {
  return api.patch(casePath(caseId, 'profile'), { section, version, value }, changed);
}

export function getIntake(caseId: string): Promise<CaseIntakeView> {
  return api.get(casePath(caseId, 'intake'), caseIntakeView);
}

export function correctIntake(caseId: string, request: CorrectIntakeRequest): Promise<{ version: number }> {
  return api.patch(casePath(caseId, 'intake'), request, changed);
}

export function getScreenings(caseId: string): Promise<CaseScreeningsView> {
  return api.get(casePath(caseId, 'screenings'), caseScreeningsView);
}

/** The person's account (the account module's read), for the decision file: statement, situations, exploiters. */
export function getAccountForDecision(caseId: string): Promise<AccountView> {
  return api.get(casePath(caseId, 'account'), accountView);
}

/** The documents the reader may see: for a competent authority, those attached for the decision (documents module). */
export async function getDecisionDocuments(caseId: string): Promise<DocumentView[]> {
  return (await api.get(casePath(caseId, 'documents'), documentList)).documents;
}
