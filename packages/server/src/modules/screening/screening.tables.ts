import type { ColumnType, Selectable } from 'kysely';

/**
 * Row types of the screening module's tables (migration 0005_indicator_checklists.sql). Kept here until they are merged
 * into platform/db/schema.ts; queries use `db.withTables<ScreeningTables>()`.
 */
export type IndicatorChecklistsTable = {
  id: string;
  code: string;
  version: number;
  /** jsonb: read back parsed (validated again on read), written as JSON text. */
  document: ColumnType<unknown, string, never>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  /** NULL for the defaults seeded by the migration, and for operator commands. */
  created_by: ColumnType<string | null, string | null | undefined, never>;
};

/** Type aliases, not interfaces: `withTables` needs types with implicit index signatures. */
export type ScreeningTables = {
  indicator_checklists: IndicatorChecklistsTable;
};

export type IndicatorChecklistRow = Selectable<IndicatorChecklistsTable>;
