import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { referenceSeriesImported, referenceSeriesImportRequest, referenceSeriesRefused } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { ImportError } from '../reference-statistics/import-report.js';
import { importRules } from '../statistical-records/imports.policy.js';
import { importReferenceSeries } from './reference-series.js';

/**
 * The reference series uploaded from the imports page, by those who import the field's statistical files (the
 * rapporteur, the coordinator, the national administrator): the same service as `palermo import tip-tiers` and
 * `palermo import policy-index`, all or nothing, the same file twice changing nothing (audited). Read back by
 * `GET /api/reference-series` (recommendations.routes.ts).
 */
export async function referenceSeriesImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  r.post(
    '/api/reference-series/imports',
    {
      bodyLimit: 8 * 1024 * 1024,
      config: { access: ruleRoute('reference_series.import', importRules.import) },
      schema: {
        tags: ['recommendations'],
        summary: "Import the US TIP report's tiers or the 3P policy index from a CSV file, all or nothing; the same file twice changes nothing (audited)",
        body: referenceSeriesImportRequest,
        response: { 200: referenceSeriesImported, 422: referenceSeriesRefused },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const { series, fileName, content } = request.body;
      try {
        return await importReferenceSeries(platform.db, series, { fileName, bytes: Buffer.from(content, 'base64') }, actorOf(session));
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        const { row, column } = error.where;
        const code = error.code === 'no_data' || error.code === 'missing_column' || error.code === 'unreadable_value' ? error.code : 'unreadable_file';
        return reply.code(422).send({ error: code, message: error.message, details: { ...(row === undefined ? {} : { row }), ...(column === undefined ? {} : { column }) } });
      }
    },
  );
}
