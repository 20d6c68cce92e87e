import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';

/**
 * Rows in every table of the supervisor's work, for the backup round trip (platform/backup): a plan waiting for a
 * supervisor and a closure returned with an encrypted reason, and the country's approval settings.
 */
export async function populateSupervision(db: Db, cipher: FieldCipher): Promise<void> {
  const kase = await db.selectFrom('cases').select(['id', 'case_manager_user_id', 'managing_organisation_id']).where('case_manager_user_id', 'is not', null).where('closed_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const caseworker = kase.case_manager_user_id ?? '';
  await db.updateTable('country_settings').set({ approval_required_for: ['assistance_plan', 'case_closure'] }).where('id', '=', 1).execute();
  const returnedId = randomUUID();
  await db
    .insertInto('case_approvals')
    .values([
      { id: randomUUID(), case_id: kase.id, kind: 'assistance_plan', organisation_id: kase.managing_organisation_id, requested_by: caseworker, requested_at: new Date(Date.UTC(2026, 0, 5)) },
      {
        id: returnedId,
        case_id: kase.id,
        kind: 'case_closure',
        organisation_id: kase.managing_organisation_id,
        status: 'returned',
        requested_by: caseworker,
        requested_at: new Date(Date.UTC(2026, 0, 4)),
        closure_reason: 'Goals reached',
        closure_referred: false,
        decided_by: caseworker,
        decided_at: new Date(Date.UTC(2026, 0, 6)),
        return_reason: cipher.encrypt('Follow-up first', `case_approvals.return_reason:${returnedId}`),
      },
    ])
    .execute();
}
