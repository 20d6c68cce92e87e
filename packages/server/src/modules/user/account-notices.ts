import { accountNoticeKinds, type AccountNotice } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';

/**
 * What an account holder is told about changes an administrator made to her account: read from the audit log (the
 * entries naming her account, written by someone else, since she last dismissed her notices), so nothing is kept
 * twice and nothing can be changed without it being told.
 */
const NOTICE_LIMIT = 20;

export async function unreadNotices(db: Db, userId: string): Promise<AccountNotice[]> {
  const user = await db.selectFrom('users').select('notices_seen_at').where('id', '=', userId).executeTakeFirst();
  if (!user) return [];
  const seenAt = user.notices_seen_at;
  let query = db
    .selectFrom('audit_log as a')
    .select(['a.seq', 'a.occurred_at', 'a.action', 'a.actor_name'])
    .where('a.record_type', '=', 'user')
    .where('a.record_id', '=', userId)
    .where('a.outcome', '=', 'allowed')
    .where('a.action', 'in', [...accountNoticeKinds])
    .where((eb) => eb.or([eb('a.actor_user_id', 'is', null), eb('a.actor_user_id', '!=', userId)]))
    .orderBy('a.occurred_at', 'desc')
    .limit(NOTICE_LIMIT);
  if (seenAt) query = query.where('a.occurred_at', '>', seenAt);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    kind: row.action as AccountNotice['kind'],
    byName: row.actor_name,
  }));
}

/** The account holder has read her notices: those written until now are not shown again. */
export async function dismissNotices(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ notices_seen_at: new Date() }).where('id', '=', userId).execute();
}
