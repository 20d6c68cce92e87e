import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Row types of the migrated schema (migrations/*.sql). Kept beside the migrations; a test checks they agree. */
type Generated<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Bytes = Uint8Array;

export interface OrganisationsTable {
  id: string;
  name: string;
  type: string;
  jurisdictions: Generated<string[]>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  display_name: string;
  email: string;
  password_hash: string;
  roles: string[];
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  locked: Generated<boolean>;
  totp_secret: Bytes | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Migration 0031: the one-time password reset code (argon2id hash), its expiry and issuer. */
  password_reset_hash: Generated<string | null>;
  password_reset_expires_at: Generated<Date | null>;
  password_reset_issued_by: Generated<string | null>;
  /** Migration 0031: until when the account holder has read the notices about her account. */
  notices_seen_at: Generated<Date | null>;
  /** Migration 0030: the last successful password step of a sign-in (administrators' home: accounts unused for 90 days). */
  last_signed_in_at: Generated<Date | null>;
}

export interface SessionsTable {
  id: string;
  token_hash: Bytes;
  user_id: string;
  stage: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface DataKeysTable {
  id: string;
  master_key_id: string;
  wrapped_key: Bytes;
  created_at: Timestamp;
  retired_at: Date | null;
  purpose: Generated<string>;
}

export interface AuditLogTable {
  entry_id: Generated<number>;
  /** NULL until sealed into the chain. */
  seq: number | null;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  organisation_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  purpose: string;
  summary: string;
  outcome: string;
  prev_hash: Bytes | null;
  hash: Bytes | null;
  /** NULL on entries sealed before entries were authenticated (see platform/audit/entry-mac.ts). */
  entry_token: string | null;
  mac_key_id: string | null;
  mac: Bytes | null;
  statement_fields: ColumnType<string[], string[] | undefined, never>;
  forged: Generated<boolean>;
  /** Keyed seal of (seq, hash), set by the sealer; NULL on entries chained before seals (see platform/audit/entry-mac.ts). */
  seal: Bytes | null;
  seal_key_id: string | null;
}

export interface AuditAlertsTable {
  id: string;
  kind: string;
  summary: string;
  actor_user_id: string | null;
  organisation_id: string | null;
  raised_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: Bytes;
}

export interface PersonsTable {
  id: string;
  reference: string;
  organisation_id: string;
  case_manager_user_id: string | null;
  jurisdiction: string | null;
  given_name: Bytes | null;
  family_name: Bytes | null;
  pseudonym: Bytes | null;
  birth_date: Bytes | null;
  phone: Bytes | null;
  address: Bytes | null;
  identity_number: Bytes | null;
  notes: Bytes | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  gender: string | null;
  citizenships: Generated<string[]>;
  is_child: Generated<boolean>;
  guardian: Bytes | null;
  name_index: Generated<string[]>;
  birth_date_index: string | null;
}

export interface MatchRequestsTable {
  id: string;
  requesting_organisation_id: string;
  requesting_case_id: string;
  requested_by: string;
  target_organisation_id: string;
  candidate_person_ids: string[];
  status: Generated<string>;
  responded_by: string | null;
  created_at: Timestamp;
  responded_at: Date | null;
  match_check_id: string | null;
}

export interface MatchChecksTable {
  id: string;
  case_id: string;
  organisation_id: string;
  checked_by: string;
  checked_at: Date;
  outcome: string;
}

export interface PersonConsentsTable {
  person_id: string;
  purpose: string;
  status: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface CountrySettingsTable {
  id: number;
  reflection_period_days: number;
  reasonable_grounds_deadline_days: number;
  conclusive_grounds_deadline_days: number;
  reconsideration_deadline_days: number;
  updated_at: Timestamp;
  /** Migration 0015. */
  country_iso3: string | null;
  small_cell_threshold: Generated<number>;
  /** Migration 0028: IANA time zone in which "tomorrow" is counted for reminders. */
  time_zone: Generated<string>;
}

export interface CasesTable {
  id: string;
  reference: string;
  person_id: string;
  managing_organisation_id: string;
  case_manager_user_id: string | null;
  reported_by_organisation_id: string;
  status: Generated<string>;
  stage: Generated<string>;
  /** Migration 0030: when the case entered its stage (set by a trigger when the stage changes). */
  stage_entered_at: Generated<Date | null>;
  trafficking_status: Generated<string>;
  forms_of_exploitation: Generated<string[]>;
  country_of_exploitation: string | null;
  reflection_period_start: ColumnType<string | null, string | null | undefined, string | null>;
  reflection_period_end: ColumnType<string | null, string | null | undefined, string | null>;
  decision_due_at: Date | null;
  closure_reason: string | null;
  opened_at: Timestamp;
  closed_at: Date | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** Migration 0013: derived data for name search (one row per case and name token), kept in step by triggers. */
export interface CaseNameTokensTable {
  token: string;
  case_id: string;
  person_id: string;
  managing_organisation_id: string;
  case_manager_user_id: string | null;
  jurisdiction: string | null;
  opened_at: Timestamp;
}

export interface StatusDecisionsTable {
  id: string;
  case_id: string;
  kind: string;
  outcome: string;
  reason: Bytes;
  decided_by: string;
  organisation_id: string;
  decided_at: Timestamp;
  due_at: Date | null;
  /** Migration 0024: the parts of the decision file the decision relied on, and the documents. */
  relied_on: Generated<string[]>;
  relied_on_documents: Generated<string[]>;
}

/** Migration 0023: the referral form's sections about the person, each encrypted JSON (person-profile module). */
export interface PersonProfilesTable {
  case_id: string;
  police_report: Bytes | null;
  communication: Bytes | null;
  identity_documents: Bytes | null;
  age_assessment: Bytes | null;
  safe_contact: Bytes | null;
  decision_recipient: Bytes | null;
  background: Bytes | null;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

/** Migration 0023: append-only history of corrections (referral-form sections, intake notes, country of exploitation). */
export interface CaseFactHistoryTable {
  id: string;
  case_id: string;
  section: string;
  earlier_value: Bytes | null;
  changed_by: string;
  organisation_id: string;
  changed_at: Timestamp;
}

export interface ConsentEventsTable {
  id: string;
  person_id: string;
  purpose: string;
  target_organisation_id: string | null;
  status: string;
  method: string;
  explained_by: string;
  rights_explained: Generated<string[]>;
  recorded_at: Timestamp;
}

export interface CaseActionsTable {
  id: string;
  case_id: string;
  action: string;
  actor_user_id: string;
  organisation_id: string;
  idempotency_key: string;
  summary: string;
  occurred_at: Timestamp;
}

export interface CaseSharesTable {
  id: string;
  case_id: string;
  organisation_id: string;
  purpose: string;
  person_fields: Generated<string[]>;
  consent_event_id: string | null;
  granted_by: string;
  granted_at: Timestamp;
  revoked_at: Date | null;
}

export interface IndicatorChecklistsTable {
  id: string;
  code: string;
  version: number;
  /** jsonb: read back parsed, written as JSON text. */
  document: ColumnType<unknown, string, never>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: ColumnType<string | null, string | null | undefined, never>;
}

export interface ScreeningsTable {
  id: string;
  case_id: string;
  checklist_code: string;
  checklist_version: number;
  answers: ColumnType<unknown, string, never>;
  is_child: boolean;
  assessment: ColumnType<unknown, string, never>;
  notes: Bytes | null;
  screened_by: string;
  organisation_id: string;
  screened_at: Timestamp;
}

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

/** Documents attached to a case (0029): name and content encrypted, content in chunks of at most 1 MiB. */
export interface CaseDocumentsTable {
  id: string;
  case_id: string;
  document_type: string;
  media_type: string;
  file_name: Bytes;
  byte_size: number;
  chunk_count: number;
  for_decision: Generated<boolean>;
  uploaded_by: string;
  organisation_id: string;
  created_at: Timestamp;
}

export interface CaseDocumentChunksTable {
  document_id: string;
  position: number;
  content: Bytes;
}

/** The person's account (migration 0021; modules/account/README.md). jsonb data: shapes in contracts api/account.ts. */
export interface AccountStatementsTable {
  case_id: string;
  version: Generated<number>;
  /** Encrypted JSON {personAccount?, responderReasons?}, bound to account_statements.personal:<case_id>. */
  personal: Bytes;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AccountSituationsTable {
  id: string;
  case_id: string;
  version: Generated<number>;
  /** SituationData (contracts api/account.ts): codes, dates, ages, country codes; read parsed, written as JSON text. */
  data: ColumnType<unknown, string, string>;
  /** Encrypted JSON {promised?, placeTexts[]}, bound to account_situations.personal:<id>. */
  personal: Bytes;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AccountExploitersTable {
  id: string;
  case_id: string;
  version: Generated<number>;
  kind: string;
  /** ExploiterData (contracts api/account.ts). */
  data: ColumnType<unknown, string, string>;
  /** Encrypted, bound to account_exploiters.pseudonym:<id>. */
  pseudonym: Bytes;
  /** Encrypted JSON {identity?, whereabouts?, otherVictims?}, bound to account_exploiters.personal:<id>. */
  personal: Bytes;
  /** A prosecution pipeline's suspect record, when linked; no foreign key. */
  suspect_link_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AccountRevisionsTable {
  id: string;
  case_id: string;
  record_type: string;
  record_id: string;
  version: number;
  kind: string | null;
  data: ColumnType<unknown, string, never>;
  pseudonym: Bytes | null;
  personal: Bytes;
  suspect_link_id: string | null;
  author_user_id: string;
  organisation_id: string;
  created_at: Timestamp;
}

/** Migration 0028: what a user is told (a kind and a link inside the app), and whether the e-mail went. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  link: string;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Date | null;
  email_status: Generated<string>;
  email_attempted_at: Date | null;
  email_error: string | null;
}

/** Migration 0028: which e-mails a user receives (no row: every kind). */
export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  email: boolean;
  updated_at: Timestamp;
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

/** Migration 0026: a person's requests to see, correct or erase her data, and their answers (person-record module). */
export interface DataSubjectRequestsTable {
  id: string;
  person_id: string;
  case_id: string;
  organisation_id: string;
  kind: string;
  details: Bytes | null;
  received_on: ColumnType<string, string, string>;
  recorded_by: string;
  recorded_at: Timestamp;
  outcome: string | null;
  answer: Bytes | null;
  answer_language: string | null;
  answered_by: string | null;
  answered_at: Date | null;
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

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface Schema {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  data_keys: DataKeysTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_alerts: AuditAlertsTable;
  persons: PersonsTable;
  person_consents: PersonConsentsTable;
  country_settings: CountrySettingsTable;
  cases: CasesTable;
  'derived.case_name_tokens': CaseNameTokensTable;
  status_decisions: StatusDecisionsTable;
  consent_events: ConsentEventsTable;
  case_actions: CaseActionsTable;
  case_shares: CaseSharesTable;
  match_requests: MatchRequestsTable;
  match_checks: MatchChecksTable;
  indicator_checklists: IndicatorChecklistsTable;
  screenings: ScreeningsTable;
  person_profiles: PersonProfilesTable;
  case_fact_history: CaseFactHistoryTable;
  statistical_datasets: StatisticalDatasetsTable;
  statistical_records: StatisticalRecordsTable;
  statistics_cube: StatisticsCubeTable;
  statistics_cube_builds: StatisticsCubeBuildsTable;
  statistical_import_anomalies: StatisticalImportAnomaliesTable;
  release_budgets: ReleaseBudgetsTable;
  releases: ReleasesTable;
  case_documents: CaseDocumentsTable;
  case_document_chunks: CaseDocumentChunksTable;
  account_statements: AccountStatementsTable;
  account_situations: AccountSituationsTable;
  account_exploiters: AccountExploitersTable;
  account_revisions: AccountRevisionsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  import_jobs: ImportJobsTable;
  data_subject_requests: DataSubjectRequestsTable;
  published_estimates: PublishedEstimatesTable;
  schema_migrations: SchemaMigrationsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
