import type { ColumnType } from 'kysely';
import type { Bytes, Generated, Timestamp } from './schema.js';

/** Row types of the statistics, releases and estimation tables (see schema.ts). */

export interface StatisticalDatasetsTable {
  id: string;
  kind: 'country_cases' | 'ctdc_import' | 'synthetic';
  name: string;
  edition: 'ctdc_k_anonymised_2017' | 'ctdc_synthetic_v2' | null;
  file_name: string | null;
  sha256: string | null;
  rows_read: Generated<number>;
  rows_imported: Generated<number>;
  anomaly_counts: Generated<Record<string, number>>;
  created_at: Generated<Date>;
  created_by: string;
  created_by_user_id: string | null;
  refreshed_at: Timestamp | null;
}

/** A de-identified person in a statistical dataset (migration 0012): CTDC codes, NULL = missing. */
export interface StatisticalRecordsTable {
  id: ColumnType<string, never, never>;
  dataset_id: string;
  source_row: number | null;
  person_key: string | null;
  year_of_registration: number | null;
  datasource: string | null;
  gender: string | null;
  age_broad: string | null;
  majority_status: 'Adult' | 'Minor' | null;
  citizenship: string | null;
  country_of_exploitation: string | null;
  traffick_months: string | null;
  means_of_control: Generated<string[]>;
  exploitation: Generated<string[]>;
  labour_sectors: Generated<string[]>;
  sex_types: Generated<string[]>;
  recruiter_relations: Generated<string[]>;
  stage: string | null;
  trafficking_status: string | null;
  referring_organisation_type: string | null;
  referred_on: ColumnType<Date, Date | string | null, Date | string | null> | null;
  reasonable_grounds_on: ColumnType<Date, Date | string | null, Date | string | null> | null;
  reasonable_grounds_outcome: string | null;
  conclusive_grounds_on: ColumnType<Date, Date | string | null, Date | string | null> | null;
  conclusive_grounds_outcome: string | null;
  /** NRM performance facts (migration 0015). */
  reasonable_grounds_due_on: ColumnType<Date, Date | string | null | undefined, Date | string | null> | null;
  reflection_started_on: ColumnType<Date, Date | string | null | undefined, Date | string | null> | null;
  reflection_ended_on: ColumnType<Date, Date | string | null | undefined, Date | string | null> | null;
  referrals_sent: Generated<number>;
  referrals_accepted: Generated<number>;
  referrals_completed: Generated<number>;
  follow_up_outcome: 'completed' | 'person_unreachable' | 'person_declined' | null;
}

/** The statistics cube (migration 0015): persons and NRM measures by every combination of the dimensions. */
export interface StatisticsCubeTable {
  dataset_id: string;
  year: number;
  gender: string;
  age_broad: string;
  exploitation: string;
  citizenship: string;
  country_of_exploitation: string;
  referring_organisation_type: string;
  stage: string;
  trafficking_status: string;
  persons: number;
  rg_decided: number;
  rg_days_sum: ColumnType<string, number | string, number | string>;
  rg_late: number;
  reflection_persons: number;
  reflection_days_sum: ColumnType<string, number | string, number | string>;
  persons_referred: number;
  referrals_sent: number;
  referrals_accepted: number;
  referrals_completed: number;
  follow_up_completed: number;
  follow_up_unreachable: number;
  follow_up_declined: number;
}

export interface StatisticsCubeBuildsTable {
  dataset_id: string;
  built_at: Generated<Date>;
  reasonable_grounds_deadline_days: number;
  source_rows: number;
  cube_rows: number;
}

/** The report of a CTDC import (migration 0014): one value that was not plain, where it was and how it was read. */
export interface StatisticalImportAnomaliesTable {
  dataset_id: string;
  seq: number;
  source_row: number;
  column_name: string;
  kind: string;
  original: string;
  read_as: string;
}

/** A dataset's privacy budget set by the operator (migration 0016). */
export interface ReleaseBudgetsTable {
  dataset_id: string;
  total_epsilon: number;
  total_delta: number;
  set_by: string;
  set_by_user_id: string | null;
  updated_at: Generated<Date>;
}

/** The release ledger (migration 0016): one row per released file. */
export interface ReleasesTable {
  id: string;
  dataset_id: string;
  kind: 'synthetic' | 'k_anonymous';
  parameters: ColumnType<Record<string, unknown>, string, never>;
  epsilon: number;
  delta: number;
  records_read: number;
  records_released: number;
  created_by: string;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  file_gzip: Buffer | null;
  regenerable: boolean;
  mechanism: ColumnType<Record<string, unknown>, string, never>;
  utility_report: ColumnType<Record<string, unknown>, string, never>;
}

/** Migration 0028: web uploads imported by the job queue; the file is dropped once imported. */
export interface ImportJobsTable {
  id: string;
  source: string;
  file_name: string;
  file: Bytes | null;
  owner_user_id: string;
  actor_name: string | null;
  actor_organisation_id: string | null;
  status: Generated<string>;
  rows_read: Generated<number>;
  progress: Generated<number>;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
  error: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
  finished_at: Date | null;
}

/** Migration 0032: estimates the rapporteur published, with the keyed fingerprint of their data (estimation module). */
export interface PublishedEstimatesTable {
  id: string;
  data_fingerprint: string;
  source: string;
  year: number | null;
  lists: ColumnType<unknown, string, string>;
  model: string;
  terms: ColumnType<unknown, string, string>;
  total: number;
  lower_bound: number;
  upper_bound: number;
  interval_kind: string;
  published_by: string;
  organisation_id: string;
  published_at: Timestamp;
}
