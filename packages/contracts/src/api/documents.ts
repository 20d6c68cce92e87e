import { z } from 'zod';
import { documentMediaTypeList, documentTypes, type DocumentMediaType } from '../vocabularies/documents.js';
import { isoDateTime, uuid } from './common.js';
import { personal, recordKind } from './personal.js';

/**
 * A document attached to a case, as the list shows it (the content is a separate download). Presented through the
 * `document` field policy: a field a relationship may not see is absent. The file name is personal data (a name often
 * carries the person's) and is stored encrypted, like the content.
 */
export const documentView = recordKind(
  'document',
  z.object({
    id: uuid,
    caseId: uuid,
    documentType: z.enum(documentTypes).optional(),
    fileName: personal(z.string()).optional(),
    mediaType: z.enum(documentMediaTypeList as [DocumentMediaType, ...DocumentMediaType[]]).optional(),
    byteSize: z.number().int().optional(),
    forDecision: z.boolean().optional(),
    uploadedByName: z.string().optional(),
    organisationName: z.string().optional(),
    createdAt: isoDateTime.optional(),
  }),
);
export type DocumentView = z.infer<typeof documentView>;

export const documentList = z.object({ documents: z.array(documentView) });
export type DocumentList = z.infer<typeof documentList>;

export const documentParams = z.object({ id: uuid, documentId: uuid });

/** Whether the competent authority deciding on victim status sees the document in the decision file. */
export const documentForDecisionRequest = z.strictObject({ forDecision: z.boolean() });
export type DocumentForDecisionRequest = z.infer<typeof documentForDecisionRequest>;

export const documentRef = z.object({ id: uuid, caseId: uuid, mediaType: z.string(), byteSize: z.number().int(), forDecision: z.boolean() });
export type DocumentRef = z.infer<typeof documentRef>;
