import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { parseGlotip, type ParsedGlotip } from './glotip.rows.js';
import { anomalyKinds, auditImportFailure, countAnomalies, type Anomaly, type AnomalyCounts } from './import-report.js';
import * as repo from './reference-statistics.repo.js';
import { readTable } from './table-reader.js';

export interface ImportInput {
  /** The file's name as the operator or the browser gave it (only the last path segment is kept). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface ImportOptions {
  /** Who imports: systemActor('import glotip') on the command line, the signed-in user over HTTP. */
  readonly actor: Actor;
  /** Called after each batch of rows is stored, and once at the start with 0. */
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** How many anomalies the summary lists (the full report is in reference_import_anomalies). Default 20. */
  readonly reportLimit?: number;
}

export interface ImportSummary {
  readonly ok: true;
  readonly datasetId: string;
  readonly source: 'glotip';
  readonly file: string;
  readonly format: string;
  readonly sha256: string;
  readonly importedAt: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly alreadyImported: boolean;
  readonly anomalies: AnomalyCounts;
  /** The first anomalies of the report (reportLimit of them). */
  readonly report: Anomaly[];
  /** The first anomaly of each kind found. */
  readonly examples: Anomaly[];
}

const SOURCE = 'glotip';

/** The first anomaly of each kind, in report order (as repo.firstAnomalyOfEachKind reads them back). */
function firstOfEachKind(anomalies: readonly Anomaly[]): Anomaly[] {
  const seen = new Set<string>();
  return anomalies.filter((a) => !seen.has(a.kind) && Boolean(seen.add(a.kind)));
}

function present(row: repo.DatasetRow, alreadyImported: boolean, report: Anomaly[], examples: Anomaly[]): ImportSummary {
  const counts = countAnomalies([]);
  for (const kind of anomalyKinds) counts[kind] = Number(row.anomaly_counts[kind] ?? 0);
  return {
    ok: true,
    datasetId: row.id,
    source: SOURCE,
    file: row.file_name,
    format: row.file_format,
    sha256: row.sha256,
    importedAt: new Date(row.imported_at).toISOString(),
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    alreadyImported,
    anomalies: counts,
    report,
    examples,
  };
}

function summaryOfCounts(counts: AnomalyCounts): string {
  const nonZero = anomalyKinds.filter((k) => counts[k] > 0).map((k) => `${k} ${counts[k]}`);
  return nonZero.length > 0 ? nonZero.join(', ') : 'none';
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || /reference_datasets_source_sha256_unique/.test(e.message ?? '');
}

/** The summary of a file imported before: what it held then, nothing new. */
async function presentStored(db: repo.ReferenceDb, row: repo.DatasetRow, limit: number): Promise<ImportSummary> {
  const report = await repo.listAnomalies(db, row.id, { offset: 0, limit });
  return present(row, true, report, await repo.firstAnomalyOfEachKind(db, row.id));
}

async function store(db: Db, input: ImportInput, sha256: string, parsed: ParsedGlotip, options: ImportOptions): Promise<ImportSummary> {
  const limit = options.reportLimit ?? 20;
  return db.transaction().execute(async (tx) => {
    const rdb = repo.withReferenceTables(tx);
    const existing = await repo.findDataset(rdb, SOURCE, sha256);
    if (existing) return presentStored(rdb, existing, limit);
    const total = parsed.statistics.length;
    const counts = countAnomalies(parsed.anomalies);
    const dataset = await repo.insertDataset(rdb, {
      id: randomUUID(),
      source: SOURCE,
      file_name: basename(input.fileName),
      file_format: parsed.format,
      sha256,
      file_bytes: input.bytes.byteLength,
      header_row: parsed.headerRow,
      preamble: parsed.preamble,
      imported_by: options.actor.name ?? options.actor.userId ?? 'unknown',
      imported_by_user_id: options.actor.userId,
      rows_read: total,
      rows_imported: total,
      anomaly_counts: counts,
    });
    options.onProgress?.(0, total);
    for (let i = 0; i < total; i += repo.BATCH_SIZE) {
      await repo.insertStatistics(rdb, dataset.id, parsed.statistics.slice(i, i + repo.BATCH_SIZE));
      options.onProgress?.(Math.min(i + repo.BATCH_SIZE, total), total);
    }
    for (let i = 0; i < parsed.anomalies.length; i += repo.BATCH_SIZE) {
      await repo.insertAnomalies(rdb, dataset.id, i + 1, parsed.anomalies.slice(i, i + repo.BATCH_SIZE));
    }
    await appendAudit(tx, options.actor, {
      action: 'reference_statistics.import',
      recordType: 'reference_dataset',
      recordId: dataset.id,
      purpose: 'statistics',
      summary: `${SOURCE} ${parsed.format} file (sha256 ${sha256.slice(0, 12)}) imported: ${total} rows; anomalies: ${summaryOfCounts(counts)}`,
    });
    return present(dataset, false, parsed.anomalies.slice(0, limit), firstOfEachKind(parsed.anomalies));
  });
}

/**
 * Imports a UNODC GLOTIP export (XLSX or CSV) into reference_statistics, all or nothing: the file is read and every
 * row interpreted before anything is written, then the dataset, its rows, its anomaly report and the audit entry are
 * written in one transaction. A file already imported (same source and SHA-256) changes nothing and is reported as
 * `alreadyImported`. Throws ImportError (naming the row and column) for a file that cannot be imported.
 */
export async function importGlotip(db: Db, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  try {
    const rdb = repo.withReferenceTables(db);
    const existing = await repo.findDataset(rdb, SOURCE, sha256);
    if (existing) return await presentStored(rdb, existing, options.reportLimit ?? 20);
    const parsed = parseGlotip(await readTable(input.bytes, input.fileName));
    return await store(db, input, sha256, parsed, options);
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Another import of the same file committed first.
      const rdb = repo.withReferenceTables(db);
      const existing = await repo.findDataset(rdb, SOURCE, sha256);
      if (existing) return presentStored(rdb, existing, options.reportLimit ?? 20);
    }
    await auditImportFailure(db, options.actor, { action: 'reference_statistics.import', recordType: 'reference_dataset', source: SOURCE, sha256, error });
    throw error;
  }
}
