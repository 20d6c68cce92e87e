import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';

/**
 * The import report: anomalies are values the import read but that were not plain (it says how it read them); an
 * ImportError is a problem that stops the import, nothing stored.
 */

export const anomalyKinds = [
  'less_than',
  'thousands_separator',
  'broken_characters',
  'missing_value',
  'not_an_iso3_code',
  'unknown_code',
  'duplicate_key',
  'surrounding_whitespace',
  'unknown_column',
] as const;
export type AnomalyKind = (typeof anomalyKinds)[number];

export interface Anomaly {
  readonly kind: AnomalyKind;
  /** Row of the file: the spreadsheet row, or the CSV line on which the record starts. */
  readonly row: number;
  /** Column name as in the file's header. */
  readonly column: string;
  /** The cell exactly as the file holds it. */
  readonly original: string;
  /** How the import read it, in words. */
  readonly readAs: string;
}

export type AnomalyCounts = Record<AnomalyKind, number>;

export function countAnomalies(anomalies: readonly Anomaly[]): AnomalyCounts {
  const counts = Object.fromEntries(anomalyKinds.map((k) => [k, 0])) as AnomalyCounts;
  for (const a of anomalies) counts[a.kind] += 1;
  return counts;
}

export type ImportErrorCode =
  | 'unsupported_file'
  | 'unreadable_file'
  | 'missing_column'
  | 'duplicate_column'
  | 'malformed_row'
  | 'missing_required_value'
  | 'unreadable_year'
  | 'unreadable_value'
  | 'no_data';

/** A hard error: the import stops and stores nothing. Names the row and column where there is one. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly where: { readonly row?: number; readonly column?: string; readonly original?: string } = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.where };
  }
}

/**
 * Records a failed import in the audit log: which file (by hash), what went wrong and where. The import itself left
 * nothing behind; a failure to write this entry does not hide the import's own error.
 */
export async function auditImportFailure(
  db: Db,
  actor: Actor,
  what: { action: string; recordType: string; source: string; sha256: string; error: unknown },
): Promise<void> {
  const { error } = what;
  const problem = error instanceof ImportError ? error.code : 'failed while writing';
  const where = error instanceof ImportError && error.where.row !== undefined ? ` at row ${error.where.row}` : '';
  const column = error instanceof ImportError && error.where.column ? `, column ${error.where.column}` : '';
  await appendAudit(db, actor, {
    action: what.action,
    recordType: what.recordType,
    purpose: 'statistics',
    summary: `${what.source} file (sha256 ${what.sha256.slice(0, 12)}) not imported: ${problem}${where}${column}`,
    outcome: 'failed',
  }).catch(() => undefined);
}

