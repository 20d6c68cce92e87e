import { sql, type Expression, type SqlBool } from 'kysely';
import type { ConsentPurpose } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import type { ShareState } from '../../platform/access/rules.js';

/** A share's state as the field policy reads it (see ShareState), over a case_shares row aliased `s`. */
const shareInState: Record<ShareState, ReturnType<typeof sql<SqlBool>>> = {
  decision_request: sql<SqlBool>`s.revoked_at is null and s.purpose = 'identification_decision'`,
  accepted: sql<SqlBool>`s.revoked_at is null and s.purpose <> 'identification_decision'
    and exists (select 1 from referrals rs where rs.share_id = s.id and rs.accepted_at is not null)`,
  awaiting_acceptance: sql<SqlBool>`s.revoked_at is null and s.purpose <> 'identification_decision'
    and not exists (select 1 from referrals rs where rs.share_id = s.id and rs.accepted_at is not null)`,
  ended: sql<SqlBool>`s.revoked_at is not null`,
  // States of the prosecution pipeline's records: a case is never shared in them.
  prosecution_referral: sql<SqlBool>`false`,
  before_court: sql<SqlBool>`false`,
};

/** The share conditions of a case, for any table that names the case by `caseId` (SQL). */
export function caseShareColumns(caseId: Expression<unknown>): Pick<ResourceColumns, 'sharedWith' | 'sharedInState' | 'sharedFields'> {
  return {
    sharedWith: (organisationId: string) =>
      sql<SqlBool>`exists (select 1 from case_shares s where s.case_id = ${caseId} and s.organisation_id = ${organisationId}::uuid and s.revoked_at is null)`,
    sharedInState: (organisationId: string, state: ShareState) =>
      sql<SqlBool>`exists (select 1 from case_shares s where s.case_id = ${caseId} and s.organisation_id = ${organisationId}::uuid and ${shareInState[state]})`,
    sharedFields: (organisationId: string) =>
      sql<string[]>`array(select distinct f.field from case_shares s cross join unnest(s.person_fields) as f(field)
                           where s.case_id = ${caseId} and s.organisation_id = ${organisationId}::uuid and s.revoked_at is null)`,
  };
}

/** How access conditions read a case row (aliased `c`, with its person `p`). */
export const caseColumns: ResourceColumns = {
  organisationId: sql`c.managing_organisation_id`,
  assigneeUserId: sql`c.case_manager_user_id`,
  jurisdiction: sql`p.jurisdiction`,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`exists (select 1 from person_consents pc where pc.person_id = c.person_id and pc.purpose = ${purpose} and pc.status = 'given')`,
  ...caseShareColumns(sql`c.id`),
};

/** A decision is overdue when its due date has passed and the case still waits for it. */
const overdue = sql<boolean>`c.decision_due_at is not null and c.decision_due_at < now() and c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive')`;

export function selectCases(db: Db) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select([
      'p.is_child',
      'p.gender',
      'p.citizenships',
      'p.jurisdiction',
      sql<string | null>`c.reflection_period_start::text`.as('reflection_start'),
      sql<string | null>`c.reflection_period_end::text`.as('reflection_end'),
      overdue.as('overdue'),
    ]);
}

/**
 * How access conditions read a case row (aliased `c`) in lists and counts over many cases: without the person joined
 * (the jurisdiction, which only law enforcement's condition reads, is looked up for the rows it is asked about), and
 * with the caller's organisation's shares read once per statement instead of once per case.
 */
export const caseListColumns: ResourceColumns = {
  ...caseColumns,
  jurisdiction: sql`(select pj.jurisdiction from persons pj where pj.id = c.person_id)`,
  // The organisation's shares as a set computed once per statement (a hashed subplan), not probed case by case.
  sharedWith: (organisationId: string) =>
    sql<SqlBool>`c.id in (select s.case_id from case_shares s where s.organisation_id = ${organisationId}::uuid and s.revoked_at is null)`,
  sharedInState: (organisationId: string, state: ShareState) =>
    sql<SqlBool>`c.id in (select s.case_id from case_shares s where s.organisation_id = ${organisationId}::uuid and ${shareInState[state]})`,
};

/** The worklist's columns only (no person column is read; access conditions read it through caseListColumns). */
export function selectCaseSummaries(db: Db) {
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.reference', 'c.status', 'c.stage', 'c.trafficking_status', 'c.managing_organisation_id', 'c.decision_due_at', 'c.opened_at', overdue.as('overdue')]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirstOrThrow']>>;

export function findCase(db: Db, id: string, filter: Expression<SqlBool>): Promise<CaseRow | undefined> {
  return selectCases(db).where('c.id', '=', id).where(filter).executeTakeFirst();
}

export async function caseExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Is there consent in force, now, to refer this person to this organisation? */
export async function referralConsentGiven(db: Db, personId: string, organisationId: string): Promise<{ id: string } | undefined> {
  const latest = await db
    .selectFrom('consent_events')
    .select(['id', 'status'])
    .where('person_id', '=', personId)
    .where('purpose', '=', 'referral')
    .where('target_organisation_id', '=', organisationId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.status === 'given' ? { id: latest.id } : undefined;
}
