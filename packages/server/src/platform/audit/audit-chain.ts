import { createHash } from 'node:crypto';
import type { AuditRow } from '../db/schema.js';

/** The fields of an audit entry that its hash covers, in a fixed order. */
export interface ChainedFields {
  readonly seq: number;
  readonly occurredAt: Date;
  readonly actorUserId: string | null;
  readonly actorName: string | null;
  readonly organisationId: string | null;
  readonly action: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  readonly purpose: string;
  readonly summary: string;
  readonly outcome: string;
  /**
   * The entry's authentication and the sealer's verdict on it. Absent only for entries written before entries were
   * authenticated, whose hash keeps its first form.
   */
  readonly authentication?: {
    readonly entryToken: string | null;
    readonly macKeyId: string | null;
    readonly mac: Uint8Array | null;
    readonly statementFields: readonly string[];
    readonly forged: boolean;
  };
  /**
   * Whether the sealer stores a keyed seal of this entry's position (entry-mac.ts). Covered by the hash, so that
   * stripping the seals does not leave the chain as it was: a signed checkpoint taken after sealing began then no
   * longer matches. False (and left out of the hash) for entries chained before seals.
   */
  readonly sealed?: boolean;
}

export const GENESIS_HASH = Buffer.alloc(32);

/** hash(n) = SHA-256(hash(n-1) || canonical JSON of entry n). */
export function chainHash(previous: Uint8Array, entry: ChainedFields): Buffer {
  const fields: unknown[] = [
    entry.seq,
    entry.occurredAt.toISOString(),
    entry.actorUserId,
    entry.actorName,
    entry.organisationId,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.purpose,
    entry.summary,
    entry.outcome,
  ];
  const auth = entry.authentication;
  if (auth) {
    fields.push(auth.entryToken, auth.macKeyId, auth.mac ? Buffer.from(auth.mac).toString('hex') : null, [...auth.statementFields], auth.forged);
  }
  if (entry.sealed) fields.push('sealed');
  return createHash('sha256').update(previous).update(JSON.stringify(fields), 'utf8').digest();
}

/** Whether an entry predates entry authentication (no authentication columns, not marked forged). */
export function isLegacyEntry(row: Pick<AuditRow, 'entry_token' | 'mac' | 'mac_key_id' | 'forged'>): boolean {
  return row.entry_token === null && row.mac === null && row.mac_key_id === null && !row.forged;
}

/**
 * The chained fields of a stored row at position `seq`, with `forged` as the sealer decided (or recorded), and
 * `sealed` as the sealer will do (or did: the row carries a seal).
 */
export function chainedFieldsOf(row: AuditRow, seq: number, forged = row.forged, sealed = row.seal !== null): ChainedFields {
  const base = {
    seq,
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    organisationId: row.organisation_id,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    purpose: row.purpose,
    summary: row.summary,
    outcome: row.outcome,
    ...(sealed ? { sealed } : {}),
  };
  if (!forged && isLegacyEntry(row)) return base;
  return {
    ...base,
    authentication: {
      entryToken: row.entry_token,
      macKeyId: row.mac_key_id,
      mac: row.mac,
      statementFields: row.statement_fields,
      forged,
    },
  };
}
