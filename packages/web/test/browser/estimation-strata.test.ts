import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';
import { estimationCountry, rapporteurEmail, recordOnLists, syntheticPerson } from './estimation-support.js';

/**
 * The rapporteur estimates by sex: two organisations record women and men (some known to both), and three people of
 * unrecorded sex; the rapporteur estimates from the case records, then separately by sex, and sees each sex's
 * estimate, the group too small to estimate said in words, and the sum of the groups beside the pooled estimate.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const ukdatPath = fileURLToPath(new URL('../../../server/test/fixtures/datasets/mse/UKdat.csv', import.meta.url));
const organisations = [
  { name: 'Safe Passage Association', type: 'ngo', list: 'NGO', email: 'ngo@safe.example' },
  { name: 'Harbour House Shelter', type: 'shelter', list: 'Shelter', email: 'jonas@shelter.example' },
] as const;
/** People by sex on the NGO's list only, the shelter's only, and both. */
const groups: Array<{ gender: 'Feminine' | 'Masculine' | null; cells: [number, number, number] }> = [
  { gender: 'Feminine', cells: [15, 12, 3] },
  { gender: 'Masculine', cells: [9, 8, 4] },
  { gender: null, cells: [3, 0, 0] },
];

const person = (n: number, gender: 'Feminine' | 'Masculine' | null) => ({ ...syntheticPerson(n, { given: 'Strat', family: 'Synthetic', firstYear: 1960 }), ...(gender ? { gender } : {}) });

beforeAll(async () => {
  h = await startHarness();
  const caseworkers = await estimationCountry(h, password, organisations.map((o) => ({ ...o, caseworker: `Caseworker ${o.list}` })));
  let n = 0;
  for (const { gender, cells } of groups) {
    for (const [mask, count] of [[0b01, cells[0]], [0b10, cells[1]], [0b11, cells[2]]] as const) {
      for (let i = 0; i < count; i++, n++) await recordOnLists(caseworkers, mask, person(n, gender));
    }
  }
});
afterAll(async () => h.close());

describe('estimating by group in the browser', () => {
  let page: Page;

  it('the rapporteur estimates from the case records, then by sex, and sees the groups, their sum and the pooled estimate', async () => {
    page = await signInInBrowser(h, rapporteurEmail, password, { timeoutMs: 15_000 });
    await page.getByRole('link', { name: 'Hidden victims estimate' }).click();
    await page.getByRole('heading', { name: 'From the case records' }).waitFor();
    const year = String(new Date().getUTCFullYear());
    await page.getByLabel('Year', { exact: true }).selectOption(year);
    await page.getByRole('button', { name: 'Remove list 3' }).click();
    for (const [index, organisation] of organisations.entries()) await page.getByLabel(`Name of list ${index + 1}`).fill(organisation.list);
    for (const organisation of organisations) await page.getByLabel(`List for ${organisation.name}`).selectOption({ label: organisation.list });
    await page.getByRole('button', { name: 'Estimate from the case records' }).click();
    await page.getByRole('heading', { name: `Estimate for ${year}` }).waitFor();

    await page.getByRole('heading', { name: 'Estimate separately by group' }).waitFor();
    await page.getByLabel('Estimate separately by', { exact: true }).selectOption({ label: 'Sex' });
    await page.getByRole('button', { name: 'Estimate by group', exact: true }).click();
    const table = page.getByRole('table', { name: 'Estimated total in each group (Sex), their sum and the estimate for everyone together' });
    await table.waitFor();
    // Women: 30 observed, 15 x 12 / 3 = 60 hidden, 90 in all; men: 21 + 18 = 39, shown 40. Observed counts perturbed.
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const cellsOf = async (name: string) => row(name).locator('td').allTextContents();
    const women = await cellsOf('Female');
    expect(Math.abs(Number(women[0]) - 30)).toBeLessThanOrEqual(2);
    expect(women.slice(1, 3)).toEqual(['90', expect.stringMatching(/^\d+ to \d+$/)]);
    expect((await cellsOf('Male'))[1]).toBe('40');
    expect((await cellsOf('Not recorded, or recorded differently'))[1]).toBe('Cannot be estimated: fewer than 11 people were observed in this group.');
    // The sum of the groups (incomplete: the unrecorded three are left out) beside everyone together: 129 and 131, both shown 130.
    expect((await cellsOf('Sum of the groups (incomplete)'))[1]).toBe('130');
    expect((await cellsOf('Everyone together'))[1]).toBe('130');
    await page.getByTestId('strata-incomplete').filter({ hasText: 'it leaves out Not recorded, or recorded differently' }).waitFor();
    await page.getByTestId('strata-protection').filter({ hasText: 'rounded: to the nearest 10 below 1,000' }).waitFor();
    // Each group's overlap table, perturbed.
    await page.getByText('Overlap table: Female', { exact: true }).click();
    const womenTable = page.getByRole('table', { name: 'People of the group Female on exactly these lists' });
    const shown = (await womenTable.locator('tbody td').allTextContents()).map(Number);
    [15, 12, 3].forEach((exact, i) => expect(Math.abs((shown[i] ?? -99) - exact)).toBeLessThanOrEqual(2));
    expect(await page.content()).not.toMatch(/Synthetic[a-z]/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('section[aria-labelledby="est-strata-cases-title"]').screenshot({ path: '/tmp/estimation-strata-en.png' });

    await page.getByLabel(/Language/).selectOption('ar');
    await page.getByRole('table', { name: 'العدد الإجمالي المقدَّر في كل فئة (الجنس)، ومجموعها، والتقدير للجميع معًا' }).waitFor();
    await page.locator('section[aria-labelledby="est-strata-cases-title"]').screenshot({ path: '/tmp/estimation-strata-ar.png' });
    await page.getByLabel(/اللغة/).selectOption('en');
  });

  it('uploads an overlap table with a column naming each row\'s group and sees each group, the sum and the pooled estimate', async () => {
    const [header, ...rows] = readFileSync(ukdatPath, 'utf8').trim().split(/\r?\n/);
    // UKdat as one region, and an island whose five people are on one list each.
    const file = [`region,${header}`, ...rows.map((row) => `mainland,${row}`), 'island,1,0,0,0,0,0,3', 'island,0,1,0,0,0,0,2'].join('\n');
    await page.getByLabel('Overlap table by group (CSV file)', { exact: true }).setInputFiles({ name: 'by-region.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByLabel('Column that names the groups', { exact: true }).selectOption('region');
    await page.getByRole('button', { name: 'Estimate by group from the file' }).click();
    const table = page.getByRole('table', { name: 'Estimated total in each group (region), their sum and the estimate for everyone together' });
    await table.waitFor();
    const cellsOf = async (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).locator('td').allTextContents();
    // The mainland is UKdat: 11,418 (9,977 to 13,146), shown rounded; its counts as in the file.
    expect(await cellsOf('mainland')).toEqual(['2,744', '11,400', '9,900 to 13,200', expect.stringMatching(/PF:NCA/)]);
    expect((await cellsOf('island'))[1]).toBe('Cannot be estimated: fewer than 11 people were observed in this group.');
    expect((await cellsOf('Sum of the groups (incomplete)')).slice(0, 2)).toEqual(['2,744', '11,400']);
    expect((await cellsOf('Everyone together'))[0]).toBe('2,749');
    await page.locator('section[aria-labelledby="est-strata-file-title"]').screenshot({ path: '/tmp/estimation-strata-file-en.png' });
  });
});
