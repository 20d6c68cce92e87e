import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { columnMapping, type AuditAction, type ColumnMapping, type ImportMappingView } from '@palermo/contracts';
import type { Db } from '../db/database.js';
import { appendAudit, type Actor } from '../audit/audit.js';

/**
 * Column mappings saved by an organisation for one kind of import (table import_mappings): the organisation's users
 * see and reuse each other's; saving under a name that exists replaces that mapping. No personal data: headings,
 * field names, constants (vocabulary words, an organisation's name) and formats.
 */
function viewOf(row: { id: string; name: string; mapping: unknown; created_at: Date; updated_at: Date }): ImportMappingView {
  return { id: row.id, name: row.name, mapping: columnMapping.parse(row.mapping), createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

export async function listImportMappings(tx: Db, kind: string, organisationId: string): Promise<ImportMappingView[]> {
  const rows = await tx
    .selectFrom('import_mappings')
    .select(['id', 'name', 'mapping', 'created_at', 'updated_at'])
    .where('kind', '=', kind)
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return rows.map(viewOf);
}

export async function findImportMapping(tx: Db, kind: string, organisationId: string, name: string): Promise<ImportMappingView | undefined> {
  const row = await tx
    .selectFrom('import_mappings')
    .select(['id', 'name', 'mapping', 'created_at', 'updated_at'])
    .where('kind', '=', kind)
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && viewOf(row);
}

/** Saves (or replaces, under the same name) a mapping for the organisation; audited with the kind's action. */
export async function saveImportMapping(
  tx: Db,
  actor: Actor,
  input: { kind: string; organisationId: string; userId: string; name: string; mapping: ColumnMapping; action: AuditAction; purpose: string },
): Promise<ImportMappingView> {
  const row = await tx
    .insertInto('import_mappings')
    .values({ id: randomUUID(), kind: input.kind, organisation_id: input.organisationId, name: input.name, mapping: JSON.stringify(input.mapping), created_by: input.userId })
    .onConflict((oc) => oc.constraint('import_mappings_name_unique').doUpdateSet({ mapping: JSON.stringify(input.mapping), updated_at: sql`now()` }))
    .returning(['id', 'name', 'mapping', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  await appendAudit(tx, actor, {
    action: input.action,
    recordType: 'import_mapping',
    recordId: row.id,
    purpose: input.purpose,
    summary: `${input.kind} import mapping "${input.name}": ${Object.keys(input.mapping.columns).length} columns mapped, ${Object.keys(input.mapping.constants).length} constants`,
  });
  return viewOf(row);
}
