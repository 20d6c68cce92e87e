import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeCounts, homeView } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { auditHome, homeRule, readCounts, readHome } from './home.service.js';

/** Each role's home (what is due and what is new) and the navigation's counts of what waits. */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['home'];

  r.get(
    '/api/home',
    { config: { access: ruleRoute('home.read', homeRule) }, schema: { tags, summary: "The caller's work: each list of their roles, under the field policy (audited when it lists cases)", response: { 200: homeView } } },
    async (request) => {
      const session = requireSession(request);
      const view = await readHome(platform.db, platform.keyring, subjectOf(session));
      // The answer leaves only once its audit entry is committed.
      await inTransaction(platform, (tx) => auditHome(tx, actorOf(session), view));
      return view;
    },
  );

  r.get(
    '/api/home/counts',
    { config: { access: ruleRoute('home.counts', homeRule) }, schema: { tags, summary: 'How many items wait, per area of the navigation: counts only, no personal data read, not audited', response: { 200: homeCounts } } },
    async (request) => {
      const session = requireSession(request);
      return readCounts(platform.db, subjectOf(session));
    },
  );
}
