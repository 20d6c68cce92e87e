import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  statisticsDownloadQuery,
  statisticsFilters,
  statisticsOptions,
  statisticsOptionsQuery,
  statisticsRefreshRequest,
  statisticsRefreshResult,
  statisticsReport,
} from '@palermo/contracts';
import { refreshCountryDataset } from '../statistical-records/country-dataset.js';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { statisticsRules } from './statistics.policy.js';
import * as statistics from './statistics.service.js';
import { toCsv, toXlsx } from './statistics.export.js';

/** The statistics section: filter values, the perturbed report, and its download (CSV or XLSX). */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['statistics'];
  const access = { access: ruleRoute('statistics.read', statisticsRules.read) };

  r.get(
    '/api/statistics/options',
    { config: access, schema: { tags, summary: 'Datasets, years and the filter values with enough persons to be listed (audited)', querystring: statisticsOptionsQuery, response: { 200: statisticsOptions } } },
    async (request) => {
      const session = requireSession(request);
      // Reads, then the audit entry as the last statement: nothing leaves unless its entry is stored. No
      // transaction around them: the reads are one snapshot (sectionState) plus the in-memory cube.
      return statistics.statisticsOptions(platform.db, actorOf(session), request.query.dataset, platform.cipher.recordKeys);
    },
  );

  r.get(
    '/api/statistics',
    { config: access, schema: { tags, summary: 'Persons by year, stage, decision and disaggregation, NRM performance and GLOTIP reference, every count perturbed by the cell-key method (audited)', querystring: statisticsFilters, response: { 200: statisticsReport } } },
    async (request) => {
      const session = requireSession(request);
      return statistics.statisticsReport(platform.db, actorOf(session), request.query, platform.cipher.recordKeys);
    },
  );

  r.post(
    '/api/statistics/refresh',
    {
      config: { access: ruleRoute('statistics.refresh', statisticsRules.refresh) },
      schema: { tags, summary: "Derive the country's dataset again from the case records (audited)", body: statisticsRefreshRequest, response: { 200: statisticsRefreshResult } },
    },
    async (request) => {
      const session = requireSession(request);
      return refreshCountryDataset(platform.db, actorOf(session), { cipher: platform.cipher });
    },
  );

  r.get(
    '/api/statistics/download',
    { config: access, schema: { tags, summary: 'The report as shown, as CSV or XLSX, counts perturbed as on the page (audited)', querystring: statisticsDownloadQuery } },
    async (request, reply) => {
      const session = requireSession(request);
      const { format, values, language, ...filters } = request.query;
      const report = await inTransaction(platform, async (tx) => {
        const built = await statistics.buildReport(tx, filters, platform.cipher.recordKeys);
        await appendAudit(tx, actorOf(session), {
          action: 'statistics.download',
          recordType: 'statistical_dataset',
          recordId: built.dataset.id,
          purpose: 'statistics',
          summary: `Statistics of the ${built.dataset.kind} dataset downloaded as ${format}${values === 'labels' ? ` with labels (${language})` : ''}`,
        });
        return built;
      });
      const name = `statistics-${report.dataset.kind}-${new Date().toISOString().slice(0, 10)}`;
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
      const written = values === 'labels' ? ({ values, language } as const) : ({ values } as const);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(report, written));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(report, written));
    },
  );
}
