import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../crypto/keyring.js';
import type { AuditRow } from '../db/schema.js';

/** The HKDF purpose of the audit entries' MAC key (one per master key; the id stored with an entry is the master key's). */
const MAC_KEY_PURPOSE = 'palermo audit entry authentication v1';
const MAC_FORMAT = 'palermo-audit-entry/1';
/** The HKDF purpose of the key that seals each entry's chain position (seq, hash); a key of its own, never the MAC key. */
const SEAL_KEY_PURPOSE = 'palermo audit chain seal v1';
const SEAL_FORMAT = 'palermo-audit-seal/1';

/** Fields a writing statement may compute from its own rows, which the application cannot know (nor authenticate) before. */
export type StatementField = 'summary' | 'outcome';

/** What the application knows of an entry before the statement that writes it. */
export interface EntryToAuthenticate {
  readonly occurredAt: Date;
  readonly actorUserId: string | null;
  readonly actorName: string | null;
  readonly organisationId: string | null;
  readonly action: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  readonly purpose: string;
  /** Null when the statement computes it (then `statementFields` names it). */
  readonly summary: string | null;
  readonly outcome: string | null;
  readonly statementFields: readonly StatementField[];
}

/** The columns that authenticate an entry, as written with it. */
export interface EntryAuthentication {
  readonly entry_token: string;
  readonly mac_key_id: string;
  readonly mac: Buffer;
  readonly statement_fields: StatementField[];
}

export type AuthenticationVerdict = 'genuine' | 'unauthenticated' | 'unknown_key' | 'mismatch';

/** The seal of an entry's chain position, as the sealer stores it. */
export interface ChainSeal {
  readonly seal: Buffer;
  readonly seal_key_id: string;
}

export type SealVerdict = 'sealed' | 'unsealed' | 'unknown_key' | 'mismatch';

/**
 * Authenticates audit entries with HMAC-SHA-256 under a key derived from a master key, which never enters the database:
 * whoever can write to the database but does not hold the master key cannot make an entry that verifies. The MAC
 * covers a random token (so a genuine entry cannot be replayed as a second one), the time taken by the application
 * (milliseconds, as stored), the actor, the action, the record, the purpose, and the summary and outcome unless the
 * statement computes them from its own rows (their names are then covered instead).
 */
export class AuditAuthenticator {
  private readonly macKeys = new Map<string, Buffer>();
  private readonly sealKeys = new Map<string, Buffer>();

  constructor(private readonly keyring: Keyring) {}

  authenticate(entry: EntryToAuthenticate): EntryAuthentication {
    const macKeyId = this.keyring.currentId;
    const key = this.macKey(macKeyId);
    if (!key) throw new Error(`The current master key ${macKeyId} is missing from the keyring`);
    const token = randomUUID();
    const statementFields = [...entry.statementFields];
    return { entry_token: token, mac_key_id: macKeyId, mac: mac(key, token, entry), statement_fields: statementFields };
  }

  /** Whether a stored entry carries a MAC made with Palermo's key over exactly its stored values. */
  check(row: Pick<AuditRow, AuthenticatedColumn>): AuthenticationVerdict {
    if (row.entry_token === null || row.mac === null || row.mac_key_id === null) return 'unauthenticated';
    const key = this.macKey(row.mac_key_id);
    if (!key) return 'unknown_key';
    const fields = new Set(row.statement_fields);
    const expected = mac(key, row.entry_token, {
      occurredAt: row.occurred_at,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name,
      organisationId: row.organisation_id,
      action: row.action,
      recordType: row.record_type,
      recordId: row.record_id,
      purpose: row.purpose,
      summary: fields.has('summary') ? null : row.summary,
      outcome: fields.has('outcome') ? null : row.outcome,
      statementFields: row.statement_fields as StatementField[],
    });
    const stored = Buffer.from(row.mac);
    return stored.length === expected.length && timingSafeEqual(stored, expected) ? 'genuine' : 'mismatch';
  }

  /**
   * Seals an entry's position in the chain: HMAC-SHA-256 over its sequence number and chain hash, under the current
   * master key's seal key. The chain hash is plain SHA-256, which anyone can recompute; the seal is what an entry
   * renumbered or re-chained (after one before it was deleted) cannot carry without the master key.
   */
  seal(seq: number, hash: Uint8Array): ChainSeal {
    const sealKeyId = this.keyring.currentId;
    const key = this.sealKey(sealKeyId);
    if (!key) throw new Error(`The current master key ${sealKeyId} is missing from the keyring`);
    return { seal: positionSeal(key, seq, hash), seal_key_id: sealKeyId };
  }

  /** Whether a chained entry carries the seal of exactly its stored position and hash. */
  checkSeal(row: Pick<AuditRow, 'seq' | 'hash' | 'seal' | 'seal_key_id'>): SealVerdict {
    if (row.seal === null || row.seal_key_id === null) return 'unsealed';
    if (row.seq === null || row.hash === null) return 'mismatch';
    const key = this.sealKey(row.seal_key_id);
    if (!key) return 'unknown_key';
    const expected = positionSeal(key, row.seq, row.hash);
    const stored = Buffer.from(row.seal);
    return stored.length === expected.length && timingSafeEqual(stored, expected) ? 'sealed' : 'mismatch';
  }

  private macKey(id: string): Buffer | undefined {
    return this.derived(this.macKeys, id, MAC_KEY_PURPOSE);
  }

  private sealKey(id: string): Buffer | undefined {
    return this.derived(this.sealKeys, id, SEAL_KEY_PURPOSE);
  }

  private derived(cache: Map<string, Buffer>, id: string, purpose: string): Buffer | undefined {
    let key = cache.get(id);
    if (!key) {
      key = this.keyring.derive(id, purpose);
      if (key) cache.set(id, key);
    }
    return key;
  }
}

export type AuthenticatedColumn =
  | 'entry_token'
  | 'mac_key_id'
  | 'mac'
  | 'statement_fields'
  | 'occurred_at'
  | 'actor_user_id'
  | 'actor_name'
  | 'organisation_id'
  | 'action'
  | 'record_type'
  | 'record_id'
  | 'purpose'
  | 'summary'
  | 'outcome';

function mac(key: Buffer, token: string, entry: EntryToAuthenticate): Buffer {
  const canonical = JSON.stringify([
    MAC_FORMAT,
    token,
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
    [...entry.statementFields].sort(),
  ]);
  return createHmac('sha256', key).update(canonical, 'utf8').digest();
}

function positionSeal(key: Buffer, seq: number, hash: Uint8Array): Buffer {
  const position = Buffer.alloc(8);
  position.writeBigUInt64BE(BigInt(seq));
  return createHmac('sha256', key).update(SEAL_FORMAT, 'utf8').update(position).update(hash).digest();
}

/** The time of an entry as the application takes it: whole milliseconds, which every store and backup keeps exactly. */
export function entryTime(): Date {
  return new Date(Date.now());
}

