import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * Recommendations imported from a spreadsheet in the browser: the national rapporteur opens the import from the
 * recommendations list, chooses a CSV, maps its columns and gives the cycle and the urgency one value for every row
 * (the urgency chosen by its label); a file with a bad row is refused whole, each refused row with its reason in
 * English and then in French; the corrected file imports. The coordinator, who may not import, is offered no import.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const rapporteur = { displayName: 'Leila Mansour', email: 'leila@rapporteur.example' };
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const header = 'Body,Date,Recommendation,Themes\n';
const good = 'GRETA,2023-06-14,Ensure that all victims are identified,identification\nupr,2023-11-10,Fund specialised shelters for men,protection;assistance\n';
const bad = `${header}${good}UNICEF,2023-01-01,An unknown body,protection\nGRETA,14 June,A date that is not one,protection\n`;
let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Office of the National Rapporteur', type: 'national_rapporteur' }, { ...rapporteur, password, roles: ['national_rapporteur'] });
  await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
}, 600_000);
afterAll(async () => h.close());

async function chooseFile(page: Page, content: string) {
  await page.getByLabel('Spreadsheet (CSV or XLSX)', { exact: true }).setInputFiles({ name: 'recommendations.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByRole('option', { name: 'Recommendation', exact: true }).first().waitFor({ state: 'attached' });
}

describe('recommendations imported from a spreadsheet', () => {
  it('the rapporteur maps a file, sees each refused row with its reason in English and French, then imports the corrected file', async () => {
    const page = await signInInBrowser(h, rapporteur.email, password);
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByRole('link', { name: 'Import recommendations from a spreadsheet' }).click();
    await page.getByRole('heading', { name: 'Import recommendations from a spreadsheet', level: 1 }).waitFor();

    await chooseFile(page, bad);
    await page.getByRole('heading', { name: /^The file: 4 rows/u }).waitFor();
    await page.getByLabel('Monitoring body', { exact: true }).selectOption('Body');
    await page.getByLabel('Date issued', { exact: true }).selectOption('Date');
    await page.getByLabel('Text of the recommendation', { exact: true }).selectOption('Recommendation');
    await page.getByLabel('Themes', { exact: true }).selectOption('Themes');
    // The cycle is not in the file; without it the import is not sent.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Cycle or round' }).waitFor();
    await page.getByLabel('One value for every row: Cycle or round', { exact: true }).fill('Third round');
    await page.getByLabel('One value for every row: Urgency', { exact: true }).selectOption({ label: 'Urges' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    await page.getByRole('heading', { name: '2 rows cannot be imported' }).waitFor();
    const rejected = page.getByRole('region', { name: '2 rows cannot be imported' }).locator('table');
    await rejected.locator('tr').filter({ hasText: 'Monitoring body' }).filter({ hasText: '“UNICEF” is not one of the values this field accepts' }).waitFor();
    await rejected.locator('tr').filter({ hasText: 'Date issued' }).filter({ hasText: '“14 June” is not a date' }).waitFor();
    await page.getByText('Nothing was imported. Correct these rows or the mapping and import again.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-import-rejected-en.png`, fullPage: true });

    // In French, the reasons are French.
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Français' });
    await page.getByRole('heading', { name: '2 lignes ne peuvent pas être importées' }).waitFor();
    const rejectedFr = page.getByRole('region', { name: '2 lignes ne peuvent pas être importées' }).locator('table');
    await rejectedFr.locator('tr').filter({ hasText: 'Organe de suivi' }).filter({ hasText: '« UNICEF » ne fait pas partie des valeurs acceptées pour ce champ' }).waitFor();
    const text = await rejectedFr.innerText();
    expect(text).not.toMatch(/is not|must be|read "/u);
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-import-rejected-fr.png`, fullPage: true });
    await page.getByLabel('Langue', { exact: true }).selectOption({ label: 'English' });

    // Nothing was imported.
    await page.getByRole('link', { name: 'All recommendations' }).click();
    await page.getByText('No recommendation matches.').waitFor();
    await page.getByRole('link', { name: 'Import recommendations from a spreadsheet' }).click();

    await chooseFile(page, `${header}${good}`);
    await page.getByLabel('Monitoring body', { exact: true }).selectOption('Body');
    await page.getByLabel('Date issued', { exact: true }).selectOption('Date');
    await page.getByLabel('Text of the recommendation', { exact: true }).selectOption('Recommendation');
    await page.getByLabel('Themes', { exact: true }).selectOption('Themes');
    await page.getByLabel('One value for every row: Cycle or round', { exact: true }).fill('Third round');
    await page.getByLabel('One value for every row: Urgency', { exact: true }).selectOption({ label: 'Urges' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Recommendations imported: 2.' }).waitFor();
    await page.getByRole('link', { name: 'All recommendations' }).click();
    await page.getByText('Fund specialised shelters for men').waitFor();
    await page.getByText('Ensure that all victims are identified').waitFor();
  });

  it('the coordinator, who may not import, is offered no import', async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByRole('heading', { name: 'Recommendations of monitoring bodies' }).waitFor();
    expect(await page.getByRole('link', { name: 'Import recommendations from a spreadsheet' }).count()).toBe(0);
  });
});
