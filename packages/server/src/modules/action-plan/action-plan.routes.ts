import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createActivityRequest, createObjectiveRequest, createPlanRequest, idParams, planList, planOrganisations, planView, recordProgressRequest, updateActivityRequest } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { HttpError } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { actionPlanRules } from './action-plan.policy.js';
import { listPlans, readPlan } from './action-plan.read.js';
import { activeOrganisations } from './action-plan.repo.js';
import { addActivity, addObjective, createPlan, recordProgress, updateActivity } from './action-plan.service.js';

const created = z.object({ id: z.uuid() });

/** The national action plan: plans, objectives, activities, and the responsible organisations' progress reports. */
export async function actionPlanRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['action plan'];
  const read = { access: ruleRoute('action_plan.read', actionPlanRules.read) };
  const edit = { access: ruleRoute('action_plan.edit', actionPlanRules.edit) };

  r.get('/api/action-plans', { config: read, schema: { tags, summary: 'The national action plans, newest period first', response: { 200: planList } } }, async () => ({
    plans: await listPlans(platform.db),
  }));

  r.post('/api/action-plans', { config: edit, schema: { tags, summary: 'Create a plan (the national coordinator)', body: createPlanRequest, response: { 200: created } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => createPlan(tx, subjectOf(session), actorOf(session), request.body));
  });

  r.get('/api/action-plans/organisations', { config: read, schema: { tags, summary: 'The organisations an activity may be given to', response: { 200: planOrganisations } } }, async () => ({
    organisations: await activeOrganisations(platform.db),
  }));

  r.get('/api/action-plans/:id', { config: read, schema: { tags, summary: 'A plan with its objectives and activities, each through the field policy', params: idParams, response: { 200: planView } } }, async (request) => {
    const session = requireSession(request);
    return readPlan(platform.db, subjectOf(session), request.params.id);
  });

  r.post('/api/action-plans/:id/objectives', { config: edit, schema: { tags, summary: 'Add an objective under a pillar', params: idParams, body: createObjectiveRequest, response: { 200: created } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => addObjective(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/action-plans/:id/activities', { config: edit, schema: { tags, summary: 'Add an activity with its partners, budget and funding', params: idParams, body: createActivityRequest, response: { 200: created } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => addActivity(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.put('/api/plan-activities/:id', { config: edit, schema: { tags, summary: 'Edit an activity (naming the version read)', params: idParams, body: updateActivityRequest, response: { 200: created } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => updateActivity(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post(
    '/api/plan-activities/:id/progress',
    { config: { access: ruleRoute('action_plan.report', actionPlanRules.reportAny) }, schema: { tags, summary: "Report an activity's progress and spending (its responsible organisation)", params: idParams, body: recordProgressRequest, response: { 200: created } } },
    async (request) => {
      const session = requireSession(request);
      const result = await inTransaction(platform, (tx) => recordProgress(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
      if (result instanceof HttpError) throw result;
      return result;
    },
  );
}
