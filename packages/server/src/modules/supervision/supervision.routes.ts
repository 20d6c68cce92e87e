import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { approvalDecisionRequest, approvalSettings, caseApproval, caseApprovalList, caseRef, idParams, idempotencyHeaders, reassignCaseRequest } from '@palermo/contracts';
import { ruleRoute, sessionRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseRecordRules } from '../case-record/case-record.policy.js';
import { decideApproval, listApprovals } from './supervision.approvals.js';
import { supervisionRules } from './supervision.policy.js';
import { reassignCase } from './supervision.reassign.js';
import { approvalSettingsOf, setApprovalSettings } from './supervision.settings.js';

/** A supervisor's part of the case work: reassigning cases, approving plans and closures; the country's approval settings. */
export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform, jobs } = app;
  const tags = ['supervision'];

  r.post(
    '/api/cases/:id/reassign',
    {
      config: { access: ruleRoute('case.reassign', supervisionRules.supervise) },
      schema: { tags, summary: "Give the case to another active caseworker of its organisation (a supervisor; audited, both caseworkers told)", params: idParams, headers: idempotencyHeaders, body: reassignCaseRequest, response: { 200: caseRef } },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => reassignCase(tx, jobs, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );

  r.get(
    '/api/cases/:id/approvals',
    {
      config: { access: ruleRoute('case_record.read', caseRecordRules.read) },
      schema: { tags, summary: "The case's plans and closures waiting for, approved or returned by a supervisor of the reader's organisation", params: idParams, response: { 200: caseApprovalList } },
    },
    async (request) => {
      const session = requireSession(request);
      const list = await inTransaction(platform, (tx) => listApprovals(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!list) throw notFound('Case');
      return list;
    },
  );

  r.post(
    '/api/approvals/:id/decision',
    {
      config: { access: ruleRoute('case.approve', supervisionRules.supervise) },
      schema: { tags, summary: 'Approve, or return with a reason, a plan or closure waiting in my organisation (a supervisor; audited, the caseworker told)', params: idParams, body: approvalDecisionRequest, response: { 200: caseApproval } },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => decideApproval(tx, platform.cipher, jobs, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.get(
    '/api/settings/approvals',
    { config: { access: sessionRoute('active') }, schema: { tags, summary: "What waits for a supervisor's approval in this country", response: { 200: approvalSettings } } },
    async () => approvalSettingsOf(platform.db),
  );

  r.put(
    '/api/settings/approvals',
    {
      config: { access: ruleRoute('settings.approvals', supervisionRules.setApprovalSettings) },
      schema: { tags, summary: "Choose what waits for a supervisor's approval (national administrator, audited)", body: approvalSettings, response: { 200: approvalSettings } },
    },
    async (request) => setApprovalSettings(platform.db, actorOf(requireSession(request)), request.body),
  );
}
