import type { Db } from '../db/database.js';
import { GENESIS_HASH, chainHash } from './audit-chain.js';
import { sealAuditEntries } from './seal.js';

export interface VerifyResult {
  readonly ok: boolean;
  readonly entriesChecked: number;
  readonly firstBadSeq: number | null;
  readonly problem: string | null;
}

const BATCH = 5000;

/**
 * Walks the audit chain from the first entry and reports the first place where it breaks: an altered entry (its hash
 * no longer matches), a removed or reordered one (a gap in the sequence or a link to the wrong predecessor), or
 * entries removed from the end (the head records a later entry than the last one present).
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  // Entries written a moment ago are sealed first, so that every committed entry is checked.
  await sealAuditEntries(db);
  let previousHash: Buffer = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const fail = (seq: number, problem: string): VerifyResult => ({
    ok: false,
    entriesChecked: checked,
    firstBadSeq: seq,
    problem,
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
        return fail(expectedSeq, `entry ${expectedSeq} is missing (next present is ${row.seq}): removed or reordered`);
      }
      if (!row.prev_hash || !row.hash) return fail(row.seq ?? expectedSeq, `entry ${row.seq ?? '?'} has a position but no hash`);
      if (!Buffer.from(row.prev_hash).equals(previousHash)) {
        return fail(expectedSeq, `entry ${expectedSeq} does not link to entry ${row.seq - 1}: reordered or its predecessor was replaced`);
      }
      const recomputed = chainHash(previousHash, {
        seq: expectedSeq,
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
      });
      if (!recomputed.equals(Buffer.from(row.hash))) {
        return fail(expectedSeq, `entry ${expectedSeq} was altered: its content no longer matches its hash`);
      }
      previousHash = recomputed;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head) return fail(expectedSeq, 'the audit head is missing');
  if (head.seq !== checked) {
    return fail(checked + 1, `the log ends at entry ${checked} but the head records entry ${head.seq}: entries were removed from the end`);
  }
  if (!Buffer.from(head.hash).equals(previousHash)) {
    return fail(head.seq, `the head's hash does not match entry ${head.seq}`);
  }
  return { ok: true, entriesChecked: checked, firstBadSeq: null, problem: null };
}
