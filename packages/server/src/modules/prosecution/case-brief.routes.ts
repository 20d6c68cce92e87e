import contentDisposition from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseBriefQuery, caseBriefTextRequest, createdRef, idParams, sherlocBrief } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf, type Platform } from '../../platform/http/context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseBriefRules } from './case-brief.fields.js';
import { produceBrief, writeBriefText } from './case-brief.service.js';

async function run<T>(platform: Platform, fn: (tx: Db) => Promise<T | HttpError>): Promise<T> {
  const result = await inTransaction(platform, fn);
  if (result instanceof HttpError) throw result;
  return result;
}

/**
 * An operation's case brief in SHERLOC's fields for publication, identities removed: as JSON and as a PDF, and the
 * prosecutor's text for publication (case name and number, country, facts, commentary; draft or approved).
 */
export async function caseBriefRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['prosecution'];
  const read = { access: ruleRoute('prosecution.brief_export', caseBriefRules.read) };

  r.get(
    '/api/prosecution/operations/:id/case-brief',
    { config: read, schema: { tags, summary: "The operation's case brief in SHERLOC's fields, identities removed (defendants numbered, victims counted; audited)", params: idParams, response: { 200: sherlocBrief } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => produceBrief(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, 'json'));
    },
  );

  r.get(
    '/api/prosecution/operations/:id/case-brief.pdf',
    { config: read, schema: { tags, summary: 'The case brief as a PDF in the language chosen (Arabic shaped right to left; audited)', params: idParams, querystring: caseBriefQuery } },
    async (request, reply) => {
      const session = requireSession(request);
      const document = await run(platform, (tx) => produceBrief(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, 'pdf', request.query.language));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(document.fileName, { type: 'attachment' }))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-length', String(document.bytes.length))
        .send(document.bytes);
    },
  );

  r.put(
    '/api/prosecution/operations/:id/case-brief/text',
    { config: { access: ruleRoute('prosecution.brief_text_write', caseBriefRules.write) }, schema: { tags, summary: "Write the brief's text for publication and its status, draft or approved (the prosecutors of the office referred to; encrypted, audited)", params: idParams, body: caseBriefTextRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => writeBriefText(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );
}
