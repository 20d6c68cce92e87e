import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { chainHash } from './audit-chain.js';

const SEALER_LOCK = 724_385_003;
const BATCH = 5000;

/**
 * Seals committed, unsealed audit entries into the hash chain, in the order they were written: each gets the next
 * sequence number, the previous entry's hash and its own. One sealer at a time (an advisory lock; others return at
 * once). Returns how many entries were sealed.
 */
export async function sealAuditEntries(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as locked`.execute(tx);
      if (!locked.rows[0]?.locked) return 0;
      const pending = await tx
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', 'is', null)
        .orderBy('entry_id')
        .limit(BATCH)
        .execute();
      if (pending.length === 0) return 0;
      const head = await tx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      let seq = head.seq;
      let previous: Buffer = Buffer.from(head.hash);
      const updates: Array<{ entry_id: number; seq: number; prev_hash: string; hash: string }> = [];
      for (const row of pending) {
        seq += 1;
        const hash = chainHash(previous, {
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
        });
        updates.push({ entry_id: row.entry_id, seq, prev_hash: previous.toString('hex'), hash: hash.toString('hex') });
        previous = hash;
      }
      await sql`
        update audit_log a
        set seq = v.seq, prev_hash = decode(v.prev_hash, 'hex'), hash = decode(v.hash, 'hex')
        from json_to_recordset(${JSON.stringify(updates)}::json) as v(entry_id bigint, seq bigint, prev_hash text, hash text)
        where a.entry_id = v.entry_id`.execute(tx);
      await tx.updateTable('audit_head').set({ seq, hash: previous }).where('id', '=', 1).execute();
      return pending.length;
    });
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

/** Seals every few hundred milliseconds until stopped (the server runs one). */
export function startSealer(db: Db, onError: (error: unknown) => void, intervalMs = 250): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sealAuditEntries(db).catch(onError);
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
    await sealAuditEntries(db).catch(onError);
  };
}
