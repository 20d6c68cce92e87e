import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { roundEstimate } from '@palermo/contracts';
import { estimateHiddenPopulation } from '../../../server/src/modules/estimation/estimate.js';
import { buildOverlapTable } from '../../../server/src/modules/estimation/overlap-table.js';
import { seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';
import { estimationCountry, rapporteurEmail, recordOnLists, syntheticPerson } from './estimation-support.js';

/**
 * The natural first try at an estimate from the case records: all the NGOs on one list, the shelter on another.
 * Everyone the shelter took in is known to an NGO too, so everyone counted is on the NGO list and no estimate exists.
 * The rapporteur sees the overlap of her lists before estimating, the reason in plain words, and a grouping that can
 * be estimated; she applies it and gets the estimate.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const organisations = [
  { name: 'Safe Passage Association', type: 'ngo', email: 'safe@ngo.example' },
  { name: 'Open Door Network', type: 'ngo', email: 'open@ngo.example' },
  { name: 'Bridge Foundation', type: 'ngo', email: 'bridge@ngo.example' },
  { name: 'Harbour House Shelter', type: 'shelter', email: 'harbour@shelter.example' },
] as const;
/** People on exactly these organisations (bit i = organisations[i]) and how many: 55 people. */
const cells: Array<[number, number]> = [
  [0b0001, 12],
  [0b0010, 10],
  [0b0100, 8],
  [0b0011, 4],
  [0b0101, 3],
  [0b0110, 3],
  [0b0111, 1],
  [0b1001, 6],
  [0b1010, 4],
  [0b1100, 3],
  [0b1011, 1],
];

const person = (n: number) => syntheticPerson(n, { given: 'Group', family: 'Sample', firstYear: 1955 });

beforeAll(async () => {
  h = await startHarness();
  const caseworkers = await estimationCountry(h, password, organisations);
  let n = 0;
  for (const [mask, count] of cells) {
    for (let i = 0; i < count; i++, n++) await recordOnLists(caseworkers, mask, person(n));
  }
});
afterAll(async () => h.close());

function detail(page: Page, term: string) {
  return page.locator('.details > div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd');
}

const whole = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(Math.round(n));

describe('a grouping that cannot be estimated, explained, and one that can', () => {
  it('all NGOs on one list: the overlap before estimating, the reason in plain words, the suggestion applied and estimated', async () => {
    const page = await signInInBrowser(h, rapporteurEmail, password, { timeoutMs: 60_000 });
    await page.getByRole('link', { name: 'Hidden victims estimate' }).click();
    await page.getByRole('heading', { name: 'From the case records' }).waitFor();
    const year = String(new Date().getUTCFullYear());
    await page.getByLabel('Year', { exact: true }).selectOption(year);
    await page.getByRole('button', { name: 'Remove list 3' }).click();
    await page.getByLabel('Name of list 1').fill('NGOs');
    await page.getByLabel('Name of list 2').fill('Shelter');
    for (const organisation of organisations) {
      await page.getByLabel(`List for ${organisation.name}`).selectOption({ label: organisation.type === 'ngo' ? 'NGOs' : 'Shelter' });
    }

    // Before estimating: who is on each list and on two or more, perturbed (within 2 of the exact counts).
    const overlap = page.getByRole('table', { name: 'People on each list' });
    await overlap.getByRole('row', { name: /^NGOs \d+ \d+$/ }).waitFor();
    const rows = await overlap.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
    const near = (text: string | undefined, exact: number) => expect(Math.abs(Number(text) - exact)).toBeLessThanOrEqual(2);
    const [ngos, shelter, all] = rows.slice(1);
    near(ngos?.[1], 55);
    near(shelter?.[1], 14);
    near(shelter?.[2], 14);
    expect(all?.[0]).toBe('All lists together');
    near(all?.[1], 55);
    near(all?.[2], 14);
    const verdict = page.getByTestId('grouping-verdict');
    await verdict.filter({ hasText: 'These lists cannot give an estimate. Everyone counted is on the list NGOs, so nothing shows how many people that list misses.' }).waitFor();
    await page.getByText('A grouping that can give an estimate: one list for each organisation (4 lists).').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Estimating anyway: the same reason, in plain words.
    await page.getByRole('button', { name: 'Estimate from the case records' }).click();
    const refused = page.getByTestId('estimate-refused');
    await refused.filter({ hasText: 'No estimate can be given for these data: Everyone counted is on the list NGOs, so nothing shows how many people that list misses.' }).waitFor();
    await page.screenshot({ path: '/tmp/estimation-grouping-refused.png', fullPage: true });

    // In Arabic and French the reason and the suggestion are said in the language, the list name kept as given.
    await page.getByLabel(/Language/).selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await verdict.filter({ hasText: 'لا يمكن إجراء تقدير بهذه القوائم. كل من جرى عدّهم موجودون على القائمة NGOs' }).waitFor();
    await page.getByRole('button', { name: 'استخدم هذا التجميع' }).waitFor();
    await refused.filter({ hasText: 'كل من جرى عدّهم موجودون على القائمة NGOs' }).waitFor();
    const arabic = await page.getByTestId('overlap-preview').innerText();
    // No English word (the list and organisation names are the rapporteur's own).
    const stripped = arabic.replace(/NGOs|Shelter|Safe-Passage-Association|Open-Door-Network|Bridge-Foundation|Harbour-House-Shelter|Safe Passage Association|Open Door Network|Bridge Foundation|Harbour House Shelter/g, '');
    expect(stripped).not.toMatch(/[A-Za-z]{2,}/);
    await page.screenshot({ path: '/tmp/estimation-grouping-ar.png', fullPage: true });
    await page.getByLabel(/اللغة/).selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await verdict.filter({ hasText: 'Toutes les personnes comptées figurent sur la liste NGOs' }).waitFor();
    await page.getByText('Un regroupement qui permet une estimation : une liste par organisation (4 listes).').waitFor();
    await page.getByLabel(/Langue/).selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // The suggestion applied: one list per organisation, named after it; the preview now says it can be estimated.
    await page.getByRole('button', { name: 'Use this grouping' }).click();
    await page.getByText('The suggested lists are in the form: check their names, then estimate.').waitFor();
    const names = await page.getByRole('textbox', { name: /^Name of list \d$/ }).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(names.sort()).toEqual(['Bridge-Foundation', 'Harbour-House-Shelter', 'Open-Door-Network', 'Safe-Passage-Association']);
    expect(await page.getByLabel('List for Harbour House Shelter').locator('option:checked').textContent()).toBe('Harbour-House-Shelter');
    await verdict.filter({ hasText: 'These lists can give an estimate.' }).waitFor();
    await page.getByRole('button', { name: 'Estimate from the case records' }).click();
    await page.getByRole('heading', { name: `Estimate for ${year}` }).waitFor();

    const table = buildOverlapTable(
      organisations.map((o) => o.name.replaceAll(' ', '-')),
      cells.map(([mask, count]) => ({ combination: organisations.map((_, i) => (mask >> i) & 1), count })),
    );
    const expected = estimateHiddenPopulation(table);
    // Counts from the case records are shown perturbed (by at most 2) and the estimate rounded (roundEstimate).
    expect(Math.abs(Number(await detail(page, 'Observed (on at least one list)').textContent()) - 55)).toBeLessThanOrEqual(2);
    expect(await detail(page, 'Estimated total').textContent()).toBe(whole(roundEstimate(expected.total)));
    expect(await page.content()).not.toMatch(/Sample[a-z]{2}/);
    await page.screenshot({ path: '/tmp/estimation-grouping-estimated.png', fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
