import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  clusterRequest,
  clusterWritten,
  commentRequest,
  createdRef,
  createRecommendationRequest,
  idParams,
  linkActivitiesRequest,
  linksWritten,
  recommendationActivityParams,
  recommendationFilters,
  importFilePreview,
  recommendationImportPreviewRequest,
  recommendationImportRejected,
  recommendationImportRequest,
  recommendationImportResult,
  recommendationList,
  recommendationView,
  recordResponseRequest,
  recordStatusRequest,
  referenceSeriesQuery,
  referenceSeriesView,
  versionWritten,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { recommendationRules } from './recommendations.policy.js';
import { listRecommendations, readRecommendation } from './recommendations.read.js';
import { comment, createRecommendation, linkActivities, linkCluster, recordResponse, recordStatus, unlinkActivity } from './recommendations.service.js';
import { importRecommendations } from './recommendation-import.js';
import { readTextTable } from './recommendation-table.js';
import { readReferenceSeries } from './reference-series.js';

/** Recommendations of monitoring bodies, their response, status, comments and clusters; the reference series beside them. */
export async function recommendationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['recommendations'];
  const read = { access: ruleRoute('recommendation.read', recommendationRules.read) };

  r.get('/api/recommendations', { config: read, schema: { tags, summary: 'Recommendations of monitoring bodies, newest first, by body, theme, status, response and the activity of the plan answering them', querystring: recommendationFilters, response: { 200: recommendationList } } }, async (request) => {
    const session = requireSession(request);
    return { recommendations: await inTransaction(platform, (tx) => listRecommendations(tx, subjectOf(session), request.query)) };
  });

  r.post(
    '/api/recommendations',
    { config: { access: ruleRoute('recommendation.create', recommendationRules.record) }, schema: { tags, summary: 'Record a recommendation of a monitoring body (the national rapporteur; audited)', body: createRecommendationRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => createRecommendation(tx, subjectOf(session), actorOf(session), request.body));
    },
  );

  r.post(
    '/api/recommendations/import',
    {
      bodyLimit: 8 * 1024 * 1024,
      config: { access: ruleRoute('recommendation.import', recommendationRules.record) },
      schema: { tags, summary: 'Import recommendations from a CSV or XLSX file with a column mapping: every rejected row reported with its reason, nothing imported on error (audited)', body: recommendationImportRequest, response: { 200: recommendationImportResult, 422: recommendationImportRejected } },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const result = await inTransaction(platform, (tx) => importRecommendations(tx, subjectOf(session), actorOf(session), request.body));
      if (result.rejected.length === 0) return reply.code(200).send(result);
      const rows = new Set(result.rejected.map((r) => r.row)).size;
      return reply.code(422).send({ ...result, error: 'rows_rejected', message: `${rows} row(s) cannot be imported; nothing was imported`, details: { rejected: result.rejected } });
    },
  );

  r.post(
    '/api/recommendations/import/preview',
    {
      bodyLimit: 8 * 1024 * 1024,
      config: { access: ruleRoute('recommendation.import', recommendationRules.record) },
      schema: { tags, summary: "A file to import before any mapping: its column headings, first rows and number of rows (nothing is written)", body: recommendationImportPreviewRequest, response: { 200: importFilePreview } },
    },
    async (request) => {
      requireSession(request);
      const table = await readTextTable(Buffer.from(request.body.content, 'base64'), request.body.fileName);
      const format: 'csv' | 'xlsx' = /\.xlsx$/iu.test(request.body.fileName) ? 'xlsx' : 'csv';
      return { format, columns: [...table.headings], rows: table.rows.slice(0, 5).map((r) => [...r.cells]), rowCount: table.rows.length };
    },
  );

  r.get('/api/recommendations/:id', { config: read, schema: { tags, summary: 'One recommendation with its history, cluster, similar recommendations of other bodies and activities', params: idParams, response: { 200: recommendationView } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => readRecommendation(tx, subjectOf(session), request.params.id));
  });

  r.post(
    '/api/recommendations/:id/response',
    { config: { access: ruleRoute('recommendation.response', recommendationRules.respond) }, schema: { tags, summary: "Record the government's response (the national coordinator; a new version, audited)", params: idParams, body: recordResponseRequest, response: { 200: versionWritten } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => recordResponse(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/recommendations/:id/status',
    { config: { access: ruleRoute('recommendation.status', recommendationRules.recordStatus) }, schema: { tags, summary: 'Record the implementation status with its evidence (the national rapporteur; a new version, audited)', params: idParams, body: recordStatusRequest, response: { 200: versionWritten } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => recordStatus(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/recommendations/:id/comments',
    { config: { access: ruleRoute('recommendation.comment', recommendationRules.comment) }, schema: { tags, summary: "Comment on the status (civil society; kept in the history under the organisation's name, audited)", params: idParams, body: commentRequest, response: { 200: versionWritten } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => comment(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/recommendations/clusters',
    { config: { access: ruleRoute('recommendation.cluster', recommendationRules.cluster) }, schema: { tags, summary: 'Link recommendations together as one cluster (their clusters merge; audited)', body: clusterRequest, response: { 200: clusterWritten } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => linkCluster(tx, subjectOf(session), actorOf(session), request.body));
    },
  );

  r.post(
    '/api/recommendations/:id/activities',
    { config: { access: ruleRoute('recommendation.activities_link', recommendationRules.linkActivities) }, schema: { tags, summary: "Link activities of the plan to a recommendation, and to its cluster's members at once (the national coordinator; audited)", params: idParams, body: linkActivitiesRequest, response: { 200: linksWritten } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => linkActivities(tx, subjectOf(session), actorOf(session), request.params.id, request.body.activityIds, request.body.withCluster));
    },
  );

  r.delete(
    '/api/recommendations/:id/activities/:activityId',
    { config: { access: ruleRoute('recommendation.activity_unlink', recommendationRules.linkActivities) }, schema: { tags, summary: "Undo the link between a recommendation and an activity of the plan; the history keeps a version naming the activity (the national coordinator; audited)", params: recommendationActivityParams, response: { 200: versionWritten } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => unlinkActivity(tx, subjectOf(session), actorOf(session), request.params.id, request.params.activityId));
    },
  );

  r.get('/api/reference-series', { config: read, schema: { tags, summary: "A country's US TIP tiers and 3P policy index scores by year (the country's own unless another is asked)", querystring: referenceSeriesQuery, response: { 200: referenceSeriesView } } }, async (request) => {
    return inTransaction(platform, (tx) => readReferenceSeries(tx, request.query.country ?? null));
  });
}
