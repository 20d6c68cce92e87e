import contentDisposition from 'content-disposition';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  answerDataRequest as answerDataRequestBody,
  dataRequestList,
  dataRequestParams,
  dataRequestRef,
  idParams,
  meetingSummaryQuery,
  printQuery,
  recordDataRequest as recordDataRequestBody,
  subjectAccessRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { personRecordRules } from './person-record.policy.js';
import { answerDataRequest, answerSubjectAccess, listDataRequests, printDataRequestAnswer, recordDataRequest, type PrintedDocument } from './data-requests.js';
import { printMeetingSummary } from './meeting-summary.js';
import { printReferralForm } from './referral-form.js';

/** A printed document is always a download (never shown inline), never cached. Undefined: the rules refused (404). */
function sendPdf(reply: FastifyReply, document: PrintedDocument | undefined) {
  if (!document) throw notFound('Case');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', contentDisposition(document.fileName, { type: 'attachment' }))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-length', String(document.bytes.length))
    .send(document.bytes);
}

/**
 * The person's own record (her requests to see, correct or erase her data, answered as documents) and the documents
 * printed from a case (a summary for a referral meeting, the filled referral form).
 */
export async function personRecordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['person record'];
  const dataProtection = { access: ruleRoute('data_request', personRecordRules.dataProtection) };

  r.post(
    '/api/cases/:id/subject-access',
    { config: dataProtection, schema: { tags, summary: 'Answer a subject access request: everything held about the person, who holds it and who read it when, as a PDF in the language chosen (recorded and audited)', params: idParams, body: subjectAccessRequest } },
    async (request, reply) => {
      const session = requireSession(request);
      const document = await inTransaction(platform, (tx) => answerSubjectAccess(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
      return sendPdf(reply, document);
    },
  );

  r.get(
    '/api/cases/:id/data-requests',
    { config: dataProtection, schema: { tags, summary: "The person's requests about her data and whether they were answered (audited)", params: idParams, response: { 200: dataRequestList } } },
    async (request) => {
      const session = requireSession(request);
      const requests = await inTransaction(platform, (tx) => listDataRequests(tx, subjectOf(session), actorOf(session), request.params.id));
      if (!requests) throw notFound('Case');
      return { requests };
    },
  );

  r.post(
    '/api/cases/:id/data-requests',
    { config: dataProtection, schema: { tags, summary: 'Record a request to correct or erase data, in her words (encrypted, audited)', params: idParams, body: recordDataRequestBody, response: { 200: dataRequestRef } } },
    async (request) => {
      const session = requireSession(request);
      const recorded = await inTransaction(platform, (tx) => recordDataRequest(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
      if (!recorded) throw notFound('Case');
      return recorded;
    },
  );

  r.post(
    '/api/cases/:id/data-requests/:requestId/answer',
    { config: dataProtection, schema: { tags, summary: 'Answer a request to correct or erase (once), as a PDF in the language chosen (audited)', params: dataRequestParams, body: answerDataRequestBody } },
    async (request, reply) => {
      const session = requireSession(request);
      const { id, requestId } = request.params;
      const document = await inTransaction(platform, (tx) => answerDataRequest(tx, platform.cipher, subjectOf(session), actorOf(session), id, requestId, request.body));
      return sendPdf(reply, document);
    },
  );

  r.get(
    '/api/cases/:id/data-requests/:requestId/answer',
    { config: dataProtection, schema: { tags, summary: 'The answer given to a request, again (audited)', params: dataRequestParams } },
    async (request, reply) => {
      const session = requireSession(request);
      const { id, requestId } = request.params;
      return sendPdf(reply, await inTransaction(platform, (tx) => printDataRequestAnswer(tx, platform.cipher, subjectOf(session), actorOf(session), id, requestId)));
    },
  );

  r.get(
    '/api/cases/:id/meeting-summary',
    { config: { access: ruleRoute('case.print_meeting_summary', personRecordRules.print) }, schema: { tags, summary: 'A case summary for a referral meeting, without the fields the meeting may not see (PDF, audited)', params: idParams, querystring: meetingSummaryQuery } },
    async (request, reply) => {
      const session = requireSession(request);
      return sendPdf(reply, await inTransaction(platform, (tx) => printMeetingSummary(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.query)));
    },
  );

  r.get(
    '/api/cases/:id/referral-form',
    { config: { access: ruleRoute('case.print_referral_form', personRecordRules.print) }, schema: { tags, summary: 'The intake as a filled referral form, under the field policy (PDF, audited)', params: idParams, querystring: printQuery } },
    async (request, reply) => {
      const session = requireSession(request);
      return sendPdf(reply, await inTransaction(platform, (tx) => printReferralForm(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.query)));
    },
  );
}
