import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { startSmtpReceiver, type ReceivedMail } from '../../../test/support/smtp-receiver.js';
import { consentTo, fullPerson, openTestCase, organisation, staff, type Staff } from '../referral/referral.test-support.js';
import { REMINDER_QUEUE, remindDecisionsDue, tomorrowIn } from './notifications.reminders.js';
import { deliverNotificationMail } from './notifications.mail.js';
import { createMailer } from '../../platform/mail/mailer.js';

/**
 * Notifications in the app and by e-mail through a real SMTP server in this process: a referral received, a referral
 * answered, a decision due tomorrow in the country's time zone; the user's choice of e-mails; mail the server refuses
 * shown to administrators; and no personal data in any mail.
 */

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let ngo: Staff;
let shelterWorker: Staff;
let shelterSupervisor: Staff;
let ngoClient: Client;
let shelterClient: Client;
let supervisorClient: Client;
let shelterId = '';

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

const mailsTo = (email: string): ReceivedMail[] => smtp.mails.filter((m) => m.to.includes(email));
const statusOf = async (userId: string) =>
  (await t.platform.db.selectFrom('notifications').select(['kind', 'email_status']).where('user_id', '=', userId).orderBy('created_at').execute()).map((r) => `${r.kind}:${r.email_status}`);

