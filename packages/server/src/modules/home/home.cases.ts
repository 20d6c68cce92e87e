import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { followUpMilestones, followUpWindows, homeListLimit, homeTotalCap, type CaseFlag, type CaseStage, type FollowUpMilestone, type HomeCaseItem } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';
import { caseRules } from '../case/case.policy.js';
import { caseColumns, caseListColumns } from '../case/case.repo.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import type { SopDocument } from '../sop/sop.contracts.js';
import { isResponsibleFor } from '../sop/sop.measures.js';
import { asShipped, type ShippedTexts } from '../sop/sop.shipped.js';

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
/**
 * How many of the SOP measures' candidates (a case in a measure's window) are looked up first: enough for the cap
 * when most measures are still to do (measuresOverdue).
 */
const measureCandidates = 400;

export interface HomeCaseList {
  readonly items: HomeCaseItem[];
  readonly total: number;
}

/** One case of a list, as its own statement reads it. */
interface Hit {
  readonly id: string;
  readonly reference: string;
  readonly stage: string;
  readonly due_at: Date | string | null;
  readonly overdue: boolean;
  readonly awaiting: boolean;
  readonly milestone?: string | null;
  readonly measure_title?: string | null;
  readonly measure_key?: string | null;
  readonly last_activity_at?: Date | string | null;
  readonly total: number | string;
}

/** What the user sees of a listed case, whichever list it is in (the same for every list of a home). */
interface Shown {
  readonly id: string;
  readonly visible_fields: string[];
  readonly is_child: boolean;
  readonly urgent: boolean | null;
  readonly safety_risk: boolean | null;
}

const iso = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());

/**
 * Reads one list. `hits` selects the list's cases (columns id, reference, stage, due_at, overdue, awaiting, milestone
 * and any of measure_title, last_activity_at), at most `capped`, each allowed by the read rule; `order` is its ORDER
 * BY over those columns. The first homeListLimit are presented, with the number of hits as the total.
 */
async function caseList(db: Db, subject: Subject, list: { hits: RawBuilder<unknown>; order: RawBuilder<unknown> }): Promise<HomeCaseList> {
  const batch = presentation(db, subject);
  let hits: readonly Hit[] = [];
  try {
    ({ rows: hits } = await sql<Hit>`
      with hit as (${list.hits})
      select hit.*, (select count(*) from hit) as total from hit order by ${list.order} limit ${homeListLimit}`.execute(db));
  } finally {
    batch.listed(hits.map((hit) => hit.id));
  }
  const shown = await batch.shown;
  const items = hits.flatMap((hit) => {
    const seen = shown.get(hit.id);
    return seen ? [present(hit, seen)] : [];
  });
  return { total: Number(hits[0]?.total ?? 0), items };
}

/**
 * What the user sees of the cases a home lists (the field policy compiled to SQL, the flags), read once for every list
 * of the home: the lists a home reads at once (started together for one user) each read their own cases, and the last
 * one to finish reads what is shown of all of them, in one statement.
 */
interface Presentation {
  listed(ids: readonly string[]): void;
  readonly shown: Promise<Map<string, Shown>>;
}
interface OpenPresentation extends Presentation {
  /** One more list will say which cases it lists. */
  join(): Presentation;
}
const presentations = new WeakMap<Subject, Map<Db, OpenPresentation>>();

function presentation(db: Db, subject: Subject): Presentation {
  let open = presentations.get(subject);
  if (!open) presentations.set(subject, (open = new Map()));
  const current = open.get(db);
  if (current) return current.join();
  const ids = new Set<string>();
  let lists = 0;
  let resolve: (shown: Promise<Map<string, Shown>>) => void = () => undefined;
  const shown = new Promise<Map<string, Shown>>((r) => (resolve = r));
  const opened = open;
  const batch: OpenPresentation = {
    join() {
      lists += 1;
      return this;
    },
    listed(listedIds: readonly string[]) {
      for (const id of listedIds) ids.add(id);
      lists -= 1;
      if (lists > 0) return;
      // Later lists start a presentation of their own.
      if (opened.get(db) === batch) opened.delete(db);
      const read = readShown(db, subject, [...ids]);
      // Every list whose own statement succeeded awaits it; should none have, its failure is theirs already.
      read.catch(() => undefined);
      resolve(read);
    },
    shown,
  };
  open.set(db, batch);
  return batch.join();
}

