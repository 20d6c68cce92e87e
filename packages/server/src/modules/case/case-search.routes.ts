import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseSearchQuery,
  caseSearchResult,
  createMatchRequest,
  idParams,
  idempotencyHeaders,
  matchRequestList,
  okResponse,
  possibleMatchesResponse,
  respondMatchRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseRules } from './case.policy.js';
import { possibleMatches, searchCases } from './case-search.js';
import { answerMatchRequest, matchInbox, matchRequestRules, matchRequestsOfCase, requestMatchConfirmation } from './case-match-requests.js';

/** Finding people (search through blind indexes) and de-duplication across organisations. */
export async function caseSearchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['cases'];

  r.get(
    '/api/cases/search',
    { config: { access: ruleRoute('case.read', caseRules.read) }, schema: { tags, summary: 'Find cases by name, alias, birth date or case number', querystring: caseSearchQuery, response: { 200: caseSearchResult } } },
    async (request) => {
      const session = requireSession(request);
      // One statement reads and audits (searchCases): no transaction to open around it.
      const results = await searchCases(platform.db, platform.cipher, subjectOf(session), actorOf(session), request.query);
      return { results };
    },
  );

  r.get(
    '/api/cases/:id/possible-matches',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Other organisations that probably know this person (names of organisations only)', params: idParams, response: { 200: possibleMatchesResponse } } },
    async (request) => {
      const session = requireSession(request);
      const organisations = await inTransaction(platform, (tx) => possibleMatches(tx, subjectOf(session), actorOf(session), request.params.id));
      if (!organisations) throw notFound('Case');
      return { organisations };
    },
  );

  r.post(
    '/api/cases/:id/match-requests',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Ask another organisation to confirm a possible match', params: idParams, headers: idempotencyHeaders, body: createMatchRequest, response: { 200: okResponse } } },
    async (request) => {
      const session = requireSession(request);
      await inTransaction(platform, (tx) => requestMatchConfirmation(tx, subjectOf(session), actorOf(session), request.params.id, request.body.organisationId, request.headers['idempotency-key']));
      return { ok: true as const };
    },
  );

  r.get(
    '/api/cases/:id/match-requests',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Answers to this case\'s match requests', params: idParams, response: { 200: matchRequestList } } },
    async (request) => {
      const session = requireSession(request);
      return { requests: await inTransaction(platform, (tx) => matchRequestsOfCase(tx, subjectOf(session), request.params.id)) };
    },
  );

  r.get(
    '/api/match-requests/inbox',
    { config: { access: ruleRoute('match.answer', matchRequestRules.answer) }, schema: { tags, summary: 'Match requests addressed to my organisation', response: { 200: matchRequestList } } },
    async (request) => ({ requests: await matchInbox(platform.db, subjectOf(requireSession(request))) }),
  );

  r.post(
    '/api/match-requests/:id/answer',
    { config: { access: ruleRoute('match.answer', matchRequestRules.answer) }, schema: { tags, summary: 'Answer a match request', params: idParams, body: respondMatchRequest, response: { 200: okResponse } } },
    async (request) => {
      const session = requireSession(request);
      await inTransaction(platform, (tx) => answerMatchRequest(tx, subjectOf(session), actorOf(session), request.params.id, request.body.status));
      return { ok: true as const };
    },
  );
}
