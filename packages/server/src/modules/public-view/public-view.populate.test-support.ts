import { sql } from 'kysely';
import type { Role } from '@palermo/contracts';
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { publishPublicView } from './public-view.service.js';

/**
 * The public page published twice from the populated plan, so that the publications table holds one replaced
 * publication (every column filled) and the current one (the backup round trip). Run after the plan's, the
 * recommendations' and the determinants' populations.
 */
export async function populatePublicView(database: Database, cipher: FieldCipher): Promise<void> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`'national_coordinator' = any(users.roles)`)
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  const subject: Subject = { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
  const actor = { userId: user.id, name: 'coordination', organisationId: user.organisation_id };
  const plan = await database.db.selectFrom('action_plans').select('id').orderBy('period_start').orderBy('id').executeTakeFirstOrThrow();
  for (let n = 0; n < 2; n += 1) {
    await database.db.transaction().execute((tx) => publishPublicView(tx, cipher.recordKeys, subject, actor, plan.id, '2026-01-15'));
  }
}
