import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { followUpMilestones, followUpWindows, homeListLimit, homeTotalCap, type CaseFlag, type CaseStage, type FollowUpMilestone, type HomeCaseItem } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';
import { caseRules } from '../case/case.policy.js';
import { caseListColumns as caseColumns } from '../case/case.repo.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import type { SopDocument } from '../sop/sop.contracts.js';
import { isResponsibleFor } from '../sop/sop.measures.js';

/**
 * The case lists of the homes. Every list is the case worklist's filtered query (the read rule and the field policy
 * compiled to SQL over `cases c`, caseListColumns) narrowed to what the list is about; at most homeListLimit
 * items are read, with the list's total. Flags that come from the case record (urgent referral, high safety risk) are
 * computed only where the user may work the case record (caseRules.assist).
 */

/** Stages at which a case waits for a decision of the competent authority (as case.repo's `overdue`). */
const waitingStages = sql`('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive')`;
const waiting = sql<SqlBool>`(c.decision_due_at is not null and c.stage in ${waitingStages})`;
const open = sql<SqlBool>`c.status in ('Active', 'FollowUp')`;
/**
 * Follow-ups and SOP measures missed for longer than this are no longer listed as due: the case then shows among
 * those without activity, and the plan (case page) keeps every milestone. Keeps the lists about what can still be done.
 */
const missedAfter = sql`interval '30 days'`;
/** The next deadline of a case: its decision's due date while it waits for one, or the end of its reflection period. */
export const nextDeadline = sql`least(case when ${waiting} then c.decision_due_at end,
  case when c.reflection_period_end >= current_date then c.reflection_period_end::timestamptz end)`;

export interface HomeCaseList {
  readonly items: HomeCaseItem[];
  readonly total: number;
}

interface Row {
  readonly id: string;
  readonly reference: string;
  readonly stage: string;
  readonly due_at: Date | string | null;
  readonly overdue: boolean;
  readonly visible_fields: string[];
  readonly is_child: boolean;
  readonly awaiting: boolean;
  readonly urgent: boolean | null;
  readonly safety_risk: boolean | null;
  readonly milestone?: string | null;
  readonly measure_title?: string | null;
  readonly last_activity_at?: Date | string | null;
}

const iso = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());

/**
 * Reads one list: `from` is the FROM clause (over `cases c`, possibly with more), `where` the list's
 * own condition, `extra` further columns (due_at, overdue, ...), `order` its ORDER BY. Returns the presented items.
 */
async function caseList(
  db: Db,
  subject: Subject,
  list: { from?: RawBuilder<unknown>; where: Expression<SqlBool>; dueAt: RawBuilder<unknown>; overdue: RawBuilder<unknown>; extra?: RawBuilder<unknown>; order: RawBuilder<unknown> },
): Promise<HomeCaseList> {
  const assist = compileRule(caseRules.assist, subject, caseColumns);
  const from = list.from ?? sql`cases c`;
  const where = sql`${compileRule(caseRules.read, subject, caseColumns)} and ${list.where}`;
  const { rows } = await sql<Row>`
    with hit as (
      select c.id, c.reference, c.stage, c.person_id, ${list.dueAt} as due_at, ${list.overdue} as overdue, ${waiting} as awaiting,
        ${list.extra ?? sql`null::text as milestone`}
      from ${from} where ${where}
      order by ${list.order}
      limit ${homeListLimit})
    select hit.*, p.is_child,
      ${compileVisibleFields(caseFieldPolicy, subject, caseColumns)} as visible_fields,
      case when ${assist} then exists (select 1 from referrals r where r.case_id = c.id and r.status in ('sent', 'accepted') and r.urgency in ('urgent', 'emergency')) end as urgent,
      case when ${assist} then exists (select 1 from case_records k where k.case_id = c.id and k.kind = 'risk_assessment' and k.data->>'level' = 'high'
        and not exists (select 1 from case_records x where x.supersedes_id = k.id)) end as safety_risk
    from hit join cases c on c.id = hit.id join persons p on p.id = c.person_id
    order by ${list.order}`.execute(db);
  // The total is counted apart, up to the cap: a list of thousands says "more than 100", it does not count them all.
  const counted = rows.length < homeListLimit ? { rows: [{ n: rows.length }] } : await sql<{ n: string | number }>`
    select count(*) as n from (select 1 from ${from} where ${where} limit ${homeTotalCap + 1}) as q`.execute(db);
  return { total: Number(counted.rows[0]?.n ?? 0), items: rows.map(present) };
}

function present(row: Row): HomeCaseItem {
  const visible = new Set(row.visible_fields);
  const flags: CaseFlag[] = [];
  if (visible.has('person.isChild') && row.is_child) flags.push('child');
  if (row.urgent) flags.push('urgent');
  if (row.safety_risk) flags.push('safety_risk');
  if (visible.has('stage') && row.awaiting) flags.push('awaiting_decision');
  const item = {
    id: row.id,
    reference: row.reference,
    ...(visible.has('stage') ? { stage: row.stage as CaseStage } : {}),
    dueAt: iso(row.due_at),
    overdue: row.overdue,
    flags,
    ...(row.milestone ? { milestone: row.milestone as FollowUpMilestone } : {}),
    ...(row.measure_title ? { measureTitle: row.measure_title } : {}),
    ...(row.last_activity_at ? { lastActivityAt: iso(row.last_activity_at) ?? undefined } : {}),
  };
  // The envelope and the list's own dates are shown to whoever reads the case; the rest as the field policy allows.
  return { ...item, ...presentFields(item, new Set([...visible, 'dueAt', 'overdue', 'flags', 'milestone', 'measureTitle', 'lastActivityAt'])) } as HomeCaseItem;
}

