import { randomUUID } from 'node:crypto';
import type { AuditAlertKind, AuditAlertView } from '@palermo/contracts';
import type { Db } from '../db/database.js';
import { appendAudit, systemActor, type Actor } from './audit.js';

export type AlertKind = AuditAlertKind;

export interface Alert {
  readonly kind: AlertKind;
  /** What happened, without personal data: counts, sequence numbers, the problem found. */
  readonly summary: string;
  /** The user whose behaviour the alert is about (not who raised it), if any. */
  readonly actorUserId?: string | null;
  readonly organisationId?: string | null;
}

const inTransaction = <T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));

/**
 * Raises an alert for the readers of the audit log (shown on the audit page until acknowledged), and records it in
 * the audit log in the same transaction (inside the caller's, if `db` is one).
 */
export async function raiseAlert(db: Db, alert: Alert): Promise<void> {
  const id = randomUUID();
  await inTransaction(db, async (tx) => {
    await tx
      .insertInto('audit_alerts')
      .values({
        id,
        kind: alert.kind,
        summary: alert.summary,
        actor_user_id: alert.actorUserId ?? null,
        organisation_id: alert.organisationId ?? null,
        acknowledged_at: null,
        acknowledged_by: null,
      })
      .execute();
    await appendAudit(tx, systemActor('alerts'), {
      action: 'audit.alert_raised',
      recordType: 'audit_alert',
      recordId: id,
      purpose: 'security',
      summary: `${alert.kind}: ${alert.summary}`,
    });
  });
}

/** Open alerts (and, when asked, acknowledged ones too), newest first. */
export async function listAlerts(db: Db, options: { limit?: number; includeAcknowledged?: boolean } = {}): Promise<AuditAlertView[]> {
  let query = db.selectFrom('audit_alerts').selectAll().orderBy('raised_at', 'desc').orderBy('id').limit(options.limit ?? 50);
  if (!options.includeAcknowledged) query = query.where('acknowledged_at', 'is', null);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as AlertKind,
    summary: row.summary,
    actorUserId: row.actor_user_id,
    organisationId: row.organisation_id,
    raisedAt: new Date(row.raised_at).toISOString(),
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    acknowledgedBy: row.acknowledged_by,
  }));
}

/** Whether an alert of this kind is still open (periodic checks do not repeat themselves until it is acknowledged). */
export async function isAlertOpen(db: Db, kind: AlertKind): Promise<boolean> {
  const row = await db.selectFrom('audit_alerts').select('id').where('kind', '=', kind).where('acknowledged_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks an open alert as seen by `actor`, audited. Returns false when there is no such open alert (unknown, or
 * acknowledged already: the first acknowledgement stands).
 */
export async function acknowledgeAlert(db: Db, id: string, actor: Actor): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const updated = await tx
      .updateTable('audit_alerts')
      .set({ acknowledged_at: new Date(), acknowledged_by: actor.userId })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .returning('kind')
      .executeTakeFirst();
    if (!updated) return false;
    await appendAudit(tx, actor, {
      action: 'audit.alert_acknowledged',
      recordType: 'audit_alert',
      recordId: id,
      purpose: 'oversight',
      summary: `alert ${updated.kind} acknowledged`,
    });
    return true;
  });
}
