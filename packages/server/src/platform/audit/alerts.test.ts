import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAlertList } from '@palermo/contracts';
import { listAlerts, raiseAlert } from './alerts.js';
import { sealAuditEntries } from './seal.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let admin: Client;
let rapporteur: Client;
let caseworker: Client;
let organisationAdmin: Client;
let subjectUserId: string;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  const national = await insertOrganisation(t, 'national_coordinator');
  organisationId = await insertOrganisation(t, 'ngo');
  admin = await clientFor(t, await insertUser(t, national, ['national_admin']));
  rapporteur = await clientFor(t, await insertUser(t, national, ['national_rapporteur']));
  caseworker = await clientFor(t, await insertUser(t, organisationId, ['caseworker']));
  organisationAdmin = await clientFor(t, await insertUser(t, organisationId, ['organisation_admin']));
  subjectUserId = caseworker.userId;
});
afterAll(async () => t.close());

async function openAlerts(client: Client) {
  const response = await client.request('GET', '/api/audit/alerts');
  expect(response.statusCode).toBe(200);
  return auditAlertList.parse(response.json()).alerts;
}

describe('alerts for the readers of the audit log', () => {
  it('raises an alert that the audit readers see, and records raising it in the audit log', async () => {
    const summary = `42 possible-duplicate checks in 10 minutes ${randomUUID()}`;
    await raiseAlert(t.platform.db, { kind: 'match.check_rate', summary, actorUserId: subjectUserId, organisationId });
    for (const reader of [admin, rapporteur]) {
      const alert = (await openAlerts(reader)).find((a) => a.summary === summary);
      expect(alert).toMatchObject({ kind: 'match.check_rate', actorUserId: subjectUserId, organisationId, acknowledgedAt: null });
    }
    await sealAuditEntries(t.platform.db);
    const entry = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.alert_raised').where('summary', 'like', `%${summary}`).executeTakeFirst();
    expect(entry).toMatchObject({ purpose: 'security', record_type: 'audit_alert' });
  });

  it('raises inside a caller’s transaction, and nothing remains when that transaction rolls back', async () => {
    const summary = `rolled back ${randomUUID()}`;
    await expect(
      t.platform.db.transaction().execute(async (tx) => {
        await raiseAlert(tx, { kind: 'audit.forged_entry', summary });
        throw new Error('the caller fails afterwards');
      }),
    ).rejects.toThrow('the caller fails afterwards');
    expect((await listAlerts(t.platform.db, { includeAcknowledged: true })).some((a) => a.summary === summary)).toBe(false);
    const entries = await t.platform.db.selectFrom('audit_log').select('entry_id').where('summary', 'like', `%${summary}`).execute();
    expect(entries).toHaveLength(0);
  });

  it('refuses alerts to roles that do not read the audit log', async () => {
    for (const client of [caseworker, organisationAdmin]) {
      expect((await client.request('GET', '/api/audit/alerts')).statusCode).toBe(403);
      const [alert] = await listAlerts(t.platform.db);
      if (!alert) throw new Error('an open alert was raised above');
      expect((await client.request('POST', `/api/audit/alerts/${alert.id}/acknowledge`)).statusCode).toBe(403);
    }
    expect((await listAlerts(t.platform.db)).length).toBeGreaterThan(0);
  });

  it('acknowledges an alert once, audited, after which it is no longer open', async () => {
    const summary = `verification failed ${randomUUID()}`;
    await raiseAlert(t.platform.db, { kind: 'audit.verification_failed', summary });
    const alert = (await openAlerts(admin)).find((a) => a.summary === summary);
    if (!alert) throw new Error('the alert just raised is not listed');
    const first = await admin.request('POST', `/api/audit/alerts/${alert.id}/acknowledge`);
    expect(first.statusCode).toBe(200);
    expect((await openAlerts(rapporteur)).some((a) => a.id === alert.id)).toBe(false);
    // The first acknowledgement stands: a second one (by someone else) is refused, not recorded over it.
    expect((await rapporteur.request('POST', `/api/audit/alerts/${alert.id}/acknowledge`)).statusCode).toBe(404);
    const all = auditAlertList.parse((await admin.request('GET', '/api/audit/alerts?includeAcknowledged=true')).json()).alerts;
    expect(all.find((a) => a.id === alert.id)).toMatchObject({ acknowledgedBy: admin.userId });
    await sealAuditEntries(t.platform.db);
    const entries = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.alert_acknowledged').where('record_id', '=', alert.id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_user_id: admin.userId });
  });

  it('answers 404 for an unknown alert and 400 naming the field for a malformed id', async () => {
    expect((await admin.request('POST', `/api/audit/alerts/${randomUUID()}/acknowledge`)).statusCode).toBe(404);
    const malformed = await admin.request('POST', '/api/audit/alerts/not-an-id/acknowledge');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ issues: [expect.objectContaining({ field: 'params.id' })] });
  });
});
