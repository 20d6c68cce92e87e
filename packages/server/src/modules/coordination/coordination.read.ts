import { sql, type SqlBool } from 'kysely';
import { coordinationMemberRoles, type CoordinationBodySummary, type CoordinationBodyView, type FollowUpActionView, type MeetingView } from '@palermo/contracts';
import type { z } from 'zod';
import type { actionListQuery } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { allows, mayEverAllow, type Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { countryDay } from '../prosecution-funnel/funnel.changes.js';
import { coordinationActionFieldPolicy, coordinationBodyFieldPolicy, coordinationMeetingFieldPolicy } from './coordination.fields.js';
import { actionFacts, bodyFacts, coordinationRules } from './coordination.policy.js';

/**
 * What a reader sees of coordination: bodies, meetings and follow-up actions, each through its field policy. Lists are
 * filtered by the read rules compiled to SQL (a body's members as the organisations it is shared with, an action's
 * organisation as the one holding it). No personal data: reads are not audited.
 */

const overdueSql = (today: string) => sql<SqlBool>`(a.due_on < ${today}::date and a.status in ('open', 'in_progress'))`;
const membersOf = (bodyColumn: string) => sql<string[]>`array(select bm.organisation_id from coordination_body_members bm where bm.body_id = ${sql.ref(bodyColumn)} order by bm.organisation_id)`;
const isMember = (bodyColumn: string) => (organisationId: string) =>
  sql<SqlBool>`exists (select 1 from coordination_body_members bm where bm.body_id = ${sql.ref(bodyColumn)} and bm.organisation_id = ${organisationId}::uuid)`;

function mayReadAny(subject: Subject, rule: typeof coordinationRules.readBodies | typeof coordinationRules.readActions): void {
  if (!mayEverAllow(rule, subject)) throw forbidden('You are not allowed to read coordination');
}

interface BodyRow {
  id: string; name: string; kind: string; parent_id: string | null; parent_name: string | null; theme: string; active_from: string; active_to: string | null;
  member_count: number; meeting_count: number; overdue_count: number; member_ids: string[];
}

function bodyQuery(tx: Db, today: string) {
  return tx
    .selectFrom('coordination_bodies as b')
    .leftJoin('coordination_bodies as p', 'p.id', 'b.parent_id')
    .select([
      'b.id', 'b.name', 'b.kind', 'b.parent_id', 'p.name as parent_name', 'b.theme',
      sql<string>`b.active_from::text`.as('active_from'),
      sql<string | null>`b.active_to::text`.as('active_to'),
      sql<number>`(select count(*)::int from coordination_body_members bm where bm.body_id = b.id)`.as('member_count'),
      sql<number>`(select count(*)::int from coordination_meetings m where m.body_id = b.id)`.as('meeting_count'),
      sql<number>`(select count(*)::int from coordination_actions a join coordination_meetings m on m.id = a.meeting_id where m.body_id = b.id and ${overdueSql(today)})`.as('overdue_count'),
      membersOf('b.id').as('member_ids'),
    ]);
}

const summaryOf = (r: BodyRow): CoordinationBodySummary => ({
  id: r.id, name: r.name, kind: r.kind as CoordinationBodySummary['kind'] & string, parentId: r.parent_id, parentName: r.parent_name, theme: r.theme as CoordinationBodySummary['theme'] & string,
  activeFrom: r.active_from, activeTo: r.active_to, memberCount: Number(r.member_count), meetingCount: Number(r.meeting_count), overdueActionCount: Number(r.overdue_count),
});

/** The bodies the reader may see: all of them for the national roles, the member organisations' own otherwise. */
export async function listBodies(tx: Db, subject: Subject): Promise<CoordinationBodySummary[]> {
  mayReadAny(subject, coordinationRules.readBodies);
  const today = await countryDay(tx);
  const rows = (await bodyQuery(tx, today)
    .where(compileRule(coordinationRules.readBodies, subject, { sharedWith: isMember('b.id') }))
    .orderBy('b.name')
    .orderBy('b.id')
    .limit(500)
    .execute()) as BodyRow[];
  return rows.map((r) => presentFields(summaryOf(r), visibleFields(coordinationBodyFieldPolicy, subject, bodyFacts(r.member_ids))) as CoordinationBodySummary);
}

/** One body with its members and meetings (404 to a reader who may not see it). */
export async function readBody(tx: Db, subject: Subject, id: string): Promise<CoordinationBodyView> {
  mayReadAny(subject, coordinationRules.readBodies);
  const today = await countryDay(tx);
  const row = (await bodyQuery(tx, today).where('b.id', '=', id).executeTakeFirst()) as BodyRow | undefined;
  const facts = bodyFacts(row?.member_ids ?? []);
  if (!row || !allows(coordinationRules.readBodies, subject, facts)) throw notFound('Coordination body');
  const roleOrder = (role: string) => (coordinationMemberRoles as readonly string[]).indexOf(role);
  const members = (await tx
    .selectFrom('coordination_body_members as bm')
    .innerJoin('organisations as o', 'o.id', 'bm.organisation_id')
    .select(['bm.organisation_id', 'o.name', 'bm.role'])
    .where('bm.body_id', '=', id)
    .orderBy('o.name')
    .execute())
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role))
    .map((m) => ({ organisationId: m.organisation_id, organisationName: m.name, role: m.role as (typeof coordinationMemberRoles)[number] }));
  const meetings = await tx
    .selectFrom('coordination_meetings as m')
    .select([
      'm.id', 'm.place',
      sql<string>`m.held_on::text`.as('held_on'),
      sql<number>`(select count(*)::int from coordination_decisions d where d.meeting_id = m.id)`.as('decision_count'),
      sql<number>`(select count(*)::int from coordination_actions a where a.meeting_id = m.id)`.as('action_count'),
      sql<number>`(select count(*)::int from coordination_actions a where a.meeting_id = m.id and ${overdueSql(today)})`.as('overdue_count'),
    ])
    .where('m.body_id', '=', id)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id')
    .execute();
  const view: CoordinationBodyView = {
    ...summaryOf(row),
    members,
    meetings: meetings.map((m) => ({ id: m.id, heldOn: m.held_on, place: m.place, decisionCount: Number(m.decision_count), actionCount: Number(m.action_count), overdueActionCount: Number(m.overdue_count) })),
  };
  return presentFields(view, visibleFields(coordinationBodyFieldPolicy, subject, facts)) as CoordinationBodyView;
}

