import { z } from 'zod';
import { roles } from '../vocabularies/roles.js';
import { displayName, email, isoDateTime, password, uuid } from './common.js';

export const role = z.enum(roles);

export const createUserRequest = z.object({
  organisationId: uuid,
  displayName,
  email,
  /** The initial password, given to the user out of band. */
  password,
  roles: z.array(role).min(1, 'must name at least one role').max(roles.length),
});
export type CreateUserRequest = z.input<typeof createUserRequest>;

export const updateUserRequest = z.object({
  displayName: displayName.optional(),
  roles: z.array(role).min(1, 'must name at least one role').max(roles.length).optional(),
  active: z.boolean().optional(),
  /** Clears a lock caused by repeated failed sign-ins. */
  unlock: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const userView = z.object({
  id: uuid,
  organisationId: uuid,
  organisationName: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(role),
  active: z.boolean(),
  locked: z.boolean(),
  twoFactorEnrolled: z.boolean(),
  createdAt: isoDateTime,
});
export type UserView = z.infer<typeof userView>;

export const userList = z.object({ users: z.array(userView) });
export const userListQuery = z.object({ organisationId: uuid.optional() });
