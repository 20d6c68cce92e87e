import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { PersonProfilesTable, CaseFactHistoryTable, CaseDocumentsTable, CaseDocumentChunksTable, AccountStatementsTable, AccountSituationsTable, AccountExploitersTable, AccountRevisionsTable, NotificationsTable, NotificationPreferencesTable, DataSubjectRequestsTable } from './schema.case-records.js';
export type { PersonProfilesTable, CaseFactHistoryTable, CaseDocumentsTable, CaseDocumentChunksTable, AccountStatementsTable, AccountSituationsTable, AccountExploitersTable, AccountRevisionsTable, NotificationsTable, NotificationPreferencesTable, DataSubjectRequestsTable } from './schema.case-records.js';
import type { StatisticalDatasetsTable, StatisticalRecordsTable, StatisticsCubeTable, StatisticsCubeBuildsTable, StatisticalImportAnomaliesTable, ReleaseBudgetsTable, ReleasesTable, ImportJobsTable, PublishedEstimatesTable } from './schema.statistics.js';
export type { StatisticalDatasetsTable, StatisticalRecordsTable, StatisticsCubeTable, StatisticsCubeBuildsTable, StatisticalImportAnomaliesTable, ReleaseBudgetsTable, ReleasesTable, ImportJobsTable, PublishedEstimatesTable } from './schema.statistics.js';

import type { ActionPlansTable, PlanObjectivesTable, PlanActivitiesTable, PlanActivityPartnersTable, PlanActivityBudgetsTable, PlanActivityFundingTable, PlanActivityProgressTable, PlanIndicatorsTable, PlanIndicatorTargetsTable, PlanIndicatorMeasurementsTable } from './schema.action-plan.js';
import type { DeterminantAssessmentEntriesTable, DeterminantAssessmentsTable, DeterminantChecklistScoresTable } from './schema.determinants.js';
import type { ImportMappingsTable } from './schema.imports.js';
import type { PublicViewPublicationsTable } from './schema.public-view.js';
import type { CoordinationActionsTable, CoordinationBodiesTable, CoordinationBodyMembersTable, CoordinationDecisionsTable, CoordinationMeetingsTable, CoordinationTrainingsTable } from './schema.coordination.js';
import type { CaseApprovalsTable } from './schema.supervision.js';
import type { ProsecutionOperationsTable, ProsecutionOperationAgenciesTable, ProsecutionInvestigationsTable, ProsecutionSuspectsTable, ProsecutionStepsTable } from './schema.prosecution.js';
import type { ProceedingVictimsTable, ProceedingVictimCooperationTable, ProceedingVictimProtectionTable, ProceedingVictimNonPunishmentTable, ProceedingVictimCompensationTable, CrossBorderRequestsTable } from './schema.proceedings.js';
import type { PolicyIndexScoresTable, RecommendationActivitiesTable, RecommendationHistoryTable, RecommendationsTable, ReferenceSeriesImportsTable, TipTierRatingsTable } from './schema.recommendations.js';
/** Row types of the migrated schema (migrations/*.sql). Kept beside the migrations; a test checks they agree. */
export type Generated<T> = ColumnType<T, T | undefined, T>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Bytes = Uint8Array;

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
  /** Migration 0040: what waits for a supervisor's approval (assistance_plan, case_closure). */
  approval_required_for: Generated<string[]>;
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
  prosecution_operations: ProsecutionOperationsTable;
  prosecution_operation_agencies: ProsecutionOperationAgenciesTable;
  prosecution_investigations: ProsecutionInvestigationsTable;
  prosecution_suspects: ProsecutionSuspectsTable;
  prosecution_steps: ProsecutionStepsTable;
  proceeding_victims: ProceedingVictimsTable;
  proceeding_victim_cooperation: ProceedingVictimCooperationTable;
  proceeding_victim_protection: ProceedingVictimProtectionTable;
  proceeding_victim_non_punishment: ProceedingVictimNonPunishmentTable;
  proceeding_victim_compensation: ProceedingVictimCompensationTable;
  cross_border_requests: CrossBorderRequestsTable;
  case_approvals: CaseApprovalsTable;
  recommendations: RecommendationsTable;
  recommendation_history: RecommendationHistoryTable;
  reference_series_imports: ReferenceSeriesImportsTable;
  tip_tier_ratings: TipTierRatingsTable;
  policy_index_scores: PolicyIndexScoresTable;
  recommendation_activities: RecommendationActivitiesTable;
  import_mappings: ImportMappingsTable;
  action_plans: ActionPlansTable;
  plan_objectives: PlanObjectivesTable;
  plan_activities: PlanActivitiesTable;
  plan_activity_partners: PlanActivityPartnersTable;
  plan_activity_budgets: PlanActivityBudgetsTable;
  plan_activity_funding: PlanActivityFundingTable;
  plan_activity_progress: PlanActivityProgressTable;
  plan_indicators: PlanIndicatorsTable;
  plan_indicator_targets: PlanIndicatorTargetsTable;
  plan_indicator_measurements: PlanIndicatorMeasurementsTable;
  determinant_assessments: DeterminantAssessmentsTable;
  determinant_assessment_entries: DeterminantAssessmentEntriesTable;
  determinant_checklist_scores: DeterminantChecklistScoresTable;
  coordination_bodies: CoordinationBodiesTable;
  coordination_body_members: CoordinationBodyMembersTable;
  coordination_meetings: CoordinationMeetingsTable;
  coordination_decisions: CoordinationDecisionsTable;
  coordination_actions: CoordinationActionsTable;
  coordination_trainings: CoordinationTrainingsTable;
  public_view_publications: PublicViewPublicationsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
