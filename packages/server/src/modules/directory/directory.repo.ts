import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { directoryDb } from './directory.tables.js';

const entryColumns = [
  'e.id',
  'e.organisation_id',
  'o.name as organisation_name',
  'o.type as organisation_type',
  'e.desk_name',
  'e.sops',
  'e.services',
  'e.phone',
  'e.email',
  'e.address',
  'e.hours',
  'e.languages',
  'e.active',
  'e.last_verified_at',
  'e.verified_by',
  'v.display_name as verified_by_name',
  'e.created_at',
  'e.updated_at',
] as const;

function selectEntries(db: Db) {
  return directoryDb(db)
    .selectFrom('directory_entries as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .leftJoin('users as v', 'v.id', 'e.verified_by')
    .select(entryColumns);
}

export type DirectoryEntryListRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

/** The organisation an entry belongs to, as SQL over the `e` alias: for compiling access rules. */
export const entryOrganisation = sql`e.organisation_id`;

export interface DirectoryFilter {
  readonly service?: string | undefined;
  readonly sop?: number | undefined;
  readonly organisationType?: string | undefined;
  readonly organisationId?: string | undefined;
  /** Only entries verified before (stale: true) or since (stale: false) the cutoff. */
  readonly verified?: { readonly cutoff: Date; readonly stale: boolean } | undefined;
  readonly includeInactive?: boolean | undefined;
}

export function listEntries(db: Db, filter: DirectoryFilter): Promise<DirectoryEntryListRow[]> {
  let query = selectEntries(db);
  if (!filter.includeInactive) query = query.where('e.active', '=', true);
  if (filter.service !== undefined) query = query.where(sql<SqlBool>`${filter.service} = any(e.services)`);
  if (filter.sop !== undefined) query = query.where(sql<SqlBool>`${filter.sop}::smallint = any(e.sops)`);
  if (filter.organisationType !== undefined) query = query.where('o.type', '=', filter.organisationType);
  if (filter.organisationId !== undefined) query = query.where('e.organisation_id', '=', filter.organisationId);
  if (filter.verified) query = query.where('e.last_verified_at', filter.verified.stale ? '<' : '>=', filter.verified.cutoff);
  return query.orderBy('o.name').orderBy('e.desk_name').execute();
}

export function findEntry(db: Db, id: string, access?: Expression<SqlBool>): Promise<DirectoryEntryListRow | undefined> {
  let query = selectEntries(db).where('e.id', '=', id);
  if (access) query = query.where(access);
  return query.executeTakeFirst();
}

export async function deskNameTaken(db: Db, organisationId: string, deskName: string, exceptId?: string): Promise<boolean> {
  let query = directoryDb(db)
    .selectFrom('directory_entries')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('desk_name', '=', deskName);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface EntryValues {
  readonly deskName: string;
  readonly sops: number[];
  readonly services: string[];
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly hours: string | null;
  readonly languages: string[];
}

export async function insertEntry(
  tx: Db,
  row: EntryValues & { id: string; organisationId: string; createdBy: string | null; verifiedAt: Date },
): Promise<void> {
  await directoryDb(tx)
    .insertInto('directory_entries')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      desk_name: row.deskName,
      sops: row.sops,
      services: row.services,
      phone: row.phone,
      email: row.email,
      address: row.address,
      hours: row.hours,
      languages: row.languages,
      last_verified_at: row.verifiedAt,
      verified_by: row.createdBy,
      created_by: row.createdBy,
      created_at: row.verifiedAt,
      updated_at: row.verifiedAt,
    })
    .execute();
}

export async function updateEntry(tx: Db, id: string, values: EntryValues & { active: boolean; updatedAt: Date }): Promise<void> {
  await directoryDb(tx)
    .updateTable('directory_entries')
    .set({
      desk_name: values.deskName,
      sops: values.sops,
      services: values.services,
      phone: values.phone,
      email: values.email,
      address: values.address,
      hours: values.hours,
      languages: values.languages,
      active: values.active,
      updated_at: values.updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function markVerified(tx: Db, id: string, verifiedBy: string | null, at: Date): Promise<void> {
  await directoryDb(tx).updateTable('directory_entries').set({ last_verified_at: at, verified_by: verifiedBy }).where('id', '=', id).execute();
}
