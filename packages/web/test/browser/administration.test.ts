import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import ar from '../../src/i18n/locales/ar.json';
import {
  ApiClient,
  addOrganisationWithUser,
  currentTotp,
  firstRun,
  nextTotp,
  seriousAccessibilityViolations,
  signInInBrowser,
  startHarness,
  waitForStatus,
  type BrowserHarness,
} from './support';

/**
 * An administrator resets a caseworker's lost authenticator, and the caseworker sets up a new one at her next sign-in
 * and is told why; the audit page finds what happened by action. Walked in English and in Arabic, with screenshots.
 */
const password = 'administration walk passphrase';
let h: BrowserHarness;
let admin: ApiClient;

beforeAll(async () => {
  h = await startHarness();
  admin = await firstRun(h, password);
});
afterAll(async () => h.close());

type Strings = typeof en;
const fill = (text: string, values: Record<string, string>) => text.replace(/{{(\w+)}}/g, (_, key: string) => values[key] ?? '');

async function chooseLanguage(page: Page, language: 'en' | 'ar') {
  await page.getByLabel(/^(Language|Langue|اللغة)$/).first().selectOption(language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/** Latin letters left in the visible text of an element (names, e-mail addresses and case numbers aside). */
async function latinWords(page: Page, selector: string, allowed: readonly string[]): Promise<string[]> {
  const text = await page.locator(selector).first().innerText();
  let rest = text;
  for (const word of allowed) rest = rest.split(word).join(' ');
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

for (const [language, s] of [
  ['en', en],
  ['ar', ar],
] as const satisfies readonly (readonly ['en' | 'ar', Strings])[]) {
  describe(`a lost authenticator, in ${language === 'en' ? 'English' : 'Arabic'}`, () => {
    const caseworker = { displayName: `Samira Haddad ${language}`, email: `samira.${language}@ngo.example`, password: 'samira first passphrase' };
    let secret = '';

    it('the administrator removes it; the caseworker enrols again and is told', async () => {
      await addOrganisationWithUser(admin, { name: `Harbour Aid ${language}`, type: 'ngo' }, { ...caseworker, roles: ['caseworker'] });
      // Her first sign-in, with the authenticator she will lose.
      const before = new ApiClient(h.baseUrl);
      await before.signIn(caseworker.email, caseworker.password);
      expect(await before.status('/api/auth/session')).toBe(200);

      const page = await signInInBrowser(h, 'amina@coordinator.example', password);
      await chooseLanguage(page, language);
      await page.goto(`${h.baseUrl}/users`);
      await page.getByRole('heading', { name: s.users.title, level: 1 }).waitFor();
      const row = page.getByRole('row').filter({ hasText: caseworker.email });
      await row.getByRole('button', { name: new RegExp(`^${s.users.manage}`) }).click();
      const panel = page.locator('section[aria-labelledby="manage-user-title"]');
      await panel.getByRole('heading', { name: fill(s.users.manageTitle, { name: caseworker.displayName }) }).waitFor();
      await panel.getByRole('button', { name: s.users.resetAuthenticator }).click();
      await panel.getByText(fill(s.users.confirmAuthenticatorReset, { name: caseworker.displayName })).waitFor();
      await panel.getByRole('group').getByRole('button', { name: s.users.resetAuthenticator }).click();
      await waitForStatus(page, fill(s.users.authenticatorReset, { name: caseworker.displayName }));
      await row.getByText(s.users.twoFactorOff).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/administration-reset-${language}.png`, fullPage: true });

      // Her old session ended at once.
      expect(await before.status('/api/auth/session')).toBe(401);

      // She signs in again and must set up a new authenticator before anything else.
      const context = await h.browser.newContext();
      const mine = await context.newPage();
      await mine.goto(h.baseUrl);
      await chooseLanguage(mine, language);
      await mine.getByLabel(s.auth.email).fill(caseworker.email);
      await mine.getByLabel(s.auth.password, { exact: true }).fill(caseworker.password);
      await mine.getByRole('button', { name: s.auth.signIn }).click();
      await mine.getByRole('heading', { name: s.auth.enrolTitle }).waitFor();
      secret = await mine.getByLabel(s.auth.secret).inputValue();
      await mine.screenshot({ path: `/tmp/administration-enrol-${language}.png`, fullPage: true });
      await mine.getByLabel(s.auth.code).fill(currentTotp(secret));
      await mine.getByRole('button', { name: s.auth.confirm }).click();
      await mine.getByRole('link', { name: s.nav.home }).waitFor();

      // And is told what happened, by whom, in her language.
      const notice = mine.locator('.account-notices');
      await notice.getByText(fill(s.accountNotices.kinds.auth__two_factor_reset, { name: 'Amina Haddad' })).waitFor();
      if (language === 'ar') expect(await latinWords(mine, '.account-notices', ['Amina Haddad'])).toEqual([]);
      expect(await seriousAccessibilityViolations(mine)).toEqual([]);
      await mine.screenshot({ path: `/tmp/administration-notice-${language}.png`, fullPage: true });
      await notice.getByRole('button', { name: s.accountNotices.dismiss }).click();
      await mine.reload();
      await mine.getByRole('link', { name: s.nav.home }).waitFor();
      expect(await mine.locator('.account-notices').count()).toBe(0);
      await context.close();

      // The audit page finds the reset by its action, written as a sentence.
      await page.goto(`${h.baseUrl}/audit`);
      await page.getByRole('heading', { name: s.audit.title, level: 1 }).waitFor();
      await page.getByLabel(s.audit.action, { exact: true }).selectOption('auth.two_factor_reset');
      await page.getByRole('button', { name: s.audit.filter, exact: true }).click();
      const entry = page.locator('#audit-caption').locator('xpath=..').getByRole('row').filter({ hasText: s.audit.actions.auth__two_factor_reset });
      await entry.first().getByText(s.audit.summaries.authenticatorRemoved_other.replace('{{count}}', '1')).or(entry.first().getByText(s.audit.summaries.authenticatorRemoved_one.replace('{{count}}', '1'))).first().waitFor();
      await entry.first().getByText('Amina Haddad').waitFor();
      if (language === 'ar') {
        const cell = entry.first().locator('td').nth(2);
        const text = (await cell.innerText()).replace(/auth\.two_factor_reset/g, '');
        expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
      }
      await page.screenshot({ path: `/tmp/administration-audit-${language}.png`, fullPage: true });
      await page.context().close();
    });

    it('a lost password: the code is shown once to the administrator, and the caseworker sets a new password with it', async () => {
      const page = await signInInBrowser(h, 'amina@coordinator.example', password);
      await chooseLanguage(page, language);
      await page.goto(`${h.baseUrl}/users`);
      const row = page.getByRole('row').filter({ hasText: caseworker.email });
      await row.getByRole('button', { name: new RegExp(`^${s.users.manage}`) }).click();
      const panel = page.locator('section[aria-labelledby="manage-user-title"]');
      await panel.getByRole('button', { name: s.users.resetPassword }).click();
      await panel.getByRole('group').getByRole('button', { name: s.users.issueCode }).click();
      const code = await panel.getByTestId('reset-code').innerText();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await panel.getByText(fill(s.users.codeShownOnce, { name: caseworker.displayName })).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/administration-code-${language}.png`, fullPage: true });
      await page.context().close();

      const context = await h.browser.newContext();
      const mine = await context.newPage();
      await mine.goto(h.baseUrl);
      await chooseLanguage(mine, language);
      await mine.getByRole('link', { name: s.auth.haveResetCode }).click();
      await mine.getByRole('heading', { name: s.auth.resetTitle }).waitFor();
      // A mistyped repetition is named on its field; nothing is sent.
      await mine.getByLabel(s.auth.email).fill(caseworker.email);
      await mine.getByLabel(s.auth.resetCode).fill(code.toLowerCase());
      await mine.getByLabel(s.auth.newPassword, { exact: true }).fill('samira second passphrase');
      await mine.getByLabel(s.auth.repeatPassword).fill('samira second passphrase!');
      await mine.getByRole('button', { name: s.auth.setPassword }).click();
      await mine.getByText(s.problems.passwordsDiffer).first().waitFor();
      await mine.getByLabel(s.auth.repeatPassword).fill('samira second passphrase');
      await mine.getByRole('button', { name: s.auth.setPassword }).click();
      await waitForStatus(mine, s.auth.resetDone);
      expect(await seriousAccessibilityViolations(mine)).toEqual([]);
      await mine.screenshot({ path: `/tmp/administration-new-password-${language}.png`, fullPage: true });
      await mine.getByRole('link', { name: s.auth.backToSignIn }).click();
      await mine.getByLabel(s.auth.email).fill(caseworker.email);
      await mine.getByLabel(s.auth.password, { exact: true }).fill('samira second passphrase');
      await mine.getByRole('button', { name: s.auth.signIn }).click();
      await mine.getByLabel(s.auth.code).fill(nextTotp(secret));
      await mine.getByRole('button', { name: s.auth.verify }).click();
      await mine.getByRole('link', { name: s.nav.home }).waitFor();
      await mine.locator('.account-notices').getByText(fill(s.accountNotices.kinds.user__password_reset_issued, { name: 'Amina Haddad' })).waitFor();
      await context.close();

      // The code worked once.
      const again = await fetch(`${h.baseUrl}/api/auth/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: caseworker.email, code, newPassword: 'a third passphrase here' }),
      });
      expect(again.status).toBe(400);
    });
  });
}
