import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Actor, AuditEvent } from '../../platform/audit/audit.js';
import { PendingAuthentication } from '../../platform/audit/audit-key-slot.js';
import { entryTime, type StatementField } from '../../platform/audit/entry-mac.js';

/**
 * The audit entry of a read, written by the reading statement itself: a data-modifying WITH query
 * (`with ..., logged as (${auditEntry(...)}) select ...`) that inserts the same row appendAudit inserts, unsealed, so
 * that the read and its entry commit together even outside an explicit transaction. The summary is SQL over the
 * statement's own rows (counts, references, field names), never personal data; `from` names what it reads from, and
 * `outcome` may also depend on them ('allowed' unless given). The entry is authenticated when the statement is
 * compiled for a database handle (audit-key-slot.ts): the MAC covers everything known before the statement, the time
 * included, and names the fields the statement computes.
 */
export function auditEntry(
  actor: Actor,
  event: Omit<AuditEvent, 'summary' | 'outcome'>,
  summary: Expression<string>,
  from: RawBuilder<unknown>,
  outcome?: Expression<string>,
): RawBuilder<unknown> {
  const occurredAt = entryTime();
  const statementFields: StatementField[] = outcome ? ['summary', 'outcome'] : ['summary'];
  const pending = new PendingAuthentication({
    occurredAt,
    actorUserId: actor.userId,
    actorName: actor.name,
    organisationId: actor.organisationId,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    purpose: event.purpose,
    summary: null,
    outcome: outcome ? null : 'allowed',
    statementFields,
  });
  return sql`insert into audit_log (seq, occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome, prev_hash, hash,
      entry_token, mac_key_id, mac, statement_fields)
    select null, ${occurredAt}, ${actor.userId}, ${actor.name}, ${actor.organisationId}, ${event.action}, ${event.recordType ?? null}, ${event.recordId ?? null},
      ${event.purpose}, ${summary}, ${outcome ?? sql<string>`'allowed'`}, null, null,
      ${pending.column('entry_token')}::uuid, ${pending.column('mac_key_id')}::text, ${pending.column('mac')}::bytea, ${sql.val(statementFields)}::text[]
    ${from}`;
}
