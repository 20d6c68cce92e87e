import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { healthResponse } from '@palermo/contracts';
import { publicRoute } from '../../platform/http/access.js';
import { migrationState } from '../../platform/db/migrate.js';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: publicRoute('monitoring needs it before anyone signs in') },
      schema: { tags: ['platform'], summary: 'Database and migration state', response: { 200: healthResponse } },
    },
    async () => {
      const { database, db } = app.platform;
      let reachable = true;
      try {
        await sql`select 1`.execute(db);
      } catch {
        reachable = false;
      }
      const state = reachable ? await migrationState(database) : { applied: [], pending: [] };
      const setupRequired = reachable
        ? (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined
        : true;
      return {
        status: reachable && state.pending.length === 0 ? ('ok' as const) : ('degraded' as const),
        database: { kind: database.kind, reachable },
        migrations: { applied: state.applied.length, pending: state.pending.length, latest: state.applied.at(-1) ?? null },
        setupRequired,
      };
    },
  );
}
