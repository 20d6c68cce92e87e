import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * Row type of migration 0006's table. To be merged into platform/db/schema.ts (`case_records: CaseRecordsTable` in
 * `Schema`); until then the module widens its handle with `caseRecordDb`.
 */
export type CaseRecordsTable = {
  id: string;
  case_id: string;
  kind: string;
  /** jsonb: read as the parsed object (validated again on read); written as JSON text. */
  data: ColumnType<unknown, string, never>;
  /** Encrypted free text, bound to `case_records.notes:<id>`. */
  notes: ColumnType<Uint8Array | null, Uint8Array | null, never>;
  author_user_id: ColumnType<string, string, never>;
  organisation_id: ColumnType<string, string, never>;
  visibility: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  supersedes_id: ColumnType<string | null, string | null | undefined, never>;
};

export type CaseRecordRow = Selectable<CaseRecordsTable>;

// A type alias (not an interface): Kysely's withTables wants an index signature.
export type CaseRecordTables = {
  case_records: CaseRecordsTable;
};

export const caseRecordDb = (db: Db) => db.withTables<CaseRecordTables>();
