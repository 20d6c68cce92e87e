import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  checklistVersionParams,
  idParams,
  idempotencyHeaders,
  indicatorChecklistList,
  indicatorChecklistView,
  publishChecklistRequest,
  screeningAssessment,
  screeningSubmission,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseRules } from '../case/case.policy.js';
import { screeningRules } from './screening.policy.js';
import { getChecklist, listActiveChecklists, publishChecklist } from './screening.service.js';
import { screenCase } from './case-screening.js';

export async function screeningRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['screening'];

  r.get(
    '/api/screening/checklists',
    { config: { access: ruleRoute('screening.list', screeningRules.listChecklists) }, schema: { tags, summary: 'The active indicator checklists', response: { 200: indicatorChecklistList } } },
    async () => ({ checklists: await listActiveChecklists(platform.db) }),
  );

  r.get(
    '/api/screening/checklists/:code/:version',
    { config: { access: ruleRoute('screening.read', screeningRules.readChecklist) }, schema: { tags, summary: 'One version of a checklist', params: checklistVersionParams, response: { 200: indicatorChecklistView } } },
    async (request) => {
      const checklist = await getChecklist(platform.db, request.params.code, request.params.version);
      if (!checklist) throw notFound('Checklist');
      return checklist;
    },
  );

  r.post(
    '/api/screening/checklists',
    { config: { access: ruleRoute('screening.publish', screeningRules.publishChecklist) }, schema: { tags, summary: 'Publish a new checklist version (national coordinator)', body: publishChecklistRequest, response: { 200: indicatorChecklistView } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => publishChecklist(tx, actorOf(session), request.body));
    },
  );

  r.post(
    '/api/cases/:id/screenings',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Screen the person of a case against a checklist: a suggestion, never a decision', params: idParams, headers: idempotencyHeaders, body: screeningSubmission, response: { 200: screeningAssessment } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => screenCase(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']));
    },
  );
}
