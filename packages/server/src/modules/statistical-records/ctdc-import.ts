import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { auditImportFailure, ImportError } from '../reference-statistics/import-report.js';
import type { Edition } from './ctdc-columns.js';
import { CtdcHeaderError, ctdcAnomalyKinds, isHeaderRow, readHeader, readRow, type CtdcAnomaly, type CtdcAnomalyKind, type CtdcHeader } from './ctdc-rows.js';
import { withBulkConnection } from './copy-writer.js';
import * as repo from './statistical-records.repo.js';

export interface CtdcImportInput {
  /** The file's name as the operator or the browser gave it (only the last path segment is kept). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface CtdcProgress {
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export interface CtdcImportOptions {
  readonly actor: Actor;
  /** Called as the file is read and stored (about every batch of rows), and once at the start. */
  readonly onProgress?: (progress: CtdcProgress) => void;
  /** How many anomalies the summary lists (the full report is in statistical_import_anomalies). Default 20. */
  readonly reportLimit?: number;
  /**
   * On PostgreSQL, the server's connection string: the import then runs on a connection of its own and streams the
   * records with COPY (several times faster than INSERT). Without it (PGlite), records go in as multi-row INSERTs.
   */
  readonly postgresUrl?: string | undefined;
}

export type CtdcAnomalyCounts = Record<CtdcAnomalyKind, number>;

export interface CtdcImportSummary {
  readonly ok: true;
  readonly source: 'ctdc';
  readonly datasetId: string;
  readonly file: string;
  readonly edition: Edition;
  readonly sha256: string;
  readonly importedAt: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly alreadyImported: boolean;
  readonly anomalies: CtdcAnomalyCounts;
  /** The first anomalies of the report (reportLimit of them). */
  readonly report: CtdcAnomaly[];
  /** The first anomaly of each kind found. */
  readonly examples: CtdcAnomaly[];
}

const MAX_PREAMBLE_ROWS = 5;

function zeroCounts(): CtdcAnomalyCounts {
  return Object.fromEntries(ctdcAnomalyKinds.map((k) => [k, 0])) as CtdcAnomalyCounts;
}

