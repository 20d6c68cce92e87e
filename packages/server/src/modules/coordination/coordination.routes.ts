import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  actionListQuery, actionStatusRequest, coordinationBodyList, coordinationBodyRequest, coordinationBodyView, coordinationOptions, createdRef, followUpActionList,
  followUpActionRequest, idParams, meetingRequest, meetingView, trainingList, trainingListQuery, trainingRequest,
} from '@palermo/contracts';
import { allows } from '../../platform/access/rules.js';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { coordinationRules } from './coordination.policy.js';
import { listActions, listBodies, readBody, readMeeting } from './coordination.read.js';
import { addAction, createBody, createMeeting, updateActionStatus, updateBody, updateMeeting } from './coordination.service.js';
import { listTrainings } from './trainings.read.js';
import { recordTraining, updateTraining } from './trainings.service.js';

/**
 * Coordination: bodies with their members, meetings with decisions and follow-up actions (the coordinator records them;
 * the rapporteur, the national administrator and member organisations read), actions' status (the coordinator or the
 * assigned organisation), trainings delivered (the coordinator or the delivering organisation).
 */
export async function coordinationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['coordination'];
  const read = { access: ruleRoute('coordination.read', coordinationRules.readBodies) };
  const edit = { access: ruleRoute('coordination.edit', coordinationRules.edit) };
  const readActions = { access: ruleRoute('coordination_action.read', coordinationRules.readActions) };
  const updateStatus = { access: ruleRoute('coordination_action.status_update', coordinationRules.updateActionStatus) };
  const readTrainings = { access: ruleRoute('coordination_training.read', coordinationRules.readTrainings) };
  const record = { access: ruleRoute('coordination_training.record', coordinationRules.recordTraining) };
  const options = { access: ruleRoute('coordination.options', [...coordinationRules.edit, ...coordinationRules.recordTraining]) };

  r.get('/api/coordination/bodies', { config: read, schema: { tags, summary: 'Coordination bodies the reader may see, by name', response: { 200: coordinationBodyList } } }, async (request) => {
    const session = requireSession(request);
    return { bodies: await inTransaction(platform, (tx) => listBodies(tx, subjectOf(session))) };
  });

  r.post('/api/coordination/bodies', { config: edit, schema: { tags, summary: 'Create a coordination body with its member organisations (the coordinator; audited)', body: coordinationBodyRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => createBody(tx, subjectOf(session), actorOf(session), request.body));
  });

  r.get('/api/coordination/bodies/:id', { config: read, schema: { tags, summary: 'One body with its members and meetings', params: idParams, response: { 200: coordinationBodyView } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => readBody(tx, subjectOf(session), request.params.id));
  });

  r.put('/api/coordination/bodies/:id', { config: edit, schema: { tags, summary: 'Edit a body and its members (the coordinator; audited)', params: idParams, body: coordinationBodyRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => updateBody(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/coordination/bodies/:id/meetings', { config: edit, schema: { tags, summary: 'Record a meeting of the body with its decisions (the coordinator; audited)', params: idParams, body: meetingRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => createMeeting(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.get('/api/coordination/meetings/:id', { config: read, schema: { tags, summary: 'One meeting with its decisions and follow-up actions', params: idParams, response: { 200: meetingView } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => readMeeting(tx, subjectOf(session), request.params.id));
  });

  r.put('/api/coordination/meetings/:id', { config: edit, schema: { tags, summary: 'Correct a meeting: date, place, minutes, decisions by position (the coordinator; audited)', params: idParams, body: meetingRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => updateMeeting(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/coordination/meetings/:id/actions', { config: edit, schema: { tags, summary: 'Assign a follow-up action of the meeting to an organisation (the coordinator; audited)', params: idParams, body: followUpActionRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => addAction(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.get('/api/coordination/actions', { config: readActions, schema: { tags, summary: 'Follow-up actions the reader may see, earliest due first (overdue only, the reader\'s organisation\'s only)', querystring: actionListQuery, response: { 200: followUpActionList } } }, async (request) => {
    const session = requireSession(request);
    return { actions: await inTransaction(platform, (tx) => listActions(tx, subjectOf(session), request.query)) };
  });

  r.put('/api/coordination/actions/:id/status', { config: updateStatus, schema: { tags, summary: "Update a follow-up action's status (the coordinator, or the organisation it is assigned to; audited)", params: idParams, body: actionStatusRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => updateActionStatus(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.get('/api/coordination/trainings', { config: readTrainings, schema: { tags, summary: 'Trainings delivered, newest first, with the officials trained', querystring: trainingListQuery, response: { 200: trainingList } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => listTrainings(tx, subjectOf(session), request.query));
  });

  r.post('/api/coordination/trainings', { config: record, schema: { tags, summary: 'Record a training delivered (the coordinator, or the delivering organisation; audited)', body: trainingRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => recordTraining(tx, subjectOf(session), actorOf(session), request.body));
  });

  r.put('/api/coordination/trainings/:id', { config: record, schema: { tags, summary: 'Correct a training (the coordinator, or the delivering organisation; audited)', params: idParams, body: trainingRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return inTransaction(platform, (tx) => updateTraining(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.get('/api/coordination/options', { config: options, schema: { tags, summary: 'What the forms choose from: organisations, bodies (for the coordinator), the plans\' activities', response: { 200: coordinationOptions } } }, async (request) => {
    const subject = subjectOf(requireSession(request));
    return inTransaction(platform, async (tx) => ({
      organisations: await tx.selectFrom('organisations').select(['id', 'name']).where('active', '=', true).orderBy('name').execute(),
      bodies: allows(coordinationRules.edit, subject) ? await tx.selectFrom('coordination_bodies').select(['id', 'name']).orderBy('name').execute() : [],
      activities: await tx.selectFrom('plan_activities').select(['id', 'code', 'title']).orderBy('code').orderBy('id').limit(1000).execute(),
    }));
  });
}
