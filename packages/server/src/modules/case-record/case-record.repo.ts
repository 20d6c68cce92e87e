import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields } from '../../platform/access/field-policy.js';
import { assistancePlanFieldPolicy, caseRecordFieldPolicy } from './case-record.fields.js';
import { caseColumns, selectCases, type CaseRow } from '../case/case.repo.js';
import { followUpMilestones, followUpWindows, type CaseRecordKind, type FollowUpMilestone } from './case-record.contracts.js';
import { caseRecordColumns, caseRecordRules } from './case-record.policy.js';
import { caseRecordDb } from './case-record.tables.js';

/** The case, if this user may read its records (the rule compiled to SQL). */
export function findReadableCase(db: Db, subject: Subject, caseId: string): Promise<ReadableCase | undefined> {
  return selectCases(db)
    .select([
      sql<string[]>`${compileVisibleFields(caseRecordFieldPolicy, subject, caseColumns)}`.as('record_fields'),
      sql<string[]>`${compileVisibleFields(assistancePlanFieldPolicy, subject, caseColumns)}`.as('plan_fields'),
    ])
    .where('c.id', '=', caseId)
    .where(compileRule(caseRecordRules.read, subject, caseColumns))
    .executeTakeFirst();
}

/** A case whose records the user may read, with the fields the field policies show them of its records and plan. */
export interface ReadableCase extends CaseRow {
  readonly record_fields: string[];
  readonly plan_fields: string[];
}

/** Which records of a readable case this user sees: those visible to the case, and their own organisation's notes. */
export function visibleToSubject(subject: Subject): Expression<SqlBool> {
  return sql<SqlBool>`(r.visibility = 'case' or ${compileRule(caseRecordRules.readAuthorOrganisationRecord, subject, caseRecordColumns)})`;
}

export interface NewCaseRecord {
  readonly id: string;
  readonly caseId: string;
  readonly kind: CaseRecordKind;
  readonly data: unknown;
  readonly notes: Buffer | null;
  readonly authorUserId: string;
  readonly organisationId: string;
  readonly visibility: string;
  readonly supersedesId: string | null;
}

export async function insertRecord(db: Db, record: NewCaseRecord): Promise<void> {
  await caseRecordDb(db)
    .insertInto('case_records')
    .values({
      id: record.id,
      case_id: record.caseId,
      kind: record.kind,
      data: JSON.stringify(record.data),
      notes: record.notes,
      author_user_id: record.authorUserId,
      organisation_id: record.organisationId,
      visibility: record.visibility,
      supersedes_id: record.supersedesId,
    })
    .execute();
}

export function findRecord(db: Db, id: string) {
  return caseRecordDb(db).selectFrom('case_records').select(['id', 'case_id', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** A record this user may see, with whether it was already corrected (for a correction). */
export function findVisibleRecord(db: Db, subject: Subject, caseId: string, id: string) {
  return caseRecordDb(db)
    .selectFrom('case_records as r')
    .select(['r.id', 'r.kind'])
    .select(sql<boolean>`exists (select 1 from case_records x where x.supersedes_id = r.id)`.as('superseded'))
    .where('r.id', '=', id)
    .where('r.case_id', '=', caseId)
    .where(visibleToSubject(subject))
    .executeTakeFirst();
}

export interface RecordQuery {
  readonly kinds?: readonly CaseRecordKind[] | undefined;
  readonly includeSuperseded: boolean;
}

/** The records of a case this user may see, oldest first, with author and organisation names. */
export function visibleRecords(db: Db, subject: Subject, caseId: string, query: RecordQuery) {
  let q = caseRecordDb(db)
    .selectFrom('case_records as r')
    .innerJoin('users as u', 'u.id', 'r.author_user_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.id', 'r.case_id', 'r.kind', 'r.data', 'r.notes', 'r.visibility', 'r.author_user_id', 'r.organisation_id', 'r.created_at', 'r.supersedes_id'])
    .select(['u.display_name as author_name', 'o.name as organisation_name'])
    .select(sql<string | null>`(select x.id from case_records x where x.supersedes_id = r.id)`.as('superseded_by_id'))
    .where('r.case_id', '=', caseId)
    .where(visibleToSubject(subject));
  if (query.kinds) q = q.where('r.kind', 'in', [...query.kinds]);
  if (!query.includeSuperseded) q = q.where(sql<SqlBool>`not exists (select 1 from case_records x where x.supersedes_id = r.id)`);
  return q.orderBy('r.created_at').orderBy('r.id').execute();
}

export type VisibleRecordRow = Awaited<ReturnType<typeof visibleRecords>>[number];

/**
 * The current (not superseded) records of one kind, newest first, whoever wrote them: the platform's own checks (a
 * best-interests assessment before a return) read them, not a user.
 */
export function currentRecordsOfKind(db: Db, caseId: string, kind: CaseRecordKind) {
  return caseRecordDb(db)
    .selectFrom('case_records as r')
    .select(['r.id', 'r.data', 'r.created_at'])
    .where('r.case_id', '=', caseId)
    .where('r.kind', '=', kind)
    .where(sql<SqlBool>`not exists (select 1 from case_records x where x.supersedes_id = r.id)`)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** When each follow-up falls due, counted in SQL from the day the case was opened, and where today stands. */
export async function followUpSchedule(db: Db, caseId: string) {
  const windows = sql.join(
    followUpMilestones.map(
      (m, i) => sql`(${m}::text, ${i}::int, ${followUpWindows[m].from}::interval, ${followUpWindows[m].by}::interval)`,
    ),
  );
  const result = await sql<{ milestone: FollowUpMilestone; due_from: string; due_by: string; opened_on: string; started: boolean; overdue: boolean }>`
    select w.milestone,
      (c.opened_at::date + w.from_offset)::date::text as due_from,
      (c.opened_at::date + w.by_offset)::date::text as due_by,
      c.opened_at::date::text as opened_on,
      current_date >= (c.opened_at::date + w.from_offset)::date as started,
      current_date > (c.opened_at::date + w.by_offset)::date as overdue
    from cases c cross join (values ${windows}) as w(milestone, position, from_offset, by_offset)
    where c.id = ${caseId}::uuid
    order by w.position`.execute(db);
  return result.rows;
}

/** Which of these dates (keyed by field) lie after tomorrow on the database's calendar (a day's grace for time zones). */
export async function datesInFuture(db: Db, dates: ReadonlyArray<readonly [string, string]>): Promise<string[]> {
  if (dates.length === 0) return [];
  const values = sql.join(dates.map(([field, date]) => sql`(${field}::text, ${date}::date)`));
  const result = await sql<{ field: string }>`select v.field from (values ${values}) as v(field, d) where v.d > current_date + 1`.execute(db);
  return result.rows.map((r) => r.field);
}

/** The user, if they are an active caseworker of this organisation (who may become a case manager). */
export function activeCaseworkerOf(db: Db, userId: string, organisationId: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .where(sql<SqlBool>`'caseworker' = any(roles)`)
    .executeTakeFirst();
}

export function activeOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'name']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

export async function organisationName(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? 'unknown organisation';
}
