import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { GENESIS_HASH, chainHash, chainedFieldsOf, isLegacyEntry } from './audit-chain.js';
import { auditAuthenticatorOf } from './audit-key-slot.js';
import type { AuditAuthenticator } from './entry-mac.js';
import { sealAuditEntries } from './seal.js';

/** A signed checkpoint whose signature was checked (checkpoint.ts): the chain must still contain what it recorded. */
export interface TrustedCheckpoint {
  readonly seq: number;
  readonly headHash: string;
  readonly createdAt: string;
}

export interface VerifyResult {
  /** Everything holds: chain intact, every entry genuine, consistent with the checkpoint. */
  readonly ok: boolean;
  /** The chain is intact and every entry not marked forged authenticates (forged entries were sealed as such). */
  readonly chainIntact: boolean;
  readonly entriesChecked: number;
  readonly firstBadSeq: number | null;
  readonly problem: string | null;
  /** Positions of entries the sealer marked as forged (the first 100), and how many there are. */
  readonly forgedEntries: number[];
  readonly forgedCount: number;
  /** Entries sealed before entries were authenticated: verified by the chain alone. */
  readonly unauthenticatedEarlyEntries: number;
  /** Entries chained before positions were sealed: accepted only before the first sealed entry. */
  readonly unsealedEarlyEntries: number;
  readonly headSeq: number | null;
  readonly headHash: string | null;
  readonly checkpoint: { readonly seq: number; readonly createdAt: string; readonly matches: boolean } | null;
}

const BATCH = 5000;

/**
 * Walks the audit chain from the first entry and reports the first place where it breaks: an altered entry (its hash
 * no longer matches), a removed or reordered one (a gap in the sequence or a link to the wrong predecessor), entries
 * removed from the end (the head records a later entry than the last one present), an entry that fails
 * authentication (inserted by hand into the chain), an entry whose keyed seal does not match its position (renumbered
 * and re-chained after an entry before it was deleted), an unsealed entry after a sealed one, and, given a signed checkpoint, a log that no longer contains what
 * the checkpoint recorded (truncated, wiped, its head reset, or rewritten from some point on). Entries the sealer
 * marked as forged are listed, and make the result not ok.
 */
export async function verifyAuditChain(db: Db, options: { checkpoint?: TrustedCheckpoint | undefined } = {}): Promise<VerifyResult> {
  const authenticator = auditAuthenticatorOf(db);
  if (!authenticator) throw new Error('The audit log cannot be verified without the audit keys (open the runtime with its keyring)');
  // Entries written a moment ago are sealed first, so that every committed entry is checked; then one snapshot, so
  // that entries sealed meanwhile do not look like a head ahead of the log.
  await sealAuditEntries(db);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) => walkChain(tx, authenticator, options.checkpoint));
}

