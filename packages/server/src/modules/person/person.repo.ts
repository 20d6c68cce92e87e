import { sql, type Expression, type SqlBool } from 'kysely';
import type { ConsentPurpose } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { PersonRow } from '../../platform/db/schema.js';
import type { Actor, AuditEvent } from '../../platform/audit/audit.js';
import { authenticateEntry } from '../../platform/audit/audit-key-slot.js';
import { entryTime } from '../../platform/audit/entry-mac.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import type { RecordFacts } from '../../platform/access/rules.js';

/** How access conditions read a person row (aliased `p`). */
export const personColumns: ResourceColumns = {
  organisationId: sql`p.organisation_id`,
  assigneeUserId: sql`p.case_manager_user_id`,
  jurisdiction: sql`p.jurisdiction`,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`exists (select 1 from person_consents c where c.person_id = p.id and c.purpose = ${purpose} and c.status = 'given')`,
};

export function findPerson(db: Db, id: string, filter: Expression<SqlBool>): Promise<PersonRow | undefined> {
  return db.selectFrom('persons as p').selectAll('p').where('p.id', '=', id).where(filter).executeTakeFirst();
}

export interface PersonWithConsents extends PersonRow {
  readonly consents: Array<{ purpose: string; status: string; recorded_at: string }>;
  /** The fields the field policy lets the reader see (compiled to SQL), named in the audit entry. */
  readonly visible_fields: string[];
}

/**
 * The audited read as ONE statement: the person row (filtered by the access rule compiled to SQL), its consents, and
 * the audit entry, inserted only when the row was returned. A single statement is atomic, so the entry commits exactly
 * when the read happens, with no transaction round trips around it.
 */
export async function readPersonAudited(
  db: Db,
  id: string,
  filter: Expression<SqlBool>,
  visibleFields: Expression<string[]>,
  actor: Actor,
  event: AuditEvent,
): Promise<PersonWithConsents | undefined> {
  // The entry's time and authentication are computed here, before the statement, which stays one statement.
  const occurredAt = entryTime();
  const auth = authenticateEntry(db, {
    occurredAt,
    actorUserId: actor.userId,
    actorName: actor.name,
    organisationId: actor.organisationId,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: id,
    purpose: event.purpose,
    summary: null,
    outcome: 'allowed',
    statementFields: ['summary'],
  });
  const result = await sql<PersonWithConsents>`
    with p as (
      select p.*, ${visibleFields} as visible_fields from persons p where p.id = ${id} and ${filter}
    ), audited as (
      insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome,
                             entry_token, mac_key_id, mac, statement_fields)
      select ${occurredAt}, ${actor.userId}, ${actor.name}, ${actor.organisationId}, ${event.action}, ${event.recordType ?? null},
             ${id}, ${event.purpose}, ${event.summary} || '; fields shown: ' || array_to_string(p.visible_fields, ', '), 'allowed',
             ${auth?.entry_token ?? null}::uuid, ${auth?.mac_key_id ?? null}::text, ${auth?.mac ?? null}::bytea, ${sql.val(auth?.statement_fields ?? [])}::text[]
      from p
    )
    select p.*, coalesce(
      (select json_agg(json_build_object('purpose', c.purpose, 'status', c.status, 'recorded_at', c.recorded_at) order by c.purpose)
         from person_consents c where c.person_id = p.id),
      '[]'::json) as consents
    from p`.execute(db);
  return result.rows[0];
}

/** Records a refused read of a person who exists (one statement; nothing is written for an unknown id). */
export async function auditRefusedRead(db: Db, id: string, actor: Actor, event: AuditEvent): Promise<boolean> {
  const occurredAt = entryTime();
  const auth = authenticateEntry(db, {
    occurredAt,
    actorUserId: actor.userId,
    actorName: actor.name,
    organisationId: actor.organisationId,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: id,
    purpose: event.purpose,
    summary: event.summary,
    outcome: 'denied',
    statementFields: [],
  });
  const result = await sql<{ entry_id: number }>`
    insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome,
                           entry_token, mac_key_id, mac, statement_fields)
    select ${occurredAt}, ${actor.userId}, ${actor.name}, ${actor.organisationId}, ${event.action}, ${event.recordType ?? null},
           ${id}, ${event.purpose}, ${event.summary}, 'denied',
           ${auth?.entry_token ?? null}::uuid, ${auth?.mac_key_id ?? null}::text, ${auth?.mac ?? null}::bytea, ${sql.val(auth?.statement_fields ?? [])}::text[]
    from persons p where p.id = ${id}
    returning entry_id`.execute(db);
  return result.rows.length > 0;
}

export function listPersons(db: Db, filter: Expression<SqlBool>, visibleFields: Expression<string[]>, limit: number): Promise<Array<PersonRow & { visible_fields: string[] }>> {
  return db
    .selectFrom('persons as p')
    .selectAll('p')
    .select(sql<string[]>`${visibleFields}`.as('visible_fields'))
    .where(filter)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** The facts the in-memory evaluator needs about one person (used by tests and for write checks). */
export async function personFacts(db: Db, id: string): Promise<RecordFacts | undefined> {
  const row = await db.selectFrom('persons').select(['organisation_id', 'case_manager_user_id', 'jurisdiction']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const consents = await db.selectFrom('person_consents').select('purpose').where('person_id', '=', id).where('status', '=', 'given').execute();
  return {
    organisationId: row.organisation_id,
    assigneeUserId: row.case_manager_user_id,
    jurisdiction: row.jurisdiction,
    consentsGiven: consents.map((c) => c.purpose as ConsentPurpose),
  };
}
