import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { funnelDownloadQuery, funnelFilters, funnelLanguages, funnelReport } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { funnelRules } from './funnel.policy.js';
import { buildFunnel, funnelReport as readFunnel } from './funnel.service.js';
import { funnelCsv, funnelXlsx } from './funnel.export.js';
import { offenderTables } from './funnel.glotip-offenders.js';
import { offenderCsv, offenderXlsx } from './funnel.glotip-offenders.export.js';
import { statisticsSettings } from '../statistics/statistics.service.js';
import { funnelJobs } from './funnel.jobs.js';

const offenderDownloadQuery = z.object({ format: z.enum(['csv', 'xlsx']), language: z.enum(funnelLanguages).default('en') });

/** The prosecution funnel: the perturbed report and its downloads (CSV, XLSX, with labels beside the codes); its jobs. */
export async function funnelRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['prosecution'];
  const access = { access: ruleRoute('prosecution.funnel', funnelRules.read) };
  // The facts computed in the background when the server is ready and after each midnight; the change log pruned.
  funnelJobs(app);

  r.get(
    '/api/prosecution/funnel',
    { config: access, schema: { tags, summary: 'Investigations and persons suspected through charge, prosecution, conviction, sentence and final judgment, with drop-outs, days between steps and GLOTIP beside; every count perturbed (audited)', querystring: funnelFilters, response: { 200: funnelReport } } },
    async (request) => readFunnel(platform.db, actorOf(requireSession(request)), request.query, platform.cipher.recordKeys),
  );

  r.get(
    '/api/prosecution/funnel/download',
    { config: access, schema: { tags, summary: 'The funnel as shown, as CSV or XLSX with labels beside the codes (audited)', querystring: funnelDownloadQuery } },
    async (request, reply) => {
      const session = requireSession(request);
      const { format, language, ...filters } = request.query;
      const report = await buildFunnel(platform.db, filters, platform.cipher.recordKeys);
      await appendAudit(platform.db, actorOf(session), { action: 'prosecution.funnel_download', purpose: 'statistics', summary: `Prosecution funnel downloaded as ${format} (${language})` });
      reply.header('content-disposition', `attachment; filename="prosecution-funnel-${new Date().toISOString().slice(0, 10)}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(funnelCsv(report, filters, language));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await funnelXlsx(report, filters, language));
    },
  );

  // The GLOTIP questionnaire's offender tables (the same figures as `palermo export glotip` writes after the victims):
  // part of the country's official submission, so the rule of the official tables (funnel.policy.ts).
  r.get(
    '/api/exports/glotip/offenders',
    {
      config: { access: ruleRoute('prosecution.glotip_offenders', funnelRules.officialTables) },
      schema: { tags, summary: 'GLOTIP offender tables from the prosecution records (formal contact, prosecuted, convicted by year, sex, age and citizenship), perturbed, with methodology, legal provision and source, as CSV or XLSX with labels beside the codes (audited)', querystring: offenderDownloadQuery },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const { format, language } = request.query;
      const { iso3 } = await statisticsSettings(platform.db);
      const tables = await offenderTables(platform.db, platform.cipher.recordKeys, iso3);
      await appendAudit(platform.db, actorOf(session), {
        action: 'statistical_records.export',
        purpose: 'statistics',
        summary: `GLOTIP offender tables downloaded as ${format} (${language}): ${tables.figures.length} perturbed figures for ${tables.years.length} years`,
      });
      reply.header('content-disposition', `attachment; filename="glotip-offenders-${new Date().toISOString().slice(0, 10)}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(offenderCsv(tables, language));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await offenderXlsx(tables, language));
    },
  );
}
