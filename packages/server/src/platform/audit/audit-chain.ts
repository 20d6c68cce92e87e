import { createHash } from 'node:crypto';

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
}

export const GENESIS_HASH = Buffer.alloc(32);

/** hash(n) = SHA-256(hash(n-1) || canonical JSON of entry n). */
export function chainHash(previous: Uint8Array, entry: ChainedFields): Buffer {
  const canonical = JSON.stringify([
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
  ]);
  return createHash('sha256').update(previous).update(canonical, 'utf8').digest();
}
