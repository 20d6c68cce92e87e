import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  nationallyGrantedRoles,
  requiresTwoFactor,
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

export function present(row: repo.UserListRow): UserView {
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

/**
 * A user the subject may administer: in an organisation the rule lets her manage (another organisation's users are
 * not found), and, for an organisation administrator, not holding a role only a national administrator grants.
 */
export async function manageableUser(db: Db, subject: Subject, id: string): Promise<repo.UserListRow> {
  const user = await repo.findUser(db, id, visibleUsers(subject));
  if (!user) throw notFound('User');
  if (!subject.roles.includes('national_admin') && user.roles.some((role) => nationallyGrantedRoles.includes(role as Role))) {
    throw forbidden('Only a national administrator can manage an account holding a national role');
  }
  return user;
}

/** Is there another active, unlocked national administrator who can sign in with two factors? */
export async function anotherNationalAdministrator(db: Db, exceptUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '!=', exceptUserId)
    .where('active', '=', true)
    .where('locked', '=', false)
    .where('totp_enrolled_at', 'is not', null)
    .where(({ eb, val }) => eb(val('national_admin'), '=', eb.fn.any('roles')))
    .executeTakeFirst();
  return row !== undefined;
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
  const existing = await manageableUser(tx, subject, id);
  const organisation = await findOrganisation(tx, existing.organisation_id);
  if (!organisation) throw notFound('Organisation');
  const self = id === subject.userId;
  if (self && changes.active === false) throw badRequest('active', 'you cannot deactivate your own account');
  const newRoles = changes.roles ? [...new Set(changes.roles)] : undefined;
  if (newRoles) {
    checkRoles(subject, newRoles, organisation.type as OrganisationType);
    if (self && existing.roles.includes('national_admin') && !newRoles.includes('national_admin') && !(await anotherNationalAdministrator(tx, id))) {
      throw badRequest('roles', 'you are the last national administrator: name another one before giving up the role');
    }
    if (self && existing.roles.includes('organisation_admin') && !newRoles.includes('organisation_admin') && !newRoles.includes('national_admin')) {
      throw badRequest('roles', 'you cannot remove your own administrator role; another administrator can');
    }
  }
  if (changes.active === true && !existing.active && !organisation.active) {
    throw badRequest('active', 'the organisation is deactivated: reactivate the organisation first');
  }
  if (changes.email !== undefined && changes.email !== existing.email && (await repo.emailTaken(tx, changes.email))) {
    throw new HttpError(409, 'conflict', 'email: a user with this e-mail address already exists', [
      { field: 'email', problem: 'a user with this e-mail address already exists' },
    ]);
  }
  const rolesChanged = newRoles !== undefined && (newRoles.length !== existing.roles.length || newRoles.some((r) => !existing.roles.includes(r)));
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (changes.displayName !== undefined) set['display_name'] = changes.displayName;
  if (changes.email !== undefined) set['email'] = changes.email;
  if (newRoles !== undefined) set['roles'] = newRoles;
  if (changes.active !== undefined) set['active'] = changes.active;
  // A deactivated account keeps no way back in: a reset code issued before does not outlive the deactivation.
  if (changes.active === false) Object.assign(set, { password_reset_hash: null, password_reset_expires_at: null, password_reset_issued_by: null });
  if (changes.unlock) Object.assign(set, { locked: false, locked_until: null, failed_sign_ins: 0 });
  await tx.updateTable('users').set(set).where('id', '=', id).execute();
  forgetCachedSessions({ userId: id });
  const deactivated = changes.active === false && existing.active;
  // A user whose roles change or who is deactivated is signed out everywhere: every server process stops reusing her
  // sessions before this transaction commits (revocation.ts), and they are deleted with it.
  const ended = rolesChanged || deactivated ? await deleteUserSessions(tx, id) : 0;
  const about = { recordType: 'user', recordId: id, purpose: 'administration' } as const;
  const edited = (['displayName', 'email'] as const).filter(
    (field) => changes[field] !== undefined && changes[field] !== (field === 'email' ? existing.email : existing.display_name),
  );
  if (edited.length > 0) await appendAudit(tx, actor, { action: 'user.update', ...about, summary: `changed: ${edited.join(', ')}` });
  if (rolesChanged) {
    const twoFactor = requiresTwoFactor(newRoles) && existing.totp_enrolled_at === null ? '; two factors to be set up at next sign-in' : '';
    await appendAudit(tx, actor, {
      action: 'user.roles_change',
      ...about,
      summary: `roles ${existing.roles.join(', ')} -> ${newRoles.join(', ')}; ${ended} sessions ended${twoFactor}`,
    });
  }
  if (changes.active !== undefined && changes.active !== existing.active) {
    await appendAudit(tx, actor, {
      action: changes.active ? 'user.reactivate' : 'user.deactivate',
      ...about,
      summary: changes.active ? 'account reactivated' : `account deactivated; ${ended} sessions ended`,
    });
  }
  if (changes.unlock) {
    await appendAudit(tx, actor, { action: 'user.unlock', ...about, summary: existing.locked ? 'account unlocked; failed attempts cleared' : 'failed attempts cleared' });
  }
  const updated = await repo.findUser(tx, id);
  if (!updated) throw notFound('User');
  return present(updated);
}
