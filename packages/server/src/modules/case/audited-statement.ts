import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Actor, AuditEvent } from '../../platform/audit/audit.js';

/**
 * The audit entry of a read, written by the reading statement itself: a data-modifying WITH query
 * (`with ..., logged as (${auditEntry(...)}) select ...`) that inserts the same row appendAudit inserts, unsealed, so
 * that the read and its entry commit together even outside an explicit transaction. The summary is SQL over the
 * statement's own rows (counts, references, field names), never personal data; `from` names what it reads from, and
 * `outcome` may also depend on them ('allowed' unless given).
 */
export function auditEntry(
  actor: Actor,
  event: Omit<AuditEvent, 'summary' | 'outcome'>,
  summary: Expression<string>,
  from: RawBuilder<unknown>,
  outcome: Expression<string> = sql<string>`'allowed'`,
): RawBuilder<unknown> {
  return sql`insert into audit_log (seq, occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome, prev_hash, hash)
    select null, ${new Date()}, ${actor.userId}, ${actor.name}, ${actor.organisationId}, ${event.action}, ${event.recordType ?? null}, ${event.recordId ?? null},
      ${event.purpose}, ${summary}, ${outcome}, null, null
    ${from}`;
}
