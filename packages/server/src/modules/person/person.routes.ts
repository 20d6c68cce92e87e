import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignCaseManagerRequest,
  createPersonRequest,
  idParams,
  okResponse,
  personList,
  personView,
  recordConsentRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { personRules } from './person.policy.js';
import * as service from './person.service.js';

export async function personRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;

  r.post(
    '/api/persons',
    {
      config: { access: ruleRoute('person.create', personRules.create) },
      schema: { tags: ['persons'], summary: 'Record a person (anonymous intake allowed)', body: createPersonRequest, response: { 200: z.object({ id: z.uuid(), reference: z.string() }) } },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => service.createPerson(tx, platform.cipher, subjectOf(session), actorOf(session), request.body));
    },
  );

  r.get(
    '/api/persons',
    {
      config: { access: ruleRoute('person.read', personRules.read) },
      schema: { tags: ['persons'], summary: 'Persons the caller may see', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: personList } },
    },
    async (request) => {
      const session = requireSession(request);
      const persons = await inTransaction(platform, (tx) =>
        service.listPersons(tx, platform.cipher, subjectOf(session), actorOf(session), request.query.limit),
      );
      return { persons };
    },
  );

  r.get(
    '/api/persons/:id',
    {
      config: { access: ruleRoute('person.read', personRules.read) },
      schema: { tags: ['persons'], summary: 'One person, audited', params: idParams, response: { 200: personView } },
    },
    async (request) => {
      const session = requireSession(request);
      // No transaction: the read and its audit entry are one atomic statement.
      const person = await service.readPerson(platform.db, platform.cipher, subjectOf(session), actorOf(session), request.params.id);
      if (!person) throw notFound('Person');
      return person;
    },
  );

  r.put(
    '/api/persons/:id/consents',
    {
      config: { access: ruleRoute('person.update', personRules.update) },
      schema: { tags: ['persons'], summary: 'Record consent for one purpose', params: idParams, body: recordConsentRequest, response: { 200: okResponse } },
    },
    async (request) => {
      const session = requireSession(request);
      await inTransaction(platform, (tx) =>
        service.recordConsent(tx, subjectOf(session), actorOf(session), request.params.id, request.body.purpose, request.body.status),
      );
      return { ok: true as const };
    },
  );

  r.put(
    '/api/persons/:id/case-manager',
    {
      config: { access: ruleRoute('person.assign', personRules.assign) },
      schema: { tags: ['persons'], summary: 'Assign the case manager', params: idParams, body: assignCaseManagerRequest, response: { 200: okResponse } },
    },
    async (request) => {
      const session = requireSession(request);
      await inTransaction(platform, (tx) => service.assignCaseManager(tx, subjectOf(session), actorOf(session), request.params.id, request.body.userId));
      return { ok: true as const };
    },
  );
}
