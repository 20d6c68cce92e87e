import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { notificationKinds, type NotificationKind, type NotificationList, type NotificationPreferences, type UndeliverableMailList } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { referralDb } from '../referral/referral.tables.js';

/** The queue whose jobs send one notification's e-mail each. */
export const EMAIL_QUEUE = 'notification-email';

export interface NewNotifications {
  readonly kind: NotificationKind;
  readonly userIds: readonly string[];
  /** A path inside the app: where to act. Never a name or any other personal data. */
  readonly link: string;
  /** The event, so that telling the same user of the same event twice is a no-op (a retried request, a second sweep). */
  readonly event: string;
}

/**
 * Stores notifications in the caller's transaction and, for each new one, the job that sends its e-mail: both exist
 * if and only if the change that caused them commits. Returns how many were new.
 */
export async function notify(tx: Db, jobs: JobEngine, input: NewNotifications): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return 0;
  const inserted = await tx
    .insertInto('notifications')
    .values(userIds.map((userId) => ({ id: randomUUID(), user_id: userId, kind: input.kind, link: input.link, dedupe_key: `${input.kind}:${input.event}:${userId}`, created_at: new Date() })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  for (const { id } of inserted) await jobs.send(EMAIL_QUEUE, { notificationId: id }, { tx });
  return inserted.length;
}

/** Active users of an organisation who hold one of the roles. */
export async function staffOf(tx: Db, organisationId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .execute();
  return rows.map((r) => r.id);
}

/** The staff who answer referrals: told when one arrives. */
export async function referralReceived(tx: Db, jobs: JobEngine, referralId: string): Promise<void> {
  const referral = await referralDb(tx).selectFrom('referrals').select(['to_organisation_id']).where('id', '=', referralId).executeTakeFirst();
  if (!referral) return;
  await notify(tx, jobs, { kind: 'referral_received', userIds: await staffOf(tx, referral.to_organisation_id, ['caseworker', 'supervisor']), link: '/referrals', event: referralId });
}

/** Whoever sent the referral, and the case's manager in the sending organisation: told when it is accepted or declined. */
export async function referralAnswered(tx: Db, jobs: JobEngine, referralId: string): Promise<void> {
  const referral = await referralDb(tx)
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.status', 'r.sent_by', 'r.case_id', 'r.from_organisation_id', 'c.case_manager_user_id', 'c.managing_organisation_id'])
    .where('r.id', '=', referralId)
    .executeTakeFirst();
  if (!referral || (referral.status !== 'accepted' && referral.status !== 'declined')) return;
  const candidates = [referral.sent_by, ...(referral.case_manager_user_id ? [referral.case_manager_user_id] : [])];
  const users = await tx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', candidates)
    .where('active', '=', true)
    .where('organisation_id', '=', referral.from_organisation_id)
    .execute();
  // A transfer accepted makes the receiving organisation the manager: the link leads the sender to her outbox then.
  const link = referral.managing_organisation_id === referral.from_organisation_id ? `/cases/${referral.case_id}` : '/referrals';
  await notify(tx, jobs, { kind: 'referral_answered', userIds: users.map((u) => u.id), link, event: `${referralId}:${referral.status}` });
}

export async function listNotifications(db: Db, userId: string, limit = 100): Promise<NotificationList> {
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'kind', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return {
    notifications: rows.map((r) => ({ id: r.id, kind: r.kind as NotificationKind, link: r.link, createdAt: r.created_at.toISOString(), read: r.read_at !== null })),
    unread: await unreadCount(db, userId),
  };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the user's own notifications read (the ones named, or all); someone else's ids change nothing. */
export async function markRead(db: Db, userId: string, ids: readonly string[] | undefined): Promise<number> {
  let query = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) query = query.where('id', 'in', [...ids]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function preferencesOf(db: Db, userId: string): Promise<NotificationPreferences> {
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'email']).where('user_id', '=', userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return { preferences: notificationKinds.map((kind) => ({ kind, email: chosen.get(kind) ?? true })) };
}

export async function setPreferences(db: Db, actor: Actor, userId: string, input: NotificationPreferences): Promise<NotificationPreferences> {
  return db.transaction().execute(async (tx) => {
    for (const { kind, email } of input.preferences) {
      await tx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind, email, updated_at: new Date() })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email, updated_at: new Date() }))
        .execute();
    }
    const after = await preferencesOf(tx, userId);
    await appendAudit(tx, actor, {
      action: 'notification.preferences_update',
      recordType: 'user',
      recordId: userId,
      purpose: 'administration',
      summary: `e-mails chosen: ${after.preferences.filter((p) => p.email).map((p) => p.kind).join(', ') || 'none'}`,
    });
    return after;
  });
}

/** Mail the SMTP server did not take, newest first: every user's for the national administrator, else one organisation's. */
export async function undeliverable(db: Db, actor: Actor, scope: { organisationId: string | null }): Promise<UndeliverableMailList> {
  return db.transaction().execute(async (tx) => {
    let query = tx
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['n.id', 'n.kind', 'n.email_attempted_at', 'n.email_error', 'u.id as user_id', 'u.display_name', 'u.email', 'o.name as organisation_name'])
      .where('n.email_status', '=', 'failed')
      .orderBy('n.email_attempted_at', 'desc')
      .limit(200);
    if (scope.organisationId) query = query.where('u.organisation_id', '=', scope.organisationId);
    const rows = await query.execute();
    await appendAudit(tx, actor, {
      action: 'notification.undeliverable_read',
      purpose: 'administration',
      summary: `undeliverable mail listed (${rows.length})${scope.organisationId ? ` for organisation ${scope.organisationId}` : ''}`,
    });
    return {
      mails: rows.map((r) => ({
        id: r.id,
        kind: r.kind as NotificationKind,
        userId: r.user_id,
        userName: r.display_name,
        email: r.email,
        organisationName: r.organisation_name,
        attemptedAt: (r.email_attempted_at ?? new Date(0)).toISOString(),
        error: r.email_error ?? '',
      })),
    };
  });
}
