import { createCipheriv, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { migrationState } from '../db/migrate.js';
import { tablesInDependencyOrder } from './tables.js';
import { BACKUP_MAGIC, type BackupHeader } from './format.js';

const BATCH = 2000;

export interface BackupSummary {
  readonly file: string;
  readonly tables: Record<string, number>;
  readonly bytes: number;
  readonly masterKeyId: string;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Writes one encrypted archive: a clear header (format, migrations, the wrapped archive key) followed by the gzipped
 * rows of every table, encrypted with AES-256-GCM under a fresh archive key wrapped by the master key. The header is
 * authenticated with the body, so neither can be altered unnoticed. Rows are read in one repeatable-read snapshot.
 */
export async function writeBackup(database: Database, keyring: Keyring, file: string): Promise<BackupSummary> {
  const archiveKey = randomBytes(32);
  const iv = randomBytes(12);
  const { masterKeyId, wrapped } = keyring.wrap(archiveKey);
  const migrations = await migrationState(database);
  const header: BackupHeader = {
    format: 1,
    createdAt: new Date().toISOString(),
    databaseKind: database.kind,
    migrations: migrations.applied,
    masterKeyId,
    wrappedKey: wrapped.toString('base64'),
    iv: iv.toString('base64'),
  };
  const headerLine = `${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`;
  const counts: Record<string, number> = {};

  const rows = async function* () {
    const lines: string[] = [];
    await database.db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
      for (const table of await tablesInDependencyOrder(tx)) {
        counts[table.name] = 0;
        const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : 'ctid';
        for (let offset = 0; ; offset += BATCH) {
          const batch = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(quoteIdent(table.name))} t order by ${sql.raw(order)} limit ${BATCH} offset ${offset}`.execute(tx);
          for (const row of batch.rows) lines.push(`${JSON.stringify({ t: table.name })}\t${row.j}\n`);
          counts[table.name] = (counts[table.name] ?? 0) + batch.rows.length;
          if (batch.rows.length < BATCH) break;
        }
      }
    });
    yield* lines;
  };

  const cipher = createCipheriv('aes-256-gcm', archiveKey, iv);
  cipher.setAAD(Buffer.from(headerLine, 'utf8'));
  const out = createWriteStream(file, { mode: 0o600 });
  out.write(headerLine);
  let bytes = Buffer.byteLength(headerLine);
  await pipeline(Readable.from(rows()), createGzip(), cipher, async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      bytes += chunk.length;
      yield chunk;
    }
    const tag = cipher.getAuthTag();
    bytes += tag.length;
    yield tag;
  }, out);
  return { file, tables: counts, bytes, masterKeyId };
}
