import { userList, userView, type CreateUserRequest, type UpdateUserRequest, type UserView } from '@palermo/contracts';
import { api, withQuery } from '../../app/api';

export async function listUsers(organisationId?: string): Promise<UserView[]> {
  return (await api.get(withQuery('/api/users', { organisationId }), userList)).users;
}

export function createUser(body: CreateUserRequest): Promise<UserView> {
  return api.post('/api/users', body, userView);
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserView> {
  return api.patch(`/api/users/${encodeURIComponent(id)}`, body, userView);
}
