import { createDecipheriv } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { migrationState } from '../db/migrate.js';
import { tablesInDependencyOrder } from './tables.js';
import { BACKUP_MAGIC } from './format.js';

const header = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  databaseKind: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.string()),
  masterKeyId: z.string(),
  wrappedKey: z.string(),
  iv: z.string(),
});

const BATCH = 1000;

export interface RestoreSummary {
  readonly tables: Record<string, number>;
  readonly createdAt: string;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Restores an archive into a database that holds no users yet (a fresh data folder or database), in one transaction:
 * the archive is decrypted and authenticated completely before anything is written, and any failure leaves the target
 * as it was.
 */
export async function restoreBackup(database: Database, keyring: Keyring, file: string): Promise<RestoreSummary> {
  const content = await readFile(file);
  const firstNewline = content.indexOf(0x0a);
  const secondNewline = content.indexOf(0x0a, firstNewline + 1);
  if (firstNewline < 0 || secondNewline < 0 || content.subarray(0, firstNewline).toString('utf8') !== BACKUP_MAGIC) {
    throw new Error(`${file} is not a Palermo backup`);
  }
  const parsed = header.safeParse(JSON.parse(content.subarray(firstNewline + 1, secondNewline).toString('utf8')));
  if (!parsed.success) throw new Error(`${file}: unreadable backup header (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const meta = parsed.data;
  if (!keyring.has(meta.masterKeyId)) {
    throw new Error(
      `The backup was made under master key ${meta.masterKeyId}, which this keyring does not hold: supply it (PALERMO_MASTER_KEY, or --key-file with the original master-keys.json)`,
    );
  }
  const state = await migrationState(database);
  const unknown = meta.migrations.filter((m) => !state.applied.includes(m));
  if (unknown.length > 0) throw new Error(`The backup needs migrations this version does not have: ${unknown.join(', ')}; upgrade first`);

  const archiveKey = keyring.unwrap(meta.masterKeyId, Buffer.from(meta.wrappedKey, 'base64'));
  const body = content.subarray(secondNewline + 1);
  const decipher = createDecipheriv('aes-256-gcm', archiveKey, Buffer.from(meta.iv, 'base64'));
  decipher.setAAD(content.subarray(0, secondNewline + 1));
  decipher.setAuthTag(body.subarray(body.length - 16));
  let plain: Buffer;
  try {
    plain = gunzipSync(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]));
  } catch {
    throw new Error(`${file} failed authentication: it is damaged or was altered`);
  }

  const rowsByTable = new Map<string, string[]>();
  for (const line of plain.toString('utf8').split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const table = (JSON.parse(line.slice(0, tab)) as { t: string }).t;
    const list = rowsByTable.get(table) ?? [];
    list.push(line.slice(tab + 1));
    rowsByTable.set(table, list);
  }

  const counts: Record<string, number> = {};
  await database.db.transaction().execute(async (tx) => {
    const users = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (users) throw new Error('The target already holds users: restore only into a fresh data folder or an empty database');
    const tables = await tablesInDependencyOrder(tx);
    const known = new Set(tables.map((t) => t.name));
    for (const name of rowsByTable.keys()) if (!known.has(name)) throw new Error(`The backup holds table ${name}, unknown here`);
    // Triggers that must fire even in replica mode (ENABLE ALWAYS) keep that setting after the delete below.
    const always = await sql<{ table_name: string; trigger_name: string }>`
      select c.relname as table_name, t.tgname as trigger_name
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and not t.tgisinternal and t.tgenabled = 'A'`.execute(tx);
    for (const table of [...tables].reverse()) {
      await sql`alter table ${sql.raw(quoteIdent(table.name))} disable trigger user`.execute(tx);
      await sql`delete from ${sql.raw(quoteIdent(table.name))}`.execute(tx);
      await sql`alter table ${sql.raw(quoteIdent(table.name))} enable trigger user`.execute(tx);
    }
    for (const { table_name, trigger_name } of always.rows) {
      await sql`alter table ${sql.raw(quoteIdent(table_name))} enable always trigger ${sql.raw(quoteIdent(trigger_name))}`.execute(tx);
    }
    for (const table of tables) {
      const rows = rowsByTable.get(table.name) ?? [];
      for (let i = 0; i < rows.length; i += BATCH) {
        const json = `[${rows.slice(i, i + BATCH).join(',')}]`;
        await sql`insert into ${sql.raw(quoteIdent(table.name))} select * from json_populate_recordset(null::${sql.raw(quoteIdent(table.name))}, ${json}::json)`.execute(tx);
      }
      counts[table.name] = rows.length;
    }
    // Serial columns (audit_log.entry_id) continue after the restored rows.
    const serials = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and column_default like 'nextval(%'`.execute(tx);
    for (const { table_name, column_name } of serials.rows) {
      await sql`select setval(pg_get_serial_sequence(${quoteIdent(table_name)}, ${column_name}),
        coalesce((select max(${sql.ref(column_name)}) from ${sql.raw(quoteIdent(table_name))}), 0) + 1, false)`.execute(tx);
    }
  });
  return { tables: counts, createdAt: meta.createdAt };
}
