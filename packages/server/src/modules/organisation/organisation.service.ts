import { randomUUID } from 'node:crypto';
import {
  organisationTypeToHtcds,
  type CreateOrganisationRequest,
  type OrganisationType,
  type OrganisationView,
  type UpdateOrganisationRequest,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { OrganisationRow } from '../../platform/db/schema.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, notFound } from '../../platform/http/errors.js';
import * as repo from './organisation.repo.js';

export function presentOrganisation(row: OrganisationRow): OrganisationView {
  const type = row.type as OrganisationType;
  return {
    id: row.id,
    name: row.name,
    type,
    htcdsOrgType: organisationTypeToHtcds[type],
    jurisdictions: row.jurisdictions,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listOrganisations(db: Db): Promise<OrganisationView[]> {
  return (await repo.listOrganisations(db)).map(presentOrganisation);
}

export async function createOrganisation(
  tx: Db,
  actor: Actor,
  input: Required<Pick<CreateOrganisationRequest, 'name' | 'type'>> & { jurisdictions: string[] },
): Promise<OrganisationView> {
  if (await repo.findOrganisationByName(tx, input.name)) {
    throw new HttpError(409, 'conflict', 'name: an organisation with this name already exists', [
      { field: 'name', problem: 'an organisation with this name already exists' },
    ]);
  }
  const row = await repo.insertOrganisation(tx, { id: randomUUID(), ...input });
  await appendAudit(tx, actor, {
    action: 'organisation.create',
    recordType: 'organisation',
    recordId: row.id,
    purpose: 'administration',
    summary: `organisation of type ${row.type} created`,
  });
  return presentOrganisation(row);
}

export async function updateOrganisation(
  tx: Db,
  actor: Actor,
  id: string,
  changes: UpdateOrganisationRequest,
): Promise<OrganisationView> {
  const sameName = changes.name ? await repo.findOrganisationByName(tx, changes.name) : undefined;
  if (sameName && sameName.id !== id) {
    throw new HttpError(409, 'conflict', 'name: an organisation with this name already exists', [
      { field: 'name', problem: 'an organisation with this name already exists' },
    ]);
  }
  const row = await repo.updateOrganisation(tx, id, changes);
  if (!row) throw notFound('Organisation');
  await appendAudit(tx, actor, {
    action: 'organisation.update',
    recordType: 'organisation',
    recordId: id,
    purpose: 'administration',
    summary: `changed: ${Object.keys(changes).join(', ') || 'nothing'}`,
  });
  return presentOrganisation(row);
}
