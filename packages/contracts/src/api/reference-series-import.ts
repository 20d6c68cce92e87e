import { z } from 'zod';
import { referenceSeries } from '../vocabularies/recommendations.js';

/**
 * A reference series uploaded from the web app, as `palermo import tip-tiers|policy-index` does from the command line:
 * the US TIP report's tiers (Kelley and Heiss's map_tiers.csv) or the 3P policy index, all or nothing.
 */
export const referenceSeriesImportRequest = z.object({
  series: z.enum(referenceSeries),
  fileName: z.string().trim().min(1).max(200).regex(/\.csv$/iu, 'must be a .csv file'),
  content: z.base64('must be the file in base64').max(7_000_000, 'the file must be at most 5 MB'),
});
export type ReferenceSeriesImportRequest = z.infer<typeof referenceSeriesImportRequest>;

export const referenceSeriesImported = z.object({
  series: z.enum(referenceSeries),
  file: z.string(),
  sha256: z.string(),
  /** The same file was imported before: nothing changed. */
  alreadyImported: z.boolean(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  countries: z.number().int(),
});
export type ReferenceSeriesImported = z.infer<typeof referenceSeriesImported>;

/** Why nothing was imported: the first problem found, with its row and column when it is a cell's. */
export const referenceSeriesRefused = z.object({
  error: z.enum(['unreadable_file', 'no_data', 'missing_column', 'unreadable_value']),
  message: z.string(),
  details: z.object({ row: z.number().int().optional(), column: z.string().optional() }),
});
export type ReferenceSeriesRefused = z.infer<typeof referenceSeriesRefused>;
