import type { Generated, Timestamp } from './schema.js';

type Bytes = Buffer;

/** Row types of a supervisor's approvals (migrations/0040_supervision.sql). */
export interface CaseApprovalsTable {
  id: string;
  case_id: string;
  /** assistance_plan or case_closure. */
  kind: string;
  /** The organisation whose supervisors approve: the requesting caseworker's. */
  organisation_id: string;
  /** awaiting, approved or returned. */
  status: Generated<string>;
  requested_by: string;
  requested_at: Timestamp;
  closure_reason: string | null;
  closure_referred: boolean | null;
  decided_by: string | null;
  decided_at: Date | null;
  /** Encrypted (field cipher, bound to the row). */
  return_reason: Bytes | null;
}
