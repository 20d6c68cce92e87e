import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createOrganisationRequest,
  idParams,
  organisationList,
  organisationView,
  updateOrganisationRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { organisationRules } from './organisation.policy.js';
import * as service from './organisation.service.js';

export async function organisationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/organisations',
    {
      config: { access: ruleRoute('organisation.list', organisationRules.list) },
      schema: { tags: ['organisations'], summary: 'The organisation directory', response: { 200: organisationList } },
    },
    async () => ({ organisations: await service.listOrganisations(app.platform.db) }),
  );

  r.post(
    '/api/organisations',
    {
      config: { access: ruleRoute('organisation.manage', organisationRules.manage) },
      schema: { tags: ['organisations'], summary: 'Create an organisation', body: createOrganisationRequest, response: { 200: organisationView } },
    },
    async (request) =>
      inTransaction(app.platform, (tx) => service.createOrganisation(tx, actorOf(requireSession(request)), request.body)),
  );

  r.patch(
    '/api/organisations/:id',
    {
      config: { access: ruleRoute('organisation.manage', organisationRules.manage) },
      schema: {
        tags: ['organisations'],
        summary: 'Rename, (de)activate or set jurisdictions',
        params: idParams,
        body: updateOrganisationRequest,
        response: { 200: organisationView },
      },
    },
    async (request) =>
      inTransaction(app.platform, (tx) =>
        service.updateOrganisation(tx, actorOf(requireSession(request)), request.params.id, request.body),
      ),
  );
}
