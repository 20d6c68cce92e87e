import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { estimateStrataFromCasesRequest, estimateStrataFromCsvRequest, stratifiedEstimateView } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { estimationRules } from './estimation.policy.js';
import { estimateStrataFromCases, estimateStrataFromUpload } from './strata.service.js';

/** Estimates by stratum, beside the pooled estimate: the same people may call them as the other estimation routes. */
export async function strataRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['estimation'];
  const config = { access: ruleRoute('estimation.estimate', estimationRules.estimate) };

  r.post(
    '/api/estimation/strata/from-cases',
    {
      config,
      schema: {
        tags,
        summary: 'Estimate separately by sex, age or form of exploitation from the case records of a year, with the sum of the strata beside the pooled estimate (counts perturbed, estimates rounded; audited)',
        body: estimateStrataFromCasesRequest,
        response: { 200: stratifiedEstimateView },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => estimateStrataFromCases(tx, subjectOf(session), actorOf(session), request.body, platform.cipher.recordKeys));
    },
  );

  r.post(
    '/api/estimation/strata/from-csv',
    {
      config,
      schema: {
        tags,
        summary: 'Estimate separately by the stratum column of an uploaded overlap table, with the sum of the strata beside the pooled estimate (estimates rounded; audited)',
        body: estimateStrataFromCsvRequest,
        response: { 200: stratifiedEstimateView },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => estimateStrataFromUpload(tx, subjectOf(session), actorOf(session), request.body));
    },
  );
}
