import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bidiControlProblem,
  glotipExportQuery,
  hasBidiControl,
  hasNul,
  importJobParams,
  importJobView,
  importSourceParams,
  importStarted,
  importUploadHeaders,
  nulProblem,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { HttpError, badRequest, notFound } from '../../platform/http/errors.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { exportGlotip } from '../reference-statistics/glotip-export.js';
import { alpha3Of, isAlpha3 } from './country-codes.js';
import { ImportJobs } from './import-jobs.js';
import { importRules } from './imports.policy.js';

/** Largest file accepted by the upload routes: a CTDC file of a million rows is about 50 MB. */
export const IMPORT_BODY_LIMIT = 256 * 1024 * 1024;

/**
 * Imports and exports of the field's statistical formats from the web app.
 *
 * Progress: the file is the body of `POST /api/imports/:source` (application/octet-stream, name in `x-file-name`),
 * which answers 202 with a job id at once; the import runs as a job on the job engine (import-jobs.ts), in whichever
 * server process takes it (all or nothing, in one transaction), and `GET /api/imports/jobs/:id` tells how far it has
 * gone and, at the end, gives the report or the error. Jobs are rows (they survive a restart), visible to the person
 * who started them only; what they imported stays, with its report, in the database.
 */
/**
 * The browser sends the name percent-encoded (headers are ASCII); the last path segment is kept. The decoded name
 * becomes a dataset's name, so it is held to the rules of names sent as JSON: no NUL (PostgreSQL cannot store it), no
 * other control character, and no bidirectional control (one name displayed as another).
 */
function fileNameOf(header: string): string {
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // Not percent-encoded: keep it as sent.
  }
  if (hasNul(name)) throw badRequest('x-file-name', nulProblem);
  if (hasBidiControl(name)) throw badRequest('x-file-name', bidiControlProblem);
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001F\u007F-\u009F]/u.test(name)) throw badRequest('x-file-name', 'must not contain control characters');
  return name.split(/[\\/]/).at(-1) || 'file';
}

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['imports'];
  const jobs = new ImportJobs(platform.db, app.log, platform.database.kind === 'postgres' ? platform.config.databaseUrl : undefined, app.jobs);

  // Uploads are raw files: only in this plugin's routes.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

  r.post(
    '/api/imports/:source',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: ruleRoute('statistical_records.import', importRules.import) },
      schema: {
        tags,
        summary: 'Upload a CTDC (CSV/TSV) or GLOTIP (XLSX/CSV) file and import it in the background, all or nothing (audited)',
        params: importSourceParams,
        headers: importUploadHeaders,
        response: { 202: importStarted },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new HttpError(415, 'unsupported_media_type', 'Send the file as application/octet-stream');
      }
      const jobId = await jobs.start(request.params.source, fileNameOf(request.headers['x-file-name']), body, actorOf(session), session.user.id);
      return reply.code(202).send({ jobId });
    },
  );

  r.get(
    '/api/imports/jobs/:id',
    {
      config: { access: ruleRoute('statistical_records.import', importRules.import) },
      schema: { tags, summary: 'How far an import has gone, and its report or error at the end', params: importJobParams, response: { 200: importJobView } },
    },
    async (request) => {
      const session = requireSession(request);
      const job = await jobs.view(request.params.id, session.user.id);
      if (!job) throw notFound('Import job');
      return job;
    },
  );

  r.get(
    '/api/exports/glotip',
    {
      // The country's official submission to UNODC: exact counts (masked below 5 as UNODC asks), so the national
      // rapporteur's alone, and audited. The record-level CTDC file is not served raw at all: see modules/releases.
      config: { access: ruleRoute('statistical_records.official_export', importRules.officialExport) },
      schema: { tags, summary: "The country's official GLOTIP / SDG 16.2.2 submission: detected victims, exact, counts below 5 masked (national rapporteur only, audited)", querystring: glotipExportQuery },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const { country, population } = request.query;
      if (!(country.length === 2 ? alpha3Of(country) : isAlpha3(country))) {
        throw badRequest('country', 'is not an ISO 3166-1 country code');
      }
      const result = await exportGlotip(platform.db, actorOf(session), {
        country,
        ...(population ? { population: new Map(Array.from({ length: 201 }, (_, i) => [1900 + i, population] as const)) } : {}),
        cipher: platform.cipher,
      });
      reply.header('content-disposition', `attachment; filename="glotip-${result.datasetId.slice(0, 8)}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(result.csv);
    },
  );
}
