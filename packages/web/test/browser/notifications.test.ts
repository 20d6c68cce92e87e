import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { notify } from '../../../server/src/modules/notifications/notifications.service.js';
import { addOrganisationWithUser, apiJson, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type ApiClient, type BrowserHarness } from './support.js';

/**
 * Notifications in the browser, in English and in Arabic: a caseworker sees how many are new on the navigation (a
 * number only), reads them as sentences with a link to act, marks one read and chooses her e-mails; the national
 * administrator sees the undeliverable mail and sets the country's time zone.
 */
let h: BrowserHarness;
let admin: ApiClient;
const password = 'a long enough test passphrase';
const caseworker = { email: 'lina@shelter.example' };
const screenshots = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

beforeAll(async () => {
  h = await startHarness();
  admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Safe Harbour Shelter', type: 'shelter' }, { displayName: 'Lina Haddad', email: caseworker.email, password, roles: ['caseworker'] });
  mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => h.close());

async function tell(kind: 'referral_received' | 'decision_due', link: string, event: string): Promise<void> {
  const db = h.server.runtime.database.db;
  const user = await db.selectFrom('users').select('id').where('email', '=', caseworker.email).executeTakeFirstOrThrow();
  await db.transaction().execute((tx) => notify(tx, h.server.app.jobs, { kind, userIds: [user.id], link, event }));
}

/** Text of the main content, without the names people gave (which stay as they were written). */
const mainText = (page: Page) => page.locator('main').innerText();

describe('notifications in the browser', () => {
  let page: Page;

  it('a caseworker sees the count, reads her notifications, marks one read and chooses her e-mails (English)', async () => {
    page = await signInInBrowser(h, caseworker.email, password);
    const nav = page.getByRole('navigation').first();
    await page.getByRole('link', { name: /^Notifications/ }).waitFor();
    await expect(page.getByLabel(/new notifications?$/).count()).resolves.toBe(0);

    await tell('referral_received', '/referrals', 'browser-1');
    await tell('decision_due', '/cases', 'browser-2');
    await page.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await nav.getByLabel('2 new notifications').waitFor();
    const list = page.locator('ul.notification-list');
    await list.getByRole('listitem').filter({ hasText: 'Your organisation has received a referral' }).getByRole('link', { name: 'Open' }).waitFor();
    await list.getByRole('listitem').filter({ hasText: 'A decision is due tomorrow' }).getByRole('link', { name: 'Open' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'notifications-en.png'), fullPage: true });

    await list.getByRole('listitem').filter({ hasText: 'A decision is due tomorrow' }).getByRole('button', { name: 'Mark as read' }).click();
    await nav.getByLabel('1 new notification').waitFor();

    await page.getByLabel('A decision is due tomorrow').uncheck();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByText('Your choices are saved.').waitFor();
    const saved = await apiJson<{ preferences: Array<{ kind: string; email: boolean }> }>(page, '/api/notifications/preferences');
    expect(saved.preferences).toEqual([
      { kind: 'referral_received', email: true },
      { kind: 'referral_answered', email: true },
      { kind: 'decision_due', email: false },
      { kind: 'case_reassigned', email: true },
      { kind: 'approval_requested', email: true },
      { kind: 'approval_answered', email: true },
      { kind: 'measurement_due', email: true },
    ]);
    // A caseworker sees neither the undeliverable mail nor the time zone.
    await expect(page.getByRole('heading', { name: 'Undeliverable e-mail' }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: "Country's time zone" }).count()).resolves.toBe(0);

    // The link leads where to act, and reading it there marks it read.
    await list.getByRole('listitem').filter({ hasText: 'Your organisation has received a referral' }).getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(/\/referrals$/);
    await nav.getByLabel(/new notifications?$/).waitFor({ state: 'detached' });
  });

  it('reads the same page in Arabic, with no English left', async () => {
    await tell('referral_received', '/referrals', 'browser-3');
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.getByRole('link', { name: /^الإشعارات/ }).click();
    await page.getByRole('heading', { name: 'الإشعارات', level: 1 }).waitFor();
    await page.getByText('تلقّت منظمتك إحالة').first().waitFor();
    await page.getByText('رسائل البريد الإلكتروني التي أتلقاها').waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    const text = await mainText(page);
    expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'notifications-ar.png'), fullPage: true });
  });

  it('the national administrator sees the undeliverable mail and sets the country\'s time zone', async () => {
    const adminPage = await signInInBrowser(h, 'amina@coordinator.example', password);
    await adminPage.getByRole('link', { name: /^Notifications/ }).click();
    await adminPage.getByRole('heading', { name: 'Undeliverable e-mail' }).waitFor();
    await adminPage.getByText('Every e-mail was accepted by the mail server.').waitFor();
    await adminPage.getByRole('heading', { name: "Country's time zone" }).waitFor();
    await adminPage.getByLabel('Time zone', { exact: true }).selectOption('Africa/Lagos');
    await adminPage.getByRole('button', { name: 'Save the time zone' }).click();
    await adminPage.getByText('The time zone is saved.').waitFor();
    expect(await apiJson<{ timeZone: string }>(adminPage, '/api/settings/time-zone')).toEqual({ timeZone: 'Africa/Lagos' });
    expect(await seriousAccessibilityViolations(adminPage)).toEqual([]);
    await adminPage.screenshot({ path: join(screenshots, 'notifications-admin-en.png'), fullPage: true });
  });
});
