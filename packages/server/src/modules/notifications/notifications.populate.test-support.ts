import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';

/**
 * Rows in every table of notifications and background imports, for the backup round trip (platform/backup): a
 * notification of each e-mail outcome, a user's choice of e-mails, and an import job that has run (its file dropped)
 * beside one still waiting with its file.
 */
export async function populateNotifications(db: Db): Promise<void> {
  const users = await db.selectFrom('users').select(['id']).orderBy('id').limit(2).execute();
  const [first, second] = users;
  if (!first || !second) throw new Error('populateNotifications needs two users');
  const statuses = ['pending', 'sent', 'failed', 'not_wanted', 'no_server'] as const;
  await db
    .insertInto('notifications')
    .values(
      statuses.map((status, i) => ({
        id: randomUUID(),
        user_id: i % 2 === 0 ? first.id : second.id,
        kind: i % 3 === 0 ? 'referral_received' : i % 3 === 1 ? 'referral_answered' : 'decision_due',
        link: i % 2 === 0 ? '/referrals' : `/cases/${randomUUID()}`,
        dedupe_key: `populate:${i}`,
        created_at: new Date(Date.UTC(2026, 0, 1 + i)),
        read_at: i === 1 ? new Date(Date.UTC(2026, 0, 3)) : null,
        email_status: status,
        email_attempted_at: status === 'pending' ? null : new Date(Date.UTC(2026, 0, 2 + i)),
        email_error: status === 'failed' ? '550 No such mailbox here' : null,
      })),
    )
    .execute();
  await db.insertInto('notification_preferences').values({ user_id: first.id, kind: 'decision_due', email: false, updated_at: new Date(Date.UTC(2026, 0, 1)) }).execute();
  await db
    .insertInto('import_jobs')
    .values([
      { id: randomUUID(), source: 'ctdc', file_name: 'ctdc.csv', file: null, owner_user_id: first.id, actor_name: 'Populate', actor_organisation_id: null, status: 'succeeded', rows_read: 3, progress: 1, summary: JSON.stringify({ rowsRead: 3 }), error: null, created_at: new Date(Date.UTC(2026, 0, 1)), finished_at: new Date(Date.UTC(2026, 0, 1, 0, 1)) },
      { id: randomUUID(), source: 'glotip', file_name: 'glotip.csv', file: Buffer.from('year,count\n2024,3\n'), owner_user_id: second.id, actor_name: 'Populate', actor_organisation_id: null, status: 'running', rows_read: 0, progress: 0, summary: null, error: null, created_at: new Date(Date.UTC(2026, 0, 2)), finished_at: null },
    ])
    .execute();
}
