import { randomUUID } from 'node:crypto';
import type { OrganisationType } from '@palermo/contracts';
import type {
  CreateDirectoryEntry,
  DirectoryEntryView,
  DirectoryFilterQuery,
  DirectoryList,
  ProtectionService,
  SopNumber,
  UpdateDirectoryEntry,
} from './directory.contracts.js';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { findOrganisation } from '../organisation/organisation.repo.js';
import { directoryRules } from './directory.policy.js';
import { isStale, staleCutoff, type StalenessPolicy } from './directory.staleness.js';
import * as repo from './directory.repo.js';

export function presentEntry(row: repo.DirectoryEntryListRow, policy: StalenessPolicy): DirectoryEntryView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationType: row.organisation_type as OrganisationType,
    deskName: row.desk_name,
    sops: row.sops as SopNumber[],
    services: row.services as ProtectionService[],
    phone: row.phone,
    email: row.email,
    address: row.address,
    hours: row.hours,
    languages: row.languages,
    active: row.active,
    lastVerifiedAt: row.last_verified_at.toISOString(),
    verifiedBy: row.verified_by === null ? null : { userId: row.verified_by, name: row.verified_by_name ?? '' },
    stale: isStale(row.last_verified_at, policy),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listDirectory(db: Db, query: DirectoryFilterQuery, policy: StalenessPolicy): Promise<DirectoryList> {
  const rows = await repo.listEntries(db, {
    service: query.service,
    sop: query.sop,
    organisationType: query.organisationType,
    organisationId: query.organisationId,
    verified: query.stale === undefined ? undefined : { cutoff: staleCutoff(policy), stale: query.stale === 'true' },
    includeInactive: query.includeInactive === 'true',
  });
  return { entries: rows.map((row) => presentEntry(row, policy)), staleAfterDays: policy.staleAfterDays };
}

const editable = (subject: Subject) => compileRule(directoryRules.manage, subject, { organisationId: repo.entryOrganisation });

/** An entry the subject may edit; 404 when there is none, 403 when it exists (everyone can read it) but is not theirs. */
async function findEditable(tx: Db, subject: Subject, id: string): Promise<repo.DirectoryEntryListRow> {
  const row = await repo.findEntry(tx, id, editable(subject));
  if (row) return row;
  if (await repo.findEntry(tx, id)) throw forbidden("You can only edit your own organisation's directory entries");
  throw notFound('Directory entry');
}

function checkHasContact(values: repo.EntryValues): void {
  if (values.phone === null && values.email === null && values.address === null) {
    throw badRequest('phone', 'give at least one way to reach the desk: a phone number, an e-mail address or an address');
  }
}

async function checkDeskNameFree(tx: Db, organisationId: string, deskName: string, exceptId?: string): Promise<void> {
  if (await repo.deskNameTaken(tx, organisationId, deskName, exceptId)) {
    throw new HttpError(409, 'conflict', 'deskName: this organisation already has a desk with this name', [
      { field: 'deskName', problem: 'this organisation already has a desk with this name' },
    ]);
  }
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

async function reread(tx: Db, id: string, policy: StalenessPolicy): Promise<DirectoryEntryView> {
  const row = await repo.findEntry(tx, id);
  if (!row) throw new Error('directory entry not found after writing it');
  return presentEntry(row, policy);
}

/** Creates an entry; creating it counts as verifying it, by its author. */
export async function createEntry(
  tx: Db,
  subject: Subject,
  actor: Actor,
  input: CreateDirectoryEntry,
  policy: StalenessPolicy,
): Promise<DirectoryEntryView> {
  const organisation = await findOrganisation(tx, input.organisationId);
  if (!organisation) throw badRequest('organisationId', 'no such organisation');
  const facts = { organisationId: organisation.id, assigneeUserId: null, jurisdiction: null, consentsGiven: [] };
  if (!allows(directoryRules.manage, subject, facts)) throw forbidden("You can only add entries for your own organisation");
  if (!organisation.active) throw badRequest('organisationId', 'the organisation is deactivated');
  const values: repo.EntryValues = {
    deskName: input.deskName,
    sops: unique(input.sops).sort((a, b) => a - b),
    services: unique(input.services),
    phone: input.phone ?? null,
    email: input.email ?? null,
    address: input.address ?? null,
    hours: input.hours ?? null,
    languages: unique(input.languages),
  };
  checkHasContact(values);
  await checkDeskNameFree(tx, organisation.id, values.deskName);
  const id = randomUUID();
  await repo.insertEntry(tx, { ...values, id, organisationId: organisation.id, createdBy: subject.userId, verifiedAt: policy.now });
  await appendAudit(tx, actor, {
    action: 'directory.create',
    recordType: 'directory_entry',
    recordId: id,
    purpose: 'administration',
    summary: `directory entry created for an organisation of type ${organisation.type}`,
  });
  return reread(tx, id, policy);
}

export async function updateEntry(
  tx: Db,
  subject: Subject,
  actor: Actor,
  id: string,
  changes: UpdateDirectoryEntry,
  policy: StalenessPolicy,
): Promise<DirectoryEntryView> {
  const existing = await findEditable(tx, subject, id);
  const values: repo.EntryValues & { active: boolean; updatedAt: Date } = {
    deskName: changes.deskName ?? existing.desk_name,
    sops: changes.sops ? unique(changes.sops).sort((a, b) => a - b) : existing.sops,
    services: changes.services ? unique(changes.services) : existing.services,
    phone: changes.phone === undefined ? existing.phone : changes.phone,
    email: changes.email === undefined ? existing.email : changes.email,
    address: changes.address === undefined ? existing.address : changes.address,
    hours: changes.hours === undefined ? existing.hours : changes.hours,
    languages: changes.languages ? unique(changes.languages) : existing.languages,
    active: changes.active ?? existing.active,
    updatedAt: policy.now,
  };
  checkHasContact(values);
  if (changes.deskName !== undefined) await checkDeskNameFree(tx, existing.organisation_id, values.deskName, id);
  await repo.updateEntry(tx, id, values);
  await appendAudit(tx, actor, {
    action: 'directory.update',
    recordType: 'directory_entry',
    recordId: id,
    purpose: 'administration',
    summary: `changed: ${Object.keys(changes).join(', ') || 'nothing'}`,
  });
  return reread(tx, id, policy);
}

/** Confirms that the entry's details are current: stamps the date and who checked. */
export async function verifyEntry(tx: Db, subject: Subject, actor: Actor, id: string, policy: StalenessPolicy): Promise<DirectoryEntryView> {
  await findEditable(tx, subject, id);
  await repo.markVerified(tx, id, subject.userId, policy.now);
  await appendAudit(tx, actor, {
    action: 'directory.verify',
    recordType: 'directory_entry',
    recordId: id,
    purpose: 'administration',
    summary: 'details confirmed current',
  });
  return reread(tx, id, policy);
}
