import { sql, type Expression, type SqlBool } from 'kysely';
import type { ConsentPurpose } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import type { RecordFacts } from '../../platform/access/rules.js';

/** How access conditions read a case row (aliased `c`, with its person `p`). */
export const caseColumns: ResourceColumns = {
  organisationId: sql`c.managing_organisation_id`,
  assigneeUserId: sql`c.case_manager_user_id`,
  jurisdiction: sql`p.jurisdiction`,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`exists (select 1 from person_consents pc where pc.person_id = c.person_id and pc.purpose = ${purpose} and pc.status = 'given')`,
  sharedWith: (organisationId: string) =>
    sql<SqlBool>`exists (select 1 from case_shares s where s.case_id = c.id and s.organisation_id = ${organisationId}::uuid and s.revoked_at is null)`,
};

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
      sql<boolean>`c.decision_due_at is not null and c.decision_due_at < now() and c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive')`.as('overdue'),
    ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirstOrThrow']>>;

export function findCase(db: Db, id: string, filter: Expression<SqlBool>): Promise<CaseRow | undefined> {
  return selectCases(db).where('c.id', '=', id).where(filter).executeTakeFirst();
}

export async function caseExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The facts the in-memory rule evaluator reads about one case. */
export async function caseFacts(db: Db, row: CaseRow): Promise<RecordFacts> {
  const [consents, shares] = await Promise.all([
    db.selectFrom('person_consents').select('purpose').where('person_id', '=', row.person_id).where('status', '=', 'given').execute(),
    db.selectFrom('case_shares').select('organisation_id').where('case_id', '=', row.id).where('revoked_at', 'is', null).execute(),
  ]);
  return {
    organisationId: row.managing_organisation_id,
    assigneeUserId: row.case_manager_user_id,
    jurisdiction: row.jurisdiction,
    consentsGiven: consents.map((c) => c.purpose as ConsentPurpose),
    sharedWith: shares.map((s) => s.organisation_id),
  };
}

export function sharedFieldsFor(db: Db, caseId: string, organisationId: string) {
  return db
    .selectFrom('case_shares')
    .select('person_fields')
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function timelineOf(db: Db, caseId: string, onlyOrganisationId?: string) {
  let query = db
    .selectFrom('case_actions as a')
    .innerJoin('users as u', 'u.id', 'a.actor_user_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.action', 'a.summary', 'a.occurred_at', 'u.display_name', 'o.name as organisation_name'])
    .where('a.case_id', '=', caseId);
  if (onlyOrganisationId) query = query.where('a.organisation_id', '=', onlyOrganisationId);
  return query.orderBy('a.occurred_at').orderBy('a.id').execute();
}

export function currentConsents(db: Db, personId: string) {
  return sql<{ purpose: string; target_organisation_id: string | null; status: string; recorded_at: Date }>`
    select distinct on (purpose, target_organisation_id) purpose, target_organisation_id, status, recorded_at
    from consent_events where person_id = ${personId}
    order by purpose, target_organisation_id, recorded_at desc, id`.execute(db);
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
