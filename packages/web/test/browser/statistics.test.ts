import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildReport } from '../../../server/src/modules/statistics/statistics.service.js';
import { addOrganisationWithUser, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The rapporteur's statistics: figures of persons from the country's de-identified dataset, every count perturbed by
 * the cell-key method and said so in the user's language; a filter changes the address and the figures; the CSV
 * download holds the figures shown.
 */
let h: BrowserHarness;
let page: Page;
/** What the browser refused under the server's Content-Security-Policy (the charts must need no inline styles). */
const cspViolations: string[] = [];
const password = 'a long enough test passphrase';
const rapporteur = { email: 'rapporteur@rapporteur.example' };

interface Group {
  n: number;
  year: number;
  gender: string;
  age: string;
  citizenship: string;
  stage: string;
  exploitation: string[];
}
const groups: Group[] = [
  { n: 40, year: 2023, gender: 'Woman', age: '18--20', citizenship: 'NGA', stage: 'reasonable_grounds_positive', exploitation: ['isSexualExploit'] },
  { n: 25, year: 2023, gender: 'Man', age: '30--38', citizenship: 'ALB', stage: 'reasonable_grounds_positive', exploitation: ['isForcedLabour'] },
  { n: 15, year: 2023, gender: 'Woman', age: '21--23', citizenship: 'NGA', stage: 'screened', exploitation: ['isSexualExploit'] },
  { n: 3, year: 2023, gender: 'Man', age: '30--38', citizenship: 'VNM', stage: 'reported', exploitation: ['isForcedLabour'] },
  { n: 30, year: 2024, gender: 'Woman', age: '21--23', citizenship: 'NGA', stage: 'conclusive_positive', exploitation: ['isSexualExploit'] },
  { n: 20, year: 2024, gender: 'Man', age: '21--23', citizenship: 'ALB', stage: 'screened', exploitation: ['isForcedLabour'] },
];
const total = groups.reduce((s, g) => s + g.n, 0);
/** The published (perturbed) grand totals, from the server's own report: all persons, and women. */
let shownTotal: number;
let shownWomen: number;

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Office of the National Rapporteur', type: 'national_rapporteur' }, { displayName: 'Rafael Rapporteur', email: rapporteur.email, password, roles: ['national_rapporteur'] });

  // The country's de-identified dataset, as the refresh from the case records would leave it.
  const db = h.server.runtime.database.db;
  const datasetId = randomUUID();
  await db.insertInto('statistical_datasets').values({ id: datasetId, kind: 'country_cases', name: 'Country cases', created_by: 'test', rows_imported: total }).execute();
  await db
    .insertInto('statistical_records')
    .values(
      groups.flatMap((g) =>
        Array.from({ length: g.n }, () => ({
          dataset_id: datasetId,
          person_key: randomUUID(),
          year_of_registration: g.year,
          gender: g.gender,
          age_broad: g.age,
          citizenship: g.citizenship,
          country_of_exploitation: 'GBR',
          exploitation: g.exploitation,
          stage: g.stage,
          trafficking_status: g.stage === 'conclusive_positive' ? 'ActualVictimOfTrafficking' : 'PossibleVictimOfTrafficking',
          referring_organisation_type: 'NGO',
        })),
      ),
    )
    .execute();
  const keys = h.server.runtime.cipher.recordKeys;
  const grand = async (filters: { sex?: string }) => (await buildReport(db, filters, keys)).tables.find((t) => t.id === 'year_stage')?.grandTotal?.value ?? -1;
  shownTotal = await grand({});
  shownWomen = await grand({ sex: 'Woman' });
  // Perturbed: near the exact counts, never far.
  expect(Math.abs(shownTotal - total)).toBeLessThanOrEqual(4);
  page = await signInInBrowser(h, rapporteur.email, password);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/iu.test(message.text())) cspViolations.push(message.text());
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const figure = (title: string) => page.locator('figure').filter({ has: page.locator('figcaption strong', { hasText: title }) });
const grandTotal = (title: string) => figure(title).locator('tfoot td').last();

