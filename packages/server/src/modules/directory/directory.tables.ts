import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';

type Generated<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * Row types of migration 0004's directory table. To be merged into platform/db/schema.ts
 * (`directory_entries: DirectoryEntriesTable` in `Schema`); until then the module widens its handle with `directoryDb`.
 */
export interface DirectoryEntriesTable {
  id: string;
  organisation_id: string;
  desk_name: string;
  /** smallint[]: SOP numbers 1 to 5. */
  sops: Generated<number[]>;
  services: Generated<string[]>;
  phone: string | null;
  email: string | null;
  address: string | null;
  hours: string | null;
  languages: Generated<string[]>;
  active: Generated<boolean>;
  last_verified_at: Timestamp;
  verified_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DirectoryEntryRow = Selectable<DirectoryEntriesTable>;

// A type alias (not an interface): Kysely's withTables wants an index signature.
export type DirectoryTables = {
  directory_entries: DirectoryEntriesTable;
};

export const directoryDb = (db: Db) => db.withTables<DirectoryTables>();
