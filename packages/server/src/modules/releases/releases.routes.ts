import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { confirmedReleaseRequest, idParams, releaseDatasetList, releaseList, releaseListQuery, releaseMade } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { releaseRules } from './releases.policy.js';
import * as service from './releases.service.js';
import { defineReleaseJob, makeReleaseOnQueue } from './release-job.js';

/** Privacy-safe releases: the datasets with their budgets, the ledger, making a release, downloading its file. */
export async function releaseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: ruleRoute('release.read', releaseRules.read) };
  defineReleaseJob(app.jobs, { db: app.platform.db, cipher: app.platform.cipher });

  r.get(
    '/api/releases/datasets',
    { config: read, schema: { tags: ['releases'], summary: 'Datasets that can be released, with their privacy budgets', response: { 200: releaseDatasetList } } },
    async () => service.listDatasets(app.platform.db),
  );

  r.get(
    '/api/releases',
    { config: read, schema: { tags: ['releases'], summary: 'The release ledger, newest first', querystring: releaseListQuery, response: { 200: releaseList } } },
    async (request) => ({ releases: await service.listReleases(app.platform.db, request.query.datasetId) }),
  );

  r.post(
    '/api/releases',
    {
      config: { access: ruleRoute('release.make', releaseRules.make) },
      schema: {
        tags: ['releases'],
        summary: 'Make a k-anonymous or differentially private synthetic release; refused (400) without the confirmation field, (409) when it would exceed the privacy budget',
        body: confirmedReleaseRequest,
        response: { 200: releaseMade },
      },
    },
    async (request) => {
      const session = requireSession(request);
      // The confirmation is checked by the schema (400 naming `confirmed` without it); the job reads the request.
      return makeReleaseOnQueue(app.jobs, actorOf(session), request.body);
    },
  );

  r.get(
    '/api/releases/:id/file',
    { config: read, schema: { tags: ['releases'], summary: 'Download the released CSV file', params: idParams } },
    async (request, reply) => {
      const session = requireSession(request);
      const file = await service.downloadRelease(app.platform.db, actorOf(session), request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(gunzipSync(file.gzip));
    },
  );
}
