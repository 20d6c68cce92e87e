import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditRow } from '../db/schema.js';
import { chainHash, chainedFieldsOf } from './audit-chain.js';
import { auditAuthenticatorOf } from './audit-key-slot.js';
import type { AuditAuthenticator } from './entry-mac.js';
import { raiseAlert } from './alerts.js';

const SEALER_LOCK = 724_385_003;
const BATCH = 5000;

/** Why an entry was sealed as forged. */
type ForgeryReason = 'no authentication code' | 'authentication code does not match' | 'unknown key' | 'replayed token';

/**
 * Seals committed, unsealed audit entries into the hash chain, in the order they were written: each gets the next
 * sequence number, the previous entry's hash and its own, and a keyed seal of its position (seq and hash), which
 * an entry renumbered or re-chained after a deletion cannot carry without the master key. Each entry's authentication is checked first: one that
 * fails (inserted by hand, altered before sealing, a replayed genuine entry) is chained with the mark `forged` (so
 * the chain stays complete and verification reports it) and an alert is raised; it is never chained as genuine.
 * One sealer at a time (an advisory lock; others return at once). Returns how many entries were sealed.
 */
export async function sealAuditEntries(db: Db): Promise<number> {
  const authenticator = auditAuthenticatorOf(db);
  if (!authenticator) throw new Error('Audit entries cannot be sealed without the audit keys (open the runtime with its keyring)');
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as locked`.execute(tx);
      if (!locked.rows[0]?.locked) return 0;
      const pending = await tx.selectFrom('audit_log').selectAll().where('seq', 'is', null).orderBy('entry_id').limit(BATCH).execute();
      if (pending.length === 0) return 0;
      const forgeries = await judge(tx, authenticator, pending);
      const head = await tx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      let seq = head.seq;
      let previous: Buffer = Buffer.from(head.hash);
      const updates: Array<{ entry_id: number; seq: number; prev_hash: string; hash: string; forged: boolean; seal: string; seal_key_id: string }> = [];
      const forged: Array<{ seq: number; reason: ForgeryReason }> = [];
      for (const row of pending) {
        seq += 1;
        const reason = forgeries.get(row.entry_id);
        if (reason) forged.push({ seq, reason });
        const isForged = row.forged || reason !== undefined;
        const hash = chainHash(previous, chainedFieldsOf(row, seq, isForged, true));
        // Forged entries are sealed too: they are part of the chain, and their position is as fixed as any other's.
        const { seal, seal_key_id } = authenticator.seal(seq, hash);
        updates.push({ entry_id: row.entry_id, seq, prev_hash: previous.toString('hex'), hash: hash.toString('hex'), forged: isForged, seal: seal.toString('hex'), seal_key_id });
        previous = hash;
      }
      await sql`
        update audit_log a
        set seq = v.seq, prev_hash = decode(v.prev_hash, 'hex'), hash = decode(v.hash, 'hex'), forged = v.forged,
            seal = decode(v.seal, 'hex'), seal_key_id = v.seal_key_id
        from json_to_recordset(${JSON.stringify(updates)}::json) as v(entry_id bigint, seq bigint, prev_hash text, hash text, forged boolean, seal text, seal_key_id text)
        where a.entry_id = v.entry_id`.execute(tx);
      await tx.updateTable('audit_head').set({ seq, hash: previous }).where('id', '=', 1).execute();
      if (forged.length > 0) {
        const listed = forged.slice(0, 20).map((f) => `${f.seq} (${f.reason})`).join(', ');
        await raiseAlert(tx, {
          kind: 'audit.forged_entry',
          summary: `${forged.length} audit ${forged.length === 1 ? 'entry' : 'entries'} failed authentication and ${forged.length === 1 ? 'was' : 'were'} sealed as forged: ${listed}${forged.length > 20 ? ', ...' : ''}`,
        });
      }
      return pending.length;
    });
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

/** The entries of a batch that are not genuine, and why. */
async function judge(tx: Db, authenticator: AuditAuthenticator, pending: AuditRow[]): Promise<Map<number, ForgeryReason>> {
  const forgeries = new Map<number, ForgeryReason>();
  const authenticated = pending.filter((row) => row.entry_token !== null);
  // A token already in the chain, or twice in this batch, is a copy of a genuine entry: the first one stands. A copy
  // keeps the original's time (the MAC covers it), so the earlier one is found through the time index.
  const used = new Set(
    authenticated.length === 0
      ? []
      : (
          await tx
            .selectFrom('audit_log')
            .select('entry_token')
            .where('seq', 'is not', null)
            .where('occurred_at', 'in', [...new Set(authenticated.map((row) => new Date(row.occurred_at).getTime()))].map((time) => new Date(time)))
            .where('entry_token', 'in', authenticated.map((row) => row.entry_token ?? ''))
            .execute()
        ).map((r) => r.entry_token),
  );
  for (const row of pending) {
    if (row.forged) continue;
    const verdict = authenticator.check(row);
    if (verdict === 'unauthenticated') forgeries.set(row.entry_id, 'no authentication code');
    else if (verdict === 'mismatch') forgeries.set(row.entry_id, 'authentication code does not match');
    else if (verdict === 'unknown_key') forgeries.set(row.entry_id, 'unknown key');
    else if (row.entry_token !== null && used.has(row.entry_token)) forgeries.set(row.entry_id, 'replayed token');
    if (row.entry_token !== null) used.add(row.entry_token);
  }
  return forgeries;
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
