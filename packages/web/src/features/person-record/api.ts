import {
  dataRequestList,
  dataRequestRef,
  type AnswerDataRequest,
  type DataRequestView,
  type DocumentLanguage,
  type ProtectionService,
  type RecordDataRequest,
  type SubjectAccessRequest,
} from '@palermo/contracts';
import { api, fetchFile, saveFile, withQuery } from '../../app/api';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** Saves a file the server wrote: the browser's own download (never opened in the page). */
export { saveFile };

export const meetingSummary = (caseId: string, language: DocumentLanguage, service: ProtectionService | '') =>
  fetchFile(withQuery(`${base(caseId)}/meeting-summary`, { language, service: service || undefined }));

export const referralForm = (caseId: string, language: DocumentLanguage) => fetchFile(withQuery(`${base(caseId)}/referral-form`, { language }));

export const subjectAccess = (caseId: string, request: SubjectAccessRequest) => fetchFile(`${base(caseId)}/subject-access`, request);

export async function listDataRequests(caseId: string): Promise<DataRequestView[]> {
  return (await api.get(`${base(caseId)}/data-requests`, dataRequestList)).requests;
}

export const recordDataRequest = (caseId: string, request: RecordDataRequest) => api.post(`${base(caseId)}/data-requests`, request, dataRequestRef);

export const answerDataRequest = (caseId: string, requestId: string, answer: AnswerDataRequest) =>
  fetchFile(`${base(caseId)}/data-requests/${encodeURIComponent(requestId)}/answer`, answer);

export const printedAnswer = (caseId: string, requestId: string) => fetchFile(`${base(caseId)}/data-requests/${encodeURIComponent(requestId)}/answer`);
