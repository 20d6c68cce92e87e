import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseProceedings, createdRef, crossBorderRequestCreate, crossBorderRequestList, crossBorderStatusUpdate, idParams, linkableInvestigations, linkVictimRequest,
  recordCompensationRequest, recordCooperationRequest, recordNonPunishmentRequest, recordProtectionRequest, victimWitnessList,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf, type Platform } from '../../platform/http/context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { createRequest, findRequests, updateRequestStatus, viewOf } from './cross-border.service.js';
import { proceedingsRules } from './proceedings.policy.js';
import { caseProceedings as readCaseProceedings, linkableInvestigations as findLinkable, linkVictim, readVictims, recordCompensation, recordCooperation, recordNonPunishment, recordProtection } from './victims.service.js';

/** Runs a use case in its transaction; a refusal it returns is thrown once the transaction (and its audit entry) committed. */
async function run<T>(platform: Platform, fn: (tx: Db) => Promise<T | HttpError>): Promise<T> {
  const result = await inTransaction(platform, fn);
  if (result instanceof HttpError) throw result;
  return result;
}

/** Victims in proceedings (from her case, and as the prosecution sees them) and cross-border requests of an investigation. */
export async function proceedingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['proceedings'];
  const forClient = { access: ruleRoute('proceedings.record_for_client', proceedingsRules.recordForClient) };
  const crossBorder = { access: ruleRoute('proceedings.cross_border', proceedingsRules.crossBorder) };

  r.get('/api/cases/:id/proceedings', { config: { access: ruleRoute('proceedings.read_for_client', proceedingsRules.readForClient) }, schema: { tags, summary: "The case's links to proceedings and the consent to law enforcement in force (her caseworker; audited)", params: idParams, response: { 200: caseProceedings } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => readCaseProceedings(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
  });

  r.get('/api/cases/:id/proceedings/investigations', { config: forClient, schema: { tags, summary: 'Investigations to link to, by their exact reference (reference and office only)', params: idParams, querystring: z.object({ reference: z.string().trim().max(40).optional() }), response: { 200: linkableInvestigations } } }, async (request) => ({
    investigations: await run(platform, (tx) => findLinkable(tx, request.query.reference)),
  }));

  r.post('/api/cases/:id/proceedings', { config: forClient, schema: { tags, summary: "Link the case to an investigation: only with the person's consent to law enforcement (audited)", params: idParams, body: linkVictimRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => linkVictim(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/proceedings/victims/:id/cooperation', { config: forClient, schema: { tags, summary: 'Her choice of how far to cooperate, dated', params: idParams, body: recordCooperationRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => recordCooperation(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/proceedings/victims/:id/protection', { config: forClient, schema: { tags, summary: 'A protection measure in court: requested, and whether provided', params: idParams, body: recordProtectionRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => recordProtection(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/proceedings/victims/:id/non-punishment', { config: forClient, schema: { tags, summary: 'A non-punishment claim and its outcome', params: idParams, body: recordNonPunishmentRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => recordNonPunishment(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/proceedings/victims/:id/compensation', { config: forClient, schema: { tags, summary: 'A compensation claim: amounts ordered and paid in minor units, dated', params: idParams, body: recordCompensationRequest, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => recordCompensation(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.get('/api/prosecution/operations/:id/victims', { config: { access: ruleRoute('proceedings.read_victims', proceedingsRules.readVictims) }, schema: { tags, summary: "An operation's victim-witnesses through the field policy: initials at most, only with her consent (audited)", params: idParams, response: { 200: victimWitnessList } } }, async (request) => {
    const session = requireSession(request);
    return { victims: await run(platform, (tx) => readVictims(tx, platform.cipher, subjectOf(session), actorOf(session), { operationId: request.params.id })) };
  });

  r.get('/api/prosecution/operations/:id/cross-border-requests', { config: crossBorder, schema: { tags, summary: "An operation's cross-border requests with elapsed days and the overdue flag", params: idParams, response: { 200: crossBorderRequestList } } }, async (request) => {
    const session = requireSession(request);
    return { requests: (await run(platform, (tx) => findRequests(tx, subjectOf(session), { operationId: request.params.id }))).map(viewOf) };
  });

  r.post('/api/prosecution/investigations/:id/cross-border-requests', { config: crossBorder, schema: { tags, summary: 'Record a cross-border request of an investigation (audited)', params: idParams, body: crossBorderRequestCreate, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => createRequest(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });

  r.post('/api/cross-border-requests/:id/status', { config: crossBorder, schema: { tags, summary: 'Acknowledged, answered, refused (with grounds) or withdrawn, dated (audited)', params: idParams, body: crossBorderStatusUpdate, response: { 200: createdRef } } }, async (request) => {
    const session = requireSession(request);
    return run(platform, (tx) => updateRequestStatus(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
  });
}
