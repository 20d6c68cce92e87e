import { createdRef, sherlocBrief, type CaseBriefTextRequest, type Capabilities, type DocumentLanguage, type SherlocBrief } from '@palermo/contracts';
import { api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

/** The operation's case brief in SHERLOC's fields, identities removed (produced, and audited, on each call). */
export function getCaseBrief(operationId: string): Promise<SherlocBrief> {
  return api.get(`/api/prosecution/operations/${id(operationId)}/case-brief`, sherlocBrief);
}

export function saveCaseBriefText(operationId: string, body: CaseBriefTextRequest) {
  return api.put(`/api/prosecution/operations/${id(operationId)}/case-brief/text`, body, createdRef);
}

export const caseBriefJsonHref = (operationId: string) => `/api/prosecution/operations/${id(operationId)}/case-brief`;
export const caseBriefPdfHref = (operationId: string, language: DocumentLanguage) => `/api/prosecution/operations/${id(operationId)}/case-brief.pdf?language=${language}`;

/** Whether the server would let this session produce case briefs, and write their text (the capabilities of the routes). */
export const canSeeCaseBriefs = (capabilities: Capabilities): boolean => capabilities.seeCaseBriefs;
export const canEditCaseBriefs = (capabilities: Capabilities): boolean => capabilities.editCaseBriefs;
