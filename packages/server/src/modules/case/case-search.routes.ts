import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseMatchState,
  caseSearchQuery,
  caseSearchResult,
  createMatchRequest,
  idParams,
  idempotencyHeaders,
  matchCheckResult,
  matchRequestList,
  okResponse,
  respondMatchRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseRules } from './case.policy.js';
import { searchCases } from './case-search.js';
import { checkForDuplicates, matchCheckRule, padCheckAnswer } from './case-match-checks.js';
import { answerMatchRequest, caseMatchState as matchStateOfCase, matchInbox, matchRequestRules, requestMatchConfirmation } from './case-match-requests.js';

/**
 * Finding people (search through blind indexes, among the cases the user may see) and de-duplication across
 * organisations without disclosure: a check from an open case with consent to referral says only whether a possible
 * duplicate exists elsewhere; a holding organisation reveals itself only by accepting a request to confirm. Nothing
 * checks a typed name against other organisations.
 */
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

  r.post(
    '/api/cases/:id/match-checks',
    {
      config: { access: ruleRoute('match.check', matchCheckRule) },
      schema: { tags, summary: 'Check whether another organisation probably holds the person of this case (yes or no only; limited per user)', params: idParams, response: { 200: matchCheckResult } },
    },
    async (request) => {
      const session = requireSession(request);
      const startedAt = performance.now();
      const outcome = await inTransaction(platform, (tx) => checkForDuplicates(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      // A refusal is thrown only once its audit entry (and any alert) has committed.
      if (outcome.kind === 'refused') throw outcome.error;
      // Found or not, and however many share a name, the answer takes the same time.
      await padCheckAnswer(startedAt);
      return outcome.result;
    },
  );

  r.post(
    '/api/cases/:id/match-requests',
    {
      config: { access: ruleRoute('match.check', matchCheckRule) },
      schema: { tags, summary: 'Ask the organisations holding a possible duplicate to confirm (they decide whether to reveal themselves)', params: idParams, headers: idempotencyHeaders, body: createMatchRequest, response: { 200: okResponse } },
    },
    async (request) => {
      const session = requireSession(request);
      const startedAt = performance.now();
      await inTransaction(platform, (tx) => requestMatchConfirmation(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.headers['idempotency-key']));
      // One request is written per holding organisation: the time taken must not tell how many there are.
      await padCheckAnswer(startedAt);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/cases/:id/match-requests',
    { config: { access: ruleRoute('match.check', matchCheckRule) }, schema: { tags, summary: "This case's newest check, and the organisations that accepted to reveal themselves", params: idParams, response: { 200: caseMatchState } } },
    async (request) => inTransaction(platform, (tx) => matchStateOfCase(tx, subjectOf(requireSession(request)), request.params.id)),
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
