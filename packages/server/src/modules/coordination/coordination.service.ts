import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { actionStatusRequest, coordinationBodyRequest, CreatedRef, followUpActionRequest, meetingRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { countryDay } from '../prosecution-funnel/funnel.changes.js';
import { actionFacts, coordinationRules } from './coordination.policy.js';

type BodyInput = z.output<typeof coordinationBodyRequest>;
type MeetingInput = z.output<typeof meetingRequest>;
type ActionInput = z.output<typeof followUpActionRequest>;
type StatusInput = z.output<typeof actionStatusRequest>;

function mayEdit(subject: Subject): void {
  if (!allows(coordinationRules.edit, subject)) throw forbidden('Only the national coordinator edits coordination bodies, meetings and actions');
}

/** Refuses organisations that do not exist, naming the field of the first unknown one. */
export async function knownOrganisations(tx: Db, ids: ReadonlyArray<{ id: string; field: string }>): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx.selectFrom('organisations').select('id').where('id', 'in', ids.map((i) => i.id)).execute();
  const found = new Set(rows.map((r) => r.id));
  const unknown = ids.find((i) => !found.has(i.id));
  if (unknown) throw badRequest(unknown.field, 'must name an existing organisation');
}

/** A parent must exist, and a body may not sit under itself or under one of its own sub-bodies. */
async function checkParent(tx: Db, bodyId: string, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  if (parentId === bodyId) throw badRequest('parentId', 'must not be the body itself or one of its sub-bodies');
  const seen = new Set<string>([bodyId]);
  let current: string | null = parentId;
  while (current !== null) {
    const row: { parent_id: string | null } | undefined = await tx.selectFrom('coordination_bodies').select('parent_id').where('id', '=', current).executeTakeFirst();
    if (!row) throw badRequest('parentId', 'must name an existing body');
    if (row.parent_id !== null && seen.has(row.parent_id)) throw badRequest('parentId', 'must not be the body itself or one of its sub-bodies');
    seen.add(current);
    current = row.parent_id;
  }
}

async function writeMembers(tx: Db, bodyId: string, input: BodyInput): Promise<void> {
  await knownOrganisations(tx, input.members.map((m, i) => ({ id: m.organisationId, field: `members.${i}.organisationId` })));
  await tx.deleteFrom('coordination_body_members').where('body_id', '=', bodyId).execute();
  if (input.members.length > 0) {
    await tx.insertInto('coordination_body_members').values(input.members.map((m) => ({ body_id: bodyId, organisation_id: m.organisationId, role: m.role }))).execute();
  }
}

/** Creates a coordination body with its members (the coordinator; audited). */
export async function createBody(tx: Db, subject: Subject, actor: Actor, input: BodyInput): Promise<CreatedRef> {
  mayEdit(subject);
  const id = randomUUID();
  await checkParent(tx, id, input.parentId);
  await tx
    .insertInto('coordination_bodies')
    .values({ id, name: input.name, kind: input.kind, parent_id: input.parentId, theme: input.theme, active_from: input.activeFrom, active_to: input.activeTo, created_by: subject.userId })
    .execute();
  await writeMembers(tx, id, input);
  await appendAudit(tx, actor, { action: 'coordination_body.create', recordType: 'coordination_body', recordId: id, purpose: 'coordination', summary: `${input.kind}, ${input.members.length} members` });
  return { id };
}

/** Edits a body and rewrites its members (the coordinator; audited). */
export async function updateBody(tx: Db, subject: Subject, actor: Actor, id: string, input: BodyInput): Promise<CreatedRef> {
  mayEdit(subject);
  const existing = await tx.selectFrom('coordination_bodies').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!existing) throw notFound('Coordination body');
  await checkParent(tx, id, input.parentId);
  await tx
    .updateTable('coordination_bodies')
    .set({ name: input.name, kind: input.kind, parent_id: input.parentId, theme: input.theme, active_from: input.activeFrom, active_to: input.activeTo, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await writeMembers(tx, id, input);
  await appendAudit(tx, actor, { action: 'coordination_body.update', recordType: 'coordination_body', recordId: id, purpose: 'coordination', summary: `${input.kind}, ${input.members.length} members` });
  return { id };
}

/** Records a meeting of a body with its decisions (the coordinator; audited). */
export async function createMeeting(tx: Db, subject: Subject, actor: Actor, bodyId: string, input: MeetingInput): Promise<CreatedRef> {
  mayEdit(subject);
  const body = await tx.selectFrom('coordination_bodies').select('id').where('id', '=', bodyId).executeTakeFirst();
  if (!body) throw notFound('Coordination body');
  const id = randomUUID();
  await tx.insertInto('coordination_meetings').values({ id, body_id: bodyId, held_on: input.heldOn, place: input.place || null, minutes: input.minutes, created_by: subject.userId }).execute();
  if (input.decisions.length > 0) {
    await tx.insertInto('coordination_decisions').values(input.decisions.map((text, position) => ({ id: randomUUID(), meeting_id: id, position: position + 1, text }))).execute();
  }
  await appendAudit(tx, actor, { action: 'coordination_meeting.create', recordType: 'coordination_meeting', recordId: id, purpose: 'coordination', summary: `${input.heldOn}, ${input.decisions.length} decisions` });
  return { id };
}

/**
 * Corrects a meeting (the coordinator; audited): its date (not after an action's due date), place, minutes and decisions,
 * rewritten by position; a decision an action follows from may be reworded, not removed.
 */
export async function updateMeeting(tx: Db, subject: Subject, actor: Actor, id: string, input: MeetingInput): Promise<CreatedRef> {
  mayEdit(subject);
  const meeting = await tx.selectFrom('coordination_meetings').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!meeting) throw notFound('Meeting');
  const earliest = await tx.selectFrom('coordination_actions').select(sql<string | null>`min(due_on)::text`.as('due')).where('meeting_id', '=', id).executeTakeFirst();
  if (earliest?.due && input.heldOn > earliest.due) throw badRequest('heldOn', 'must not be after the due date of one of its actions');
  const existing = await tx.selectFrom('coordination_decisions').select(['id', 'position']).where('meeting_id', '=', id).orderBy('position').execute();
  const removed = existing.filter((d) => d.position > input.decisions.length).map((d) => d.id);
  if (removed.length > 0) {
    const followed = await tx.selectFrom('coordination_actions').select('id').where('decision_id', 'in', removed).executeTakeFirst();
    if (followed) throw badRequest('decisions', 'must keep the decisions an action follows from');
    await tx.deleteFrom('coordination_decisions').where('id', 'in', removed).execute();
  }
  for (const [index, text] of input.decisions.entries()) {
    const current = existing.find((d) => d.position === index + 1);
    if (current) await tx.updateTable('coordination_decisions').set({ text }).where('id', '=', current.id).execute();
    else await tx.insertInto('coordination_decisions').values({ id: randomUUID(), meeting_id: id, position: index + 1, text }).execute();
  }
  await tx.updateTable('coordination_meetings').set({ held_on: input.heldOn, place: input.place || null, minutes: input.minutes }).where('id', '=', id).execute();
  await appendAudit(tx, actor, { action: 'coordination_meeting.update', recordType: 'coordination_meeting', recordId: id, purpose: 'coordination', summary: `${input.heldOn}, ${input.decisions.length} decisions` });
  return { id };
}