async function walkChain(db: Db, authenticator: AuditAuthenticator, checkpoint: TrustedCheckpoint | undefined): Promise<VerifyResult> {
  let previousHash: Buffer = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let legacy = 0;
  let seenAuthenticated = false;
  let unsealed = 0;
  let seenSealed = false;
  let checkpointMatches: boolean | null = checkpoint && checkpoint.seq === 0 ? checkpoint.headHash === GENESIS_HASH.toString('hex') : null;
  const forgedEntries: number[] = [];
  let forgedCount = 0;
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const result = (seq: number | null, problem: string | null): VerifyResult => ({
    ok: problem === null && forgedCount === 0,
    chainIntact: problem === null,
    entriesChecked: checked,
    firstBadSeq: problem === null ? (forgedEntries[0] ?? null) : seq,
    problem:
      problem ??
      (forgedCount > 0
        ? `${forgedCount} ${forgedCount === 1 ? 'entry was' : 'entries were'} sealed as forged (failed authentication: inserted or altered outside Palermo): ${forgedEntries.slice(0, 20).join(', ')}${forgedCount > 20 ? ', ...' : ''}`
        : null),
    forgedEntries,
    forgedCount,
    unauthenticatedEarlyEntries: legacy,
    unsealedEarlyEntries: unsealed,
    headSeq: head?.seq ?? null,
    headHash: head ? Buffer.from(head.hash).toString('hex') : null,
    checkpoint: checkpoint ? { seq: checkpoint.seq, createdAt: checkpoint.createdAt, matches: checkpointMatches === true } : null,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'is not', null)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq || row.seq === null) {
        return result(expectedSeq, `entry ${expectedSeq} is missing (next present is ${row.seq}): removed or reordered`);
      }
      if (!row.prev_hash || !row.hash) return result(row.seq, `entry ${row.seq} has a position but no hash`);
      if (!Buffer.from(row.prev_hash).equals(previousHash)) {
        return result(expectedSeq, `entry ${expectedSeq} does not link to entry ${row.seq - 1}: reordered or its predecessor was replaced`);
      }
      const recomputed = chainHash(previousHash, chainedFieldsOf(row, expectedSeq));
      if (!recomputed.equals(Buffer.from(row.hash))) {
        return result(expectedSeq, `entry ${expectedSeq} was altered: its content no longer matches its hash`);
      }
      if (row.forged) {
        forgedCount += 1;
        if (forgedEntries.length < 100) forgedEntries.push(expectedSeq);
      } else if (isLegacyEntry(row)) {
        if (seenAuthenticated) {
          return result(expectedSeq, `entry ${expectedSeq} has no authentication code although entries before it have one: it was written into the chain by hand`);
        }
        legacy += 1;
      } else {
        const verdict = authenticator.check(row);
        if (verdict !== 'genuine') {
          const why = verdict === 'unknown_key' ? `its key ${row.mac_key_id ?? '?'} is not in the keyring` : 'its authentication code does not match its content';
          return result(expectedSeq, `entry ${expectedSeq} fails authentication (${why}): it was written into the chain outside Palermo`);
        }
        seenAuthenticated = true;
      }
      // The seal fixes the entry's position: an entry renumbered and re-chained after one before it was deleted (every
      // entry still authenticates, the plain hashes recomputed) no longer matches it.
      const seal = authenticator.checkSeal({ seq: expectedSeq, hash: recomputed, seal: row.seal, seal_key_id: row.seal_key_id });
      if (seal === 'unsealed') {
        if (seenSealed) {
          return result(expectedSeq, `entry ${expectedSeq} has no seal although entries before it have one: it was re-chained or written into the chain by hand`);
        }
        unsealed += 1;
      } else if (seal !== 'sealed') {
        const why = seal === 'unknown_key' ? `its key ${row.seal_key_id ?? '?'} is not in the keyring` : 'its seal does not match its position and hash';
        return result(expectedSeq, `entry ${expectedSeq} is not where the sealer put it (${why}): entries were removed, renumbered or re-chained`);
      } else {
        seenSealed = true;
      }
      if (checkpoint && expectedSeq === checkpoint.seq) {
        checkpointMatches = recomputed.toString('hex') === checkpoint.headHash;
        if (!checkpointMatches) {
          return result(
            expectedSeq,
            `entry ${expectedSeq} is not the one the checkpoint of ${checkpoint.createdAt} recorded: the chain was rewritten from this entry or earlier`,
          );
        }
      }
      previousHash = recomputed;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  if (checkpoint && checked < checkpoint.seq) {
    checkpointMatches = false;
    return result(
      checked + 1,
      checked === 0
        ? `the log is empty but the checkpoint of ${checkpoint.createdAt} recorded ${checkpoint.seq} entries: the log was wiped or truncated`
        : `the log ends at entry ${checked} but the checkpoint of ${checkpoint.createdAt} recorded entry ${checkpoint.seq}: entries were removed from the end${head && head.seq === checked ? ' and the head reset to match' : ''}`,
    );
  }
  if (!head) return result(expectedSeq, 'the audit head is missing');
  if (head.seq !== checked) {
    return result(checked + 1, `the log ends at entry ${checked} but the head records entry ${head.seq}: entries were removed from the end`);
  }
  if (!Buffer.from(head.hash).equals(previousHash)) {
    return result(head.seq, `the head's hash does not match entry ${head.seq}`);
  }
  const replayed = await sql<{ entry_token: string }>`
    select entry_token from audit_log where entry_token is not null and not forged group by entry_token having count(*) > 1 limit 1`.execute(db);
  if (replayed.rows.length > 0) {
    return result(null, 'two genuine-looking entries carry the same token: one is a copy of the other, written into the chain by hand');
  }
  return result(null, null);
}
