import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';

type Generated<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Bytes = Uint8Array;
/** A date column read as text (`delivered_from::text`) and written as an ISO date. */
type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

/**
 * Row types of migration 0007's referral table. To be merged into platform/db/schema.ts (`referrals: ReferralsTable`
 * in `Schema`); until then the module widens its handle with `referralDb`.
 */
export interface ReferralsTable {
  id: string;
  case_id: string;
  kind: Generated<string>;
  service: string | null;
  from_organisation_id: string;
  to_organisation_id: string;
  status: Generated<string>;
  urgency: Generated<string>;
  person_fields: Generated<string[]>;
  message: Bytes | null;
  consent_event_id: string;
  share_id: string;
  sent_by: string;
  sent_at: Timestamp;
  accepted_by: string | null;
  accepted_at: Date | null;
  declined_by: string | null;
  declined_at: Date | null;
  decline_reason: Bytes | null;
  completed_by: string | null;
  completed_at: Date | null;
  delivered_from: DateColumn;
  delivered_to: DateColumn;
  completion_note: Bytes | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  updated_at: Timestamp;
}

export type ReferralRow = Selectable<ReferralsTable>;

// A type alias (not an interface): Kysely's withTables wants an index signature.
export type ReferralTables = {
  referrals: ReferralsTable;
};

export const referralDb = (db: Db) => db.withTables<ReferralTables>();
