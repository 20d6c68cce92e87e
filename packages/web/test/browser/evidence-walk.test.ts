import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { roundEstimate } from '@palermo/contracts';
import { systemActor } from '../../../server/src/platform/audit/audit.js';
import { refreshCountryDataset } from '../../../server/src/modules/statistical-records/country-dataset.js';
import { estimateHiddenPopulation } from '../../../server/src/modules/estimation/estimate.js';
import { buildOverlapTable } from '../../../server/src/modules/estimation/overlap-table.js';
import { buildReport } from '../../../server/src/modules/statistics/statistics.service.js';
import { must } from '../../../server/src/modules/statistics/must.js';
import { addOrganisationWithUser, ApiClient, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The evidence walk, in one session of the web app: the national rapporteur signs in, imports the UNODC GLOTIP
 * export and reads its report, sees the country's statistics perturbed by the cell-key method and the GLOTIP reference
 * beside the country's own figures, makes a differentially private release within the budget (confirmed on the confirm
 * step) and downloads it, then estimates the hidden number of victims from the lists of three organisations for the
 * year of their cases.
 */
let h: BrowserHarness;
let page: Page;
const password = 'a long enough test passphrase';
/** The United Kingdom's 2019 rows of the UNODC GLOTIP export, as published (server/test/fixtures/datasets/README.md). */
const glotipPath = fileURLToPath(new URL('../../../server/test/fixtures/datasets/glotip/glotip-gbr-victims-2019.csv', import.meta.url));
const glotipRows = readFileSync(glotipPath, 'utf8').trim().split('\n').length - 1;
const rapporteur = { email: 'rapporteur@rapporteur.example' };
const organisations = [
  { name: 'Safe Passage Association', type: 'ngo', list: 'NGO', email: 'ngo@safe.example' },
  { name: 'Harbour House Shelter', type: 'shelter', list: 'Shelter', email: 'jonas@shelter.example' },
  { name: 'Municipal Social Services', type: 'social_services', list: 'Social', email: 'eva@social.example' },
] as const;
/** People on exactly these organisations' lists (bit i = organisations[i]) and how many: 7 cells, 102 people. */
const cells: Array<[number, number]> = [
  [0b001, 30],
  [0b010, 25],
  [0b100, 20],
  [0b011, 10],
  [0b101, 8],
  [0b110, 6],
  [0b111, 3],
];
const people = cells.reduce((s, [, n]) => s + n, 0);
/** Each organisation records its people separately (no match confirmed), so the country dataset has one record per case. */
const caseRecords = cells.reduce((s, [mask, n]) => s + n * organisations.filter((_, i) => (mask >> i) & 1).length, 0);
const year = String(new Date().getUTCFullYear());

