import type { Db } from '../db/database.js';
import { authenticateEntry } from './audit-key-slot.js';
import { entryTime } from './entry-mac.js';

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
 * access it records. The entry is written unsealed, authenticated with a MAC computed here, over the values written
 * (the time included, taken here), under a key the database never sees (entry-mac.ts); the sealer (seal.ts) checks
 * it and chains it moments after commit, in commit order, so concurrent requests never queue on one lock.
 */
export async function appendAudit(tx: Db, actor: Actor, event: AuditEvent): Promise<void> {
  const occurredAt = entryTime();
  const outcome = event.outcome ?? 'allowed';
  const recordType = event.recordType ?? null;
  const recordId = event.recordId ?? null;
  const authentication = authenticateEntry(tx, {
    occurredAt,
    actorUserId: actor.userId,
    actorName: actor.name,
    organisationId: actor.organisationId,
    action: event.action,
    recordType,
    recordId,
    purpose: event.purpose,
    summary: event.summary,
    outcome,
    statementFields: [],
  });
  await tx
    .insertInto('audit_log')
    .values({
      seq: null,
      occurred_at: occurredAt,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      organisation_id: actor.organisationId,
      action: event.action,
      record_type: recordType,
      record_id: recordId,
      purpose: event.purpose,
      summary: event.summary,
      outcome,
      prev_hash: null,
      hash: null,
      entry_token: authentication?.entry_token ?? null,
      mac_key_id: authentication?.mac_key_id ?? null,
      mac: authentication?.mac ?? null,
    })
    .execute();
}
