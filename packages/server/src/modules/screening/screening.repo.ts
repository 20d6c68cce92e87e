import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { IndicatorChecklistRow, ScreeningTables } from './screening.tables.js';

/** The only SQL of the screening module. */
const tables = (db: Db) => db.withTables<ScreeningTables>();

export function listActiveChecklists(db: Db): Promise<IndicatorChecklistRow[]> {
  return tables(db).selectFrom('indicator_checklists').selectAll().where('active', '=', true).orderBy('code').execute();
}

export function findChecklist(db: Db, code: string, version: number): Promise<IndicatorChecklistRow | undefined> {
  return tables(db)
    .selectFrom('indicator_checklists')
    .selectAll()
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * Orders concurrent publications of the same checklist code (also of a code that has no version yet) until the end of
 * the caller's transaction.
 */
export async function lockChecklistCode(tx: Db, code: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('indicator_checklists'), hashtext(${code}))`.execute(tx);
}

export async function latestVersion(tx: Db, code: string): Promise<number | undefined> {
  const row = await tables(tx)
    .selectFrom('indicator_checklists')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.latest ?? undefined;
}

/** Deactivates the active version of a code; returns the version it was, if any. */
export async function deactivate(tx: Db, code: string): Promise<number | undefined> {
  const row = await tables(tx)
    .updateTable('indicator_checklists')
    .set({ active: false })
    .where('code', '=', code)
    .where('active', '=', true)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export function insertActive(
  tx: Db,
  row: { id: string; code: string; version: number; document: string; createdBy: string | null },
): Promise<IndicatorChecklistRow> {
  return tables(tx)
    .insertInto('indicator_checklists')
    .values({ id: row.id, code: row.code, version: row.version, document: row.document, active: true, created_by: row.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}
