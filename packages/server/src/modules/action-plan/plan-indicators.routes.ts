import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createIndicatorRequest, idParams, indicatorList, planProgress, progressDownloadQuery, recordMeasurementRequest } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { HttpError, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { actionPlanRules } from './action-plan.policy.js';
import { findPlan } from './action-plan.repo.js';
import { readIndicators } from './plan-indicators.read.js';
import { addIndicator, recordMeasurement } from './plan-indicators.service.js';
import { keptPlanProgress as buildProgress } from './plan-progress.cache.js';
import { progressCsv, progressXlsx } from './plan-progress.export.js';
import { indicatorFactsJobs } from './indicator-facts.jobs.js';

const created = z.object({ id: z.uuid() });
const today = () => new Date().toISOString().slice(0, 10);

/** The plan's indicators (entered by hand or computed), their measurements, and the progress page with its download. */
export async function planIndicatorRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['action plan'];
  const progressAccess = { access: ruleRoute('action_plan.progress', actionPlanRules.progress) };
  indicatorFactsJobs(app);

  r.get(
    '/api/action-plans/:id/indicators',
    { config: { access: ruleRoute('action_plan.read', actionPlanRules.read) }, schema: { tags, summary: 'The plan\'s indicators with targets, measurements and values per period (computed ones perturbed by the cell-key method)', params: idParams, response: { 200: indicatorList } } },
    async (request) => {
      const session = requireSession(request);
      const plan = await findPlan(platform.db, request.params.id);
      if (!plan) throw notFound('Plan');
      return { indicators: await readIndicators(platform.db, platform.cipher.recordKeys, subjectOf(session), plan) };
    },
  );

  r.post(
    '/api/action-plans/:id/indicators',
    { config: { access: ruleRoute('action_plan.edit', actionPlanRules.edit) }, schema: { tags, summary: 'Add an indicator, entered by hand (with its source) or computed from the platform\'s facts', params: idParams, body: createIndicatorRequest, response: { 200: created } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => addIndicator(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/plan-indicators/:id/measurements',
    { config: { access: ruleRoute('action_plan.report', actionPlanRules.reportAny) }, schema: { tags, summary: 'Record a measurement of an indicator entered by hand (its activity\'s responsible organisation)', params: idParams, body: recordMeasurementRequest, response: { 200: created } } },
    async (request) => {
      const session = requireSession(request);
      const result = await inTransaction(platform, (tx) => recordMeasurement(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
      if (result instanceof HttpError) throw result;
      return result;
    },
  );

  r.get(
    '/api/action-plans/:id/progress',
    { config: progressAccess, schema: { tags, summary: 'What is late, under-funded, off target or missing its measurement, per pillar and organisation (audited)', params: idParams, response: { 200: planProgress } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, async (tx) => {
        const progress = await buildProgress(tx, platform.cipher.recordKeys, subjectOf(session), request.params.id, today());
        await appendAudit(tx, actorOf(session), { action: 'action_plan.progress_read', recordType: 'action_plan', recordId: progress.planId, purpose: 'coordination', summary: `${progress.activities.length} activities, ${progress.indicators.length} indicators` });
        return progress;
      });
    },
  );

  r.get(
    '/api/action-plans/:id/progress/download',
    { config: progressAccess, schema: { tags, summary: 'The progress page as CSV or XLSX (audited)', params: idParams, querystring: progressDownloadQuery } },
    async (request, reply) => {
      const session = requireSession(request);
      const { format } = request.query;
      const progress = await inTransaction(platform, async (tx) => {
        const built = await buildProgress(tx, platform.cipher.recordKeys, subjectOf(session), request.params.id, today());
        await appendAudit(tx, actorOf(session), { action: 'action_plan.progress_download', recordType: 'action_plan', recordId: built.planId, purpose: 'coordination', summary: `progress downloaded as ${format}` });
        return built;
      });
      reply.header('content-disposition', `attachment; filename="plan-progress-${progress.asOf}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(progressCsv(progress));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await progressXlsx(progress));
    },
  );
}
