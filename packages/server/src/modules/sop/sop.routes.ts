import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createSopVersionRequest, sopVersionList, sopVersionParams, sopVersionView } from './sop.contracts.js';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { sopRules } from './sop.policy.js';
import * as service from './sop.service.js';

/** The country's SOPs: read by everyone signed in, a new version saved by the national coordinator. */
export async function sopRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: ruleRoute('sop.read', sopRules.read) };

  r.get(
    '/api/sops',
    { config: read, schema: { tags: ['sops'], summary: 'The SOP document in force', response: { 200: sopVersionView } } },
    async () => service.getCurrentSops(app.platform.db),
  );

  r.get(
    '/api/sops/versions',
    { config: read, schema: { tags: ['sops'], summary: 'Every version of the SOPs, newest first (without documents)', response: { 200: sopVersionList } } },
    async () => ({ versions: await service.listSopVersions(app.platform.db) }),
  );

  r.get(
    '/api/sops/versions/:version',
    {
      config: read,
      schema: { tags: ['sops'], summary: 'One version of the SOPs', params: sopVersionParams, response: { 200: sopVersionView } },
    },
    async (request) => service.getSopVersion(app.platform.db, request.params.version),
  );

  r.post(
    '/api/sops/versions',
    {
      config: { access: ruleRoute('sop.edit', sopRules.edit) },
      schema: {
        tags: ['sops'],
        summary: 'Save a new version of the SOPs (the whole document and a change note); it comes into force at once',
        body: createSopVersionRequest,
        response: { 200: sopVersionView },
      },
    },
    async (request) => {
      const { sops, changeNote, basedOnVersion } = request.body;
      return inTransaction(app.platform, (tx) =>
        service.createSopVersion(tx, actorOf(requireSession(request)), { document: { sops }, changeNote, basedOnVersion }),
      );
    },
  );
}
