import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';

const userColumns = [
  'u.id',
  'u.organisation_id',
  'o.name as organisation_name',
  'u.display_name',
  'u.email',
  'u.roles',
  'u.active',
  'u.locked',
  'u.totp_enrolled_at',
  'u.created_at',
] as const;

function selectUsers(db: Db) {
  return db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(userColumns);
}

export type UserListRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

export function listUsers(db: Db, filter: Expression<SqlBool>, organisationId?: string): Promise<UserListRow[]> {
  let query = selectUsers(db).where(filter);
  if (organisationId) query = query.where('u.organisation_id', '=', organisationId);
  return query.orderBy('o.name').orderBy('u.display_name').execute();
}

export function findUser(db: Db, id: string, filter?: Expression<SqlBool>): Promise<UserListRow | undefined> {
  let query = selectUsers(db).where('u.id', '=', id);
  if (filter) query = query.where(filter);
  return query.executeTakeFirst();
}

export function emailTaken(db: Db, email: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
}
