import {
  organisationList,
  organisationView,
  type CreateOrganisationRequest,
  type OrganisationView,
  type UpdateOrganisationRequest,
} from '@palermo/contracts';
import { api } from '../../app/api';

export async function listOrganisations(): Promise<OrganisationView[]> {
  return (await api.get('/api/organisations', organisationList)).organisations;
}

export function createOrganisation(body: CreateOrganisationRequest): Promise<OrganisationView> {
  return api.post('/api/organisations', body, organisationView);
}

export function updateOrganisation(id: string, body: UpdateOrganisationRequest): Promise<OrganisationView> {
  return api.patch(`/api/organisations/${encodeURIComponent(id)}`, body, organisationView);
}
