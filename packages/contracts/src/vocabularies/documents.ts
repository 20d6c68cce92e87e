/**
 * Documents attached to a case: what kind of document it is (labels in the web's locales, under documents.types), the
 * file formats accepted (recognised by their content, never by their name) and the largest file accepted.
 */
export const documentTypes = ['identity_document', 'medical_letter', 'legal_letter', 'signed_consent', 'other'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** The formats accepted, each with the file name endings that may announce it. */
export const documentMediaTypes = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
} as const satisfies Record<string, readonly string[]>;
export type DocumentMediaType = keyof typeof documentMediaTypes;
export const documentMediaTypeList = Object.keys(documentMediaTypes) as DocumentMediaType[];

/** 20 MiB: a scanned letter or a phone photograph, not a video. */
export const maxDocumentBytes = 20 * 1024 * 1024;

/** The longest file name kept (after any folder part is dropped). */
export const maxDocumentFileNameLength = 200;
