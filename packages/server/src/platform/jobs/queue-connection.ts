import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Database, Db } from '../db/database.js';

/** pg-boss's connection, and a way to wait for the statements it has started. */
export interface QueueConnection extends PgBoss.Db {
  /** Resolves once every statement started so far has finished (succeeded or failed). */
  settled(): Promise<void>;
}

/**
 * pg-boss's SQL through our own connections, so one job queue runs on PGlite (one connection in this process, shared
 * through the Kysely driver's queue) and on PostgreSQL (the pool) alike. A statement with parameters goes through
 * Kysely; a script without any (pg-boss's maintenance runs `BEGIN; ...; COMMIT;` under an advisory lock) holds one
 * connection for the whole script, and answers with its last statement's rows. Statements under way are kept, so that
 * the engine can wait for them before the database closes: pg-boss marks a finished job completed without waiting
 * for it, after its stop() has returned.
 */
export function queueConnection(database: Database): QueueConnection {
  const running = new Set<Promise<unknown>>();
  const track = <T>(statement: Promise<T>): Promise<T> => {
    running.add(statement);
    const forget = () => running.delete(statement);
    statement.then(forget, forget);
    return statement;
  };
  return {
    executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return track(inTransaction(database.db).executeSql(text, values));
      return track(database.withScriptRunner((run) => run(text)).then((results) => ({ rows: results.at(-1)?.rows ?? [] })));
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/**
 * pg-boss's SQL inside the caller's transaction: a job sent this way is stored with the change that caused it, or
 * not at all (the transactional outbox).
 */
export function inTransaction(tx: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await tx.executeQuery(CompiledQuery.raw(text, (values ?? []).map(jsonParameter)));
      return { rows: result.rows as unknown[] };
    },
  };
}

/** pg sends a plain object as JSON; PGlite is given the JSON text, which both read the same way. Arrays stay arrays. */
function jsonParameter(value: unknown): unknown {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype ? JSON.stringify(value) : value;
}
