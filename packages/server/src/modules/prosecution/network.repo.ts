import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { operationColumns, suspectColumns } from './prosecution.repo.js';

export interface LinkRow {
  id: string;
  kind: string;
  from_suspect_id: string | null;
  from_entity_id: string | null;
  to_suspect_id: string | null;
  to_entity_id: string | null;
  note: Uint8Array | null;
}

/** The links of one operation, oldest first. */
export async function linksOf(tx: Db, operationId: string): Promise<LinkRow[]> {
  const { rows } = await sql<LinkRow>`
    select id, kind, from_suspect_id, from_entity_id, to_suspect_id, to_entity_id, note
    from prosecution_links where operation_id = ${operationId}::uuid order by created_at, id`.execute(tx);
  return rows;
}

export interface NetworkSuspectRow {
  id: string;
  operation_id: string;
  organisation_id: string;
  prosecution_office_id: string | null;
  court_organisation_id: string | null;
  pseudonym: Uint8Array;
  roles: string[];
}

/**
 * The suspects of an operation and those named by its links, kept only where the rule lets this user reach them
 * (a suspect of another operation the user may not see is left out: the caller shows it as a hidden node).
 */
export async function networkSuspects(tx: Db, subject: Subject, rule: Rule, operationId: string, namedIds: readonly string[]): Promise<NetworkSuspectRow[]> {
  const { rows } = await sql<NetworkSuspectRow>`
    select s.id, s.operation_id, o.organisation_id, i.prosecution_office_id, s.court_organisation_id, s.pseudonym, s.roles
    from prosecution_suspects s join prosecution_operations o on o.id = s.operation_id join prosecution_investigations i on i.id = s.investigation_id
    where (s.operation_id = ${operationId}::uuid or s.id = any(${[...namedIds]}::uuid[])) and ${compileRule(rule, subject, suspectColumns)}
    order by s.created_at, s.id`.execute(tx);
  return rows;
}

export interface EntityRow {
  id: string;
  kind: string;
  value: Uint8Array;
}

/** The entities recorded in an operation. */
export async function entitiesOf(tx: Db, operationId: string): Promise<EntityRow[]> {
  const { rows } = await sql<EntityRow>`
    select e.id, e.kind, e.value from prosecution_operation_entities oe join prosecution_entities e on e.id = oe.entity_id
    where oe.operation_id = ${operationId}::uuid order by oe.created_at, e.id`.execute(tx);
  return rows;
}

/**
 * The other operations this user may read in which each of these suspects or entities appears: a suspect's own
 * operation and those whose links name it, an entity's operations (the same value found by its blind index).
 */
export async function otherOperationsOf(tx: Db, subject: Subject, rule: Rule, operationId: string, suspectIds: readonly string[], entityIds: readonly string[]) {
  if (suspectIds.length === 0 && entityIds.length === 0) return [];
  const suspects = sql`${[...suspectIds]}::uuid[]`;
  const { rows } = await sql<{ node_id: string; id: string; reference: string }>`
    select n.node_id, o.id, o.reference from (
      select s.id as node_id, s.operation_id from prosecution_suspects s where s.id = any(${suspects})
      union select l.from_suspect_id, l.operation_id from prosecution_links l where l.from_suspect_id = any(${suspects})
      union select l.to_suspect_id, l.operation_id from prosecution_links l where l.to_suspect_id = any(${suspects})
      union select oe.entity_id, oe.operation_id from prosecution_operation_entities oe where oe.entity_id = any(${[...entityIds]}::uuid[])
    ) n join prosecution_operations o on o.id = n.operation_id
    where o.id <> ${operationId}::uuid and ${compileRule(rule, subject, operationColumns)}
    order by o.reference`.execute(tx);
  return rows;
}

/** Is this id a suspect of the operation, an entity recorded in it, or neither? */
export async function nodeInOperation(tx: Db, operationId: string, id: string): Promise<'suspect' | 'entity' | undefined> {
  const { rows } = await sql<{ kind: 'suspect' | 'entity' }>`
    select 'suspect' as kind from prosecution_suspects where id = ${id}::uuid and operation_id = ${operationId}::uuid
    union all select 'entity' from prosecution_operation_entities where entity_id = ${id}::uuid and operation_id = ${operationId}::uuid`.execute(tx);
  return rows[0]?.kind;
}

/** Can this user reach the suspect (of any operation) through the rule? */
export async function suspectReachable(tx: Db, subject: Subject, rule: Rule, id: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select true as ok from prosecution_suspects s join prosecution_operations o on o.id = s.operation_id join prosecution_investigations i on i.id = s.investigation_id
    where s.id = ${id}::uuid and ${compileRule(rule, subject, suspectColumns)}`.execute(tx);
  return rows.length > 0;
}
