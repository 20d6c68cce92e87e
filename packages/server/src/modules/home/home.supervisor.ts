import { sql, type SqlBool } from 'kysely';
import { homeListLimit, homeTotalCap, type ApprovalKind, type CaseFlag, type CaseStage, type HomeCaseItem } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';
import { caseRules } from '../case/case.policy.js';
import { caseColumns, caseListColumns } from '../case/case.repo.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import { caseRecordRules } from '../case-record/case-record.policy.js';
import { approvalColumns, supervisionRules } from '../supervision/supervision.policy.js';

/**
 * A supervisor's own lists: the approvals waiting in her organisation, her team (each caseworker's open cases and the
 * overdue among them) and the organisation's open cases without a case manager. As the other home lists
 * (home.cases.ts), each walks an index in its own order and stops at its cap (migration 0040: approvals waiting by
 * organisation and time asked, unassigned open cases by organisation and opening; a caseworker's open and waiting
 * cases by the 0030 and 0039 indexes); totals are counted up to homeTotalCap + 1.
 */
const capped = homeTotalCap + 1;
const caseRowColumns = { ...caseColumns, jurisdiction: caseListColumns.jurisdiction };
const waiting = sql<SqlBool>`(c.decision_due_at is not null and c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive'))`;
const open = sql<SqlBool>`c.status in ('Active', 'FollowUp')`;
const iso = (value: Date | string) => new Date(value).toISOString();

/** Plans and closures waiting in the supervisor's organisation, the longest waiting first, on cases she may read. */
export async function approvalsWaiting(db: Db, subject: Subject) {
  const { rows } = await sql<{ id: string; case_id: string; reference: string; kind: string; requested_by: string; requested_at: Date | string; total: string }>`
    with hit as (
      select a.id, a.case_id, a.kind, a.requested_by, a.requested_at
      from case_approvals a join cases c on c.id = a.case_id
      where a.organisation_id = ${subject.organisationId}::uuid and a.status = 'awaiting'
        and ${compileRule(supervisionRules.supervise, subject, approvalColumns)}
        and ${compileRule(caseRecordRules.read, subject, caseRowColumns)}
      order by a.requested_at, a.id limit ${capped})
    select hit.id, hit.case_id, c.reference, hit.kind, u.display_name as requested_by, hit.requested_at, (select count(*) from hit) as total
    from hit join cases c on c.id = hit.case_id join users u on u.id = hit.requested_by
    order by hit.requested_at, hit.id limit ${homeListLimit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({ id: r.id, caseId: r.case_id, caseReference: r.reference, kind: r.kind as ApprovalKind, requestedBy: r.requested_by, requestedAt: iso(r.requested_at) })),
  };
}

/** How many approvals wait for the supervisor (the navigation's count: no personal data read). */
export async function approvalsWaitingCount(db: Db, subject: Subject): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from (
      select 1 from case_approvals a
      where a.organisation_id = ${subject.organisationId}::uuid and a.status = 'awaiting' and ${compileRule(supervisionRules.supervise, subject, approvalColumns)}
      limit ${capped}) as waiting`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The supervisor's team: each active caseworker of her organisation, with her open cases of the organisation and the
 * overdue decisions among them (each counted up to the cap), the most overdue first.
 */
export async function team(db: Db, subject: Subject) {
  const assist = compileRule(caseRules.assist, subject, caseRowColumns);
  const { rows } = await sql<{ id: string; display_name: string; open_cases: string; overdue: string }>`
    select u.id, u.display_name,
      (select count(*) from (select 1 from cases c where c.case_manager_user_id = u.id and ${open} and ${assist} limit ${capped}) as o) as open_cases,
      (select count(*) from (select 1 from cases c where c.case_manager_user_id = u.id and ${open} and ${waiting} and c.decision_due_at < now() and ${assist} limit ${capped}) as d) as overdue
    from users u
    where u.organisation_id = ${subject.organisationId}::uuid and u.active and 'caseworker' = any(u.roles)
    order by u.display_name, u.id`.execute(db);
  const members = rows.map((r) => ({ userId: r.id, displayName: r.display_name, openCases: Number(r.open_cases), overdue: Number(r.overdue) }));
  return { members: members.sort((a, b) => b.overdue - a.overdue || b.openCases - a.openCases || a.displayName.localeCompare(b.displayName)) };
}

interface UnassignedRow {
  readonly id: string;
  readonly reference: string;
  readonly stage: string;
  readonly opened_at: Date | string;
  readonly is_child: boolean;
  readonly awaiting: boolean;
  readonly visible_fields: string[];
  readonly total: string;
}

/** The organisation's open cases that no caseworker manages, the oldest first (each one click from its case page). */
export async function unassignedCases(db: Db, subject: Subject): Promise<{ items: HomeCaseItem[]; total: number }> {
  const { rows } = await sql<UnassignedRow>`
    with hit as (
      select c.id, c.opened_at from cases c
      where c.managing_organisation_id = ${subject.organisationId}::uuid and c.case_manager_user_id is null and ${open}
        and ${compileRule(caseRules.assist, subject, caseRowColumns)} and ${compileRule(caseRules.read, subject, caseRowColumns)}
      order by c.opened_at, c.id limit ${capped})
    select c.id, c.reference, c.stage, c.opened_at, p.is_child, ${waiting} as awaiting, (select count(*) from hit) as total,
      ${compileVisibleFields(caseFieldPolicy, subject, caseRowColumns)} as visible_fields
    from (select * from hit order by opened_at, id limit ${homeListLimit}) as page
      join cases c on c.id = page.id join persons p on p.id = c.person_id
    order by c.opened_at, c.id`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), items: rows.map(presentUnassigned) };
}

function presentUnassigned(row: UnassignedRow): HomeCaseItem {
  const visible = new Set(row.visible_fields);
  const flags: CaseFlag[] = [];
  if (visible.has('person.isChild') && row.is_child) flags.push('child');
  if (visible.has('stage') && row.awaiting) flags.push('awaiting_decision');
  const item = { id: row.id, reference: row.reference, ...(visible.has('stage') ? { stage: row.stage as CaseStage } : {}), dueAt: null, overdue: false, flags };
  return { ...item, ...presentFields(item, new Set([...visible, 'dueAt', 'overdue', 'flags'])) } as HomeCaseItem;
}
