import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { documentTypes, maxDocumentBytes, type DocumentType } from '@palermo/contracts';
import { HttpError, badRequest } from '../../platform/http/errors.js';

/** The limits @fastify/multipart (busboy) enforces while the request streams in: nothing beyond them is read. */
export const uploadLimits = {
  fileSize: maxDocumentBytes,
  files: 1,
  fields: 4,
  fieldSize: 100,
  parts: 5,
  headerPairs: 20,
} as const;

export interface Upload {
  readonly documentType: DocumentType;
  readonly forDecision: boolean;
  readonly fileName: string;
  readonly content: Buffer;
}

/** An error from the multipart parser, as a 400 that names the field. */
function asBadRequest(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return badRequest('file', 'must be at most 20 MiB');
    case 'FST_FILES_LIMIT':
      return badRequest('file', 'send one file at a time');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest('(body)', 'has more parts than a document upload (documentType, forDecision, file)');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return badRequest('file', 'send the file as multipart/form-data');
    default:
      return badRequest('(body)', 'is not a readable multipart/form-data upload');
  }
}

async function readFile(part: MultipartFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  if (part.file.truncated) throw badRequest('file', 'must be at most 20 MiB');
  return Buffer.concat(chunks);
}

/**
 * Reads a document upload (multipart/form-data: `documentType`, optional `forDecision`, and one `file`) within the
 * limits above; any other part, a second file, a field too long or a file too large is refused naming the field.
 */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  const fields = new Map<string, string>();
  let file: { name: string; content: Buffer } | undefined;
  try {
    if (!request.isMultipart()) throw badRequest('file', 'send the file as multipart/form-data');
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw badRequest(part.fieldname, 'is not a file field of a document upload (send the file as "file")');
        file = { name: part.filename, content: await readFile(part) };
      } else {
        if (!['documentType', 'forDecision'].includes(part.fieldname)) throw badRequest(part.fieldname, 'is not a field of a document upload');
        if (part.valueTruncated) throw badRequest(part.fieldname, 'is too long');
        fields.set(part.fieldname, String(part.value));
      }
    }
  } catch (error) {
    throw asBadRequest(error);
  }
  const documentType = fields.get('documentType');
  if (documentType === undefined || documentType === '') throw badRequest('documentType', 'is required');
  if (!(documentTypes as readonly string[]).includes(documentType)) throw badRequest('documentType', 'must be one of the listed options');
  const forDecision = fields.get('forDecision') ?? 'false';
  if (forDecision !== 'true' && forDecision !== 'false') throw badRequest('forDecision', 'must be true or false');
  if (!file) throw badRequest('file', 'is required');
  return { documentType: documentType as DocumentType, forDecision: forDecision === 'true', fileName: file.name, content: file.content };
}
