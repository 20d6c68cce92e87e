import type { ColumnType } from 'kysely';
import type { Bytes, Generated, Timestamp } from './schema.js';

/** Row types of victims in proceedings (migrations/0043) and cross-border requests (0044). */

type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type BigintColumn = ColumnType<string | null, number | null | undefined, number | null>;

export interface ProceedingVictimsTable {
  id: string;
  case_id: string;
  investigation_id: string;
  suspect_id: string | null;
  standing: string;
  linked_on: DateColumn;
  /** Encrypted initials, bound to proceeding_victims.initials:<id>. */
  initials: Bytes;
  linked_by: string;
  organisation_id: string;
  created_at: Timestamp;
}

export interface ProceedingVictimCooperationTable {
  id: string;
  victim_id: string;
  level: string;
  chosen_on: DateColumn;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ProceedingVictimProtectionTable {
  id: string;
  victim_id: string;
  measure: string;
  requested_on: DateColumn;
  outcome: string;
  decided_on: NullableDate;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ProceedingVictimNonPunishmentTable {
  id: string;
  victim_id: string;
  offence: string;
  claimed_on: DateColumn;
  outcome: string;
  decided_on: NullableDate;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ProceedingVictimCompensationTable {
  id: string;
  victim_id: string;
  route: string;
  claimed_on: DateColumn;
  currency: string;
  /** Minor units (bigint: read as a string). */
  amount_ordered: BigintColumn;
  ordered_on: NullableDate;
  amount_paid: BigintColumn;
  paid_on: NullableDate;
  paid_above_order_reason: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface CrossBorderRequestsTable {
  id: string;
  reference: string;
  investigation_id: string;
  kind: string;
  direction: string;
  requesting_country: string;
  requested_country: string;
  sent_on: DateColumn;
  asks: string[];
  status: Generated<string>;
  acknowledged_on: NullableDate;
  answered_on: NullableDate;
  closed_on: NullableDate;
  refusal_grounds: Generated<string[]>;
  recorded_by: string;
  organisation_id: string;
  created_at: Timestamp;
}