describe('statistics', () => {
  it('shows persons by year and stage, perturbed, and says so in plain words', async () => {
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    await grandTotal('Persons by year and NRM stage').filter({ hasText: String(shownTotal) }).waitFor();
    await expect(figure('Persons by year and NRM stage').locator('figcaption').textContent()).resolves.toContain('counts persons');
    await expect(page.getByTestId('perturbation-note').textContent()).resolves.toBe(
      'Every figure is slightly perturbed to protect the people counted: values may differ by a few (at most 2) from the exact count, always in the same way, so totals need not add up exactly.',
    );
    // The 3 persons of Viet Nam are not withheld any more: their count is shown perturbed (0 to 5).
    const vietNam = figure('Persons by citizenship').locator('tbody tr').filter({ hasText: /Viet Nam|VNM/ });
    await expect(figure('Persons by citizenship').locator('abbr.suppressed').count()).resolves.toBe(0);
    if ((await vietNam.count()) > 0) expect(Number((await vietNam.first().locator('td').first().textContent())?.replace(/\D/gu, ''))).toBeLessThanOrEqual(5);
    // The charts are drawn (SVG) without anything the Content-Security-Policy refuses.
    await figure('Persons by year and NRM stage').locator('svg.recharts-surface').first().waitFor();
    expect(cspViolations).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows every value in words: age bands, countries by name, forms, no codes in the tables or the filters', async () => {
    await figure('Persons by age band').locator('tbody th', { hasText: '18 to 20' }).waitFor();
    await figure('Persons by citizenship').locator('tbody th', { hasText: 'Nigeria' }).waitFor();
    await figure('Persons by form of exploitation').locator('tbody th', { hasText: 'Sexual exploitation' }).waitFor();
    await expect(page.getByLabel('Age band', { exact: true }).locator('option', { hasText: '21 to 23' }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Citizenship', { exact: true }).locator('option', { hasText: 'Albania' }).count()).resolves.toBe(1);
    const rawCode = /^(\d+--\d+|\d+\+|[A-Z]{3}|is[A-Z]\w+|[a-z]+_[a-z_]+|[A-Z][a-z]+[A-Z]\w+)$/u;
    const shown = async () => [...(await page.locator('figure tbody th, figure thead th, form.filters option').allTextContents())].map((text) => text.trim());
    const english = await shown();
    expect(english.length).toBeGreaterThan(30);
    expect(english.filter((text) => rawCode.test(text))).toEqual([]);
    const language = page.getByLabel(/Language|Langue|اللغة/u);
    await language.selectOption('ar');
    await figure('الأشخاص حسب الجنسية').locator('tbody th', { hasText: 'نيجيريا' }).waitFor();
    await figure('الأشخاص حسب الفئة العمرية').locator('tbody th', { hasText: /^من .+ إلى .+$/u }).first().waitFor();
    expect((await shown()).filter((text) => rawCode.test(text) || /^[A-Za-z][A-Za-z ]+$/u.test(text))).toEqual([]);
    await page.screenshot({ path: '/tmp/palermo-statistics-words-ar.png', fullPage: true });
    await language.selectOption('en');
    await figure('Persons by age band').locator('tbody th', { hasText: '18 to 20' }).waitFor();
  });

  it('keeps a filter in the address, and the figures follow it', async () => {
    await page.getByLabel('Sex or gender', { exact: true }).selectOption('Woman');
    await page.waitForURL(/[?&]sex=Woman/u);
    await grandTotal('Persons by year and NRM stage').filter({ hasText: String(shownWomen) }).waitFor();
    expect(new URL(page.url()).searchParams.get('sex')).toBe('Woman');
    // The address alone brings the same figures back (the same persons, the same perturbed value).
    await page.goto(`${h.baseUrl}/statistics?sex=Woman`);
    await grandTotal('Persons by year and NRM stage').filter({ hasText: String(shownWomen) }).waitFor();
    await page.goto(`${h.baseUrl}/statistics`);
    await grandTotal('Persons by year and NRM stage').filter({ hasText: String(shownTotal) }).waitFor();
  });

  it('downloads what is shown as CSV, with the note on perturbation', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const path = await download.path();
    const rows = parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
    const counts = rows.filter((r) => r['counts'] === 'persons' || r['counts'] === 'referrals');
    expect(counts.length).toBeGreaterThan(20);
    for (const row of counts.filter((r) => r['table'] !== 'glotip_reference')) expect(row['value'], `${row['table']} ${row['row']} ${row['column']}`).toMatch(/^\d+$/u);
    expect(counts.find((r) => r['table'] === 'year_stage' && r['row'] === 'total' && r['column'] === 'total')?.['value']).toBe(String(shownTotal));
    expect(rows.find((r) => r['table'] === 'disclosure_control')?.['population']).toContain('slightly perturbed');
    // Labels beside the codes, in the page's language (the default choice).
    expect(rows.find((r) => r['table'] === 'age_band' && r['row'] === '18--20')?.['row_label']).toBe('18 to 20');
    expect(rows.find((r) => r['table'] === 'citizenship' && r['row'] === 'NGA')?.['row_label']).toBe('Nigeria');
    // Codes only, when chosen.
    await page.getByLabel('Codes only (for other software)').check();
    const [codes] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const codeRows = parse(readFileSync(await codes.path()), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(codeRows[0] ?? {})).not.toContain('row_label');
    await page.getByLabel('Words in the language of this page, with the codes beside them').check();
  });

  it('says in French and Arabic that the figures are perturbed', async () => {
    const note = page.getByTestId('perturbation-note');
    await page.getByLabel(/Language|Langue|اللغة/u).selectOption('fr');
    await note.filter({ hasText: 'Chaque chiffre est légèrement modifié pour protéger les personnes comptées' }).waitFor();
    await page.screenshot({ path: '/tmp/palermo-statistics-fr.png', fullPage: false });
    await page.getByLabel(/Language|Langue|اللغة/u).selectOption('ar');
    await note.filter({ hasText: 'كل رقم معدَّل قليلاً لحماية الأشخاص المحسوبين' }).waitFor();
    await page.screenshot({ path: '/tmp/palermo-statistics-ar.png', fullPage: false });
    await page.getByLabel(/Language|Langue|اللغة/u).selectOption('en');
    await note.filter({ hasText: 'Every figure is slightly perturbed' }).waitFor();
  });

  it("derives the country's figures again from the case records (here: none yet)", async () => {
    await page.getByRole('button', { name: 'Update from the case records' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated: 0 persons; 0 left out' }).waitFor();
  });
});
