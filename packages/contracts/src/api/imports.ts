import { z } from 'zod';

/**
 * Imports of the field's statistical files from the web app (national rapporteur, coordinator, administrator): the
 * file is uploaded as the request body, imported in the background, and the page follows the job until its report.
 */
export const importSources = ['ctdc', 'glotip'] as const;
export type ImportSource = (typeof importSources)[number];

export const importSourceParams = z.object({ source: z.enum(importSources) });

/** One value of the file that was not plain: where it was and how it was read. */
export const importAnomalyView = z.object({
  kind: z.string(),
  row: z.number().int(),
  column: z.string(),
  original: z.string(),
  readAs: z.string(),
});
export type ImportAnomalyView = z.infer<typeof importAnomalyView>;

export const importSummaryView = z.object({
  source: z.enum(importSources),
  datasetId: z.uuid(),
  file: z.string(),
  /** CTDC edition read, or the GLOTIP file format (csv, xlsx). */
  format: z.string(),
  sha256: z.string(),
  importedAt: z.string(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  alreadyImported: z.boolean(),
  /** Number of anomalies by kind. */
  anomalies: z.record(z.string(), z.number().int()),
  /** The first anomalies of the report. */
  report: z.array(importAnomalyView),
  /** The first anomaly of each kind. */
  examples: z.array(importAnomalyView),
});
export type ImportSummaryView = z.infer<typeof importSummaryView>;

export const importFailureView = z.object({
  code: z.string(),
  message: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
});
export type ImportFailureView = z.infer<typeof importFailureView>;

export const importJobView = z.object({
  id: z.uuid(),
  source: z.enum(importSources),
  fileName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  /** Rows read so far. */
  rowsRead: z.number().int(),
  /** How far the import has gone, 0 to 1. */
  progress: z.number().min(0).max(1),
  summary: importSummaryView.nullable(),
  error: importFailureView.nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;

export const importStarted = z.object({ jobId: z.uuid() });
export type ImportStarted = z.infer<typeof importStarted>;

export const importJobParams = z.object({ id: z.uuid() });

/** The file name travels in a header, as the body is the file itself. */
export const importUploadHeaders = z.object({ 'x-file-name': z.string().trim().min(1).max(255) });

export const glotipExportQuery = z.object({
  country: z.string().trim().regex(/^[A-Za-z]{2,3}$/, 'must be an ISO 3166-1 alpha-2 or alpha-3 code'),
  population: z.coerce.number().int().positive().optional(),
});
