import { randomInt, randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { crossBorderKinds, crossBorderOverdueDays, openCrossBorderStatuses, type CreatedRef, type CrossBorderRequestView, type crossBorderRequestCreate, type crossBorderStatusUpdate } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type ShareState, type Subject } from '../../platform/access/rules.js';
import { compileRule, type ResourceColumns } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { factsOf } from '../prosecution/prosecution.repo.js';
import { proceedingsRules } from './proceedings.policy.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const reference = () => `CBR-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

/** The days after which a request still waiting is overdue, by kind (the vocabulary's), as a SQL table `d(kind, days)`. */
const overdueDays = sql`(values ${sql.join(crossBorderKinds.map((k) => sql`(${k}, ${crossBorderOverdueDays[k]}::int)`))}) as d(kind, days)`;
const open = sql.join(openCrossBorderStatuses.map((s) => sql`${s}`));

/** Where a request stands against its kind's time: elapsed days to the answer (or to today while it waits) and overdue. */
const elapsed = sql<number>`(coalesce(r.answered_on, r.closed_on, current_date) - r.sent_on)`;
const overdue = sql<boolean>`(r.status in (${open}) and (current_date - r.sent_on) > d.days)`;

/** How access conditions read a request's investigation `i` and operation `o`: its recording agency, the office referred to. */
const investigationColumns: ResourceColumns = {
  organisationId: sql`o.organisation_id`,
  sharedInState: (organisationId: string, state: ShareState) =>
    state === 'prosecution_referral' ? sql<SqlBool>`i.prosecution_office_id is not distinct from ${organisationId}::uuid` : sql<SqlBool>`false`,
};

interface RequestRow {
  id: string; reference: string; operation_id: string; investigation_id: string; investigation_reference: string; kind: string; direction: string;
  requesting_country: string; requested_country: string; sent_on: string; asks: string[]; status: string; acknowledged_on: string | null;
  answered_on: string | null; closed_on: string | null; refusal_grounds: string[]; elapsed_days: number; overdue_after_days: number; overdue: boolean; created_at: Date;
}

export const viewOf = (r: RequestRow): CrossBorderRequestView => ({
  id: r.id, reference: r.reference, operationId: r.operation_id, investigationId: r.investigation_id, investigationReference: r.investigation_reference, kind: r.kind,
  direction: r.direction, requestingCountry: r.requesting_country, requestedCountry: r.requested_country, sentOn: r.sent_on, asks: r.asks, status: r.status,
  acknowledgedOn: r.acknowledged_on, answeredOn: r.answered_on, closedOn: r.closed_on, refusalGrounds: r.refusal_grounds, elapsedDays: Number(r.elapsed_days),
  overdueAfterDays: Number(r.overdue_after_days), overdue: r.overdue, recordedAt: r.created_at.toISOString(),
});

/** Requests the rule lets this user reach, with their elapsed days and overdue flag (`onlyOverdue` for the home list). */
export async function findRequests(db: Db, subject: Subject, where: { operationId?: string; id?: string; onlyOverdue?: boolean; limit?: number }, lock = false): Promise<RequestRow[]> {
  const only = where.id ? sql<SqlBool>`r.id = ${where.id}::uuid` : where.operationId ? sql<SqlBool>`i.operation_id = ${where.operationId}::uuid` : sql<SqlBool>`true`;
  const { rows } = await sql<RequestRow>`
    select r.id, r.reference, i.operation_id, r.investigation_id, i.reference as investigation_reference, r.kind, r.direction, r.requesting_country, r.requested_country,
      r.sent_on::text as sent_on, r.asks, r.status, r.acknowledged_on::text as acknowledged_on, r.answered_on::text as answered_on, r.closed_on::text as closed_on,
      r.refusal_grounds, ${elapsed} as elapsed_days, d.days as overdue_after_days, ${overdue} as overdue, r.created_at
    from cross_border_requests r join ${overdueDays} on d.kind = r.kind
      join prosecution_investigations i on i.id = r.investigation_id join prosecution_operations o on o.id = i.operation_id
    where ${only} and ${where.onlyOverdue ? overdue : sql<SqlBool>`true`} and ${compileRule(proceedingsRules.crossBorder, subject, investigationColumns)}
    order by ${where.onlyOverdue ? sql`r.sent_on, r.reference` : sql`r.sent_on desc, r.reference`}
    ${where.limit ? sql`limit ${where.limit}` : sql``}
    ${lock ? sql`for update of r` : sql``}`.execute(db);
  return rows;
}

