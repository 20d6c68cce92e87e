import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, idempotencyHeaders } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { addCaseRecordRequest, assistancePlanView, caseRecordList, caseRecordListQuery, caseRecordRef } from './case-record.contracts.js';
import { caseRecordRules } from './case-record.policy.js';
import { addRecord } from './case-record.service.js';
import { listRecords } from './case-record.read.js';
import { assistancePlan } from './case-record.plan.js';
import { caseManagerCandidates, caseManagerChoice } from './case-record.managers.js';
import { planChanged } from '../supervision/supervision.approvals.js';

/** The case record: needs, the person's assistance plan, services, follow-ups, assessments and decisions. */
export async function caseRecordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform, jobs } = app;
  const tags = ['case records'];

  r.post(
    '/api/cases/:id/records',
    {
      config: { access: ruleRoute('case_record.add', caseRecordRules.add) },
      schema: {
        tags,
        summary: 'Add a record to the case (a correction supersedes an earlier record; a manager assignment or return decision names the case version)',
        params: idParams,
        headers: idempotencyHeaders,
        body: addCaseRecordRequest,
        response: { 200: caseRecordRef },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, async (tx) => {
        const added = await addRecord(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']);
        // A goal of the person's plan added or corrected: the plan waits for a supervisor where the country asks for it.
        if (added.kind === 'assistance_goal') await planChanged(tx, jobs, subjectOf(session), actorOf(session), request.params.id);
        return added;
      });
    },
  );

  r.get(
    '/api/cases/:id/records',
    {
      config: { access: ruleRoute('case_record.read', caseRecordRules.read) },
      schema: { tags, summary: 'The records of a case the caller may read, notes decrypted (audited)', params: idParams, querystring: caseRecordListQuery, response: { 200: caseRecordList } },
    },
    async (request) => {
      const session = requireSession(request);
      const query = { kind: request.query.kind, includeSuperseded: request.query.includeSuperseded === 'true' };
      const records = await inTransaction(platform, (tx) => listRecords(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, query));
      if (!records) throw notFound('Case');
      return { records };
    },
  );

  r.get(
    '/api/cases/:id/plan',
    {
      config: { access: ruleRoute('case_record.read', caseRecordRules.read) },
      schema: { tags, summary: 'The assistance plan: needs, goals chosen by the person, services delivered, follow-ups due (audited)', params: idParams, response: { 200: assistancePlanView } },
    },
    async (request) => {
      const session = requireSession(request);
      const plan = await inTransaction(platform, (tx) => assistancePlan(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!plan) throw notFound('Case');
      return plan;
    },
  );

  r.get(
    '/api/cases/:id/case-manager',
    {
      config: { access: ruleRoute('case_record.add', caseRecordRules.manage) },
      schema: { tags, summary: 'The case manager and the caseworkers of the managing organisation who could be assigned', params: idParams, response: { 200: caseManagerCandidates } },
    },
    async (request) => {
      const session = requireSession(request);
      const choice = await caseManagerChoice(platform.db, subjectOf(session), request.params.id);
      if (!choice) throw notFound('Case');
      return choice;
    },
  );
}
