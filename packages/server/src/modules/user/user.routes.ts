import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountNoticeList,
  createUserRequest,
  idParams,
  okResponse,
  passwordResetIssued,
  twoFactorResetResult,
  updateUserRequest,
  userList,
  userListQuery,
  userView,
} from '@palermo/contracts';
import { ruleRoute, sessionRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { userRules } from './user.policy.js';
import * as service from './user.service.js';
import { issuePasswordReset, resetTwoFactor } from './user-credentials.service.js';
import { dismissNotices, unreadNotices } from './account-notices.js';

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
  r.post(
    '/api/users/:id/password-reset',
    {
      config: access,
      schema: {
        tags: ['users'],
        summary: 'Issue a one-time password reset code (by e-mail, or shown once)',
        params: idParams,
        response: { 200: passwordResetIssued },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) => issuePasswordReset(tx, app.platform.config, subjectOf(session), actorOf(session), request.params.id));
    },
  );
  r.post(
    '/api/users/:id/two-factor-reset',
    {
      config: access,
      schema: {
        tags: ['users'],
        summary: "Remove a user's lost authenticator: she sets up a new one at her next sign-in",
        params: idParams,
        response: { 200: twoFactorResetResult },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) => resetTwoFactor(tx, subjectOf(session), actorOf(session), request.params.id));
    },
  );
  r.get(
    '/api/account/notices',
    {
      config: { access: sessionRoute('active') },
      schema: { tags: ['users'], summary: 'Changes an administrator made to my account that I have not read', response: { 200: accountNoticeList } },
    },
    async (request) => ({ notices: await unreadNotices(app.platform.db, requireSession(request).user.id) }),
  );
  r.post(
    '/api/account/notices/dismiss',
    {
      config: { access: sessionRoute('active') },
      schema: { tags: ['users'], summary: 'Mark my account notices as read', response: { 200: okResponse } },
    },
    async (request) => {
      await dismissNotices(app.platform.db, requireSession(request).user.id);
      return { ok: true as const };
    },
  );
}
