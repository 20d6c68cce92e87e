import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '@palermo/contracts';
import {
  createDirectoryEntryRequest,
  directoryEntryView,
  directoryList,
  directoryQuery,
  updateDirectoryEntryRequest,
} from './directory.contracts.js';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { directoryRules } from './directory.policy.js';
import { DEFAULT_STALE_AFTER_DAYS, type StalenessPolicy } from './directory.staleness.js';
import * as service from './directory.service.js';

export interface DirectoryRoutesOptions {
  /** Entries not verified within this many days are flagged stale (default 180). */
  readonly staleAfterDays?: number;
}

/** The referral directory of contact points: read by everyone signed in, edited by the organisation or nationally. */
export async function directoryRoutes(app: FastifyInstance, options: DirectoryRoutesOptions = {}): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const policy = (): StalenessPolicy => ({ now: new Date(), staleAfterDays });
  const manage = { access: ruleRoute('directory.manage', directoryRules.manage) };

  r.get(
    '/api/directory',
    {
      config: { access: ruleRoute('directory.read', directoryRules.read) },
      schema: { tags: ['directory'], summary: 'Contact points, filtered by service, SOP, organisation type or staleness', querystring: directoryQuery, response: { 200: directoryList } },
    },
    async (request) => service.listDirectory(app.platform.db, request.query, policy()),
  );

  r.post(
    '/api/directory',
    { config: manage, schema: { tags: ['directory'], summary: 'Add a contact point', body: createDirectoryEntryRequest, response: { 200: directoryEntryView } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) => service.createEntry(tx, subjectOf(session), actorOf(session), request.body, policy()));
    },
  );

  r.patch(
    '/api/directory/:id',
    {
      config: manage,
      schema: { tags: ['directory'], summary: 'Change or retire a contact point', params: idParams, body: updateDirectoryEntryRequest, response: { 200: directoryEntryView } },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) =>
        service.updateEntry(tx, subjectOf(session), actorOf(session), request.params.id, request.body, policy()),
      );
    },
  );

  r.post(
    '/api/directory/:id/verify',
    { config: manage, schema: { tags: ['directory'], summary: "Confirm a contact point's details are current", params: idParams, response: { 200: directoryEntryView } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(app.platform, (tx) => service.verifyEntry(tx, subjectOf(session), actorOf(session), request.params.id, policy()));
    },
  );
}