/** Nothing about the person, the case or the organisations may travel in a mail. */
function expectNoPersonalData(mail: ReceivedMail | undefined, caseRow: { id: string; reference: string }): void {
  if (!mail) throw new Error('the mail did not arrive');
  expect(mail.raw).not.toMatch(/base64/i);
  for (const value of [...Object.values(fullPerson), caseRow.id, caseRow.reference, 'shelter', 'Test ']) expect(mail.text, String(value)).not.toContain(String(value));
  expect(mail.text).toContain('http://palermo.example/notifications');
  expect(mail.text).toContain('سجّل الدخول للاطلاع عليه');
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await createTestApp({ config: { smtpUrl: smtp.url, publicUrl: 'http://palermo.example', jobPollSeconds: 0.5 } });
  const ngoOrg = await organisation(t, 'ngo');
  const shelterOrg = await organisation(t, 'shelter');
  shelterId = shelterOrg.id;
  ngo = await staff(t, ngoOrg, ['caseworker']);
  shelterWorker = await staff(t, shelterOrg, ['caseworker']);
  shelterSupervisor = await staff(t, shelterOrg, ['supervisor']);
  await staff(t, shelterOrg, ['organisation_admin']);
  ngoClient = await clientFor(t, ngo.user);
  shelterClient = await clientFor(t, shelterWorker.user);
  supervisorClient = await clientFor(t, shelterSupervisor.user);
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('notifications', () => {
  it('tells the receiving staff of a referral, in the app and by one mail each without personal data, and the sender of the answer', async () => {
    // The supervisor wants no e-mail about referrals received: she is told in the app only.
    const chose = await supervisorClient.request('PUT', '/api/notifications/preferences', { preferences: [{ kind: 'referral_received', email: false }] });
    expect(chose.statusCode).toBe(200);
    expect(chose.json().preferences).toEqual([
      { kind: 'referral_received', email: false },
      { kind: 'referral_answered', email: true },
      { kind: 'decision_due', email: true },
      { kind: 'case_reassigned', email: true },
      { kind: 'approval_requested', email: true },
      { kind: 'approval_answered', email: true },
      { kind: 'measurement_due', email: true },
    ]);

    const c = await openTestCase(t, ngo);
    const caseRow = await t.platform.db.selectFrom('cases').select(['id', 'reference']).where('id', '=', c.id).executeTakeFirstOrThrow();
    await consentTo(t, ngo, c.id, shelterId);
    const sendKey = randomUUID();
    const sent = await ngoClient.request('POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'shelter', urgency: 'urgent' }, { 'idempotency-key': sendKey });
    expect(sent.statusCode).toBe(200);
    // The same request again (a retry) tells no one twice.
    expect((await ngoClient.request('POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'shelter', urgency: 'urgent' }, { 'idempotency-key': sendKey })).statusCode).toBe(200);

    const counted = await shelterClient.request('GET', '/api/notifications/count');
    expect(counted.json()).toEqual({ unread: 1 });
    await until('the mail to the shelter caseworker', () => mailsTo(shelterWorker.user.email).length === 1);
    await until('the supervisor\'s notification handled', async () => (await statusOf(shelterSupervisor.user.id)).every((s) => !s.endsWith(':pending')));
    expect(await statusOf(shelterSupervisor.user.id)).toEqual(['referral_received:not_wanted']);
    expect(mailsTo(shelterSupervisor.user.email)).toEqual([]);
    // The sender's organisation and the organisation administrator are not told of a referral received.
    expect(await statusOf(ngo.user.id)).toEqual([]);
    expectNoPersonalData(mailsTo(shelterWorker.user.email)[0], caseRow);

    const list = (await supervisorClient.request('GET', '/api/notifications')).json();
    expect(list.notifications).toEqual([{ id: expect.any(String), kind: 'referral_received', link: '/referrals', createdAt: expect.any(String), read: false }]);
    // Someone else's notification cannot be marked read by her ids.
    const [theirs] = list.notifications;
    expect((await ngoClient.request('POST', '/api/notifications/read', { ids: [theirs.id] })).json()).toEqual({ unread: 0 });
    expect((await supervisorClient.request('GET', '/api/notifications/count')).json()).toEqual({ unread: 1 });
    expect((await supervisorClient.request('POST', '/api/notifications/read', { ids: [theirs.id] })).json()).toEqual({ unread: 0 });

    const accepted = await supervisorClient.request('POST', `/api/referrals/${sent.json().id}/accept`, {}, { 'idempotency-key': randomUUID() });
    expect(accepted.statusCode).toBe(200);
    await until('the mail to the sender', () => mailsTo(ngo.user.email).length === 1);
    expect(await statusOf(ngo.user.id)).toEqual(['referral_answered:sent']);
    expectNoPersonalData(mailsTo(ngo.user.email)[0], caseRow);
    expect((await ngoClient.request('GET', '/api/notifications')).json().notifications[0]).toMatchObject({ kind: 'referral_answered', link: `/cases/${c.id}` });
  });

  it('reminds of a decision due tomorrow in the country\'s time zone, once however often the sweep runs', async () => {
    const c = await openTestCase(t, ngo);
    // 23:30 in Kiribati (UTC+14) is still the morning of the same day in UTC: "tomorrow" is Kiribati's.
    const now = new Date('2030-06-10T09:30:00Z');
    const admin = await clientFor(t, await (async () => (await staff(t, await organisation(t, 'national_coordinator', []), ['national_admin'])).user)());
    expect((await admin.request('PUT', '/api/settings/time-zone', { timeZone: 'Mars/Olympus' })).json()).toMatchObject({ issues: [{ field: 'timeZone' }] });
    expect((await shelterClient.request('PUT', '/api/settings/time-zone', { timeZone: 'Pacific/Kiritimati' })).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/settings/time-zone', { timeZone: 'Pacific/Kiritimati' })).json()).toEqual({ timeZone: 'Pacific/Kiritimati' });
    const { start, end, day } = tomorrowIn('Pacific/Kiritimati', now);
    expect({ start: start.toISOString(), end: end.toISOString(), day }).toEqual({ start: '2030-06-10T10:00:00.000Z', end: '2030-06-11T10:00:00.000Z', day: '2030-06-11' });
    const schedule = await sql<{ timezone: string; cron: string }>`select timezone, cron from pgboss.schedule where name = 'notification-decision-reminders'`.execute(t.platform.db);
    expect(schedule.rows).toEqual([{ timezone: 'Pacific/Kiritimati', cron: '0 7 * * *' }]);

    // Due at 11:00 UTC on the 10th: tomorrow in Kiribati, today in UTC.
    await t.platform.db.updateTable('cases').set({ stage: 'reasonable_grounds_pending', decision_due_at: new Date('2030-06-10T11:00:00Z'), case_manager_user_id: ngo.user.id }).where('id', '=', c.id).execute();
    const other = await openTestCase(t, ngo);
    await t.platform.db.updateTable('cases').set({ stage: 'reasonable_grounds_pending', decision_due_at: new Date('2030-06-10T09:59:00Z'), case_manager_user_id: ngo.user.id }).where('id', '=', other.id).execute();
    expect(await remindDecisionsDue(t.platform.db, t.app.jobs, now)).toBe(1);
    expect(await remindDecisionsDue(t.platform.db, t.app.jobs, now)).toBe(0);
    const told = await t.platform.db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', ngo.user.id).where('kind', '=', 'decision_due').execute();
    expect(told).toEqual([{ kind: 'decision_due', link: `/cases/${c.id}` }]);
    await until('the reminder mail', () => mailsTo(ngo.user.email).length === 2);
    expect(mailsTo(ngo.user.email)[1]?.text).toContain('A decision is due tomorrow.');

    // The daily job runs the same sweep: a decision due tomorrow, counted from now in the country's time zone.
    const soon = await openTestCase(t, ngo);
    const { start: tomorrow } = tomorrowIn('Pacific/Kiritimati', new Date());
    await t.platform.db.updateTable('cases').set({ stage: 'screened', decision_due_at: new Date(tomorrow.getTime() + 3_600_000), case_manager_user_id: ngo.user.id }).where('id', '=', soon.id).execute();
    await t.app.jobs.send(REMINDER_QUEUE, {});
    await until('the scheduled sweep', async () => (await t.platform.db.selectFrom('notifications').select('id').where('link', '=', `/cases/${soon.id}`).execute()).length === 1);
  });

  it('shows mail the SMTP server refused to the administrators, and nothing to others', async () => {
    const org = await organisation(t, 'shelter');
    const refused = await staff(t, org, ['caseworker']);
    await t.platform.db.updateTable('users').set({ email: `nobody-${refused.user.id.slice(0, 8)}@refuse.test` }).where('id', '=', refused.user.id).execute();
    const c = await openTestCase(t, ngo);
    await consentTo(t, ngo, c.id, org.id);
    expect((await ngoClient.request('POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: org.id, service: 'shelter', urgency: 'routine' }, { 'idempotency-key': randomUUID() })).statusCode).toBe(200);
    await until('the refusal recorded', async () => (await statusOf(refused.user.id)).includes('referral_received:failed'));

    const national = await clientFor(t, (await staff(t, await organisation(t, 'national_coordinator', []), ['national_admin'])).user);
    const list = await national.request('GET', '/api/notifications/undeliverable');
    expect(list.statusCode).toBe(200);
    expect(list.json().mails).toEqual([
      expect.objectContaining({ kind: 'referral_received', userId: refused.user.id, email: expect.stringContaining('@refuse.test'), error: expect.stringContaining('No such mailbox') }),
    ]);
    // Another organisation's administrator sees none of it; a caseworker may not ask.
    const otherAdmin = await clientFor(t, (await staff(t, await organisation(t, 'shelter'), ['organisation_admin'])).user);
    expect((await otherAdmin.request('GET', '/api/notifications/undeliverable')).json().mails).toEqual([]);
    const ownAdmin = await clientFor(t, (await staff(t, org, ['organisation_admin'])).user);
    expect((await ownAdmin.request('GET', '/api/notifications/undeliverable')).json().mails).toHaveLength(1);
    expect((await shelterClient.request('GET', '/api/notifications/undeliverable')).statusCode).toBe(403);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('action', '=', 'notification.undeliverable_read').execute();
    expect(audited).toHaveLength(3);
  });

  it('gives a mail refused for now back to the queue until the last try, then shows it as undeliverable', async () => {
    const org = await organisation(t, 'shelter');
    const later = await staff(t, org, ['caseworker']);
    await t.platform.db.updateTable('users').set({ email: `busy-${later.user.id.slice(0, 8)}@later.test` }).where('id', '=', later.user.id).execute();
    const id = randomUUID();
    await t.platform.db.insertInto('notifications').values({ id, user_id: later.user.id, kind: 'referral_received', link: '/referrals', dedupe_key: `later:${id}`, created_at: new Date() }).execute();
    const mailer = createMailer(smtp.url, 'Palermo <palermo@example.test>');
    const status = async () => (await t.platform.db.selectFrom('notifications').select(['email_status', 'email_error']).where('id', '=', id).executeTakeFirstOrThrow());
    try {
      await expect(deliverNotificationMail(t.platform.db, mailer, 'http://palermo.example', id, { retryCount: 0, retryLimit: 3 })).rejects.toThrow();
      expect(await status()).toMatchObject({ email_status: 'pending', email_error: expect.stringContaining('Try again later') });
      await deliverNotificationMail(t.platform.db, mailer, 'http://palermo.example', id, { retryCount: 3, retryLimit: 3 });
      expect(await status()).toMatchObject({ email_status: 'failed', email_error: expect.stringContaining('Try again later') });
      // Once failed, another try sends nothing.
      await deliverNotificationMail(t.platform.db, mailer, 'http://palermo.example', id, { retryCount: 0, retryLimit: 3 });
      expect(await status()).toMatchObject({ email_status: 'failed' });
    } finally {
      mailer.close();
    }
    // A server that cannot be reached at all is a temporary failure too.
    const gone = createMailer('smtp://127.0.0.1:1', 'Palermo <palermo@example.test>');
    const other = randomUUID();
    await t.platform.db.insertInto('notifications').values({ id: other, user_id: later.user.id, kind: 'decision_due', link: '/referrals', dedupe_key: `gone:${other}`, created_at: new Date() }).execute();
    await expect(deliverNotificationMail(t.platform.db, gone, 'http://palermo.example', other, { retryCount: 1, retryLimit: 3 })).rejects.toThrow();
    expect((await t.platform.db.selectFrom('notifications').select('email_status').where('id', '=', other).executeTakeFirstOrThrow()).email_status).toBe('pending');
    gone.close();
  });

  it('refuses a preference that names a kind twice or an unknown kind, naming the field, and changes nothing', async () => {
    const twice = await shelterClient.request('PUT', '/api/notifications/preferences', { preferences: [{ kind: 'decision_due', email: false }, { kind: 'decision_due', email: true }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().issues[0].field).toContain('preferences');
    const unknown = await shelterClient.request('PUT', '/api/notifications/preferences', { preferences: [{ kind: 'everything', email: false }] });
    expect(unknown.statusCode).toBe(400);
    expect((await shelterClient.request('GET', '/api/notifications/preferences')).json().preferences.every((p: { email: boolean }) => p.email)).toBe(true);
  });
});
