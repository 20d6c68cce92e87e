import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import fastifyMultipart from '@fastify/multipart';
import contentDisposition from 'content-disposition';
import { documentForDecisionRequest, documentList, documentParams, documentRef, idParams } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { checkFile } from './document.content.js';
import { documentRules } from './document.policy.js';
import { addDocument, auditRefusal, downloadDocument, listDocuments, markForDecision, mayAttach } from './document.service.js';
import { readUpload, uploadLimits } from './document.upload.js';

/** Documents attached to a case: upload (checked by content), list, download (never shown inline), mark for the decision. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['documents'];

  // Multipart only in this plugin's routes, with the upload's limits enforced while the request streams in.
  await app.register(fastifyMultipart, { limits: uploadLimits, throwFileSizeLimit: true });

  r.post(
    '/api/cases/:id/documents',
    {
      config: { access: ruleRoute('document.upload', documentRules.add) },
      schema: {
        tags,
        summary: 'Attach a document (multipart/form-data: documentType, forDecision, file): PDF, JPEG or PNG recognised by content, at most 20 MiB, images stored without metadata, name and content encrypted (audited)',
        params: idParams,
        response: { 200: documentRef },
      },
    },
    async (request) => {
      const session = requireSession(request);
      const subject = subjectOf(session);
      // Refused before the upload is read: a user who may not attach sends 20 MiB for nothing otherwise.
      if (!(await mayAttach(platform.db, subject, request.params.id))) {
        await inTransaction(platform, (tx) => auditRefusal(tx, actorOf(session), request.params.id, 'document.upload'));
        throw notFound('Case');
      }
      const upload = await readUpload(request);
      const file = await checkFile(upload.fileName, upload.content);
      const added = await inTransaction(platform, (tx) =>
        addDocument(tx, platform.cipher, subject, actorOf(session), request.params.id, { documentType: upload.documentType, forDecision: upload.forDecision, file }),
      );
      if (!added) throw notFound('Case');
      return added;
    },
  );

  r.get(
    '/api/cases/:id/documents',
    {
      config: { access: ruleRoute('document.list', documentRules.read) },
      schema: { tags, summary: 'The documents of a case the caller may see (a competent authority: those marked for the decision), names decrypted (audited)', params: idParams, response: { 200: documentList } },
    },
    async (request) => {
      const session = requireSession(request);
      const documents = await inTransaction(platform, (tx) => listDocuments(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!documents) throw notFound('Case');
      return { documents };
    },
  );

  r.get(
    '/api/cases/:id/documents/:documentId/content',
    {
      config: { access: ruleRoute('document.download', documentRules.read) },
      schema: { tags, summary: 'Download a document: always as an attachment, never shown inline (audited before the first byte is sent)', params: documentParams },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const { id, documentId } = request.params;
      const file = await inTransaction(platform, (tx) => downloadDocument(tx, platform.cipher, subjectOf(session), actorOf(session), id, documentId));
      if (!file) throw notFound('Document');
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName, { type: 'attachment' }))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('content-length', String(file.content.length))
        .send(file.content);
    },
  );

  r.patch(
    '/api/cases/:id/documents/:documentId',
    {
      config: { access: ruleRoute('document.mark', documentRules.add) },
      schema: { tags, summary: 'Mark a document for the decision on victim status (the competent authority then sees it), or take the mark away (audited)', params: documentParams, body: documentForDecisionRequest, response: { 200: documentRef } },
    },
    async (request) => {
      const session = requireSession(request);
      const { id, documentId } = request.params;
      const marked = await inTransaction(platform, (tx) => markForDecision(tx, subjectOf(session), actorOf(session), id, documentId, request.body.forDecision));
      if (!marked) throw notFound('Document');
      return marked;
    },
  );
}
