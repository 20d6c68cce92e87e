import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';

/**
 * Record keys for the records written without one, assigned before a cube is built (under the dataset's lock):
 *  - rows of an imported file: the keyed hash of the file's SHA-256 and the row number, the same whenever that file
 *    is imported;
 *  - rows of the country dataset refreshed without the platform's keys, and rows of any other dataset: the keyed hash
 *    of the dataset and the row's id (stable until the next refresh; the HTTP and command-line refreshes always give
 *    their keys, see country-dataset.ts).
 * Synthetic datasets draw their keys as they generate their records (no person stands behind them).
 */

const BATCH = 5000;

export class RecordKeysMissing extends Error {
  constructor(datasetId: string) {
    super(`The records of statistical dataset ${datasetId} have no record keys yet and no key was given to assign them`);
  }
}

/** Assigns the missing record keys of a dataset; returns how many. Throws when some are missing and no keys are given. */
export async function assignMissingRecordKeys(tx: Db, datasetId: string, keys: RecordKeys | undefined): Promise<number> {
  const missing = await sql<{ id: string; source_row: number | null; kind: string; sha256: string | null }>`
    SELECT r.id::text AS id, r.source_row, d.kind, d.sha256
    FROM statistical_records r JOIN statistical_datasets d ON d.id = r.dataset_id
    WHERE r.dataset_id = ${datasetId} AND r.record_key IS NULL`.execute(tx);
  if (missing.rows.length === 0) return 0;
  if (!keys) throw new RecordKeysMissing(datasetId);
  const keyOf = (row: (typeof missing.rows)[number]) =>
    row.kind === 'ctdc_import' && row.sha256 !== null && row.source_row !== null ? keys.ofImportedRow(row.sha256, row.source_row) : keys.keyOf(`record:${datasetId}:${row.id}`);
  for (let start = 0; start < missing.rows.length; start += BATCH) {
    const batch = missing.rows.slice(start, start + BATCH);
    await sql`
      UPDATE statistical_records r SET record_key = u.k::smallint
      FROM unnest(${batch.map((row) => row.id)}::bigint[], ${batch.map(keyOf)}::int[]) AS u(id, k)
      WHERE r.id = u.id AND r.dataset_id = ${datasetId}`.execute(tx);
  }
  return missing.rows.length;
}
