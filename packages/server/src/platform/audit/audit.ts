import type { Db } from '../db/database.js';

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
 * Appends an entry to the audit log inside the caller's transaction, so the entry commits or rolls back with the
 * access it records. The entry is written unsealed; the sealer (seal.ts) chains it moments after commit, in commit
 * order, so concurrent requests never queue on one lock.
 */
export async function appendAudit(tx: Db, actor: Actor, event: AuditEvent): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      seq: null,
      occurred_at: new Date(),
      actor_user_id: actor.userId,
      actor_name: actor.name,
      organisation_id: actor.organisationId,
      action: event.action,
      record_type: event.recordType ?? null,
      record_id: event.recordId ?? null,
      purpose: event.purpose,
      summary: event.summary,
      outcome: event.outcome ?? 'allowed',
      prev_hash: null,
      hash: null,
    })
    .execute();
}
