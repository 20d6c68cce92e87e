import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Database, Db } from '../db/database.js';

/** pg-boss's connection, and a way to wait for the statements it has started. */
export interface QueueConnection extends PgBoss.Db {
  /**
   * Waits until no statement is under way, then answers every later statement with no rows and without touching the
   * database, which the caller is about to close.
   */
  close(): Promise<void>;
}

/**
 * pg-boss's SQL through our own connections, so one job queue runs on PGlite (one connection in this process, shared
 * through the Kysely driver's queue) and on PostgreSQL (the pool) alike. A statement with parameters goes through
 * Kysely; a script without any (pg-boss's maintenance runs `BEGIN; ...; COMMIT;` under an advisory lock) holds one
 * connection for the whole script, and answers with its last statement's rows.
 *
 * pg-boss starts some statements without waiting for them, and they can come after its stop() has returned: marking a
 * finished job completed or failed, and a worker's fetch that was under way. Statements under way are therefore kept,
 * and close() waits for them; what pg-boss asks after that is answered with no rows (a job then left active expires
 * and is taken again, as after a process that died).
 */
export function queueConnection(database: Database): QueueConnection {
  const running = new Set<Promise<unknown>>();
  let closed = false;
  const track = <T>(statement: Promise<T>): Promise<T> => {
    running.add(statement);
    const forget = () => running.delete(statement);
    statement.then(forget, forget);
    return statement;
  };
  return {
    executeSql(text: string, values?: unknown[]) {
      if (closed) return Promise.resolve({ rows: [] });
      if (values && values.length > 0) return track(inTransaction(database.db).executeSql(text, values));
      return track(database.withScriptRunner((run) => run(text)).then((results) => ({ rows: results.at(-1)?.rows ?? [] })));
    },
    async close() {
      // A statement that ends can lead, a few promise steps later, to the next one (a fetch to its job's completion):
      // look again after the event loop's next turn, when those steps have run.
      do {
        while (running.size > 0) await Promise.allSettled([...running]);
        await new Promise((resolve) => setImmediate(resolve));
      } while (running.size > 0);
      closed = true;
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
