import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { migrationState } from '../db/migrate.js';
import { appendAudit, systemActor, type Actor } from '../audit/audit.js';
import { ArchiveWriter } from './archive-stream.js';
import { withBulkSession, type BulkOptions } from './bulk-session.js';
import { BACKUP_FORMAT, BACKUP_MAGIC, type BackupHeader } from './format.js';
import { END_OF_ROWS, countLines, endLine, sequenceLine, tableLine } from './sections.js';
import { quoteIdent, sequences, tablesInDependencyOrder } from './tables.js';

export interface BackupOptions extends BulkOptions {
  /** Who takes the backup (audited); the command line's system actor by default. */
  readonly actor?: Actor;
}

export interface BackupSummary {
  readonly file: string;
  readonly tables: Record<string, number>;
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly masterKeyId: string;
}

/**
 * Writes the whole database to one encrypted archive, as a stream: every table of the application's schema (found
 * in the catalogue, parents before children) read in one repeatable-read snapshot, with COPY on PostgreSQL and a
 * cursor in embedded PostgreSQL, then every sequence's position. Memory holds a few chunks, never a table. Once the
 * archive is complete, an audit entry records that a full copy was taken (it is not in the archive itself).
 */
export async function writeBackup(database: Database, keyring: Keyring, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const started = performance.now();
  const archiveKey = randomBytes(32);
  const { masterKeyId, wrapped } = keyring.wrap(archiveKey);
  const migrations = await migrationState(database);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    databaseKind: database.kind,
    migrations: migrations.applied,
    masterKeyId,
    wrappedKey: wrapped.toString('base64'),
    rows: 'copy-text',
  };
  const writer = new ArchiveWriter(file, Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`, 'utf8'), archiveKey);
  const counts: Record<string, number> = {};
  try {
    await withBulkSession(database, options, 'snapshot', async (session) => {
      for (const table of await tablesInDependencyOrder(session.db)) {
        await writer.write(tableLine(table.name, table.columns.map((c) => c.name)));
        let rows = 0;
        await session.copyOut(table, async (lines) => {
          rows += countLines(lines);
          await writer.write(lines);
        });
        await writer.write(END_OF_ROWS);
        counts[table.name] = rows;
      }
      for (const sequence of await sequences(session.db)) {
        const state = await sql<{ last_value: string; is_called: boolean }>`select last_value::text as last_value, is_called from ${sql.raw(quoteIdent(sequence.name))}`.execute(session.db);
        const row = state.rows[0];
        if (row) await writer.write(sequenceLine(sequence.name, row.last_value, row.is_called));
      }
      await writer.write(endLine(counts));
    });
    const bytes = await writer.finish();
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    await appendAudit(database.db, options.actor ?? systemActor('backup'), {
      action: 'backup.created',
      purpose: 'administration',
      summary: `${rows} rows of ${Object.keys(counts).length} tables written to an encrypted archive of ${bytes} bytes under master key ${masterKeyId}`,
    });
    return { file, tables: counts, rows, bytes, seconds: (performance.now() - started) / 1000, masterKeyId };
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}
