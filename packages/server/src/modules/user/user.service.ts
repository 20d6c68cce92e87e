import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  nationallyGrantedRoles,
  roleAllowedIn,
  type CreateUserRequest,
  type OrganisationType,
  type Role,
  type UpdateUserRequest,
  type UserView,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { deleteUserSessions, forgetCachedSessions } from '../../platform/auth/sessions.js';
import { HttpError, badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { findOrganisation } from '../organisation/organisation.repo.js';
import { userRules } from './user.policy.js';
import * as repo from './user.repo.js';

function present(row: repo.UserListRow): UserView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles as Role[],
    active: row.active,
    locked: row.locked,
    twoFactorEnrolled: row.totp_enrolled_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}

const visibleUsers = (subject: Subject) => compileRule(userRules.manage, subject, { organisationId: sql`u.organisation_id` });

export async function listUsers(db: Db, subject: Subject, organisationId?: string): Promise<UserView[]> {
  return (await repo.listUsers(db, visibleUsers(subject), organisationId)).map(present);
}

function checkRoles(subject: Subject, roles: readonly Role[], organisationType: OrganisationType): void {
  for (const role of roles) {
    if (!roleAllowedIn(role, organisationType)) {
      throw badRequest('roles', `${role} cannot be held in an organisation of type ${organisationType}`);
    }
    if (nationallyGrantedRoles.includes(role) && !subject.roles.includes('national_admin')) {
      throw badRequest('roles', `only a national administrator can grant ${role}`);
    }
  }
}

export async function createUser(
  tx: Db,
  subject: Subject,
  actor: Actor,
  input: Omit<CreateUserRequest, 'email'> & { email: string },
): Promise<UserView> {
  const organisation = await findOrganisation(tx, input.organisationId);
  if (!organisation) throw badRequest('organisationId', 'no such organisation');
  if (!allows(userRules.manage, subject, { organisationId: organisation.id, assigneeUserId: null, jurisdiction: null, consentsGiven: [] })) {
    throw forbidden('You can only create users in your own organisation');
  }
  if (!organisation.active) throw badRequest('organisationId', 'the organisation is deactivated');
  const roles = [...new Set(input.roles)];
  checkRoles(subject, roles, organisation.type as OrganisationType);
  if (await repo.emailTaken(tx, input.email)) {
    throw new HttpError(409, 'conflict', 'email: a user with this e-mail address already exists', [
      { field: 'email', problem: 'a user with this e-mail address already exists' },
    ]);
  }
  const id = randomUUID();
  await tx
    .insertInto('users')
    .values({
      id,
      organisation_id: organisation.id,
      display_name: input.displayName,
      email: input.email,
      password_hash: await hashPassword(input.password),
      roles,
    })
    .execute();
  await appendAudit(tx, actor, {
    action: 'user.create',
    recordType: 'user',
    recordId: id,
    purpose: 'administration',
    summary: `user created with roles ${roles.join(', ')}`,
  });
  const created = await repo.findUser(tx, id);
  if (!created) throw new Error('created user not found');
  return present(created);
}

export async function updateUser(tx: Db, subject: Subject, actor: Actor, id: string, changes: UpdateUserRequest): Promise<UserView> {
  const existing = await repo.findUser(tx, id, visibleUsers(subject));
  if (!existing) throw notFound('User');
  const organisation = await findOrganisation(tx, existing.organisation_id);
  if (!organisation) throw notFound('Organisation');
  if (id === subject.userId && (changes.active === false || (changes.roles && !changes.roles.includes('national_admin') && subject.roles.includes('national_admin')))) {
    throw badRequest(changes.active === false ? 'active' : 'roles', 'you cannot deactivate yourself or remove your own administrator role');
  }
  if (changes.roles) checkRoles(subject, changes.roles, organisation.type as OrganisationType);
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (changes.displayName !== undefined) set['display_name'] = changes.displayName;
  if (changes.roles !== undefined) set['roles'] = [...new Set(changes.roles)];
  if (changes.active !== undefined) set['active'] = changes.active;
  if (changes.unlock) Object.assign(set, { locked: false, locked_until: null, failed_sign_ins: 0 });
  await tx.updateTable('users').set(set).where('id', '=', id).execute();
  forgetCachedSessions({ userId: id });
  const endsSessions = changes.active === false || changes.roles !== undefined;
  if (endsSessions) await deleteUserSessions(tx, id);
  await appendAudit(tx, actor, {
    action: changes.unlock ? 'user.unlock' : 'user.update',
    recordType: 'user',
    recordId: id,
    purpose: 'administration',
    summary: `changed: ${Object.keys(changes).join(', ') || 'nothing'}${endsSessions ? '; sessions ended' : ''}`,
  });
  const updated = await repo.findUser(tx, id);
  if (!updated) throw notFound('User');
  return present(updated);
}
