import type { Database } from '../../platform/db/database.js';
import { systemActor } from '../../platform/audit/audit.js';
import { saveImportMapping } from '../../platform/imports/saved-mappings.js';
import { columnMapping } from '@palermo/contracts';
import { PROSECUTION_IMPORT_KIND } from './prosecution-import.service.js';

/** A saved column mapping of the first prosecution office (so that the backup test finds import_mappings filled). */
export async function populateImportMapping(database: Database): Promise<void> {
  const user = await database.db.selectFrom('users').select(['id', 'organisation_id']).where((e) => e(e.val('prosecutor'), '=', e.fn.any('roles'))).orderBy('id').executeTakeFirstOrThrow();
  await database.db.transaction().execute((tx) =>
    saveImportMapping(tx, systemActor('populate'), {
      kind: PROSECUTION_IMPORT_KIND, organisationId: user.organisation_id, userId: user.id, name: 'Office register',
      mapping: columnMapping.parse({ columns: { operationReference: 'Case', pseudonym: 'Accused' }, constants: { origin: 'hotline' } }), action: 'prosecution.import_mapping_save', purpose: 'prosecution',
    }),
  );
}
