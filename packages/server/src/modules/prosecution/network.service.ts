import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreatedRef, createNetworkEntityRequest, createNetworkLinkRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, notFound } from '../../platform/http/errors.js';
import { networkRules } from './network.policy.js';
import * as repo from './network.repo.js';
import { findOperations, operationExists, type OperationRow } from './prosecution.repo.js';
import { prosecutionRules } from './prosecution.policy.js';

export const entityValueBinding = (entityId: string) => `prosecution_entities.value:${entityId}`;
export const linkNoteBinding = (linkId: string) => `prosecution_links.note:${linkId}`;

/**
 * The operation if the rule lets this user reach it; otherwise the refusal, audited, returned rather than thrown so
 * that its audit entry commits (the route throws it after the transaction).
 */
export async function operationFor(tx: Db, subject: Subject, actor: Actor, rule: typeof networkRules.read | typeof networkRules.write, operationId: string, action: 'prosecution.network_read' | 'prosecution.network_export' | 'prosecution.entity_create' | 'prosecution.link_create'): Promise<OperationRow | HttpError> {
  const [row] = await findOperations(tx, subject, rule, operationId);
  if (row) return row;
  if (await operationExists(tx, operationId)) {
    await appendAudit(tx, actor, { action, recordType: 'prosecution_operation', recordId: operationId, purpose: 'prosecution', summary: 'refused by access rules', outcome: 'denied' });
  }
  return notFound('Operation');
}

/**
 * Records an entity in an operation. The value's blind index finds the same entity if any operation already named it
 * (then this operation is added to it and its first spelling kept); otherwise the value is stored encrypted.
 */
export async function addEntity(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, input: z.output<typeof createNetworkEntityRequest>): Promise<CreatedRef | HttpError> {
  const operation = await operationFor(tx, subject, actor, networkRules.write, operationId, 'prosecution.entity_create');
  if (operation instanceof HttpError) return operation;
  const token = cipher.index.entityToken(input.kind, input.value);
  const fresh = randomUUID();
  await sql`insert into prosecution_entities (id, kind, value, value_index, created_by)
    values (${fresh}::uuid, ${input.kind}, ${cipher.encrypt(input.value, entityValueBinding(fresh))}, ${token}, ${subject.userId}::uuid)
    on conflict (kind, value_index) do nothing`.execute(tx);
  const { rows } = await sql<{ id: string }>`select id from prosecution_entities where kind = ${input.kind} and value_index = ${token}`.execute(tx);
  const id = rows[0]?.id ?? fresh;
  await sql`insert into prosecution_operation_entities (operation_id, entity_id, created_by) values (${operation.id}::uuid, ${id}::uuid, ${subject.userId}::uuid)
    on conflict do nothing`.execute(tx);
  await appendAudit(tx, actor, {
    action: 'prosecution.entity_create',
    recordType: 'prosecution_entity',
    recordId: id,
    purpose: 'prosecution',
    summary: `${input.kind.replace(/_/g, ' ')} recorded in operation ${operation.reference}${id === fresh ? '; value encrypted' : '; already known by its blind index'}`,
  });
  return { id };
}

/**
 * Resolves one end of a link: a suspect of this operation, an entity recorded in it, or a suspect of another
 * operation this user may read (the same person across operations). Anything else is refused naming the field.
 */
async function endOfLink(tx: Db, subject: Subject, operationId: string, id: string, field: 'fromId' | 'toId'): Promise<{ suspect: string | null; entity: string | null }> {
  const here = await repo.nodeInOperation(tx, operationId, id);
  if (here === 'suspect') return { suspect: id, entity: null };
  if (here === 'entity') return { suspect: null, entity: id };
  if (await repo.suspectReachable(tx, subject, prosecutionRules.read, id)) return { suspect: id, entity: null };
  throw badRequest(field, 'is not a suspect or an entity of this operation, nor a suspect of an operation you may see');
}

/** Links two nodes of an operation; the note (which may name people) encrypted and bound to the link. */
export async function addLink(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, input: z.output<typeof createNetworkLinkRequest>): Promise<CreatedRef | HttpError> {
  const operation = await operationFor(tx, subject, actor, networkRules.write, operationId, 'prosecution.link_create');
  if (operation instanceof HttpError) return operation;
  const from = await endOfLink(tx, subject, operation.id, input.fromId, 'fromId');
  const to = await endOfLink(tx, subject, operation.id, input.toId, 'toId');
  const id = randomUUID();
  await sql`insert into prosecution_links (id, operation_id, kind, from_suspect_id, from_entity_id, to_suspect_id, to_entity_id, note, created_by)
    values (${id}::uuid, ${operation.id}::uuid, ${input.kind}, ${from.suspect}::uuid, ${from.entity}::uuid, ${to.suspect}::uuid, ${to.entity}::uuid,
      ${input.note === undefined ? null : cipher.encrypt(input.note, linkNoteBinding(id))}, ${subject.userId}::uuid)`.execute(tx);
  await appendAudit(tx, actor, {
    action: 'prosecution.link_create',
    recordType: 'prosecution_operation',
    recordId: operation.id,
    purpose: 'prosecution',
    summary: `link ${input.kind.replace(/_/g, ' ')} in operation ${operation.reference} from ${from.suspect ? 'a suspect' : 'an entity'} to ${to.suspect ? 'a suspect' : 'an entity'}${input.note ? '; note encrypted' : ''}`,
  });
  return { id };
}
