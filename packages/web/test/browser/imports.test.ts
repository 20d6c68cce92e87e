import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, ApiClient, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The national rapporteur imports the UNODC GLOTIP export and a small CTDC file through the page, follows each
 * import and reads its report; the same file a second time changes nothing; a caseworker may not import or export.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
/** The United Kingdom's 2019 rows of the UNODC GLOTIP export, as published (server/test/fixtures/datasets/README.md). */
const glotipPath = fileURLToPath(new URL('../../../server/test/fixtures/datasets/glotip/glotip-gbr-victims-2019.csv', import.meta.url));
const glotipRows = readFileSync(glotipPath, 'utf8').trim().split('\n').length - 1;
const ctdc = [
  'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,isForcedLabour,isSexualExploit,sectorOfLabourAgriculture',
  '2021,Woman,09--17,PHL,MYS,,1,',
  '2021,MAN,30--38,XX,MYS,1,,1',
  '2022,Female,-99,NG,IT,1,,',
].join('\n');

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Rapporteur', type: 'national_rapporteur' }, { displayName: 'Grace Mwangi', email: 'grace@rapporteur.example', password, roles: ['national_rapporteur'] });
  await addOrganisationWithUser(admin, { name: 'Safe Passage', type: 'ngo' }, { displayName: 'Jonas Berg', email: 'jonas@ngo.example', password, roles: ['caseworker'] });
});
afterAll(async () => h.close());

const signIn = (email: string): Promise<Page> => signInInBrowser(h, email, password, { timeoutMs: 120_000 });

const detail = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);

describe('imports in the browser', () => {
  let page: Page;

  it('the rapporteur imports the GLOTIP export and sees the report', async () => {
    expect(existsSync(glotipPath)).toBe(true);
    page = await signIn('grace@rapporteur.example');
    await page.getByRole('link', { name: 'Imports and exports' }).click();
    await page.getByRole('heading', { name: 'Import a file' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Kind of file').selectOption({ label: 'UNODC GLOTIP data (XLSX or CSV)' });
    await page.getByLabel('File', { exact: true }).setInputFiles(glotipPath);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'glotip-gbr-victims-2019.csv was imported.' }).waitFor();
    const rowsRead = Number((await detail(page, 'Rows read').textContent())?.replace(/,/g, ''));
    expect(rowsRead).toBe(glotipRows);
    expect(await detail(page, 'Rows imported').textContent()).toBe(await detail(page, 'Rows read').textContent());
    // The export masks small counts as "<5": the report says so, with where and how they were read.
    const byKind = page.getByRole('table', { name: 'Values that were not plain, by kind' });
    await byKind.getByRole('rowheader', { name: 'Masked small count (<5)' }).waitFor();
    await page.getByRole('table', { name: /Values that were not plain, row by row/ }).getByRole('row').nth(1).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('imports a small CTDC file, reports the odd values by row and column, and a second time changes nothing', async () => {
    await page.getByLabel('Kind of file').selectOption({ label: 'CTDC record-level data (CSV or TSV)' });
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'ctdc-small.csv', mimeType: 'text/csv', buffer: Buffer.from(ctdc) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'ctdc-small.csv was imported.' }).waitFor();
    expect(await detail(page, 'Rows read').textContent()).toBe('3');
    expect(await detail(page, 'Rows imported').textContent()).toBe('3');
    const report = page.getByRole('table', { name: /Values that were not plain, row by row/ });
    const bad = report.getByRole('row').filter({ hasText: 'Not a country code' });
    await expect(bad.getByRole('cell').allTextContents()).resolves.toEqual(['3', 'citizenship', 'Not a country code', 'XX', 'missing: not an ISO 3166-1 alpha-2 or alpha-3 code']);
    // A code in other letters is read as the code and reported, not dropped.
    const respelled = report.getByRole('row').filter({ hasText: 'Code written in other letter case or spacing (read as the code)' });
    await expect(respelled.getByRole('cell').allTextContents()).resolves.toEqual(['3', 'gender', 'Code written in other letter case or spacing (read as the code)', 'MAN', 'read as "Man": differs from the code list only in letter case or spacing']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'ctdc-again.csv', mimeType: 'text/csv', buffer: Buffer.from(ctdc) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'ctdc-small.csv was already imported on' }).waitFor();
  });

  it('says why a file was not imported', async () => {
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('yearOfRegistration,gender\n2020,Woman,extra\n') });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'broken.csv was not imported. Nothing was stored.' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'row 2 has 3 cells where the header has 2 (row 2)' }).waitFor();
  });

  it('offers the rapporteur the offender tables from the prosecution records, methodology first', async () => {
    await page.getByRole('heading', { name: 'Offender tables from the prosecution records' }).waitFor();
    const csv = page.getByRole('link', { name: 'Download the offender tables as CSV' });
    expect(await csv.getAttribute('href')).toBe('/api/exports/glotip/offenders?format=csv&language=en');
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.split('\n')[0]).toBe('# GLOTIP offender tables from the prosecution records of trafficking investigations.');
    expect(text).toContain('indicator,indicator_label,dimension,dimension_label,category,category_label,sex,sex_label,age,age_label,year,value,source');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('a caseworker may not import or export', async () => {
    const caseworker = new ApiClient(h.baseUrl);
    await caseworker.signIn('jonas@ngo.example', password);
    expect(await caseworker.status(`/api/imports/jobs/${crypto.randomUUID()}`)).toBe(403);
    expect(await caseworker.status('/api/exports/glotip?country=GB')).toBe(403);
    expect(await caseworker.status('/api/exports/glotip/offenders?format=csv')).toBe(403);
    // The raw record-level file is served to no one.
    expect(await caseworker.status('/api/exports/ctdc')).toBe(404);
  });
});
