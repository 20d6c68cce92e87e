import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { modelAverageJobParams, modelAverageJobView, modelAverageRequest, modelAverageStarted } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { estimationRules } from './estimation.policy.js';
import { defineModelAverageJobs, modelAverageResult, startModelAverage } from './model-average-jobs.js';

/** The spread's model average for seven and eight lists, computed in the background (model-average-jobs.ts). */
export async function modelAverageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform, jobs } = app;
  const tags = ['estimation'];
  const access = { access: ruleRoute('estimation.estimate', estimationRules.estimate) };
  defineModelAverageJobs(jobs);

  r.post(
    '/api/estimation/model-average',
    {
      config: access,
      schema: {
        tags,
        summary: 'Start the Bayesian model average of the spread for seven or eight lists in the background, from the same data as an estimate (audited)',
        body: modelAverageRequest,
        response: { 202: modelAverageStarted },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const jobId = await inTransaction(platform, (tx) => startModelAverage(tx, jobs, subjectOf(session), actorOf(session), session.user.id, request.body, platform.cipher.recordKeys));
      return reply.code(202).send({ jobId });
    },
  );

  r.get(
    '/api/estimation/model-average/:id',
    {
      config: access,
      schema: { tags, summary: 'The background model average: running, or its row once finished (then deleted); its starter only', params: modelAverageJobParams, response: { 200: modelAverageJobView } },
    },
    async (request) => {
      const session = requireSession(request);
      const view = await modelAverageResult(jobs, subjectOf(session), session.user.id, request.params.id);
      if (!view) throw notFound('Model average');
      return view;
    },
  );
}
