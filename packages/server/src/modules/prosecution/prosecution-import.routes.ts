import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importFilePreview, importMappingList, importMappingView, prosecutionImportRejected, prosecutionImportSummary, saveImportMappingRequest } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { HttpError, badRequest } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { readImportTable } from '../../platform/imports/read-table.js';
import { listImportMappings, saveImportMapping } from '../../platform/imports/saved-mappings.js';
import { importProsecutionHistory, PROSECUTION_IMPORT_KIND, resolveMapping } from './prosecution-import.service.js';
import { prosecutionImportRules } from './prosecution.policy.js';

/** A prosecution history file is a spreadsheet of one row per defendant: 20 MB is some hundred thousand rows. */
const BODY_LIMIT = 20 * 1024 * 1024;
const PREVIEW_ROWS = 5;

const uploadHeaders = z.object({
  'x-file-name': z.string().trim().min(1).max(255),
  /** The mapping: the name of a saved one, or its JSON; percent-encoded (headers are ASCII). */
  'x-import-mapping': z.string().trim().min(1, 'must name a saved mapping or give one').max(12_000).optional(),
});

const decoded = (header: string) => {
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
};
// eslint-disable-next-line no-control-regex -- control characters are what the name loses
const fileNameOf = (header: string) => decoded(header).split(/[\\/]/u).at(-1)?.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu, '') || 'file';

/**
 * The prosecution history import from the web app: the file's columns and first rows (to build a mapping), the
 * organisation's saved mappings, and the import itself, in the request, all or nothing (422 with every rejected row).
 */
export async function prosecutionImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['prosecution'];
  const access = { access: ruleRoute('prosecution.import', prosecutionImportRules.import) };
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
  const fileOf = (body: unknown): Buffer => {
    if (!Buffer.isBuffer(body)) throw new HttpError(415, 'unsupported_media_type', 'Send the file as application/octet-stream');
    return body;
  };

  r.post(
    '/api/prosecution/imports/preview',
    { bodyLimit: BODY_LIMIT, config: access, schema: { tags, summary: "A spreadsheet's columns and first rows, to map them (nothing stored, not audited: the rows stay in the browser's view)", headers: uploadHeaders, response: { 200: importFilePreview } } },
    async (request) => {
      requireSession(request);
      const table = await readImportTable(fileOf(request.body), fileNameOf(request.headers['x-file-name']));
      return { format: table.format, columns: [...table.columns], rows: table.rows.slice(0, PREVIEW_ROWS).map((row) => table.columns.map((_, i) => row.cells[i] ?? '')), rowCount: table.rows.length };
    },
  );

  r.get('/api/prosecution/import-mappings', { config: access, schema: { tags, summary: "The organisation's saved column mappings for a prosecution history", response: { 200: importMappingList } } }, async (request) => {
    const session = requireSession(request);
    return { mappings: await inTransaction(platform, (tx) => listImportMappings(tx, PROSECUTION_IMPORT_KIND, session.user.organisationId)) };
  });

  r.post(
    '/api/prosecution/import-mappings',
    { config: access, schema: { tags, summary: 'Save a column mapping under a name (the same name replaces it; audited)', body: saveImportMappingRequest, response: { 200: importMappingView } } },
    async (request) => {
      const session = requireSession(request);
      const subject = subjectOf(session);
      return inTransaction(platform, (tx) =>
        saveImportMapping(tx, actorOf(session), { kind: PROSECUTION_IMPORT_KIND, organisationId: subject.organisationId, userId: subject.userId, name: request.body.name, mapping: request.body.mapping, action: 'prosecution.import_mapping_save', purpose: 'prosecution' }),
      );
    },
  );

  r.post(
    '/api/prosecution/imports',
    {
      bodyLimit: BODY_LIMIT,
      config: access,
      schema: {
        tags,
        summary: 'Import operations, investigations, suspects and their steps from a spreadsheet through a column mapping, all or nothing; the same file twice adds nothing (audited)',
        headers: uploadHeaders,
        response: { 200: prosecutionImportSummary, 422: prosecutionImportRejected },
      },
    },
    async (request) => {
      const session = requireSession(request);
      const mappingHeader = request.headers['x-import-mapping'];
      if (!mappingHeader) throw badRequest('x-import-mapping', 'must name a saved mapping or give one');
      const bytes = fileOf(request.body);
      return inTransaction(platform, async (tx) => {
        const mapping = await resolveMapping(tx, session.user.organisationId, decoded(mappingHeader));
        return importProsecutionHistory(tx, platform.cipher, subjectOf(session), actorOf(session), { fileName: fileNameOf(request.headers['x-file-name']), bytes }, mapping);
      });
    },
  );
}
