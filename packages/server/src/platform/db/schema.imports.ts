import type { ColumnType } from 'kysely';
import type { Timestamp } from './schema.js';

/** Row types of the saved column mappings (migrations/0046_import_mappings.sql). */
export interface ImportMappingsTable {
  id: string;
  kind: string;
  organisation_id: string;
  name: string;
  /** contracts api/imports.ts columnMapping, as JSON. */
  mapping: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