async function readShown(db: Db, subject: Subject, ids: readonly string[]): Promise<Map<string, Shown>> {
  if (ids.length === 0) return new Map();
  const assist = compileRule(caseRules.assist, subject, caseRowColumns);
  const { rows } = await sql<Shown>`
    select c.id, p.is_child,
      ${compileVisibleFields(caseFieldPolicy, subject, caseRowColumns)} as visible_fields,
      case when ${assist} then exists (select 1 from referrals r where r.case_id = c.id and r.status in ('sent', 'accepted') and r.urgency in ('urgent', 'emergency')) end as urgent,
      case when ${assist} then exists (select 1 from case_records k where k.case_id = c.id and k.kind = 'risk_assessment' and k.data->>'level' = 'high'
        and not exists (select 1 from case_records x where x.supersedes_id = k.id)) end as safety_risk
    from cases c join persons p on p.id = c.person_id
    where c.id = any(${sql.val(ids)}::uuid[])`.execute(db);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The columns every list reads of a hit, with its own due date, overdue and extra columns. */
function hitColumns(dueAt: RawBuilder<unknown>, overdue: RawBuilder<unknown>, extra: RawBuilder<unknown> = sql`null::text as milestone`) {
  return sql`c.id, c.reference, c.stage, ${dueAt} as due_at, ${overdue} as overdue, ${waiting} as awaiting, ${extra}`;
}

function present(row: Hit, shown: Shown): HomeCaseItem {
  const visible = new Set(shown.visible_fields);
  const flags: CaseFlag[] = [];
  if (visible.has('person.isChild') && shown.is_child) flags.push('child');
  if (shown.urgent) flags.push('urgent');
  if (shown.safety_risk) flags.push('safety_risk');
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
    ...(row.measure_key ? { measureKey: row.measure_key } : {}),
    ...(row.last_activity_at ? { lastActivityAt: iso(row.last_activity_at) ?? undefined } : {}),
  };
  // The envelope and the list's own dates are shown to whoever reads the case; the rest as the field policy allows.
  return { ...item, ...presentFields(item, new Set([...visible, 'dueAt', 'overdue', 'flags', 'milestone', 'measureTitle', 'measureKey', 'lastActivityAt'])) } as HomeCaseItem;
}

/** Every alternative of `narrower` is one of `wider`'s: whatever `narrower` allows, `wider` allows too. */
function implies(narrower: Rule, wider: Rule): boolean {
  const known = new Set(wider.map((alternative) => JSON.stringify(alternative)));
  return narrower.every((alternative) => known.has(JSON.stringify(alternative)));
}

/**
 * The caseworker's own cases (a supervisor: the organisation's), open, that the user may work (caseRules.assist) and
 * read. Written so that the planner has least to prove: on a caseworker's own cases the case manager is the user, so
 * the rules' conditions on the assignee are decided in the statement itself (true); and where working a case implies
 * reading it (every alternative of assist is one of read's), the read rule adds nothing and is left out.
 */
function scopeOf(subject: Subject): Expression<SqlBool> {
  const supervisor = subject.roles.includes('supervisor');
  const columns = supervisor ? caseRowColumns : { ...caseRowColumns, assigneeUserId: sql`${subject.userId}::uuid` };
  const mine = supervisor ? sql<SqlBool>`true` : sql<SqlBool>`c.case_manager_user_id = ${subject.userId}::uuid`;
  const read = implies(caseRules.assist, caseRules.read) ? sql<SqlBool>`true` : compileRule(caseRules.read, subject, columns);
  return sql<SqlBool>`(${mine} and ${compileRule(caseRules.assist, subject, columns)} and ${read} and ${open})`;
}

/**
 * By next deadline, the earlier of the decision due (while the case waits for one) and the end of the reflection
 * period. Read as the union of the first cases by decision due and the first by end of period: a case among the first
 * by next deadline is among the first of the stream its deadline comes from, as every case before it there is before
 * it by next deadline too.
 */
export function myCases(db: Db, subject: Subject) {
  const scope = scopeOf(subject);
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
  const scope = scopeOf(subject);
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
      where ${scopeOf(subject)} and ${waiting} and c.stage in ('reasonable_grounds_pending', 'reasonable_grounds_positive')
      order by c.decision_due_at asc, c.id limit ${capped}`,
    order: sql`due_at asc, id`,
  });
}

export function periodsEnding(db: Db, subject: Subject) {
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`c.reflection_period_end::timestamptz`, sql`false`)}
      from cases c
      where ${scopeOf(subject)} and c.reflection_period_end between current_date and current_date + 7
      order by c.reflection_period_end asc, c.id limit ${capped}`,
    order: sql`due_at asc, id`,
  });
}

