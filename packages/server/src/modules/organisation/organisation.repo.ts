import { forgetCachedSessions } from '../../platform/auth/sessions.js';
import { revokeEverywhere } from '../../platform/auth/revocation.js';
import type { Db } from '../../platform/db/database.js';
import type { OrganisationRow } from '../../platform/db/schema.js';

export function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}

export function findOrganisation(db: Db, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationByName(db: Db, name: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertOrganisation(
  db: Db,
  row: { id: string; name: string; type: string; jurisdictions: string[] },
): Promise<OrganisationRow> {
  return db.insertInto('organisations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganisation(
  db: Db,
  id: string,
  changes: { name?: string; active?: boolean; jurisdictions?: string[] },
): Promise<OrganisationRow | undefined> {
  // Sessions carry the organisation's name, jurisdictions and state: every server process reads them again.
  forgetCachedSessions();
  await revokeEverywhere({ all: true });
  return db
    .updateTable('organisations')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
