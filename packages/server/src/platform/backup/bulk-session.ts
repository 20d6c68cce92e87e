import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Database, Db } from '../db/database.js';
import type { Schema } from '../db/schema.js';
import { copyTextSelect, insertFromJsonBatch, parseCopyTextLine } from './copy-text.js';
import { countLines } from './sections.js';
import { quoteIdent, type TableInfo } from './tables.js';

/** Receives a table's rows as COPY text: whole lines, each ending with a newline. */
export interface TableLoader {
  write(lines: Buffer): Promise<void>;
  finish(): Promise<void>;
}

/**
 * One connection, one transaction, and the fastest way each engine has to move whole tables: COPY streams on
 * PostgreSQL, a cursor and batched INSERTs in embedded PostgreSQL (which has no COPY protocol). Ordinary statements
 * run through `db`, inside the same transaction.
 */
export interface BulkSession {
  readonly db: Db;
  /** Hands the table's rows to `sink` as COPY text, a bounded chunk at a time. */
  copyOut(table: TableInfo, sink: (lines: Buffer) => Promise<void>): Promise<void>;
  copyIn(table: TableInfo): TableLoader;
}

export interface BulkOptions {
  /** PostgreSQL's connection string: enables COPY (without it, the portable path runs on PostgreSQL too). */
  readonly postgresUrl?: string | undefined;
}

/** `snapshot`: a read-only, repeatable-read transaction (a backup); `write`: a read-write one (a restore). */
export type SessionMode = 'snapshot' | 'write';

const FETCH = 5000;
const COPY_ROWS_PER_STATEMENT = 100_000;
const INSERT_ROWS = 2000;
const INSERT_BYTES = 4 * 1024 * 1024;

function columnList(table: TableInfo): string {
  return table.columns.map((c) => quoteIdent(c.name)).join(', ');
}

function portableSession(db: Db): BulkSession {
  return {
    db,
    async copyOut(table, sink) {
      await sql.raw(`declare palermo_backup_rows no scroll cursor for ${copyTextSelect(table)}`).execute(db);
      for (;;) {
        const batch = await sql.raw<{ line: string }>(`fetch forward ${FETCH} from palermo_backup_rows`).execute(db);
        if (batch.rows.length === 0) break;
        await sink(Buffer.from(`${batch.rows.map((r) => r.line).join('\n')}\n`, 'utf8'));
        if (batch.rows.length < FETCH) break;
      }
      await sql.raw('close palermo_backup_rows').execute(db);
    },
    copyIn(table) {
      let pending: Array<Array<string | null>> = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pending.length === 0) return;
        const rows = pending;
        pending = [];
        pendingBytes = 0;
        await insertFromJsonBatch(table, rows).execute(db);
      };
      return {
        async write(lines) {
          const text = lines.toString('utf8');
          let start = 0;
          for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            pending.push(parseCopyTextLine(text.slice(start, end), table.columns.length));
            pendingBytes += end - start;
            start = end + 1;
            if (pending.length >= INSERT_ROWS || pendingBytes >= INSERT_BYTES) await flush();
          }
        },
        finish: flush,
      };
    },
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** A COPY stream's failure, turned into a promise that rejects (and never leaves an unhandled 'error' event). */
function failureOf(stream: NodeJS.EventEmitter): Promise<never> {
  const failure = new Promise<never>((_resolve, reject) => stream.once('error', reject));
  failure.catch(() => undefined);
  return failure;
}

/** A PostgreSQL session and whether a COPY is under way on it (then the connection must be closed, not reused). */
interface PostgresSession extends BulkSession {
  readonly copying: () => boolean;
}

function postgresSession(client: pg.Client, db: Db): PostgresSession {
  let copying = false;
  return {
    copying: () => copying,
    db,
    async copyOut(table, sink) {
      copying = true;
      const stream = client.query(copyTo(`COPY (select ${columnList(table)} from ${quoteIdent(table.name)}) TO STDOUT`));
      for await (const chunk of stream) await sink(chunk as Buffer);
      copying = false;
    },
    copyIn(table) {
      const statement = `COPY ${quoteIdent(table.name)} (${columnList(table)}) FROM STDIN`;
      let stream: ReturnType<typeof copyFrom> | undefined;
      let failure: Promise<never> = new Promise<never>(() => undefined);
      let rows = 0;
      const end = async () => {
        if (!stream) return;
        stream.end();
        await Promise.race([finished(stream), failure]);
        stream = undefined;
        copying = false;
      };
      return {
        async write(lines) {
          if (!stream) {
            copying = true;
            stream = client.query(copyFrom(statement));
            failure = failureOf(stream);
          }
          if (!stream.write(lines)) await Promise.race([once(stream, 'drain'), failure]);
          // Foreign-key checks wait in memory until the end of their statement: a very large table is loaded in
          // several COPY statements (same transaction), so that the server never holds millions of them at once.
          rows += countLines(lines);
          if (rows >= COPY_ROWS_PER_STATEMENT) {
            rows = 0;
            await end();
          }
        },
        finish: end,
      };
    },
  };
}

/**
 * Runs `fn` in one transaction on one connection, committing when it returns and rolling back when it throws: a
 * restore is all or nothing, a backup reads one consistent snapshot.
 */
export async function withBulkSession<T>(database: Database, options: BulkOptions, mode: SessionMode, fn: (session: BulkSession) => Promise<T>): Promise<T> {
  if (database.kind === 'postgres' && options.postgresUrl) {
    const client = new pg.Client({
      connectionString: options.postgresUrl,
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID || oid === NUMERIC_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) },
    });
    await client.connect();
    // One client, handed to Kysely as a pool of one; Kysely releases it after each use, which here does nothing.
    const pooled = Object.assign(client, { release: () => undefined });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: { connect: async () => pooled, end: async () => undefined } }) });
    try {
      await client.query(mode === 'snapshot' ? 'begin isolation level repeatable read read only' : 'begin');
      const session = postgresSession(client, db);
      try {
        const result = await fn(session);
        await client.query('commit');
        return result;
      } catch (error) {
        // Stopped in the middle of a COPY, the connection is closed instead: the server then rolls back on its own.
        if (!session.copying()) await client.query('rollback').catch(() => undefined);
        throw error;
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const transaction = database.db.transaction();
  return (mode === 'snapshot' ? transaction.setIsolationLevel('repeatable read') : transaction).execute((tx) => fn(portableSession(tx)));
}
