import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { followUpMilestones, followUpWindows, homeListLimit, homeTotalCap, type CaseFlag, type CaseStage, type FollowUpMilestone, type HomeCaseItem } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';
import { caseRules } from '../case/case.policy.js';
import { caseColumns, caseListColumns } from '../case/case.repo.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import type { SopDocument } from '../sop/sop.contracts.js';
import { isResponsibleFor } from '../sop/sop.measures.js';

/**
 * The case lists of the homes. Every list is the case worklist's filtered query (the read rule and the field policy
 * compiled to SQL over `cases c`) narrowed to what the list is about. A list reads, in its own order, at most
 * homeTotalCap + 1 cases (its total, "more than 100" beyond) and presents the first homeListLimit of them. Flags that
 * come from the case record (urgent referral, high safety risk) are computed only where the user may work the case
 * record (caseRules.assist).
 *
 * At national scale (a caseworker holding tens of thousands of open cases) each list is read by walking an index in
 * the list's order and stopping at the cap (migration 0039): a list ordered by an expression over several columns is
 * read as the union of the top of each index-ordered stream it merges (see each list), never by sorting every open
 * case. Access conditions probe the case's own shares and consents (`caseRowColumns`) rather than building the
 * organisation's whole set of shares, which a competent authority that receives every case would pay on each read.
 */

/** How access conditions read one case row `c` (its person is not joined): shares and consents probed per case. */
const caseRowColumns = { ...caseColumns, jurisdiction: caseListColumns.jurisdiction };

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
/** How many cases a list reads: its total is counted up to the cap, "more than homeTotalCap" beyond. */
const capped = homeTotalCap + 1;

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
  readonly total: number | string;
}

const iso = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());

/**
 * Reads one list. `hits` selects the list's cases (columns id, reference, stage, due_at, overdue, awaiting, milestone
 * and any of measure_title, last_activity_at), at most `capped`, each allowed by the read rule; `order` is its ORDER
 * BY over those columns. The first homeListLimit are presented, with the number of hits as the total.
 */
async function caseList(db: Db, subject: Subject, list: { hits: RawBuilder<unknown>; order: RawBuilder<unknown> }): Promise<HomeCaseList> {
  const assist = compileRule(caseRules.assist, subject, caseRowColumns);
  const { rows } = await sql<Row>`
    with hit as (${list.hits}),
      page as (select * from hit order by ${list.order} limit ${homeListLimit})
    select page.*, p.is_child, (select count(*) from hit) as total,
      ${compileVisibleFields(caseFieldPolicy, subject, caseRowColumns)} as visible_fields,
      case when ${assist} then exists (select 1 from referrals r where r.case_id = c.id and r.status in ('sent', 'accepted') and r.urgency in ('urgent', 'emergency')) end as urgent,
      case when ${assist} then exists (select 1 from case_records k where k.case_id = c.id and k.kind = 'risk_assessment' and k.data->>'level' = 'high'
        and not exists (select 1 from case_records x where x.supersedes_id = k.id)) end as safety_risk
    from page join cases c on c.id = page.id join persons p on p.id = c.person_id
    order by ${list.order}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), items: rows.map(present) };
}

/** The columns every list reads of a hit, with its own due date, overdue and extra columns. */
function hitColumns(dueAt: RawBuilder<unknown>, overdue: RawBuilder<unknown>, extra: RawBuilder<unknown> = sql`null::text as milestone`) {
  return sql`c.id, c.reference, c.stage, ${dueAt} as due_at, ${overdue} as overdue, ${waiting} as awaiting, ${extra}`;
}

/** The read rule and the list's scope, over `cases c`. */
function readable(subject: Subject, where: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`${compileRule(caseRules.read, subject, caseRowColumns)} and ${where}`;
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
  const assist = compileRule(caseRules.assist, subject, caseRowColumns);
  const mine = subject.roles.includes('supervisor') ? sql<SqlBool>`true` : sql<SqlBool>`c.case_manager_user_id = ${subject.userId}::uuid`;
  return sql<SqlBool>`(${assist} and ${mine} and ${open})`;
}

/**
 * By next deadline, the earlier of the decision due (while the case waits for one) and the end of the reflection
 * period. Read as the union of the first cases by decision due and the first by end of period: a case among the first
 * by next deadline is among the first of the stream its deadline comes from, as every case before it there is before
 * it by next deadline too.
 */
export function myCases(db: Db, subject: Subject) {
  const scope = readable(subject, scopeOf(subject));
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`${nextDeadline}`, sql`coalesce(${nextDeadline} < now(), false)`)}
      from (
        (select c.id from cases c where ${scope} and ${waiting} order by c.decision_due_at, c.id limit ${capped})
        union
        (select c.id from cases c where ${scope} and c.reflection_period_end >= current_date order by c.reflection_period_end, c.id limit ${capped})
      ) as heads join cases c on c.id = heads.id
      order by due_at asc, c.id limit ${capped}`,
    order: sql`due_at asc, id`,
  });
}

