import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assessmentComparison, checklistScoresRequest, assessmentEntryRequest, assessmentList, assessmentPdfQuery, assessmentRequest, assessmentView, comparisonQuery, createdRef, idParams } from '@palermo/contracts';
import contentDisposition from 'content-disposition';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { assessmentPdf } from './determinants.pdf.js';
import { determinantRules } from './determinants.policy.js';
import { compareAssessments, listAssessments, readAssessment } from './determinants.read.js';
import { createAssessment, recordEntry, updateAssessment } from './determinants.service.js';
import { recordChecklistScores } from './determinants-checklist.js';

/** Determinants assessments: the rapporteur records them, the coordinator and the national administrator read them. */
export async function determinantRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['determinants'];
  const read = { access: ruleRoute('determinant_assessment.read', determinantRules.read) };
  const record = { access: ruleRoute('determinant_assessment.record', determinantRules.record) };

  r.get('/api/determinant-assessments', { config: read, schema: { tags, summary: 'Determinants assessments, latest period first', response: { 200: assessmentList } } }, async (request) => {
    const session = requireSession(request);
    return { assessments: await inTransaction(platform, (tx) => listAssessments(tx, subjectOf(session))) };
  });

  r.post('/api/determinant-assessments', { config: record, schema: { tags, summary: 'Create a determinants assessment for a country and a period (the national rapporteur; audited)', body: assessmentRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => createAssessment(tx, subjectOf(session), actorOf(session), request.body));
  });

  r.get('/api/determinant-assessments/:id', { config: read, schema: { tags, summary: 'One determinants assessment with its entries', params: idParams, response: { 200: assessmentView } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => readAssessment(tx, subjectOf(session), request.params.id));
  });

  r.put('/api/determinant-assessments/:id', { config: record, schema: { tags, summary: "Edit an assessment's country, period and title (the national rapporteur; audited)", params: idParams, body: assessmentRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => updateAssessment(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.put('/api/determinant-assessments/:id/entries', { config: record, schema: { tags, summary: 'Record or rewrite one determinant of an assessment (the national rapporteur; audited)', params: idParams, body: assessmentEntryRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => recordEntry(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.put('/api/determinant-assessments/:id/checklist', { config: record, schema: { tags, summary: "Score items of the recommendations' checklist for an assessment, all or none (the national rapporteur; audited)", params: idParams, body: checklistScoresRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => recordChecklistScores(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.get('/api/determinant-assessments/:id/assessment.pdf', { config: read, schema: { tags, summary: 'The assessment as a PDF document in the language chosen (Arabic shaped right to left)', params: idParams, querystring: assessmentPdfQuery } }, async (request, reply) => {
    const session = requireSession(request);
    const view = await inTransaction(platform, (tx) => readAssessment(tx, subjectOf(session), request.params.id));
    const bytes = await assessmentPdf(view, request.query.language);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(`determinants-assessment-${request.query.language}.pdf`, { type: 'attachment' }))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-length', String(bytes.length))
      .send(bytes);
  });

  r.get('/api/determinant-assessments/:id/comparison', { config: read, schema: { tags, summary: 'Two assessments side by side: per determinant, its direction in each and whether it changed', params: idParams, querystring: comparisonQuery, response: { 200: assessmentComparison } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => compareAssessments(tx, subjectOf(session), request.params.id, request.query.with));
  });
}