/** The caseworker's own cases (a supervisor: the organisation's), open. */
function scopeOf(subject: Subject): Expression<SqlBool> {
  const assist = compileRule(caseRules.assist, subject, caseColumns);
  const mine = subject.roles.includes('supervisor') ? sql<SqlBool>`true` : sql<SqlBool>`c.case_manager_user_id = ${subject.userId}::uuid`;
  return sql<SqlBool>`(${assist} and ${mine} and ${open})`;
}

export function myCases(db: Db, subject: Subject) {
  return caseList(db, subject, {
    where: sql<SqlBool>`${scopeOf(subject)} and (${waiting} or c.reflection_period_end >= current_date)`,
    dueAt: sql`${nextDeadline}`,
    overdue: sql`coalesce(${nextDeadline} < now(), false)`,
    order: sql`due_at asc, c.id`,
  });
}

export function followUpsDue(db: Db, subject: Subject) {
  const windows = sql.join(followUpMilestones.map((m, i) => sql`(${m}::text, ${i}::int, ${followUpWindows[m].from}::interval, ${followUpWindows[m].by}::interval)`));
  return caseList(db, subject, {
    from: sql`(values ${windows}) as w(milestone, position, from_offset, by_offset) join cases c
      on c.opened_at >= now() - w.by_offset - ${missedAfter} - interval '1 day' and c.opened_at <= now() - w.from_offset + interval '1 day'`,
    where: sql<SqlBool>`${scopeOf(subject)}
      and current_date >= (c.opened_at::date + w.from_offset)::date and (c.opened_at::date + w.by_offset)::date >= current_date - ${missedAfter}
      and not exists (select 1 from case_records f where f.case_id = c.id and f.kind = 'follow_up' and f.data->>'milestone' = w.milestone
        and f.data->>'outcome' in ('completed', 'person_declined'))`,
    dueAt: sql`(c.opened_at::date + w.by_offset)::date::timestamptz`,
    overdue: sql`current_date > (c.opened_at::date + w.by_offset)::date`,
    extra: sql`w.milestone as milestone`,
    order: sql`due_at asc, c.id, milestone`,
  });
}

export function decisionsPending(db: Db, subject: Subject) {
  return caseList(db, subject, {
    where: sql<SqlBool>`${scopeOf(subject)} and c.stage in ('reasonable_grounds_pending', 'reasonable_grounds_positive') and c.decision_due_at is not null`,
    dueAt: sql`c.decision_due_at`,
    overdue: sql`c.decision_due_at < now()`,
    order: sql`due_at asc, c.id`,
  });
}

export function periodsEnding(db: Db, subject: Subject) {
  return caseList(db, subject, {
    where: sql<SqlBool>`${scopeOf(subject)} and c.reflection_period_end between current_date and current_date + 7`,
    dueAt: sql`c.reflection_period_end::timestamptz`,
    overdue: sql`false`,
    order: sql`due_at asc, c.id`,
  });
}

export function inactiveCases(db: Db, subject: Subject) {
  const last = sql`(select max(a.occurred_at) from case_actions a where a.case_id = c.id)`;
  return caseList(db, subject, {
    where: sql<SqlBool>`${scopeOf(subject)} and not exists (select 1 from case_actions a where a.case_id = c.id and a.occurred_at > now() - interval '30 days')`,
    dueAt: sql`null::timestamptz`,
    overdue: sql`true`,
    extra: sql`${last} as last_activity_at, null::text as milestone`,
    order: sql`c.opened_at asc, c.id`,
  });
}

/** SOP measures the user's organisation answers for, at the case's stage, past their deadline and not marked done. */
export function measuresOverdue(db: Db, subject: Subject, sop: SopDocument) {
  const measures = sop.sops.flatMap((s) =>
    s.measures
      .filter((m) => m.when.deadlineDays !== undefined && isResponsibleFor(m, { id: subject.organisationId, type: subject.organisationType }))
      .map((m) => sql`(${m.when.stage}::text, ${`measure:${m.id}`}::text, ${m.title}::text, ${m.when.deadlineDays ?? 0}::int)`),
  );
  if (measures.length === 0) return Promise.resolve({ items: [], total: 0 });
  const due = sql`(coalesce(c.stage_entered_at, c.opened_at) + make_interval(days => m.days))`;
  return caseList(db, subject, {
    // Each measure reads the cases that entered its stage in the window where its deadline passed in the last 30 days.
    from: sql`(values ${sql.join(measures)}) as m(stage, done_key, title, days)
      join cases c on c.stage = m.stage and c.status in ('Active', 'FollowUp')
        and c.stage_entered_at < now() - make_interval(days => m.days) and c.stage_entered_at >= now() - make_interval(days => m.days) - ${missedAfter}`,
    where: sql<SqlBool>`${scopeOf(subject)}
      and not exists (select 1 from case_actions d where d.case_id = c.id and d.idempotency_key = m.done_key)`,
    dueAt: sql`${due}`,
    overdue: sql`true`,
    extra: sql`m.title as measure_title, null::text as milestone`,
    order: sql`due_at asc, c.id, measure_title`,
  });
}

/** The competent authority: cases sent to it for a decision, overdue first, then by deadline. */
export function decisionsToTake(db: Db, subject: Subject) {
  return caseList(db, subject, {
    where: sql<SqlBool>`${compileRule(caseRules.decide, subject, caseColumns)} and ${waiting} and ${open}`,
    dueAt: sql`c.decision_due_at`,
    overdue: sql`c.decision_due_at < now()`,
    order: sql`overdue desc, due_at asc, c.id`,
  });
}
