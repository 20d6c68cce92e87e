import { sql, type Expression, type SqlBool } from 'kysely';
import type { ConsentPurpose } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { PersonRow } from '../../platform/db/schema.js';
import type { ResourceColumns } from '../../platform/access/sql-filter.js';
import type { RecordFacts } from '../../platform/access/rules.js';

/** How access conditions read a person row (aliased `p`). */
export const personColumns: ResourceColumns = {
  organisationId: sql`p.organisation_id`,
  assigneeUserId: sql`p.case_manager_user_id`,
  jurisdiction: sql`p.jurisdiction`,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`exists (select 1 from person_consents c where c.person_id = p.id and c.purpose = ${purpose} and c.status = 'given')`,
};

export function findPerson(db: Db, id: string, filter: Expression<SqlBool>): Promise<PersonRow | undefined> {
  return db.selectFrom('persons as p').selectAll('p').where('p.id', '=', id).where(filter).executeTakeFirst();
}

export async function personExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export function listPersons(db: Db, filter: Expression<SqlBool>, limit: number): Promise<PersonRow[]> {
  return db.selectFrom('persons as p').selectAll('p').where(filter).orderBy('p.created_at', 'desc').orderBy('p.id').limit(limit).execute();
}

export function consentsOf(db: Db, personId: string) {
  return db.selectFrom('person_consents').selectAll().where('person_id', '=', personId).orderBy('purpose').execute();
}

/** The facts the in-memory evaluator needs about one person (used by tests and for write checks). */
export async function personFacts(db: Db, id: string): Promise<RecordFacts | undefined> {
  const row = await db.selectFrom('persons').select(['organisation_id', 'case_manager_user_id', 'jurisdiction']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const consents = await db.selectFrom('person_consents').select('purpose').where('person_id', '=', id).where('status', '=', 'given').execute();
  return {
    organisationId: row.organisation_id,
    assigneeUserId: row.case_manager_user_id,
    jurisdiction: row.jurisdiction,
    consentsGiven: consents.map((c) => c.purpose as ConsentPurpose),
  };
}
