import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * Row types of migration 0004's SOP table. To be merged into platform/db/schema.ts (`sop_versions: SopVersionsTable`
 * in `Schema`); until then the module widens its handle with `sopDb`.
 */
export interface SopVersionsTable {
  version: number;
  /** jsonb: read as the parsed document; written as JSON text. */
  document: ColumnType<unknown, string, never>;
  change_note: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export type SopVersionRow = Selectable<SopVersionsTable>;

// A type alias (not an interface): Kysely's withTables wants an index signature.
export type SopTables = {
  sop_versions: SopVersionsTable;
};

export const sopDb = (db: Db) => db.withTables<SopTables>();
