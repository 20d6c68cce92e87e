import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { migrationState } from '../db/migrate.js';
import { appendAudit, systemActor, type Actor } from '../audit/audit.js';
import { authenticatedFrames } from './archive-stream.js';
import { withBulkSession, type BulkOptions, type TableLoader } from './bulk-session.js';
import { BACKUP_MAGIC, parseHeader } from './format.js';
import { sections } from './sections.js';
import { quoteIdent, sequences, tablesInDependencyOrder, userTriggers, type TableInfo, type TriggerState } from './tables.js';

export interface RestoreSummary {
  readonly tables: Record<string, number>;
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly createdAt: string;
}

export interface RestoreOptions extends BulkOptions {
  /** Who restores (audited in the restored database); the command line's system actor by default. */
  readonly actor?: Actor;
  /** Called after each table's rows are in (inside the transaction); a failure there undoes everything. */
  readonly afterTable?: (table: string, rows: number) => Promise<void> | void;
}

/** The clear header: its bytes (authenticated with every frame) and where the encrypted body starts. */
async function readHeader(file: string): Promise<{ bytes: Buffer; line: string }> {
  const handle = await open(file, 'r');
  try {
    const probe = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
    const head = probe.subarray(0, bytesRead);
    const first = head.indexOf(0x0a);
    const second = head.indexOf(0x0a, first + 1);
    if (first < 0 || second < 0 || head.subarray(0, first).toString('utf8') !== BACKUP_MAGIC) throw new Error(`${file} is not a Palermo backup`);
    return { bytes: Buffer.from(head.subarray(0, second + 1)), line: head.subarray(first + 1, second).toString('utf8') };
  } finally {
    await handle.close();
  }
}

/** The target may hold only what migrating and starting write (reference data, a data key): no user, no audit entry. */
async function refuseNonEmpty(db: Db): Promise<void> {
  const users = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const audit = await sql<{ one: number }>`select 1 as one from audit_log limit 1`.execute(db);
  if (users || audit.rows.length > 0) {
    throw new Error('The target already holds users or audit entries: restore only into a fresh data folder or an empty database');
  }
}

async function setTriggers(db: Db, triggers: readonly TriggerState[], to: (t: TriggerState) => string | null): Promise<void> {
  for (const trigger of triggers) {
    const clause = to(trigger);
    if (clause) await sql.raw(`alter table ${quoteIdent(trigger.table)} ${clause} trigger ${quoteIdent(trigger.name)}`).execute(db);
  }
}

const enableAs: Record<TriggerState['enabled'], string | null> = { O: 'enable', A: 'enable always', R: 'enable replica', D: null };

/**
 * Serial and identity columns continue after the restored rows: each sequence takes the position it had in the
 * archive, and any sequence that hands out a column's values is moved past that column's largest value.
 */
