import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { startSmtpReceiver } from '../../../test/support/smtp-receiver.js';

/** With an SMTP server set, a reset code goes by e-mail to the account's address and is never shown to the administrator. */
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: Client;
let organisationId: string;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  t = await createTestApp({ config: { smtpUrl: receiver.url, mailFrom: 'palermo@coordinator.test', publicUrl: 'https://palermo.example' } });
  organisationId = await insertOrganisation(t, 'ngo');
  admin = await clientFor(t, await insertUser(t, organisationId, ['organisation_admin']));
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

describe('a reset code by e-mail', () => {
  it('reaches the user, not the administrator, and works once', async () => {
    const user = await insertUser(t, organisationId, ['caseworker']);
    const issued = await admin.request('POST', `/api/users/${user.id}/password-reset`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ delivery: 'email', code: null });
    const mail = receiver.mails.find((m) => m.to.includes(user.email));
    const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    expect(mail?.text).toContain('https://palermo.example/reset-password');
    const redeem = () => t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email, code, newPassword: 'a passphrase from the mail' } });
    expect((await redeem()).statusCode).toBe(200);
    expect((await redeem()).statusCode).toBe(400);
  });

  it('a message the mail server refuses issues no code at all', async () => {
    const refused = await insertUser(t, organisationId, ['caseworker']);
    await t.platform.db.updateTable('users').set({ email: `samira-${refused.id.slice(0, 8)}@refuse.test` }).where('id', '=', refused.id).execute();
    const issued = await admin.request('POST', `/api/users/${refused.id}/password-reset`);
    expect(issued.statusCode).toBe(502);
    expect(issued.json().error).toBe('mail_failed');
    const row = await t.platform.db.selectFrom('users').select('password_reset_hash').where('id', '=', refused.id).executeTakeFirstOrThrow();
    expect(row.password_reset_hash).toBeNull();
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', refused.id).execute();
    expect(audit).toEqual([]);
  });
});
