import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, publicationResult, publicView, publicViewPreview, publicViewWithdrawn } from '@palermo/contracts';
import { publicRoute, ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { publicViewRules } from './public-view.policy.js';
import { previewPublicView, publishPublicView, readPublicView, withdrawPublicView } from './public-view.service.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The public page's one read: the only API answer caches may keep (platform/http/no-store.ts lists it). */
export const publicViewPath = '/api/public-view';
/** How long a browser or a proxy may keep the public page before asking again (with its entity tag). */
export const publicViewMaxAge = 300;

/** The public page: the coordinator previews, publishes and withdraws it; anyone reads what is published. */
export async function publicViewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['public view'];
  const publish = { access: ruleRoute('public_view.publish', publicViewRules.publish) };

  r.get(
    publicViewPath,
    {
      config: { access: publicRoute('the public page of the plan\'s progress, published by the coordinator for anyone to read: nothing personal, counts perturbed') },
      schema: { tags, summary: 'The published page: the plan\'s progress, recommendations\' status, determinants (cacheable; 404 when nothing is published)', response: { 200: publicView } },
    },
    async (request, reply) => {
      const published = await readPublicView(platform.db);
      if (!published) throw notFound('Public page');
      reply.header('etag', published.etag);
      reply.header('cache-control', `public, max-age=${publicViewMaxAge}`);
      const asked = request.headers['if-none-match'];
      if (typeof asked === 'string' && asked.split(',').some((tag) => tag.trim() === published.etag || tag.trim() === `W/${published.etag}`)) {
        // Unchanged since the reader's copy: no body (the response schema is for 200).
        return (reply as FastifyReply).code(304).send();
      }
      return published.view;
    },
  );

  r.get(
    '/api/action-plans/:id/public-view',
    { config: publish, schema: { tags, summary: 'The public page as it would be published now from this plan, and what is published (the coordinator; audited)', params: idParams, response: { 200: publicViewPreview } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => previewPublicView(tx, platform.cipher.recordKeys, subjectOf(session), actorOf(session), request.params.id, today()));
    },
  );

  r.post(
    '/api/action-plans/:id/public-view',
    { config: publish, schema: { tags, summary: 'Publish the public page from this plan, replacing what is published (the coordinator; audited)', params: idParams, body: z.object({}).optional(), response: { 200: publicationResult } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => publishPublicView(tx, platform.cipher.recordKeys, subjectOf(session), actorOf(session), request.params.id, today()));
    },
  );

  r.post(
    '/api/public-view/withdraw',
    { config: publish, schema: { tags, summary: 'Withdraw the public page (the coordinator; audited)', body: z.object({}).optional(), response: { 200: publicViewWithdrawn } } },
    async (request) => {
      const session = requireSession(request);
      await inTransaction(platform, (tx) => withdrawPublicView(tx, subjectOf(session), actorOf(session)));
      return { withdrawn: true as const };
    },
  );
}