async function moveSequences(db: Db, saved: ReadonlyArray<{ name: string; lastValue: string; isCalled: boolean }>): Promise<void> {
  const here = await sequences(db);
  const known = new Set(here.map((s) => s.name));
  for (const s of saved) {
    if (known.has(s.name)) await sql`select setval(${quoteIdent(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(db);
  }
  for (const s of here) {
    if (!s.owner) continue;
    await sql`select setval(${quoteIdent(s.name)}::regclass, m, true)
      from (select max(${sql.ref(s.owner.column)})::bigint as m from ${sql.raw(quoteIdent(s.owner.table))}) top
      where m is not null and m >= (select case when is_called then last_value + 1 else last_value end from ${sql.raw(quoteIdent(s.name))})`.execute(db);
  }
}

/**
 * Restores an archive, as a stream, into a database that holds no users yet (a fresh data folder or database), in
 * one transaction: rows are loaded as each authenticated part arrives, and anything wrong (a part that fails
 * authentication, an archive cut short, a failed insert) rolls the whole restore back, leaving the target as it was.
 *
 * While rows load, only ENABLE ALWAYS triggers fire (those that keep derived data, such as the search tokens, in
 * step); the others (append-only guards, caches' invalidation) are switched off, and each trigger is set back to how
 * it was before the transaction commits. The restored database then records the restore in its audit trail.
 */
export async function restoreBackup(database: Database, keyring: Keyring, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const started = performance.now();
  const header = await readHeader(file);
  const meta = parseHeader(file, header.line);
  if (!keyring.has(meta.masterKeyId)) {
    throw new Error(
      `The backup was made under master key ${meta.masterKeyId}, which this keyring does not hold: supply it (PALERMO_MASTER_KEY, or --key-file with the original master-keys.json)`,
    );
  }
  const state = await migrationState(database);
  const unknown = meta.migrations.filter((m) => !state.applied.includes(m));
  if (unknown.length > 0) throw new Error(`The backup needs migrations this version does not have: ${unknown.join(', ')}; upgrade first`);
  const archiveKey = keyring.unwrap(meta.masterKeyId, Buffer.from(meta.wrappedKey, 'base64'));

  const counts: Record<string, number> = {};
  await withBulkSession(database, options, 'write', async (session) => {
    const { db } = session;
    await refuseNonEmpty(db);
    const tables = await tablesInDependencyOrder(db);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const triggers = await userTriggers(db);
    // What migrating and starting wrote (reference data, a data key) is replaced by the archive's rows.
    await setTriggers(db, triggers, () => 'disable');
    for (const table of [...tables].reverse()) await sql.raw(`delete from ${quoteIdent(table.name)}`).execute(db);
    await setTriggers(db, triggers, (t) => (t.enabled === 'A' ? 'enable always' : null));

    const saved: Array<{ name: string; lastValue: string; isCalled: boolean }> = [];
    let trailer: Record<string, number> | undefined;
    // The loader's own failure is the one to report (the pipeline reports streams it then had to abort).
    let loadFailure: unknown;
    const load = async (plain: AsyncIterable<Buffer>) => {
      let loading: { table: TableInfo; loader: TableLoader; rows: number } | undefined;
      for await (const section of sections(plain)) {
        if (section.kind === 'table') {
          const here = byName.get(section.name);
          if (!here) throw new Error(`The backup holds table ${section.name}, unknown here`);
          if (section.name in counts) throw new Error(`The backup holds table ${section.name} twice`);
          const columns = section.columns.map((name) => {
            const column = here.columns.find((c) => c.name === name);
            if (!column) throw new Error(`The backup holds column ${section.name}.${name}, unknown here`);
            return column;
          });
          const table = { ...here, columns };
          loading = { table, loader: session.copyIn(table), rows: 0 };
        } else if (section.kind === 'rows') {
          if (!loading) throw new Error('The backup holds rows outside a table');
          loading.rows += section.count;
          await loading.loader.write(section.lines);
        } else if (section.kind === 'tableEnd') {
          if (!loading) throw new Error('The backup ends a table it did not start');
          await loading.loader.finish();
          counts[loading.table.name] = loading.rows;
          await options.afterTable?.(loading.table.name, loading.rows);
          loading = undefined;
        } else if (section.kind === 'sequence') saved.push(section);
        else trailer = section.tables;
      }
    };
    await pipeline(Readable.from(authenticatedFrames(file, header.bytes.length, header.bytes, archiveKey)), createGunzip(), async (plain: AsyncIterable<Buffer>) => {
      try {
        await load(plain);
      } catch (error) {
        loadFailure = error;
        throw error;
      }
    }).catch((error: unknown) => {
      throw loadFailure ?? error;
    });
    if (!trailer) throw new Error(`${file} ends before its summary: it is incomplete`);
    for (const [name, rows] of Object.entries(trailer)) {
      if (counts[name] !== rows) throw new Error(`${file}: table ${name} should hold ${rows} rows, ${counts[name] ?? 0} were read`);
    }
    // Deferred constraints are checked now (a trigger cannot be switched back on while their checks are pending).
    await sql`set constraints all immediate`.execute(db);
    await setTriggers(db, triggers, (t) => (t.enabled === 'A' ? null : enableAs[t.enabled]));
    await moveSequences(db, saved);
  });
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  await appendAudit(database.db, options.actor ?? systemActor('restore'), {
    action: 'backup.restored',
    purpose: 'administration',
    summary: `${rows} rows of ${Object.keys(counts).length} tables restored from an archive made ${meta.createdAt} under master key ${meta.masterKeyId}`,
  });
  return { tables: counts, rows, bytes: (await stat(file)).size, seconds: (performance.now() - started) / 1000, createdAt: meta.createdAt };
}
