import type { ColumnType } from 'kysely';
import type { Bytes, Generated, Timestamp } from './schema.js';

/** Row types of what a case holds beyond its envelope: the account, the referral form, documents, requests about her data, notifications (see schema.ts). */

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