/**
 * Each follow-up milestone's cases, by due date (then by when the case was opened): read per milestone in order of
 * opening, on which its due date depends alone (one query per milestone, so that each is planned with its own window).
 */
export function followUpsDue(db: Db, subject: Subject) {
  const scope = readable(subject, scopeOf(subject));
  const perMilestone = followUpMilestones.map((milestone) => {
    const from = sql`${followUpWindows[milestone].from}::interval`;
    const by = sql`${followUpWindows[milestone].by}::interval`;
    return sql`(select ${hitColumns(sql`(c.opened_at::date + ${by})::date::timestamptz`, sql`current_date > (c.opened_at::date + ${by})::date`, sql`${milestone}::text as milestone`)}, c.opened_at
        from cases c
        where ${scope}
          and c.opened_at >= now() - ${by} - ${missedAfter} - interval '1 day' and c.opened_at <= now() - ${from} + interval '1 day'
          and current_date >= (c.opened_at::date + ${from})::date and (c.opened_at::date + ${by})::date >= current_date - ${missedAfter}
          and not exists (select 1 from case_records f where f.case_id = c.id and f.kind = 'follow_up' and f.data->>'milestone' = ${milestone}::text
            and f.data->>'outcome' in ('completed', 'person_declined'))
        order by c.opened_at, c.id limit ${capped})`;
  });
  return caseList(db, subject, {
    hits: sql`select * from (${sql.join(perMilestone, sql` union all `)}) as c order by due_at asc, opened_at, id, milestone limit ${capped}`,
    order: sql`due_at asc, opened_at, id, milestone`,
  });
}

export function decisionsPending(db: Db, subject: Subject) {
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`c.decision_due_at`, sql`c.decision_due_at < now()`)}
      from cases c
      where ${readable(subject, scopeOf(subject))} and ${waiting} and c.stage in ('reasonable_grounds_pending', 'reasonable_grounds_positive')
      order by c.decision_due_at asc, c.id limit ${capped}`,
    order: sql`due_at asc, id`,
  });
}

export function periodsEnding(db: Db, subject: Subject) {
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`c.reflection_period_end::timestamptz`, sql`false`)}
      from cases c
      where ${readable(subject, scopeOf(subject))} and c.reflection_period_end between current_date and current_date + 7
      order by c.reflection_period_end asc, c.id limit ${capped}`,
    order: sql`due_at asc, id`,
  });
}

/** Open cases with no action for 30 days, the oldest opened first. */
export function inactiveCases(db: Db, subject: Subject) {
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`null::timestamptz`, sql`true`, sql`(select max(a.occurred_at) from case_actions a where a.case_id = c.id) as last_activity_at, null::text as milestone`)}, c.opened_at
      from cases c
      where ${readable(subject, scopeOf(subject))} and not exists (select 1 from case_actions a where a.case_id = c.id and a.occurred_at > now() - interval '30 days')
      order by c.opened_at asc, c.id limit ${capped}`,
    order: sql`opened_at asc, id`,
  });
}

/**
 * SOP measures the user's organisation answers for, at the case's stage, past their deadline and not marked done. Read
 * per measure in order of when the case entered the stage, on which the measure's deadline depends alone.
 */
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
    hits: sql`select c.*
      from (values ${sql.join(measures)}) as m(stage, done_key, title, days) cross join lateral (
        select ${hitColumns(due, sql`true`, sql`m.title as measure_title, null::text as milestone`)}
        from cases c
        where ${readable(subject, scopeOf(subject))} and c.stage = m.stage
          and c.stage_entered_at < now() - make_interval(days => m.days) and c.stage_entered_at >= now() - make_interval(days => m.days) - ${missedAfter}
          and not exists (select 1 from case_actions d where d.case_id = c.id and d.idempotency_key = m.done_key)
        order by c.stage_entered_at, c.id limit ${capped}) as c
      order by due_at asc, c.id, measure_title limit ${capped}`,
    order: sql`due_at asc, id, measure_title`,
  });
}

/**
 * The competent authority: cases sent to it for a decision, overdue first, then by deadline (one order: a decision is
 * overdue exactly when its due date has passed).
 */
export function decisionsToTake(db: Db, subject: Subject) {
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`c.decision_due_at`, sql`c.decision_due_at < now()`)}
      from cases c
      where ${compileRule(caseRules.read, subject, caseRowColumns)} and ${compileRule(caseRules.decide, subject, caseListColumns)} and ${waiting} and ${open}
      order by c.decision_due_at asc, c.id limit ${capped}`,
    order: sql`overdue desc, due_at asc, id`,
  });
}
