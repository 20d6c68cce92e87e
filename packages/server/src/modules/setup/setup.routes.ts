import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { firstRunRequest, sessionView, setupStatusResponse } from '@palermo/contracts';
import { publicRoute } from '../../platform/http/access.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { HttpError } from '../../platform/http/errors.js';
import { loadSession } from '../../platform/auth/sessions.js';
import { sessionPolicy } from '../../platform/auth/sign-in.js';
import { presentSession, setSessionCookie } from '../../platform/auth/session-view.js';
import { firstRun, isSetupRequired } from './setup.service.js';

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/setup',
    {
      config: { access: publicRoute('the first-run page must know whether to show itself') },
      schema: { tags: ['setup'], summary: 'Whether the first administrator still has to be created', response: { 200: setupStatusResponse } },
    },
    async () => ({ setupRequired: await isSetupRequired(app.platform.db) }),
  );

  r.post(
    '/api/setup',
    {
      config: {
        access: publicRoute('creates the first administrator; refused once any user exists'),
        rateLimit: { max: app.platform.config.signInRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['setup'], summary: 'Create the first national administrator', body: firstRunRequest, response: { 200: sessionView } },
    },
    async (request, reply) => {
      const platform = app.platform;
      const { token } = await inTransaction(platform, (tx) => firstRun(tx, request.body, sessionPolicy(platform)));
      const session = await loadSession(platform.db, token, sessionPolicy(platform));
      if (!session) throw new HttpError(500, 'internal', 'The new session could not be read back');
      setSessionCookie(reply, token, platform.config);
      return presentSession(session, platform.config, app);
    },
  );
}
