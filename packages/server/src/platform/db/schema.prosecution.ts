import type { ColumnType } from 'kysely';
import type { Bytes, Generated, Timestamp } from './schema.js';

/** Row types of the prosecution pipeline (migrations/0033_prosecution.sql). */

export interface ProsecutionOperationsTable {
  id: string;
  reference: string;
  organisation_id: string;
  name: string;
  origin: string;
  approach: string;
  forms_of_exploitation: Generated<string[]>;
  /** [{stage, country}] (contracts api/prosecution.ts operationPlace without the name). */
  places: ColumnType<unknown, string, string>;
  /** Encrypted JSON array of place names, bound to prosecution_operations.place_names:<id>. */
  place_names: Bytes;
  protocol_acts: Generated<string[]>;
  protocol_means: Generated<string[]>;
  protocol_purposes: Generated<string[]>;
  started_on: ColumnType<string, string, string>;
  created_by: string;
  created_at: Timestamp;
  /** The imported file's own reference (0046), unique within its scope; null when recorded in the app. */
  import_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProsecutionOperationAgenciesTable {
  operation_id: string;
  organisation_id: string;
}

export interface ProsecutionInvestigationsTable {
  id: string;
  operation_id: string;
  reference: string;
  title: string;
  origin: string;
  approach: string;
  opened_on: ColumnType<string, string, string>;
  prosecution_office_id: string | null;
  referred_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
  /** The imported file's own reference (0046), unique within its scope; null when recorded in the app. */
  import_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProsecutionSuspectsTable {
  id: string;
  operation_id: string;
  investigation_id: string;
  /** Encrypted, bound to prosecution_suspects.pseudonym:<id>. */
  pseudonym: Bytes;
  /** Encrypted JSON identity, bound to prosecution_suspects.identity:<id>. */
  identity: Bytes | null;
  name_index: Generated<string[]>;
  birth_date_index: string | null;
  roles: string[];
  sex: string;
  citizenships: Generated<string[]>;
  age_at_offence: number | null;
  court_organisation_id: string | null;
  created_by: string;
  created_at: Timestamp;
  /** The imported file's own reference (0046), unique within its scope; null when recorded in the app. */
  import_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProsecutionStepsTable {
  id: string;
  suspect_id: string;
  kind: string;
  occurred_on: ColumnType<string, string, string>;
  ref_step_id: string | null;
  data: ColumnType<unknown, string, string>;
  recorded_by: string;
  organisation_id: string;
  recorded_at: Timestamp;
}
