import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createdRef,
  createInvestigationRequest,
  createOperationRequest,
  createSuspectRequest,
  idParams,
  operationList,
  operationView,
  prosecutionOrganisations,
  recordStepRequest,
  referInvestigationRequest,
  suspectList,
  suspectView,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { HttpError, notFound } from '../../platform/http/errors.js';
import type { Platform } from '../../platform/http/context.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { prosecutionRules } from './prosecution.policy.js';
import { readOperations, readSuspects } from './prosecution.read.js';
import { addInvestigation, addSuspect, createOperation, organisationsOfTypes, recordStep, referInvestigation } from './prosecution.service.js';

/** Runs a use case in its transaction; a refusal it returns is thrown once the transaction (and its audit entry) committed. */
async function run<T>(platform: Platform, fn: (tx: Db) => Promise<T | HttpError>): Promise<T> {
  const result = await inTransaction(platform, fn);
  if (result instanceof HttpError) throw result;
  return result;
}

/** The prosecution pipeline: operations, investigations and their referral, suspects, and the funnel's steps. */
export async function prosecutionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['prosecution'];
  const read = { access: ruleRoute('prosecution.read', prosecutionRules.read) };
  const manage = { access: ruleRoute('prosecution.manage', prosecutionRules.manageOperation) };

  r.get('/api/prosecution/operations', { config: read, schema: { tags, summary: 'The operations the caller may see, newest first, through the field policy (audited)', response: { 200: operationList } } }, async (request) => {
    const session = requireSession(request);
    return { operations: await run(platform, (tx) => readOperations(tx, platform.cipher, subjectOf(session), actorOf(session))) };
  });

  r.post(
    '/api/prosecution/operations',
    { config: { access: ruleRoute('prosecution.record_operation', prosecutionRules.recordOperation) }, schema: { tags, summary: "Record an operation for the caller's law-enforcement organisation", body: createOperationRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => createOperation(tx, platform.cipher, subjectOf(session), actorOf(session), request.body));
    },
  );

  r.get('/api/prosecution/operations/:id', { config: read, schema: { tags, summary: 'One operation with its investigations (audited)', params: idParams, response: { 200: operationView } } }, async (request) => {
    const session = requireSession(request);
    const [operation] = await run(platform, (tx) => readOperations(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
    if (!operation) throw notFound('Operation');
    return operation;
  });

  r.post(
    '/api/prosecution/operations/:id/investigations',
    { config: manage, schema: { tags, summary: 'Add an investigation to an operation (its recording agency)', params: idParams, body: createInvestigationRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => addInvestigation(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.post(
    '/api/prosecution/investigations/:id/referral',
    { config: manage, schema: { tags, summary: 'Refer an investigation to a prosecution office', params: idParams, body: referInvestigationRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => referInvestigation(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.get('/api/prosecution/operations/:id/suspects', { config: read, schema: { tags, summary: "An operation's suspects through the field policy (every read audited)", params: idParams, response: { 200: suspectList } } }, async (request) => {
    const session = requireSession(request);
    return { suspects: await run(platform, (tx) => readSuspects(tx, platform.cipher, subjectOf(session), actorOf(session), { operationId: request.params.id })) };
  });

  r.post(
    '/api/prosecution/operations/:id/suspects',
    { config: manage, schema: { tags, summary: 'Add a suspect under a pseudonym (identity encrypted, audited)', params: idParams, body: createSuspectRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => addSuspect(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.get('/api/prosecution/suspects/:id', { config: read, schema: { tags, summary: 'One suspect with the funnel steps (audited)', params: idParams, response: { 200: suspectView } } }, async (request) => {
    const session = requireSession(request);
    const [suspect] = await run(platform, (tx) => readSuspects(tx, platform.cipher, subjectOf(session), actorOf(session), { id: request.params.id }));
    if (!suspect) throw notFound('Suspect');
    return suspect;
  });

  r.post(
    '/api/prosecution/suspects/:id/steps',
    { config: { access: ruleRoute('prosecution.record_step', prosecutionRules.recordStep) }, schema: { tags, summary: "Record a dated step of the suspect's funnel (impossible sequences refused, naming the step)", params: idParams, body: recordStepRequest, response: { 200: createdRef } } },
    async (request) => {
      const session = requireSession(request);
      return run(platform, (tx) => recordStep(tx, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.get(
    '/api/prosecution/organisations',
    { config: { access: ruleRoute('prosecution.organisations', [...prosecutionRules.read, ...prosecutionRules.recordOperation]) }, schema: { tags, summary: 'Organisations the forms offer: prosecution offices, courts, other agencies (names only)', response: { 200: prosecutionOrganisations } } },
    async () => ({ organisations: await run(platform, (tx) => organisationsOfTypes(tx, ['law_enforcement', 'border_guard', 'labour_inspectorate', 'prosecutor', 'court', 'immigration', 'ngo'])) }),
  );
}
