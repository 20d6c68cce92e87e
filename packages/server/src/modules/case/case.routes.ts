import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseList,
  caseListQuery,
  caseRef,
  caseView,
  closeCaseOutcome,
  closeCaseRequest,
  consentEventRequest,
  decisionRequest,
  idParams,
  idempotencyHeaders,
  measureParams,
  okResponse,
  openCaseRequest,
  requestDecisionRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseRules } from './case.policy.js';
import * as cases from './case.service.js';
import { decide, requestDecision } from './case-lifecycle.js';
import { recordConsentEvent } from './case-consent.js';
import { closureAwaitingApproval } from '../supervision/supervision.approvals.js';

export async function caseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform, jobs } = app;
  const tags = ['cases'];

  r.post(
    '/api/cases',
    { config: { access: ruleRoute('case.open', caseRules.open) }, schema: { tags, summary: 'Report a suspicion and open a case (anonymous intake allowed)', headers: idempotencyHeaders, body: openCaseRequest, response: { 200: caseRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => cases.openCase(tx, platform.cipher, subjectOf(session), actorOf(session), request.body, request.headers['idempotency-key']));
    },
  );

  r.get(
    '/api/cases',
    { config: { access: ruleRoute('case.read', caseRules.read) }, schema: { tags, summary: 'Cases the caller may see: the worklist, filtered, sorted and paged, with the total', querystring: caseListQuery, response: { 200: caseList } } },
    async (request) => {
      const session = requireSession(request);
      const q = request.query;
      // One statement reads the page and writes its audit entry (listCases): no transaction to open around it.
      return cases.listCases(platform.db, subjectOf(session), actorOf(session), {
        stage: q.stage,
        status: q.status,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        deadline: q.deadline,
        form: q.form,
        assignedToMe: q.assignedToMe === 'true',
        sort: q.sort,
        offset: q.offset,
        limit: q.limit,
      });
    },
  );

  r.get(
    '/api/cases/:id',
    { config: { access: ruleRoute('case.read', caseRules.read) }, schema: { tags, summary: 'One case with its timeline (audited)', params: idParams, response: { 200: caseView } } },
    async (request) => {
      const session = requireSession(request);
      // One statement reads the case and writes its audit entry (readCase): no transaction to open around it.
      const view = await cases.readCase(platform.db, platform.cipher, subjectOf(session), actorOf(session), request.params.id);
      if (!view) throw notFound('Case');
      return view;
    },
  );

  r.post(
    '/api/cases/:id/consents',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Record consent given, refused or withdrawn', params: idParams, headers: idempotencyHeaders, body: consentEventRequest, response: { 200: caseRef.extend({ sharesRevoked: z.number().int() }) } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => recordConsentEvent(tx, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );

  r.post(
    '/api/cases/:id/decision-requests',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Refer the case to a competent authority for a reasonable-grounds decision', params: idParams, headers: idempotencyHeaders, body: requestDecisionRequest, response: { 200: caseRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => requestDecision(tx, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );

  r.post(
    '/api/cases/:id/decisions',
    { config: { access: ruleRoute('case.decide', caseRules.decide) }, schema: { tags, summary: 'Decide on victim status (competent authority only)', params: idParams, headers: idempotencyHeaders, body: decisionRequest, response: { 200: caseRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => decide(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );

  r.post(
    '/api/cases/:id/measures/:measureId/done',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Mark an SOP measure done for this case', params: measureParams, response: { 200: okResponse } } },
    async (request) => {
      const session = requireSession(request);
      await inTransaction(platform, (tx) => cases.markMeasureDone(tx, subjectOf(session), actorOf(session), request.params.id, request.params.measureId));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/cases/:id/close',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: "Close the case with a reason (a caseworker's closure waits for a supervisor where the country's settings ask for approval)", params: idParams, headers: idempotencyHeaders, body: closeCaseRequest, response: { 200: closeCaseOutcome } } },
    async (request) => {
      const session = requireSession(request);
      const [subject, actor, key] = [subjectOf(session), actorOf(session), request.headers['idempotency-key']];
      return inTransaction(platform, async (tx) => (await closureAwaitingApproval(tx, jobs, subject, actor, request.params.id, request.body, key)) ?? cases.closeCase(tx, subject, actor, request.params.id, request.body, key));
    },
  );
}