/** Open cases with no action for 30 days, the oldest opened first. */
export function inactiveCases(db: Db, subject: Subject) {
  return caseList(db, subject, {
    hits: sql`select ${hitColumns(sql`null::timestamptz`, sql`true`, sql`(select max(a.occurred_at) from case_actions a where a.case_id = c.id) as last_activity_at, null::text as milestone`)}, c.opened_at
      from cases c
      where ${scopeOf(subject)} and not exists (select 1 from case_actions a where a.case_id = c.id and a.occurred_at > now() - interval '30 days')
      order by c.opened_at asc, c.id limit ${capped}`,
    order: sql`opened_at asc, id`,
  });
}

/**
 * SOP measures the user's organisation answers for, at the case's stage, past their deadline and not marked done. Read
 * per measure in order of when the case entered the stage, on which the measure's deadline depends alone.
 */
export function measuresOverdue(db: Db, subject: Subject, sop: SopDocument, shipped: ShippedTexts, candidates = measureCandidates) {
  // A title still the shipped default's goes with the measure's id, under which the web app words it in every language.
  const measures = sop.sops.flatMap((s) =>
    s.measures
      .filter((m) => m.when.deadlineDays !== undefined && isResponsibleFor(m, { id: subject.organisationId, type: subject.organisationType }))
      .map((m) => sql`(${m.when.stage}::text, ${`measure:${m.id}`}::text, ${m.title}::text, ${m.when.deadlineDays ?? 0}::int, ${asShipped(shipped, s, m).title ? m.id : null}::text)`),
  );
  if (measures.length === 0) return Promise.resolve({ items: [], total: 0 });
  const scope = scopeOf(subject);
  const values = sql`(values ${sql.join(measures)}) as m(stage, done_key, title, days, measure_key)`;
  const window = sql<SqlBool>`c.stage = m.stage
    and c.stage_entered_at < now() - make_interval(days => m.days) and c.stage_entered_at >= now() - make_interval(days => m.days) - ${missedAfter}`;
  const done = sql<SqlBool>`exists (select 1 from case_actions d where d.case_id = o.id and d.idempotency_key = o.done_key and d.idempotency_key like 'measure:%')`;
  const due = sql`c.stage_entered_at + make_interval(days => m.days)`;
  return caseList(db, subject, {
    // Each measure reads the cases that entered its stage in the window where its deadline passed in the last 30 days,
    // from the index alone (when the case entered its stage, its id); the case rows are read for the first ones only.
    // A caseworker's measures have thousands of such candidates: the first `candidates` of all measures, in
    // order of deadline, are looked up (was the measure done?) in that order until the cap is reached, which is the
    // answer when it reaches the cap or when there are no more candidates. Otherwise each measure's candidates are
    // looked up in turn, up to the cap each (every candidate of a measure below the cap).
    hits: sql`select ${hitColumns(sql`o.due`, sql`true`, sql`o.title as measure_title, o.measure_key, null::text as milestone`)}
      from (
        with candidate as materialized (
          select c.id, ${due} as due, m.done_key, m.title, m.measure_key
          from ${values} cross join lateral (
            select c.id, c.stage_entered_at from cases c where ${scope} and ${window} order by c.stage_entered_at, c.id limit ${candidates + 1}) as c
          order by due, c.id, m.title, m.done_key limit ${candidates + 1}),
        first as materialized (
          select o.* from candidate o where not ${done} order by o.due, o.id, o.title, o.done_key limit ${capped}),
        settled as (select (select count(*) from first) >= ${capped} or (select count(*) from candidate) <= ${candidates} as yes)
        select * from first where (select yes from settled)
        union all
        (select o.* from (
            select c.id, ${due} as due, m.done_key, m.title, m.measure_key
            from ${values} cross join lateral (
              select c.id, c.stage_entered_at from cases c
              where ${scope} and ${window}
                and not exists (select 1 from case_actions d where d.case_id = c.id and d.idempotency_key = m.done_key and d.idempotency_key like 'measure:%')
              order by c.stage_entered_at, c.id limit ${capped}) as c) as o
          where not (select yes from settled)
          order by o.due, o.id, o.title, o.done_key limit ${capped})
      ) as o
      join cases c on c.id = o.id`,
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
