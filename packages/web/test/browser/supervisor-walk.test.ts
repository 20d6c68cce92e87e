import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import ar from '../../src/i18n/locales/ar.json';
import { ApiClient, firstRun, openPanel, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * A supervisor's day, in English and in Arabic: she opens her home, finds a caseworker's plan waiting for her approval,
 * approves it on the case page, and reassigns another case to a second caseworker. Her home is saved as a screenshot
 * (PALERMO_SCREENSHOTS, else /tmp) and its text checked for ids, codes and, in Arabic, English.
 */
let h: BrowserHarness;
let admin: ApiClient;
const password = 'a supervisor day passphrase';
const screenshots = process.env['PALERMO_SCREENSHOTS'] ?? '/tmp';
const key = () => ({ 'idempotency-key': randomUUID() });
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const codePattern = /\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\.[a-z_]+\b/;
const fill = (text: string, values: Record<string, string>) => text.replace(/{{(\w+)}}/g, (_, name: string) => values[name] ?? '');

beforeAll(async () => {
  h = await startHarness();
  admin = await firstRun(h, password);
  await admin.call('PUT', '/api/settings/approvals', { approvalRequiredFor: ['assistance_plan'] });
}, 600_000);
afterAll(async () => h?.close());

async function chooseLanguage(page: Page, language: 'en' | 'ar') {
  await page.getByLabel(/^(Language|Langue|اللغة)$/).first().selectOption(language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

async function checkWords(page: Page, language: 'en' | 'ar', names: readonly string[]) {
  // The SOP measures on the case page included: the default SOP's measures are shown in the reader's language.
  const text = (await page.locator('main').innerText()) ?? '';
  expect(text).not.toMatch(uuidPattern);
  expect(text.match(codePattern), 'a code shown').toBeNull();
  if (language === 'ar') {
    let rest = text.replace(/C-\d{4}-[A-Z0-9]+/g, ' ');
    for (const name of names) rest = rest.split(name).join(' ');
    expect((rest.match(/[A-Za-z]{3,}/g) ?? []).join(' '), 'English left in Arabic').toBe('');
  }
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

for (const [language, s] of [
  ['en', en],
  ['ar', ar],
] as const) {
  describe(`a supervisor's day (${language === 'en' ? 'English' : 'Arabic'})`, () => {
    const tag = language.toUpperCase();
    const orgName = `Harbour House ${tag}`;
    const people = {
      caseworker: { displayName: `Jonas Berg ${tag}`, email: `jonas.sup.${language}@harbour.example`, roles: ['caseworker'] },
      second: { displayName: `Lina Sorel ${tag}`, email: `lina.sup.${language}@harbour.example`, roles: ['caseworker'] },
      supervisor: { displayName: `Nadia Karam ${tag}`, email: `nadia.sup.${language}@harbour.example`, roles: ['supervisor'] },
    } as const;
    const ids: Record<string, string> = {};
    const names = [orgName, ...Object.values(people).map((p) => p.displayName), 'Rose', 'Mira', 'NORTH'];
    let jonas: ApiClient;

    beforeAll(async () => {
      ids['org'] = String((await admin.call('POST', '/api/organisations', { name: orgName, type: 'ngo' }))['id']);
      for (const [role, person] of Object.entries(people)) {
        ids[role] = String((await admin.call('POST', '/api/users', { organisationId: ids['org'], displayName: person.displayName, email: person.email, password, roles: person.roles }))['id']);
      }
      jonas = new ApiClient(h.baseUrl);
      await jonas.signIn(people.caseworker.email, password);
    }, 600_000);

    it('opens her home, approves a plan waiting for her and reassigns a case', { timeout: 600_000 }, async () => {
      const open = async (pseudonym: string) => {
        const opened = await jonas.call('POST', '/api/cases', { person: { pseudonym, jurisdiction: 'NORTH' }, formsOfExploitation: ['ForcedLabour'] }, key());
        return { id: String(opened['id']), reference: String(opened['reference']) };
      };
      const rose = await open('Rose');
      await jonas.call('POST', `/api/cases/${rose.id}/records`, { kind: 'assistance_goal', data: { domain: 'legal', status: 'planned', chosenByPerson: true }, notes: language === 'en' ? 'Recover the wages owed' : 'استرداد الأجور المستحقة' }, key());
      const mira = await open('Mira');

      const page = await signInInBrowser(h, people.supervisor.email, password);
      await page.goto(h.baseUrl);
      await chooseLanguage(page, language);
      const approvals = page.locator('#home-approvals');
      await approvals.getByRole('link', { name: new RegExp(rose.reference) }).waitFor();
      await approvals.getByText(s.supervision.kinds.assistance_plan).first().waitFor();
      await page.locator('#home-team').getByText(people.caseworker.displayName).first().waitFor();
      await page.waitForLoadState('networkidle');
      await checkWords(page, language, names);
      await page.screenshot({ path: `${screenshots}/supervisor-home-${language}.png`, fullPage: true });

      // The navigation counts what waits for her approval on its own item, which leads to it.
      const approvalsLink = page.getByRole('navigation').getByRole('link', { name: s.supervision.nav, exact: true });
      await expect.poll(async () => (await approvalsLink.locator('.nav-count').textContent()) ?? '', { timeout: 60_000 }).toBe(await page.evaluate(() => new Intl.NumberFormat(document.documentElement.lang).format(1)));
      expect((await admin.call('GET', '/api/home/counts'))['approvals']).toBeUndefined();
      await approvalsLink.click();
      await page.waitForURL(/\/approvals$/);
      await page.locator('#approvals-waiting').getByRole('link', { name: new RegExp(rose.reference) }).waitFor();
      await checkWords(page, language, names);
      await page.goto(h.baseUrl);

      await approvals.getByRole('link', { name: new RegExp(rose.reference) }).click();
      await page.waitForURL(new RegExp(`/cases/${rose.id}`));
      const kind = s.supervision.kinds.assistance_plan;
      await page.locator('#case-approvals').getByRole('button', { name: fill(s.supervision.approve, { kind }) }).click();
      await waitForStatus(page, fill(s.supervision.approved, { kind }));
      await page.locator('#case-approvals').getByText(s.supervision.statuses.approved).first().waitFor();
      await page.locator('#case-measures').waitFor();
      if (language === 'ar') {
        // The default SOP's measures read in Arabic: not one of their English titles, purposes or methods.
        const measuresText = await page.locator('#case-measures').innerText();
        for (const phrase of ['Initial referral', 'Information on rights', 'Initial identification', 'Refer the presumed victim', 'first point of notification', 'SOP 1: Identification']) {
          expect(measuresText).not.toContain(phrase);
        }
        expect((measuresText.match(/[A-Za-z]{3,}/g) ?? []).join(' '), 'English in the measures').toBe('');
      }
      await checkWords(page, language, names);

      await page.goto(`${h.baseUrl}/cases/${mira.id}`);
      const reassign = await openPanel(page, s.supervision.reassignTitle);
      await reassign.locator('#reassign-user').selectOption(ids['second'] ?? '');
      await reassign.getByRole('button', { name: s.supervision.reassign, exact: true }).click();
      await waitForStatus(page, fill(s.supervision.reassigned, { name: people.second.displayName }));
      const manager = await jonas.call('GET', `/api/cases/${mira.id}`);
      expect(manager['caseManagerUserId']).toBe(ids['second']);
      await checkWords(page, language, names);
      await page.screenshot({ path: `${screenshots}/supervisor-case-${language}.png`, fullPage: true });
    });
  });
}
