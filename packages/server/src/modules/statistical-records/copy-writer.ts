import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../platform/db/database.js';
import type { Schema } from '../../platform/db/schema.js';
import { recordColumns, type NewRecord } from './statistical-records.repo.js';

/**
 * Bulk writing on PostgreSQL: a dedicated connection on which one transaction both runs ordinary statements (through
 * Kysely, so the audit entry and the dataset row are written as everywhere else) and streams records with COPY, which
 * PostgreSQL ingests several times faster than INSERT. The COPY payload is CSV written by csv-stringify (an empty
 * unquoted field is NULL; array values are array literals).
 */
export interface BulkConnection {
  readonly db: Db;
  copyRecords(records: readonly NewRecord[]): Promise<void>;
}

const INT8_OID = 20;

/** `parent` is the handle the work is done for: the bulk handle carries its plugins, among them the audit keys. */
export async function withBulkConnection<T>(connectionString: string, parent: Db, fn: (bulk: BulkConnection) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  // One client, handed to Kysely as a pool of one; Kysely releases it after each use, which here does nothing.
  const pooled = Object.assign(client, { release: () => undefined });
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: { connect: async () => pooled, end: async () => undefined } }),
    plugins: [...parent.getExecutor().plugins],
  });
  const names = recordColumns.map((c) => c.name);
  const statement = `COPY statistical_records (dataset_id, ${names.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  try {
    return await fn({
      db,
      async copyRecords(records) {
        if (records.length === 0) return;
        const rows = records.map((r) => [r.dataset_id, ...recordColumns.map((c) => c.text(r))]);
        const csv = stringify(rows, { record_delimiter: '\n', quoted_string: false });
        await pipeline(Readable.from([csv]), client.query(copyFrom(statement)));
      },
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
