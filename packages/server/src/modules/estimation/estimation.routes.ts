import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bootstrapRequest, bootstrapView, estimateFromCasesRequest, estimateFromCsvRequest, estimationOptions, overlapPreviewRequest, overlapPreviewView, estimationResultView, publishEstimateRequest, publishedEstimateView, publishedEstimatesView } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { HttpError } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { bootstrapOnRequest } from './bootstrap.service.js';
import { estimationRules } from './estimation.policy.js';
import { previewGrouping } from './grouping.js';
import { estimateFromCases, estimateFromUpload, estimationChoices, listPublications, publishEstimate } from './estimation.service.js';

function answer<T>(outcome: T | HttpError): T {
  if (outcome instanceof HttpError) throw outcome;
  return outcome;
}

/** Multiple systems estimation for the national rapporteur: aggregate counts in, an estimate out; no person crosses. */
export async function estimationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['estimation'];
  const access = { access: ruleRoute('estimation.estimate', estimationRules.estimate) };

  r.get(
    '/api/estimation/options',
    { config: access, schema: { tags, summary: 'Years with cases and the organisations that lists can be made of', response: { 200: estimationOptions } } },
    async (request) => estimationChoices(platform.db, subjectOf(requireSession(request))),
  );

  r.post(
    '/api/estimation/from-cases',
    {
      config: access,
      schema: {
        tags,
        summary: 'Estimate the hidden number of victims from the case records of a year, lists made of organisations (audited; small cells suppressed)',
        body: estimateFromCasesRequest,
        response: { 200: estimationResultView },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return answer(await inTransaction(platform, (tx) => estimateFromCases(tx, subjectOf(session), actorOf(session), request.body, platform.cipher.recordKeys)));
    },
  );

  r.post(
    '/api/estimation/overlap-preview',
    {
      config: access,
      schema: {
        tags,
        summary: 'Before estimating: the overlap of a grouping of organisations into lists (counts perturbed), why it cannot be estimated if so, and a grouping that can (audited)',
        body: overlapPreviewRequest,
        response: { 200: overlapPreviewView },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => previewGrouping(tx, subjectOf(session), actorOf(session), request.body, platform.cipher.recordKeys));
    },
  );

  r.post(
    '/api/estimation/bootstrap',
    {
      config: access,
      schema: {
        tags,
        summary: 'A bootstrap interval that repeats the stepwise selection on each resample, from the same data as an estimate (resamples bounded by the number of lists; audited)',
        body: bootstrapRequest,
        response: { 200: bootstrapView },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return answer(await inTransaction(platform, (tx) => bootstrapOnRequest(tx, subjectOf(session), actorOf(session), request.body, platform.cipher.recordKeys)));
    },
  );

  r.post(
    '/api/estimation/from-csv',
    {
      config: access,
      schema: { tags, summary: 'Estimate from an uploaded overlap table (one 0/1 column per list, then the count; audited)', body: estimateFromCsvRequest, response: { 200: estimationResultView } },
    },
    async (request) => {
      const session = requireSession(request);
      return answer(await inTransaction(platform, (tx) => estimateFromUpload(tx, subjectOf(session), actorOf(session), request.body, platform.cipher.recordKeys)));
    },
  );

  r.get(
    '/api/estimation/publications',
    { config: access, schema: { tags, summary: 'Estimates published, newest first: model, total, interval, data fingerprint, when and by whom', response: { 200: publishedEstimatesView } } },
    async (request) => ({ publications: await listPublications(platform.db, subjectOf(requireSession(request))) }),
  );

  r.post(
    '/api/estimation/publications',
    {
      config: { access: ruleRoute('estimation.publish', estimationRules.publish) },
      schema: {
        tags,
        summary: 'Publish one row of the spread over models: estimated again on the server from the same data, recorded with the data fingerprint (rapporteur; audited)',
        body: publishEstimateRequest,
        response: { 201: publishedEstimateView },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const publisher = { userId: session.user.id, organisationId: session.user.organisationId };
      const published = await inTransaction(platform, (tx) => publishEstimate(tx, subjectOf(session), actorOf(session), publisher, request.body, platform.cipher.recordKeys));
      return reply.code(201).send(published);
    },
  );
}