/** The n-th made-up person, the same whichever organisation records them; the first three are from Viet Nam. */
function person(n: number) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const code = `${letters[n % 26]}${letters[Math.floor(n / 26) % 26]}`;
  return {
    givenName: `Test${code}`,
    familyName: `Synthetic${code}`,
    birthDate: `${1970 + (n % 30)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    gender: n % 2 === 0 ? ('Feminine' as const) : ('Masculine' as const),
    citizenships: [n < 3 ? 'VN' : n % 3 === 0 ? 'AL' : 'NG'],
  };
}

beforeAll(async () => {
  h = await startHarness();
  const db = h.server.runtime.database.db;
  // The country is the United Kingdom: its GLOTIP figures are the reference beside its own.
  await db.updateTable('country_settings').set({ country_iso3: 'GBR' }).where('id', '=', 1).execute();

  const admin = await firstRun(h, password);
  const caseworkers: ApiClient[] = [];
  for (const organisation of organisations) {
    await addOrganisationWithUser(admin, { name: organisation.name, type: organisation.type }, { displayName: `Caseworker ${organisation.list}`, email: organisation.email, password, roles: ['caseworker'] });
    const client = new ApiClient(h.baseUrl);
    await client.signIn(organisation.email, password);
    caseworkers.push(client);
  }
  await addOrganisationWithUser(admin, { name: 'National Rapporteur on Trafficking', type: 'national_rapporteur' }, { displayName: 'Grace Mwangi', email: rapporteur.email, password, roles: ['national_rapporteur'] });

  // Each organisation records its own people, each with consent to statistics (one organisation at a time in parallel).
  const byOrganisation: number[][] = organisations.map(() => []);
  let n = 0;
  for (const [mask, count] of cells) {
    for (let i = 0; i < count; i++, n++) for (const index of organisations.keys()) if ((mask >> index) & 1) byOrganisation[index]?.push(n);
  }
  await Promise.all(
    caseworkers.map(async (client, index) => {
      for (const p of byOrganisation[index] ?? []) {
        const { gender, citizenships, ...identity } = person(p);
        const opened = await client.call(
          'POST',
          '/api/cases',
          { person: { ...identity, gender, citizenships }, formsOfExploitation: [p % 4 === 0 ? 'ForcedLabour' : 'SexualExploitation'], countryOfExploitation: 'GB' },
          { 'idempotency-key': crypto.randomUUID() },
        );
        await client.call('POST', `/api/cases/${String(opened['id'])}/consents`, { purpose: 'statistics', status: 'given', method: 'verbal' }, { 'idempotency-key': crypto.randomUUID() });
      }
    }),
  );
  // The country's de-identified dataset, refreshed from the case records as the server does before statistics.
  const refreshed = await refreshCountryDataset(db, systemActor('statistics refresh'), { cipher: h.server.runtime.cipher });
  expect(refreshed.records).toBe(caseRecords);
}, 600_000);

afterAll(async () => {
  await h?.close();
});

const figure = (title: string) => page.locator('figure').filter({ has: page.locator('figcaption strong', { hasText: title }) });
const detail = (term: string) => page.locator('.details > div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd');
const whole = (x: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(Math.round(x));

describe('the rapporteur walks from the data to the evidence, in the web app', () => {
  it('signs in and imports the GLOTIP export, and reads the import report', async () => {
    page = await signInInBrowser(h, rapporteur.email, password);
    page.setDefaultTimeout(120_000);
    await page.getByRole('link', { name: 'Imports and exports' }).click();
    await page.getByRole('heading', { name: 'Import a file' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Kind of file').selectOption({ label: 'UNODC GLOTIP data (XLSX or CSV)' });
    await page.getByLabel('File', { exact: true }).setInputFiles(glotipPath);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 300_000 });
    await page.getByRole('status').filter({ hasText: 'glotip-gbr-victims-2019.csv was imported.' }).waitFor();
    const rowsRead = Number((await page.locator('dt:text-is("Rows read") + dd').textContent())?.replace(/,/g, ''));
    expect(rowsRead).toBe(glotipRows);
    await page.getByRole('table', { name: 'Values that were not plain, by kind' }).getByRole('rowheader', { name: 'Masked small count (<5)' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('sees the country statistics, perturbed and said so, and GLOTIP beside the country figures', async () => {
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    // Every count is perturbed by the cell-key method: the server's own report gives the figure the page must show.
    const report = await buildReport(h.server.runtime.database.db, {}, h.server.runtime.cipher.recordKeys);
    const shownTotal = must(report.tables.find((x) => x.id === 'year_stage')?.grandTotal?.value);
    expect(Math.abs(shownTotal - caseRecords)).toBeLessThanOrEqual(2);
    await figure('Persons by year and NRM stage').locator('tfoot td').last().filter({ hasText: String(shownTotal) }).waitFor();
    await page.getByTestId('perturbation-note').filter({ hasText: 'values may differ by a few (at most 2) from the exact count' }).waitFor();
    // Nothing withheld: the three persons from Viet Nam are shown perturbed, not as "<11".
    await expect(figure('Persons by citizenship').locator('abbr.suppressed').count()).resolves.toBe(0);
    // Nigeria's persons beside them.
    const published = figure('Persons by citizenship').locator('tbody tr').filter({ hasText: /Nigeria|NGA/ }).first();
    await published.waitFor();

    const reference = figure("Reference: UNODC GLOTIP beside the country's own");
    await reference.locator('figcaption').filter({ hasText: 'United Kingdom' }).waitFor();
    const table = reference.getByRole('table', { name: "Reference: UNODC GLOTIP beside the country's own" });
    await expect(table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2019', exact: true }) }).getByRole('cell').allTextContents()).resolves.toEqual(['10,627', '–']);
    await expect(table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: year, exact: true }) }).getByRole('cell').allTextContents()).resolves.toEqual(['–', String(shownTotal)]);
    expect(await page.content()).not.toMatch(/Synthetic[a-z]/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('makes a differentially private release within the budget and downloads it', async () => {
    await page.getByRole('link', { name: 'Releases' }).click();
    await page.getByRole('heading', { name: 'Privacy-safe releases' }).waitFor();
    await expect(page.getByLabel('Dataset').locator('option:checked').textContent()).resolves.toContain("The country's case records");
    await page.getByText('Epsilon remaining: 10 of 10 (0 spent).').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Synthetic records with differential privacy').check();
    await page.getByLabel('Epsilon', { exact: true }).fill('4');
    await page.getByLabel('Delta', { exact: true }).fill('1e-6');
    await page.getByLabel('Reporting length').selectOption('3');
    await page.getByRole('button', { name: 'Review the release' }).click();
    await page.getByTestId('release-confirm').getByRole('button', { name: 'Make the release' }).click();
    await page.getByRole('heading', { name: 'Release made' }).waitFor({ timeout: 300_000 });
    await page.getByRole('table', { name: 'Utility report: counts of value combinations in the release against the real records' }).getByRole('rowheader', { name: '1-way' }).waitFor();
    await page.getByText('Epsilon remaining: 6 of 10 (4 spent).').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download palermo-synthetic-/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^palermo-synthetic-.*\.csv$/);
    const text = readFileSync(await download.path()).toString('utf8');
    expect(text.split('\n')[0]).toMatch(/^yearOfRegistration,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation,/);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(Math.abs(rows.length - caseRecords)).toBeLessThan(caseRecords / 2);
    // Every case was registered this year; the noise may leave a year missing (written NULL, as CTDC does), never another year.
    const years = rows.map((r) => r['yearOfRegistration']);
    expect(new Set(years.filter((y) => y !== 'NULL'))).toEqual(new Set([year]));
    expect(years.filter((y) => y === year).length).toBeGreaterThan(rows.length / 2);
    // No name, birth date or other identifier of the people recorded.
    expect(text).not.toMatch(/Synthetic|Test[a-z]{2}\b|\d{4}-\d{2}-\d{2}/);
  });

  it('estimates the hidden number from the lists of the organisations for the year of the cases', async () => {
    await page.getByRole('link', { name: 'Hidden victims estimate' }).click();
    await page.getByRole('heading', { name: 'From the case records' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Year', { exact: true }).selectOption(year);
    for (const [index, organisation] of organisations.entries()) await page.getByLabel(`Name of list ${index + 1}`).fill(organisation.list);
    for (const organisation of organisations) await page.getByLabel(`List for ${organisation.name}`).selectOption({ label: organisation.list });
    await page.getByRole('button', { name: 'Estimate from the case records' }).click();
    await page.getByRole('heading', { name: `Estimate for ${year}` }).waitFor();

    const expected = estimateHiddenPopulation(
      buildOverlapTable(
        organisations.map((o) => o.list),
        cells.map(([mask, count]) => ({ combination: organisations.map((_, i) => (mask >> i) & 1), count })),
      ),
    );
    // From the case records the observed total is perturbed like a cell (by at most 2) and the estimate rounded
    // (nearest 10 below 1,000, nearest 100 above; the interval's ends outwards).
    expect(Math.abs(Number(await detail('Observed (on at least one list)').textContent()) - people)).toBeLessThanOrEqual(2);
    expect(await detail('Estimated total').textContent()).toBe(whole(roundEstimate(expected.total)));
    expect(await detail('Estimated unobserved').textContent()).toBe(whole(roundEstimate(expected.hidden)));
    expect(await detail('95% interval').textContent()).toBe(`${whole(roundEstimate(expected.interval.lower, 'down'))} to ${whole(roundEstimate(expected.interval.upper, 'up'))}`);
    expect(expected.total).toBeGreaterThan(people);
    expect(await page.content()).not.toMatch(/Synthetic[a-z]/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
