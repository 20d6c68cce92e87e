import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { releaseAttributeNames } from '@palermo/contracts';
import { insertPopulation } from '../../../server/src/modules/releases/test-population.js';
import { addOrganisationWithUser, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The rapporteur publishes a dataset privacy-safely: a differentially private synthetic release within the dataset's
 * privacy budget, confirmed on a step that shows the epsilon to be spent and what is left (going back spends nothing),
 * with its utility report and the file to download; then a release that would exceed the budget is refused and
 * nothing more is spent.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const rapporteur = { email: 'rapporteur@rapporteur.example' };
const records = 3000;

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Rapporteur on Trafficking', type: 'national_rapporteur' }, { displayName: 'Grace Mwangi', email: rapporteur.email, password, roles: ['national_rapporteur'] });
  // An imported file of de-identified records (made up), the dataset to publish.
  await insertPopulation(h.server.runtime.database.db, { count: records, seed: 11, kind: 'ctdc_import', name: 'CTDC regional file' });
});
afterAll(async () => h.close());

const signIn = (email: string): Promise<Page> => signInInBrowser(h, email, password);

describe('privacy-safe releases in the browser', () => {
  let page: Page;

  it('the rapporteur makes a differentially private release within budget, sees the utility report and downloads the file', async () => {
    page = await signIn(rapporteur.email);
    await page.getByRole('link', { name: 'Releases' }).click();
    await page.getByRole('heading', { name: 'Privacy-safe releases' }).waitFor();
    await expect(page.getByLabel('Dataset').inputValue()).resolves.toBeTruthy();
    await page.getByText('Epsilon remaining: 10 of 10 (0 spent).').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Synthetic records with differential privacy').check();
    await page.getByLabel('Epsilon', { exact: true }).fill('4');
    await page.getByLabel('Delta', { exact: true }).fill('1e-6');
    await page.getByLabel('Reporting length').selectOption('3');
    await page.getByText('This release will spend epsilon 4 of the 10 remaining (budget 10).').waitFor();
    // One click does not spend the budget: it shows what will be spent and asks again. Going back spends nothing.
    await page.getByRole('button', { name: 'Review the release' }).click();
    const confirm = page.getByTestId('release-confirm');
    await confirm.getByRole('heading', { name: 'Confirm the release' }).waitFor();
    await confirm.getByText("This release spends epsilon 4 of the dataset's privacy budget: 10 of 10 remains now, 6 will remain after it.").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Go back and change it' }).click();
    await page.getByLabel('Epsilon', { exact: true }).waitFor();
    await expect(page.getByTestId('release-confirm').count()).resolves.toBe(0);
    await page.getByText('Epsilon remaining: 10 of 10 (0 spent).').waitFor();
    await page.getByRole('button', { name: 'Review the release' }).click();
    await page.getByTestId('release-confirm').getByRole('button', { name: 'Make the release' }).click();
    await page.getByRole('heading', { name: 'Release made' }).waitFor({ timeout: 120_000 });

    const report = page.getByRole('table', { name: 'Utility report: counts of value combinations in the release against the real records' });
    await expect(report.getByRole('row').count()).resolves.toBe(4);
    for (const length of ['1-way', '2-way', '3-way']) await report.getByRole('rowheader', { name: length }).waitFor();
    await page.getByText('Epsilon remaining: 6 of 10 (4 spent).').waitFor();
    await page.getByRole('table', { name: 'Every release of this dataset, newest first' }).getByRole('row').nth(1).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const link = page.getByRole('link', { name: /^Download palermo-synthetic-/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^palermo-synthetic-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv$/);
    const file = readFileSync(await download.path());
    const text = file.toString('utf8');
    expect(text.split('\n')[0]).toMatch(/^yearOfRegistration,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,/);
    const lines = text.trim().split('\n').length - 1;
    expect(Math.abs(lines - records)).toBeLessThan(300);
    await page.getByText(createHash('sha256').update(file).digest('hex')).waitFor();
  });

  it('a release that would exceed the budget is refused, and nothing is spent', async () => {
    await page.getByLabel('Epsilon', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Review the release' }).click();
    await page.getByText("This release spends epsilon 7 of the dataset's privacy budget: 6 of 10 remains now, 0 will remain after it.").waitFor();
    // The confirm step in French and Arabic too.
    const language = page.getByLabel(/Language|Langue|اللغة/u);
    await language.selectOption('fr');
    await page.getByTestId('release-confirm').getByText('Cette publication dépense un epsilon de 7 du budget de confidentialité du jeu de données').waitFor();
    await page.getByTestId('release-confirm').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/palermo-release-confirm-fr.png' });
    await language.selectOption('ar');
    await page.getByTestId('release-confirm').getByRole('heading', { name: 'تأكيد النشر' }).waitFor();
    await page.getByTestId('release-confirm').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/palermo-release-confirm-ar.png' });
    await language.selectOption('en');
    await page.getByTestId('release-confirm').getByRole('button', { name: 'Make the release' }).click();
    await page.getByRole('alert').filter({ hasText: 'Refused: this release needs epsilon 7, but only 6 of the dataset\'s privacy budget of 10 remains.' }).waitFor();
    await page.reload();
    await page.getByText('Epsilon remaining: 6 of 10 (4 spent).').waitFor();
    const ledger = page.getByRole('table', { name: 'Every release of this dataset, newest first' });
    await ledger.getByRole('row').nth(1).waitFor();
    await expect(ledger.getByRole('row').count()).resolves.toBe(2);
  });

  it('labels the attributes of a k-anonymous release in words, never by their column names, in English, French and Arabic', async () => {
    await page.reload();
    await page.getByLabel('k-anonymous records').check();
    const group = page.locator('#release-qi');
    await group.getByRole('checkbox').first().waitFor();
    const labels = async () => (await group.locator('label').allTextContents()).map((l) => l.trim());
    const english = await labels();
    expect(english).toHaveLength(releaseAttributeNames.length);
    expect(english).toEqual(expect.arrayContaining(['Sex or gender', 'How long the trafficking lasted', 'Control: documents withheld', 'Recruited by a family member']));
    // The quasi-identifiers anyone could know are ticked at first, the duration among them.
    await expect(group.getByLabel('How long the trafficking lasted').isChecked()).resolves.toBe(true);
    const codes = new Set<string>(releaseAttributeNames);
    const rawCode = /\b(is|means|typeOf|recruiterRelation)[A-Z]\w+|\byearOfRegistration\b|\bageBroad\b|\btraffickMonths\b|\bCountryOfExploitation\b/u;
    for (const label of english) {
      expect(codes.has(label), label).toBe(false);
      expect(label).not.toMatch(rawCode);
    }
    const language = page.getByLabel(/Language|Langue|اللغة/u);
    await language.selectOption('fr');
    await group.getByText('Durée de la traite').waitFor();
    for (const label of await labels()) expect(label).not.toMatch(rawCode);
    await language.selectOption('ar');
    await group.getByText('مدة الاتجار').waitFor();
    const arabic = await labels();
    for (const label of arabic) expect(label, label).not.toMatch(/[A-Za-z]{3,}/u);
    await page.screenshot({ path: '/tmp/palermo-release-attributes-ar.png', fullPage: true });
    await language.selectOption('en');
  });
});
