import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { sopDb } from './sop.tables.js';

/** Serialises saves of new versions (taken in the saving transaction). */
const SOP_VERSION_LOCK = 724_385_404;

const summaryColumns = ['v.version', 'v.change_note', 'v.created_by', 'u.display_name as author_name', 'v.created_at'] as const;

function selectSummaries(db: Db) {
  return sopDb(db).selectFrom('sop_versions as v').leftJoin('users as u', 'u.id', 'v.created_by').select(summaryColumns);
}

function selectVersions(db: Db) {
  return selectSummaries(db).select('v.document');
}

export type SopSummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;
export type SopVersionWithAuthorRow = Awaited<ReturnType<ReturnType<typeof selectVersions>['executeTakeFirstOrThrow']>>;

export function listVersions(db: Db): Promise<SopSummaryRow[]> {
  return selectSummaries(db).orderBy('v.version', 'desc').execute();
}

export function findVersion(db: Db, version: number): Promise<SopVersionWithAuthorRow | undefined> {
  return selectVersions(db).where('v.version', '=', version).executeTakeFirst();
}

export function findCurrentVersion(db: Db): Promise<SopVersionWithAuthorRow | undefined> {
  return selectVersions(db).orderBy('v.version', 'desc').limit(1).executeTakeFirst();
}

/** The version in force and when it was saved, as text to the microsecond (not the document itself). */
export async function currentVersionStamp(db: Db): Promise<{ version: number; stamp: string } | undefined> {
  const { rows } = await sql<{ version: number; stamp: string }>`select version, created_at::text as stamp from sop_versions order by version desc limit 1`.execute(db);
  return rows[0];
}

export async function latestVersionNumber(db: Db): Promise<number> {
  const row = await sopDb(db)
    .selectFrom('sop_versions')
    .select((eb) => eb.fn.max('version').as('latest'))
    .executeTakeFirst();
  return row?.latest ?? 0;
}

/** Waits for any other transaction saving a version, until this transaction ends. */
export async function lockVersions(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SOP_VERSION_LOCK})`.execute(tx);
}

export async function insertVersion(
  tx: Db,
  row: { version: number; document: unknown; changeNote: string; createdBy: string | null },
): Promise<void> {
  await sopDb(tx)
    .insertInto('sop_versions')
    .values({
      version: row.version,
      document: JSON.stringify(row.document),
      change_note: row.changeNote,
      created_by: row.createdBy,
    })
    .execute();
}

