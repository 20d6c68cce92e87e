import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentTotp, nextTotp, seriousAccessibilityViolations, startHarness, type BrowserHarness } from './support.js';

/**
 * The platform foundation, as a person uses it: first run, two-factor enrolment, organisations and users, the audit
 * log, sign-in with two factors, a user refused what their roles do not allow, and the Arabic right-to-left layout.
 * Each screen is checked with axe-core.
 */
let h: BrowserHarness;
let page: Page;
const admin = { name: 'Amina Haddad', email: 'amina@coordinator.example', password: 'first administrator passphrase' };
const caseworker = { name: 'Jonas Berg', email: 'jonas@shelter.example', password: 'caseworker initial passphrase' };
let adminSecret = '';

beforeAll(async () => {
  h = await startHarness();
  const context = await h.browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => h.close());

async function expectAccessible() {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

describe('the foundation in the browser', () => {
  it('first run creates the national administrator, who enrols an authenticator', async () => {
    await page.goto(h.baseUrl);
    await page.getByLabel('Organisation name').waitFor();
    await expectAccessible();
    await page.getByLabel('Organisation name').fill('National Anti-Trafficking Coordinator');
    await page.getByLabel('Display name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();

    await page.getByLabel('Secret key').waitFor();
    await expectAccessible();
    adminSecret = await page.getByLabel('Secret key').inputValue();
    expect(adminSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Authentication code').fill(currentTotp(adminSecret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('link', { name: 'Organisations' }).waitFor();
    await expect(page.getByText(admin.name).first().isVisible()).resolves.toBe(true);
  });

  it('creates an organisation and a user in it', async () => {
    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('button', { name: 'Create organisation' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Organisation name').fill('Harbour House Shelter');
    await page.getByLabel('Organisation type').selectOption({ label: 'Shelter' });
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('table', { name: 'Organisations' }).getByText('Harbour House Shelter').first().waitFor();

    // Bad input is named field by field.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Create user' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Harbour House Shelter' });
    await page.getByLabel('Display name').fill(caseworker.name);
    await page.getByLabel('Email').fill('not an address');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('checkbox', { name: 'Caseworker' }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('Email').fill(caseworker.email);
    await page.getByLabel('Initial password').fill(caseworker.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('table', { name: 'Users' }).getByText(caseworker.email).first().waitFor();
  });

  it('shows the audit log to the administrator, filterable by record, and verifies the chain', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    await table.getByText('user.create').first().waitFor();
    await expectAccessible();
    await expect(table.getByText('organisation.create').count()).resolves.toBeGreaterThan(0);
    const firstRunRecord = await page.evaluate(async () => {
      const response = await fetch('/api/audit?limit=500');
      const body = (await response.json()) as { entries: Array<{ action: string; recordId: string | null }> };
      return body.entries.find((e) => e.action === 'user.create')?.recordId ?? '';
    });
    await page.getByLabel('Record ID').fill(firstRunRecord);
    await page.getByRole('button', { name: 'Filter' }).click();
    // The filtered page replaces the table: wait for the other entries to go before counting.
    await table.getByText('organisation.create').first().waitFor({ state: 'detached' });
    await table.getByText('user.create').first().waitFor();
    await expect(table.getByText('organisation.create').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/The audit chain is intact/).waitFor();
  });

  it('signs the administrator in again with password and a second factor', async () => {
    await signOut();
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').waitFor();
    await expectAccessible();
    // A wrong code is refused on the field, which is cleared for the next try; the right one then signs in.
    const right = nextTotp(adminSecret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Authentication code').fill(wrong);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByLabel('Authentication code').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByLabel('Authentication code').inputValue()).resolves.toBe('');
    await page.getByLabel('Authentication code').fill(right);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('link', { name: 'Audit log' }).waitFor();
    await signOut();
  });

  it('refuses a caseworker what their roles do not allow', async () => {
    await page.getByLabel('Email').fill(caseworker.email);
    await page.getByLabel('Password').fill(caseworker.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Caseworkers see personal data, so two factors are required before anything else.
    await page.getByLabel('Secret key').waitFor();
    const secret = await page.getByLabel('Secret key').inputValue();
    await page.getByLabel('Authentication code').fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('link', { name: 'Home' }).waitFor();
    await expect(page.getByRole('link', { name: 'Audit log' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
    await page.goto(`${h.baseUrl}/audit`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/audit')).status);
    expect(status).toBe(403);
  });

  it('lays the app out right to left in Arabic, still accessible', async () => {
    await page.goto(h.baseUrl);
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await expectAccessible();
    await page.getByLabel(/اللغة|Language/).selectOption('fr');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr' && document.documentElement.lang === 'fr');
    await expectAccessible();
  });
});