/** Tab-separated when the first line has more tabs than commas (the 2021 synthetic file is a .tsv). */
function delimiterOf(bytes: Uint8Array): string {
  const end = bytes.indexOf(10);
  const line = Buffer.from(bytes.buffer, bytes.byteOffset, end < 0 ? Math.min(bytes.byteLength, 65536) : end).toString('utf8');
  const tabs = line.split('\t').length;
  const commas = line.split(',').length;
  const semicolons = line.split(';').length;
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

interface Parsed {
  edition: Edition;
  rowsRead: number;
  rowsImported: number;
  counts: CtdcAnomalyCounts;
  report: CtdcAnomaly[];
  examples: CtdcAnomaly[];
}

/**
 * Reads the file row by row and hands records and anomalies to `sink` in batches. Throws ImportError (naming the row
 * and, where there is one, the column) for what stops the import: nothing must then be kept.
 */
export async function readCtdc(
  input: CtdcImportInput,
  sink: {
    records(batch: ReturnType<typeof readRow>[], edition: Edition): Promise<void>;
    anomalies(batch: CtdcAnomaly[]): Promise<void>;
    progress?(p: CtdcProgress): void;
  },
  reportLimit = 20,
): Promise<Parsed> {
  const { fileName, bytes } = input;
  if (bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new ImportError('unsupported_file', `${fileName}: a workbook; CTDC files are CSV or TSV: save it as .csv first`);
  }
  if (bytes.subarray(0, 65536).includes(0)) throw new ImportError('unsupported_file', `${fileName}: binary content, not a CSV file`);
  let header: CtdcHeader | undefined;
  let preamble = 0;
  let rowsRead = 0;
  let rowsImported = 0;
  const counts = zeroCounts();
  const report: CtdcAnomaly[] = [];
  const examples: CtdcAnomaly[] = [];
  let records: ReturnType<typeof readRow>[] = [];
  let anomalies: CtdcAnomaly[] = [];
  let bytesRead = 0;
  // The line on which the next record starts, counted here: one per record, plus the line breaks inside quoted cells
  // (a blank line comes as one empty cell).
  let line = 1;
  const note = (a: CtdcAnomaly) => {
    counts[a.kind] += 1;
    if (report.length < reportLimit) report.push(a);
    if (counts[a.kind] === 1) examples.push(a);
    anomalies.push(a);
  };
  const flush = async () => {
    if (!header) return;
    if (records.length > 0) await sink.records(records, header.edition);
    if (anomalies.length > 0) await sink.anomalies(anomalies);
    records = [];
    anomalies = [];
    sink.progress?.({ rowsRead, bytesRead, bytesTotal: bytes.byteLength });
  };
  const take = (cells: string[]) => {
    const row = line;
    line += 1;
    for (const cell of cells) if (cell.length > 0 && cell.includes('\n')) line += cell.split('\n').length - 1;
    if (cells.length === 1 && cells[0] === '') return;
    if (!header) {
      if (!isHeaderRow(cells)) {
        preamble += 1;
        if (preamble > MAX_PREAMBLE_ROWS) {
          throw new ImportError('missing_column', `${fileName}: no CTDC header (a row naming yearOfRegistration or other CTDC columns) in the first rows`, { row });
        }
        return;
      }
      try {
        header = readHeader(cells, row);
      } catch (error) {
        if (!(error instanceof CtdcHeaderError)) throw error;
        const code = error.code === 'duplicate_column' ? 'duplicate_column' : 'unsupported_file';
        throw new ImportError(code, `${fileName}: ${error.message}`, { row, ...(error.column ? { column: error.column } : {}) });
      }
      for (const a of header.anomalies) note(a);
      return;
    }
    if (cells.length !== header.columns.length) {
      throw new ImportError('malformed_row', `${fileName}: row ${row} has ${cells.length} cells where the header has ${header.columns.length}`, { row });
    }
    rowsRead += 1;
    if (cells.every((c) => c.trim() === '')) {
      note({ kind: 'blank_row', row, column: '', original: cells.join(','), readAs: 'skipped: no value in any column' });
      return;
    }
    records.push(readRow(header, cells, row, note));
    rowsImported += 1;
  };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let totalLines = 1;
  for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) totalLines += 1;
  // Papa Parse reads the text row by row (about three times faster than csv-parse here); it pauses while a batch is
  // stored, so memory holds one batch, not the file's records.
  await new Promise<void>((resolve, reject) => {
    let failure: unknown;
    Papa.parse<string[]>(text, {
      delimiter: delimiterOf(bytes),
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      // Read in slices: a pause then resumes within the slice, never re-scanning the rest of the file.
      chunkSize: 1 << 20,
      step(results, parser) {
        try {
          const problem = results.errors[0];
          if (problem) {
            throw new ImportError('unreadable_file', `${fileName}: not readable as CSV at line ${line} (${problem.message})`, { row: line });
          }
          take(results.data);
          if (records.length >= repo.RECORD_BATCH) {
            bytesRead = Math.round((line / totalLines) * buffer.length);
            parser.pause();
            flush().then(
              () => parser.resume(),
              (error: unknown) => {
                failure = error;
                parser.abort();
              },
            );
          }
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
      complete() {
        if (failure === undefined) resolve();
        else reject(failure instanceof Error ? failure : new Error(String(failure)));
      },
      error(error: Error) {
        reject(error);
      },
    });
  });
  bytesRead = buffer.length;
  if (!header) throw new ImportError('missing_column', `${fileName}: no CTDC header found`);
  await flush();
  if (rowsImported === 0) throw new ImportError('no_data', `${fileName}: a header but no rows with values`);
  return { edition: header.edition, rowsRead, rowsImported, counts, report, examples };
}

function present(row: repo.DatasetRow, alreadyImported: boolean, report: CtdcAnomaly[], examples: CtdcAnomaly[]): CtdcImportSummary {
  const counts = zeroCounts();
  for (const kind of ctdcAnomalyKinds) counts[kind] = Number(row.anomaly_counts[kind] ?? 0);
  return {
    ok: true,
    source: 'ctdc',
    datasetId: row.id,
    file: row.file_name ?? '',
    edition: row.edition ?? 'ctdc_synthetic_v2',
    sha256: row.sha256 ?? '',
    importedAt: new Date(row.created_at).toISOString(),
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    alreadyImported,
    anomalies: counts,
    report,
    examples,
  };
}

async function presentStored(db: Db, row: repo.DatasetRow, limit: number): Promise<CtdcImportSummary> {
  const report = (await repo.listAnomalies(db, row.id, { offset: 0, limit })) as CtdcAnomaly[];
  const seen = new Set<string>();
  const examples = report.filter((a) => !seen.has(a.kind) && Boolean(seen.add(a.kind)));
  return present(row, true, report, examples);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || /statistical_datasets_file_unique/.test(e.message ?? '');
}

/**
 * Imports a CTDC record-level file (k-anonymised 2017 or synthetic v2 layout, CSV or TSV) as de-identified
 * statistical records, all or nothing: the dataset, its records, its anomaly report and the audit entry are written in
 * one transaction while the file is read, and a file that cannot be imported rolls everything back. The same file
 * (same SHA-256) a second time changes nothing and is reported as `alreadyImported`.
 */
export async function importCtdc(db: Db, input: CtdcImportInput, options: CtdcImportOptions): Promise<CtdcImportSummary> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const limit = options.reportLimit ?? 20;
  try {
    const existing = await repo.findImportedDataset(db, sha256);
    if (existing) return await presentStored(db, existing, limit);
    options.onProgress?.({ rowsRead: 0, bytesRead: 0, bytesTotal: input.bytes.byteLength });
    const store = (target: Db, write: (tx: Db, records: repo.NewRecord[]) => Promise<void>) => target.transaction().execute(async (tx) => {
      const datasetId = randomUUID();
      const fileName = basename(input.fileName);
      await tx
        .insertInto('statistical_datasets')
        .values({
          id: datasetId,
          kind: 'ctdc_import',
          name: fileName,
          file_name: fileName,
          sha256,
          created_by: options.actor.name ?? options.actor.userId ?? 'unknown',
          created_by_user_id: options.actor.userId,
        })
        .execute();
      let seq = 1;
      const parsed = await readCtdc(
        input,
        {
          records: (batch) => write(tx, batch.map((r) => ({ ...r, dataset_id: datasetId }))),
          anomalies: async (batch) => {
            await repo.insertAnomalies(tx, datasetId, seq, batch);
            seq += batch.length;
          },
          ...(options.onProgress ? { progress: options.onProgress } : {}),
        },
        limit,
      );
      const row = await tx
        .updateTable('statistical_datasets')
        .set({ edition: parsed.edition, rows_read: parsed.rowsRead, rows_imported: parsed.rowsImported, anomaly_counts: JSON.stringify(parsed.counts) as unknown as Record<string, number> })
        .where('id', '=', datasetId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const nonZero = ctdcAnomalyKinds.filter((k) => parsed.counts[k] > 0).map((k) => `${k} ${parsed.counts[k]}`);
      await appendAudit(tx, options.actor, {
        action: 'statistical_records.import',
        recordType: 'statistical_dataset',
        recordId: datasetId,
        purpose: 'statistics',
        summary: `ctdc file (${parsed.edition}, sha256 ${sha256.slice(0, 12)}) imported: ${parsed.rowsImported} of ${parsed.rowsRead} rows; anomalies: ${nonZero.length > 0 ? nonZero.join(', ') : 'none'}`,
      });
      return present(row, false, parsed.report, parsed.examples);
    });
    if (options.postgresUrl) {
      const url = options.postgresUrl;
      return await withBulkConnection(url, db, (bulk) => store(bulk.db, (_tx, records) => bulk.copyRecords(records)));
    }
    return await store(db, (tx, records) => repo.insertRecords(tx, records));
  } catch (error) {
    if (isUniqueViolation(error)) {
      const existing = await repo.findImportedDataset(db, sha256);
      if (existing) return presentStored(db, existing, limit);
    }
    await auditImportFailure(db, options.actor, { action: 'statistical_records.import', recordType: 'statistical_dataset', source: 'ctdc', sha256, error });
    throw error;
  }
}
