import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createUserRequest, idParams, updateUserRequest, userList, userListQuery, userView } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { userRules } from './user.policy.js';
import * as service from './user.service.js';

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = { access: ruleRoute('user.manage', userRules.manage) };
  r.get(
    '/api/users',
    { config: access, schema: { tags: ['users'], summary: 'Users the caller administers', querystring: userListQuery, response: { 200: userList } } },
    async (request) => ({
      users: await service.listUsers(app.platform.db, subjectOf(requireSession(request)), request.query.organisationId),
    }),
  );
  r.post(
    '/api/users',
    { config: access, schema: { tags: ['users'], summary: 'Create a user', body: createUserRequest, response: { 200: userView } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) => service.createUser(tx, subjectOf(session), actorOf(session), request.body));
    },
  );
  r.patch(
    '/api/users/:id',
    {
      config: access,
      schema: { tags: ['users'], summary: 'Change roles, deactivate or unlock a user', params: idParams, body: updateUserRequest, response: { 200: userView } },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) =>
        service.updateUser(tx, subjectOf(session), actorOf(session), request.params.id, request.body),
      );
    },
  );
}
