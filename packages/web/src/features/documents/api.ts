import { documentList, documentRef, type DocumentRef, type DocumentType, type DocumentView } from '@palermo/contracts';
import { api, sendForm } from '../../app/api';

const path = (caseId: string, rest = '') => `/api/cases/${encodeURIComponent(caseId)}/documents${rest}`;

/** The documents of a case the reader may see (a competent authority: those marked for the decision). */
export async function listDocuments(caseId: string): Promise<DocumentView[]> {
  return (await api.get(path(caseId), documentList)).documents;
}

export interface NewDocument {
  documentType: DocumentType;
  forDecision: boolean;
  file: File;
}

/** Uploads one file as multipart/form-data (the server checks its content, size and name). */
export function uploadDocument(caseId: string, document: NewDocument): Promise<DocumentRef> {
  const form = new FormData();
  form.append('documentType', document.documentType);
  form.append('forDecision', String(document.forDecision));
  form.append('file', document.file, document.file.name);
  return sendForm(path(caseId), form, documentRef);
}

export function markForDecision(caseId: string, documentId: string, forDecision: boolean): Promise<DocumentRef> {
  return api.patch(path(caseId, `/${encodeURIComponent(documentId)}`), { forDecision }, documentRef);
}

/** Where the browser downloads a document from (the server always answers it as an attachment). */
export const contentUrl = (caseId: string, documentId: string) => path(caseId, `/${encodeURIComponent(documentId)}/content`);
