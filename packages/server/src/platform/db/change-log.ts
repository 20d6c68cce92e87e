import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';

/**
 * Reading a change log written by triggers with each change's transaction id (migrations 0053 and 0059), so that a
 * server process keeping facts in memory applies every committed change exactly once, also one made by a transaction
 * that was still running at its last read, however long it ran.
 *
 * Each read asks for the changes of every transaction that could have committed since the last read: those whose id
 * is at least the oldest transaction still running then (the snapshot's xmin). The changes already applied among them
 * are remembered by id and skipped; those older than the new xmin are forgotten, as no later read returns them.
 */
export interface ChangeCursor {
  /** The oldest transaction still running at the last read: changes from it on may have committed since. */
  readonly xmin: bigint;
  /** Changes already applied whose transaction is xmin or later (they are read again and skipped), by id. */
  readonly applied: ReadonlyMap<string, bigint>;
}

export interface LoggedChange {
  readonly id: string;
  readonly tx: string;
}

/** The log tables this reader serves. */
export type ChangeLogTable = 'prosecution_funnel_changes' | 'indicator_fact_changes' | 'monitoring_changes';

/**
 * The oldest transaction still running and the changes, committed and not yet applied, from the cursor on (from the
 * oldest running transaction when there is no cursor: what a computation starting now does not see), in one snapshot.
 * At most `limit` + 1 changes are returned: more than `limit` tells the caller to compute everything again.
 * `written` says that the reading transaction has itself written: what it reads may be rolled back, so it must not be
 * kept beyond it.
 */
export async function readChanges<Row extends object>(
  db: Db,
  table: ChangeLogTable,
  columns: RawBuilder<unknown>,
  cursor: ChangeCursor | null,
  limit: number,
): Promise<{ xmin: bigint; changes: Array<Row & LoggedChange>; written: boolean }> {
  const since = cursor === null ? sql`pg_snapshot_xmin(pg_current_snapshot())` : sql`${cursor.xmin.toString()}::xid8`;
  const { rows } = await sql<Row & { xmin: string; written: boolean; id: string | null; tx: string }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_current_xact_id_if_assigned() IS NOT NULL AS written, c.*
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT id::text AS id, tx::text AS tx, ${columns} FROM ${sql.table(table)}
      WHERE tx >= ${since} AND NOT (id = ANY (${[...(cursor?.applied.keys() ?? [])]}::bigint[]))
      ORDER BY id LIMIT ${limit + 1}
    ) c ON true`.execute(db);
  const first = rows[0];
  if (!first) throw new Error('the snapshot query returned no row');
  const changes = rows.filter((row) => row.id !== null).map(({ xmin: _xmin, written: _written, ...change }) => change as unknown as Row & LoggedChange);
  return { xmin: BigInt(first.xmin), changes, written: first.written };
}

/** The cursor after applying `changes` read at `xmin`. */
export function advanceCursor(cursor: ChangeCursor | null, xmin: bigint, changes: readonly LoggedChange[]): ChangeCursor {
  const applied = new Map([...(cursor?.applied ?? [])].filter(([, tx]) => tx >= xmin));
  for (const change of changes) if (BigInt(change.tx) >= xmin) applied.set(change.id, BigInt(change.tx));
  return { xmin, applied };
}

/** Deletes a log's rows older than two days (a write: done by a daily job, never by a read); how many went. */
export async function pruneChangeLog(db: Db, table: ChangeLogTable): Promise<number> {
  const result = await sql`DELETE FROM ${sql.table(table)} WHERE changed_at < now() - interval '2 days'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
