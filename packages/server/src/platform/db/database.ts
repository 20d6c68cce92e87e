import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.js';
import { PGliteDialect } from './pglite-driver.js';
import { AuditKeySlot } from '../audit/audit-key-slot.js';

export type Db = Kysely<Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/** Runs multi-statement SQL scripts (migrations, restore) on one dedicated connection; returns each statement's rows. */
export type ScriptRunner = (script: string) => Promise<Array<{ rows: unknown[] }>>;

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseKind;
  /** Holds one connection for the whole callback: session-level locks and explicit transactions stay on it. */
  withScriptRunner<T>(fn: (run: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; without one, embedded PostgreSQL runs in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** Folder for embedded PostgreSQL's files; `memory://` keeps it in memory (tests). */
  readonly dataDir?: string;
  /** An in-memory embedded database starts as a copy of this dumped data folder (tests: a migrated template). */
  readonly startFrom?: Blob;
  readonly poolSize?: number;
}

/** int8 (bigint) columns are sequence numbers and counts well below 2^53: read them as numbers on both back ends. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20, types });
    // An idle connection dropped by the server (restart, failover) must not bring the process down; the pool
    // replaces it on the next checkout.
    pool.on('error', () => undefined);
    // Every handle carries a slot for the audit keys (platform/audit/audit-key-slot.ts), filled once the keyring is open.
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new AuditKeySlot()] });
    return {
      db,
      kind: 'postgres',
      async withScriptRunner(fn) {
        const client = await pool.connect();
        try {
          return await fn(async (script) => {
            const result: unknown = await client.query(script);
            const results = Array.isArray(result) ? result : [result];
            return results.map((r: { rows?: unknown[] }) => ({ rows: r.rows ?? [] }));
          });
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? './data';
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = join(dataDir, 'pg');
    mkdirSync(location, { recursive: true, mode: 0o700 });
  }
  // pg_trgm: trigram similarity (recommendations offered as clusters); on PostgreSQL it is the contrib package.
  const startFrom = dataDir.startsWith('memory://') ? options.startFrom : undefined;
  const pglite = await PGlite.create(location, { extensions: { pg_trgm }, ...(startFrom ? { loadDataDir: startFrom } : {}) });
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite), plugins: [new AuditKeySlot()] });
  return {
    db,
    kind: 'pglite',
    withScriptRunner: (fn) =>
      db.connection().execute(() =>
        fn(async (script) => (await pglite.exec(script)).map((r) => ({ rows: r.rows as unknown[] }))),
      ),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
