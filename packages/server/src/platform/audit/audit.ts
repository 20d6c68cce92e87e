import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { chainHash } from './audit-chain.js';

/** Who acted: a person (never the database user), or the platform itself for operator commands. */
export interface Actor {
  readonly userId: string | null;
  readonly name: string | null;
  readonly organisationId: string | null;
}

export const systemActor = (command: string): Actor => ({ userId: null, name: `palermo ${command}`, organisationId: null });

export interface AuditEvent {
  /** What was done, as `domain.verb` (`person.read`, `auth.sign_in`). */
  readonly action: string;
  readonly recordType?: string;
  readonly recordId?: string;
  /** Why: the purpose the access served (`case_management`, `administration`, `security`...). */
  readonly purpose: string;
  /** A short description without personal data: field names changed, counts, reasons; never values. */
  readonly summary: string;
  readonly outcome?: 'allowed' | 'denied' | 'failed';
}

/**
 * Appends an entry to the hash-chained audit log inside the caller's transaction, so the entry commits or rolls back
 * with the change it records. Taking the chain head's row lock orders concurrent writers.
 */
export async function appendAudit(tx: Db, actor: Actor, event: AuditEvent): Promise<number> {
  const head = await tx
    .updateTable('audit_head')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const entry = {
    seq: head.seq,
    occurredAt: new Date(),
    actorUserId: actor.userId,
    actorName: actor.name,
    organisationId: actor.organisationId,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    purpose: event.purpose,
    summary: event.summary,
    outcome: event.outcome ?? 'allowed',
  };
  const hash = chainHash(head.hash, entry);
  await tx
    .with('appended', (db) =>
      db.insertInto('audit_log').values({
        seq: entry.seq,
        occurred_at: entry.occurredAt,
        actor_user_id: entry.actorUserId,
        actor_name: entry.actorName,
        organisation_id: entry.organisationId,
        action: entry.action,
        record_type: entry.recordType,
        record_id: entry.recordId,
        purpose: entry.purpose,
        summary: entry.summary,
        outcome: entry.outcome,
        prev_hash: head.hash,
        hash,
      }),
    )
    .updateTable('audit_head')
    .set({ hash })
    .where('id', '=', 1)
    .execute();
  return entry.seq;
}
