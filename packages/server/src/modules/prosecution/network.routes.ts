import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdRef, createNetworkEntityRequest, createNetworkLinkRequest, idParams, operationNetwork } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf, type Platform } from '../../platform/http/context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { asJsonLines, networkAsFtm } from './network.ftm.js';
import { networkRules } from './network.policy.js';
import { readNetwork, readNetworkContent } from './network.read.js';
import { addEntity, addLink } from './network.service.js';
import { findOperations } from './prosecution.repo.js';

/** Runs a use case in its transaction; a refusal it returns is thrown once the transaction (and its audit entry) committed. */
async function run<T>(platform: Platform, fn: (tx: Db) => Promise<T | HttpError>): Promise<T> {
  const result = await inTransaction(platform, fn);
  if (result instanceof HttpError) throw result;
  return result;
}

/** The network behind an operation: entities, links, the ranked network and its FollowTheMoney export (decision 0016). */
export async function networkRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['prosecution'];
  const read = { access: ruleRoute('prosecution.network_read', networkRules.read) };
  const write = { access: ruleRoute('prosecution.network_write', networkRules.write) };

  r.get(
    '/api/prosecution/operations/:id/network',
    { config: read, schema: { tags, summary: "An operation's network: suspects by pseudonym and entities, their links, each node ranked by betweenness and degree, and the other operations it appears in (audited)", params: idParams, response: { 200: operationNetwork } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => readNetwork(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
    },
  );

  r.get(
    '/api/prosecution/operations/:id/network/ftm',
    { config: read, schema: { tags, summary: 'The network as FollowTheMoney JSON lines for Aleph: persons by pseudonym only, entities, links (download, audited)', params: idParams, response: { 200: z.string() } } },
    async (request, reply) => {
      const session = requireSession(request);
      const { lines, reference } = await run(platform, async (tx) => {
        const subject = subjectOf(session);
        const content = await readNetworkContent(tx, platform.cipher, subject, actorOf(session), request.params.id, 'prosecution.network_export');
        if (content instanceof HttpError) return content;
        const [operation] = await findOperations(tx, subject, networkRules.read, content.operationId);
        const entities = networkAsFtm(content, operation?.reference ?? '');
        await appendAudit(tx, actorOf(session), {
          action: 'prosecution.network_export',
          recordType: 'prosecution_operation',
          recordId: content.operationId,
          purpose: 'prosecution',
          summary: `FollowTheMoney export: ${entities.length} entities (${content.counts.suspects} suspect(s) by pseudonym, ${content.counts.entities} entities, ${content.counts.links} link(s)); no identity`,
        });
        return { lines: asJsonLines(entities), reference: operation?.reference ?? 'operation' };
      });
      // A Buffer passes fastify's serializer untouched (the schema documents the body as text for the OpenAPI document).
      const bytes: unknown = Buffer.from(lines, 'utf8');
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${reference}-network.ftm.json"`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes as string);
    },
  );

  r.post(
    '/api/prosecution/operations/:id/entities',
    { config: write, schema: { tags, summary: 'Record a company, vehicle, phone number, address or bank account in an operation (value encrypted, found again by its blind index; audited)', params: idParams, body: createNetworkEntityRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => addEntity(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/prosecution/operations/:id/links',
    { config: write, schema: { tags, summary: 'Link two suspects or entities within an operation (a suspect of another operation the caller may see may be named; audited)', params: idParams, body: createNetworkLinkRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => addLink(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );
}