/** How many requests waiting past their time this user may see (the navigation's count; no personal data). */
export async function countOverdue(db: Db, subject: Subject): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from cross_border_requests r join ${overdueDays} on d.kind = r.kind
      join prosecution_investigations i on i.id = r.investigation_id join prosecution_operations o on o.id = i.operation_id
    where ${overdue} and ${compileRule(proceedingsRules.crossBorder, subject, investigationColumns)}`.execute(db);
  return rows[0]?.n ?? 0;
}

const audit = (tx: Db, actor: Actor, action: 'proceedings.request_create' | 'proceedings.request_update', recordId: string, summary: string, outcome?: 'denied') =>
  appendAudit(tx, actor, { action, recordType: 'cross_border_request', recordId, purpose: 'prosecution', summary, ...(outcome ? { outcome } : {}) });

/** Records a request of an investigation (the recording agency, the prosecution office it was referred to). */
export async function createRequest(tx: Db, subject: Subject, actor: Actor, investigationId: string, input: z.output<typeof crossBorderRequestCreate>): Promise<CreatedRef | HttpError> {
  const investigation = await tx.selectFrom('prosecution_investigations as i').innerJoin('prosecution_operations as o', 'o.id', 'i.operation_id')
    .select(['i.id', 'i.reference', 'i.prosecution_office_id', 'o.organisation_id', sql<string>`i.opened_on::text`.as('opened')]).where('i.id', '=', investigationId).executeTakeFirst();
  if (!investigation) return notFound('Investigation');
  if (!allows(proceedingsRules.crossBorder, subject, factsOf(investigation.organisation_id, [investigation.prosecution_office_id], []))) {
    await audit(tx, actor, 'proceedings.request_create', investigationId, 'refused by access rules', 'denied');
    return notFound('Investigation');
  }
  if (input.requestedCountry === input.requestingCountry) throw badRequest('requestedCountry', 'must differ from the requesting country');
  const id = randomUUID();
  const ref = reference();
  await tx.insertInto('cross_border_requests').values({
    id, reference: ref, investigation_id: investigation.id, kind: input.kind, direction: input.direction, requesting_country: input.requestingCountry,
    requested_country: input.requestedCountry, sent_on: input.sentOn, asks: [...input.asks], recorded_by: subject.userId, organisation_id: subject.organisationId,
  }).execute();
  await audit(tx, actor, 'proceedings.request_create', id, `${input.kind} ${ref} of investigation ${investigation.reference}: ${input.requestingCountry} to ${input.requestedCountry}, sent ${input.sentOn}`);
  return { id, reference: ref };
}

/** What may follow each status (answered, refused and withdrawn are final). */
const next: Readonly<Record<string, readonly string[]>> = { sent: ['acknowledged', 'answered', 'refused', 'withdrawn'], acknowledged: ['answered', 'refused', 'withdrawn'] };

/**
 * Moves a request on: acknowledged, answered, refused (with its grounds) or withdrawn, dated. Refused, naming the
 * field: a date before the request was sent (or before its acknowledgement), grounds without a refusal or a refusal
 * without grounds, a change of a request already closed.
 */
export async function updateRequestStatus(tx: Db, subject: Subject, actor: Actor, requestId: string, input: z.output<typeof crossBorderStatusUpdate>): Promise<CreatedRef | HttpError> {
  const [row] = await findRequests(tx, subject, { id: requestId }, true);
  if (!row) {
    if (await tx.selectFrom('cross_border_requests').select('id').where('id', '=', requestId).executeTakeFirst()) await audit(tx, actor, 'proceedings.request_update', requestId, 'refused by access rules', 'denied');
    return notFound('Request');
  }
  if (!(next[row.status] ?? []).includes(input.status)) {
    if (input.status === 'sent') throw badRequest('status', 'a request is sent once, when it is recorded');
    throw conflict(`status: the request is ${row.status}; it cannot become ${input.status}`);
  }
  const when = input.status === 'answered' ? 'the answer date' : input.status === 'acknowledged' ? 'the acknowledgement date' : 'the date';
  if (input.on < row.sent_on) throw badRequest('on', `${when} ${input.on} is before the request was sent (${row.sent_on})`);
  if (row.acknowledged_on && input.on < row.acknowledged_on) throw badRequest('on', `${when} ${input.on} is before the acknowledgement (${row.acknowledged_on})`);
  const grounds = input.refusalGrounds ?? [];
  if (input.status === 'refused' && grounds.length === 0) throw badRequest('refusalGrounds', 'name the grounds of the refusal');
  if (input.status !== 'refused' && grounds.length > 0) throw badRequest('refusalGrounds', 'only a refusal has grounds');
  await tx.updateTable('cross_border_requests').set({
    status: input.status,
    ...(input.status === 'acknowledged' ? { acknowledged_on: input.on } : input.status === 'answered' ? { answered_on: input.on } : { closed_on: input.on }),
    refusal_grounds: [...grounds],
  }).where('id', '=', row.id).execute();
  await audit(tx, actor, 'proceedings.request_update', row.id, `${row.reference}: ${row.status} -> ${input.status} on ${input.on}${grounds.length ? ` (grounds: ${grounds.join(', ')})` : ''}`);
  return { id: row.id, reference: row.reference };
}