interface ActionRow {
  id: string; meeting_id: string; held_on: string; body_id: string; body_name: string; decision_id: string | null; description: string; organisation_id: string;
  organisation_name: string; due_on: string; status: string; done_on: string | null; overdue: boolean; updated_at: Date; member_ids: string[];
}

function actionQuery(tx: Db, today: string) {
  return tx
    .selectFrom('coordination_actions as a')
    .innerJoin('coordination_meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('coordination_bodies as b', 'b.id', 'm.body_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id', 'a.meeting_id', 'm.body_id', 'b.name as body_name', 'a.decision_id', 'a.description', 'a.organisation_id', 'o.name as organisation_name', 'a.status', 'a.updated_at',
      sql<string>`m.held_on::text`.as('held_on'),
      sql<string>`a.due_on::text`.as('due_on'),
      sql<string | null>`a.done_on::text`.as('done_on'),
      overdueSql(today).as('overdue'),
      membersOf('m.body_id').as('member_ids'),
    ]);
}

function actionOf(subject: Subject, r: ActionRow): FollowUpActionView {
  return {
    id: r.id, meetingId: r.meeting_id, meetingHeldOn: r.held_on, bodyId: r.body_id, bodyName: r.body_name, decisionId: r.decision_id, description: r.description,
    organisationId: r.organisation_id, organisationName: r.organisation_name, dueOn: r.due_on, status: r.status as FollowUpActionView['status'] & string, doneOn: r.done_on,
    overdue: Boolean(r.overdue), mayUpdate: allows(coordinationRules.updateActionStatus, subject, actionFacts(r.organisation_id, r.member_ids)), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** One meeting with its decisions and every follow-up action it assigned (404 to a reader who may not see its body). */
export async function readMeeting(tx: Db, subject: Subject, id: string): Promise<MeetingView> {
  mayReadAny(subject, coordinationRules.readBodies);
  const today = await countryDay(tx);
  const meeting = await tx
    .selectFrom('coordination_meetings as m')
    .innerJoin('coordination_bodies as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.body_id', 'b.name as body_name', 'm.place', 'm.minutes', sql<string>`m.held_on::text`.as('held_on'), membersOf('m.body_id').as('member_ids')])
    .where('m.id', '=', id)
    .executeTakeFirst();
  const facts = bodyFacts(meeting?.member_ids ?? []);
  if (!meeting || !allows(coordinationRules.readBodies, subject, facts)) throw notFound('Meeting');
  const decisions = await tx.selectFrom('coordination_decisions').select(['id', 'position', 'text']).where('meeting_id', '=', id).orderBy('position').execute();
  const actions = (await actionQuery(tx, today).where('a.meeting_id', '=', id).orderBy('a.due_on').orderBy('a.id').execute()) as ActionRow[];
  const view: MeetingView = {
    id: meeting.id, bodyId: meeting.body_id, bodyName: meeting.body_name, heldOn: meeting.held_on, place: meeting.place, minutes: meeting.minutes,
    decisions: decisions.map((d) => ({ id: d.id, position: d.position, text: d.text })),
    actions: actions.map((a) => actionOf(subject, a) as Required<FollowUpActionView>),
  };
  return presentFields(view, visibleFields(coordinationMeetingFieldPolicy, subject, facts)) as MeetingView;
}

type ActionQuery = z.output<typeof actionListQuery>;

/** The follow-up actions the reader may see, earliest due first: overdue only, the reader's organisation's only, by status or body. */
export async function listActions(tx: Db, subject: Subject, query: ActionQuery): Promise<FollowUpActionView[]> {
  mayReadAny(subject, coordinationRules.readActions);
  const today = await countryDay(tx);
  let q = actionQuery(tx, today).where(compileRule(coordinationRules.readActions, subject, { organisationId: sql`a.organisation_id`, sharedWith: isMember('m.body_id') }));
  if (query.overdue === 'true') q = q.where(overdueSql(today));
  if (query.mine === 'true') q = q.where('a.organisation_id', '=', subject.organisationId);
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.bodyId) q = q.where('m.body_id', '=', query.bodyId);
  const rows = (await q.orderBy('a.due_on').orderBy('a.id').limit(500).execute()) as ActionRow[];
  return rows.map((r) => presentFields(actionOf(subject, r), visibleFields(coordinationActionFieldPolicy, subject, actionFacts(r.organisation_id, r.member_ids))) as FollowUpActionView);
}
