import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountRecordParams,
  accountRecordRef,
  accountView,
  addExploiterRequest,
  addSituationRequest,
  correctExploiterRequest,
  correctSituationRequest,
  idParams,
  idempotencyHeaders,
  saveStatementRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { accountRules } from './account.policy.js';
import { readAccount } from './account.read.js';
import { addExploiter, addSituation, correctExploiter, correctSituation, saveStatement } from './account.service.js';

/** The person's account: her statement, the exploitation situations and the exploiters, each correctable with history. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['account'];
  const write = { access: ruleRoute('account.write', accountRules.write) };

  r.get(
    '/api/cases/:id/account',
    {
      config: { access: ruleRoute('account.read', accountRules.read) },
      schema: { tags, summary: "The person's account as the field policy shows it to the caller, with each record's history (audited)", params: idParams, response: { 200: accountView } },
    },
    async (request) => {
      const session = requireSession(request);
      const account = await inTransaction(platform, (tx) => readAccount(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!account) throw notFound('Case');
      return account;
    },
  );

  r.put(
    '/api/cases/:id/account/statement',
    { config: write, schema: { tags, summary: "Record or correct her account in her words and the first responder's reasons (a correction names the version read)", params: idParams, body: saveStatementRequest, response: { 200: accountRecordRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => saveStatement(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/cases/:id/account/situations',
    { config: write, schema: { tags, summary: 'Add an exploitation situation', params: idParams, headers: idempotencyHeaders, body: addSituationRequest, response: { 200: accountRecordRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => addSituation(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );

  r.put(
    '/api/cases/:id/account/situations/:recordId',
    { config: write, schema: { tags, summary: 'Correct an exploitation situation (the whole value, naming the version read; the earlier one stays in its history)', params: accountRecordParams, body: correctSituationRequest, response: { 200: accountRecordRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => correctSituation(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.params.recordId, request.body));
    },
  );

  r.post(
    '/api/cases/:id/account/exploiters',
    { config: write, schema: { tags, summary: 'Add a person or organisation who exploited her (under a pseudonym, identity encrypted)', params: idParams, headers: idempotencyHeaders, body: addExploiterRequest, response: { 200: accountRecordRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => addExploiter(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );

  r.put(
    '/api/cases/:id/account/exploiters/:recordId',
    { config: write, schema: { tags, summary: 'Correct an exploiter (naming the version read; the earlier value stays in its history)', params: accountRecordParams, body: correctExploiterRequest, response: { 200: accountRecordRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => correctExploiter(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.params.recordId, request.body));
    },
  );
}