/** Assigns a follow-up action of a meeting to an organisation, due on or after the meeting (the coordinator; audited). */
export async function addAction(tx: Db, subject: Subject, actor: Actor, meetingId: string, input: ActionInput): Promise<CreatedRef> {
  mayEdit(subject);
  const meeting = await tx.selectFrom('coordination_meetings').select(['id', sql<string>`held_on::text`.as('held_on')]).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw notFound('Meeting');
  if (input.decisionId !== null) {
    const decision = await tx.selectFrom('coordination_decisions').select('id').where('id', '=', input.decisionId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!decision) throw badRequest('decisionId', 'must name a decision of this meeting');
  }
  await knownOrganisations(tx, [{ id: input.organisationId, field: 'organisationId' }]);
  if (input.dueOn < meeting.held_on) throw badRequest('dueOn', 'must not be before the meeting');
  const id = randomUUID();
  await tx
    .insertInto('coordination_actions')
    .values({ id, meeting_id: meetingId, decision_id: input.decisionId, description: input.description, organisation_id: input.organisationId, due_on: input.dueOn, status: 'open', updated_by: subject.userId })
    .execute();
  await appendAudit(tx, actor, { action: 'coordination_action.create', recordType: 'coordination_action', recordId: id, purpose: 'coordination', summary: `due ${input.dueOn}` });
  return { id };
}

/** The organisations sitting in the body of a meeting. */
export async function membersOfMeetingBody(tx: Db, meetingId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('coordination_meetings as m')
    .innerJoin('coordination_body_members as bm', 'bm.body_id', 'm.body_id')
    .select('bm.organisation_id')
    .where('m.id', '=', meetingId)
    .execute();
  return rows.map((r) => r.organisation_id);
}

/**
 * Updates an action's status: the coordinator, or the leads of the organisation it is assigned to (their own actions
 * only). A done action carries the date it was done, not before the meeting nor in the future (audited).
 */
export async function updateActionStatus(tx: Db, subject: Subject, actor: Actor, actionId: string, input: StatusInput): Promise<CreatedRef> {
  const action = await tx
    .selectFrom('coordination_actions as a')
    .innerJoin('coordination_meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.id', 'a.organisation_id', 'a.meeting_id', sql<string>`m.held_on::text`.as('held_on')])
    .where('a.id', '=', actionId)
    .forUpdate()
    .executeTakeFirst();
  if (!action) throw notFound('Follow-up action');
  const facts = actionFacts(action.organisation_id, await membersOfMeetingBody(tx, action.meeting_id));
  if (!allows(coordinationRules.readActions, subject, facts)) throw notFound('Follow-up action');
  if (!allows(coordinationRules.updateActionStatus, subject, facts)) throw forbidden('Only the coordinator and the organisation the action is assigned to update its status');
  if (input.doneOn !== null) {
    if (input.doneOn < action.held_on) throw badRequest('doneOn', 'must not be before the meeting');
    if (input.doneOn > (await countryDay(tx))) throw badRequest('doneOn', 'must not be in the future');
  }
  await tx.updateTable('coordination_actions').set({ status: input.status, done_on: input.doneOn, updated_by: subject.userId, updated_at: new Date() }).where('id', '=', actionId).execute();
  await appendAudit(tx, actor, { action: 'coordination_action.status_update', recordType: 'coordination_action', recordId: actionId, purpose: 'coordination', summary: input.status });
  return { id: actionId };
}
