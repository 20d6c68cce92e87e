import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { roundEstimate } from '@palermo/contracts';
import { estimateHiddenPopulation } from '../../../server/src/modules/estimation/estimate.js';
import { bootstrapInterval } from '../../../server/src/modules/estimation/bootstrap.js';
import { buildOverlapTable, parseOverlapTable } from '../../../server/src/modules/estimation/overlap-table.js';
import { seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';
import { estimationCountry, rapporteurEmail, recordOnLists, syntheticPerson } from './estimation-support.js';

/**
 * The rapporteur's estimate of hidden victims: three organisations record their cases (some people are known to two
 * or three of them, recorded separately by each); the rapporteur picks the year, makes one list per organisation and
 * sees the estimate, the overlap counts perturbed; then uploads the UK overlap table and sees its estimate.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const ukdatPath = fileURLToPath(new URL('../../../server/test/fixtures/datasets/mse/UKdat.csv', import.meta.url));
const organisations = [
  { name: 'Safe Passage Association', type: 'ngo', list: 'NGO', email: 'ngo@safe.example' },
  { name: 'Harbour House Shelter', type: 'shelter', list: 'Shelter', email: 'jonas@shelter.example' },
  { name: 'Municipal Social Services', type: 'social_services', list: 'Social', email: 'eva@social.example' },
] as const;
/** People on exactly these organisations (bit i = organisations[i]) and how many: 7 cells, 102 people. */
const cells: Array<[number, number]> = [
  [0b001, 30],
  [0b010, 25],
  [0b100, 20],
  [0b011, 10],
  [0b101, 8],
  [0b110, 6],
  [0b111, 3],
];

const person = (n: number) => syntheticPerson(n, { given: 'Test', family: 'Synthetic', firstYear: 1960 });

beforeAll(async () => {
  h = await startHarness();
  const caseworkers = await estimationCountry(h, password, organisations.map((o) => ({ ...o, caseworker: `Caseworker ${o.list}` })));
  let n = 0;
  for (const [mask, count] of cells) {
    for (let i = 0; i < count; i++, n++) await recordOnLists(caseworkers, mask, person(n));
  }
});
afterAll(async () => h.close());

const signIn = (email: string): Promise<Page> => signInInBrowser(h, email, password, { timeoutMs: 60_000 });

/** The value of a term in the result's description list. */
function detail(page: Page, term: string) {
  return page.locator('.details > div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd');
}

const whole = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(Math.round(n));

describe('estimating hidden victims in the browser', () => {
  let page: Page;

  it('the rapporteur picks a year and lists of organisations and sees the estimate, the overlap counts perturbed', async () => {
    page = await signIn(rapporteurEmail);
    await page.getByRole('link', { name: 'Hidden victims estimate' }).click();
    await page.getByRole('heading', { name: 'From the case records' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const year = String(new Date().getUTCFullYear());
    await page.getByLabel('Year', { exact: true }).selectOption(year);
    for (const [index, organisation] of organisations.entries()) {
      await page.getByLabel(`Name of list ${index + 1}`).fill(organisation.list);
    }
    for (const organisation of organisations) {
      await page.getByLabel(`List for ${organisation.name}`).selectOption({ label: organisation.list });
    }
    await page.getByRole('button', { name: 'Estimate from the case records' }).click();
    await page.getByRole('heading', { name: `Estimate for ${year}` }).waitFor();

    const table = buildOverlapTable(
      organisations.map((o) => o.list),
      cells.map(([mask, count]) => ({ combination: organisations.map((_, i) => (mask >> i) & 1), count })),
    );
    const expected = estimateHiddenPopulation(table);
    // From the case records the observed total is perturbed like a cell (within 2 of the 102 people) and the estimate
    // rounded (nearest 10 below 1,000, nearest 100 above; the interval's ends outwards).
    expect(Math.abs(Number(await detail(page, 'Observed (on at least one list)').textContent()) - 102)).toBeLessThanOrEqual(2);
    expect(await detail(page, 'Estimated total').textContent()).toBe(whole(roundEstimate(expected.total)));
    expect(await detail(page, 'Estimated unobserved').textContent()).toBe(whole(roundEstimate(expected.hidden)));
    expect(await detail(page, '95% interval').textContent()).toBe(`${whole(roundEstimate(expected.interval.lower, 'down'))} to ${whole(roundEstimate(expected.interval.upper, 'up'))}`);
    // Each person once per list although each organisation recorded them separately.
    expect(await detail(page, 'People after linking records').textContent()).toBe('102');
    const overlap = page.getByRole('table', { name: 'Overlap table: people on exactly these lists' });
    // Each cell shown perturbed (cell-key method): within 2 of the exact count, nothing withheld, and said so.
    await expect(overlap.getByRole('row').filter({ hasText: '<11' }).count()).resolves.toBe(0);
    const shown = (await overlap.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.lastElementChild?.textContent ?? ''))).map(Number);
    expect(shown).toHaveLength(7);
    shown.forEach((value, i) => expect(Math.abs(value - (table.counts[i + 1] ?? 0)), `cell ${i + 1}`).toBeLessThanOrEqual(2));
    await page.getByTestId('perturbation-note').filter({ hasText: 'slightly perturbed: values may differ by a few from the exact count' }).waitFor();
    await page.getByText(/Chosen by forward stepwise selection/).waitFor();
    await page.getByRole('heading', { name: 'Caveats' }).waitFor();
    // Three lists: the Bayesian average over all eight decomposable graphs, its interval a credible one.
    await page
      .getByRole('table', { name: 'Estimated total under each model' })
      .getByRole('row', { name: /^Bayesian average over models \d[\d,]* .* credible interval over the models averaged over 8 graphs of the lists/ })
      .waitFor();
    // No name reaches the page.
    expect(await page.content()).not.toMatch(/Synthetic[a-z]/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('uploads an overlap table and sees its estimate with the interval', async () => {
    expect(readFileSync(ukdatPath, 'utf8')).toMatch(/^LA,NG,PF,GO,GP,NCA,count/);
    await page.getByLabel('Overlap table (CSV file)', { exact: true }).setInputFiles(ukdatPath);
    await page.getByRole('button', { name: 'Estimate from the file' }).click();
    await page.getByRole('heading', { name: 'Estimate from the uploaded table' }).waitFor();
    expect(await detail(page, 'Estimated total').textContent()).toBe('11,418');
    expect(await detail(page, '95% interval').textContent()).toBe('9,977 to 13,146');
    expect(await detail(page, 'Observed (on at least one list)').textContent()).toBe('2,744');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('uploads the Dutch lists with a combination split over two lines: the counts are summed and both caveats read in French and Arabic', async () => {
    const nedPath = fileURLToPath(new URL('../../../server/test/fixtures/datasets/mse/Ned.csv', import.meta.url));
    const lines = readFileSync(nedPath, 'utf8').trim().split('\n');
    // Line 8 (I alone, 352 people) given as 350 there and 2 more on a last line, 26.
    expect(lines[7]).toBe('1,0,0,0,0,0,352');
    const file = [...lines.slice(0, 7), '1,0,0,0,0,0,350', ...lines.slice(8), '1,0,0,0,0,0,2'].join('\n');
    await page.getByLabel('Overlap table (CSV file)', { exact: true }).setInputFiles({ name: 'ned-repeated.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Estimate from the file' }).click();
    // SparseMSE 2.0.1, estimatepopulation.0(Ned, pthresh = 0.02): 111,139 (92,440 to 133,991).
    const spread = page.getByRole('table', { name: 'Estimated total under each model' });
    await spread.getByRole('row', { name: /Stepwise selection, p < 0.02 111,139 92,440 to 133,991/ }).waitFor();
    expect(await detail(page, 'Estimated total').textContent()).toBe('111,139');
    expect(await detail(page, '95% interval').textContent()).toBe('92,440 to 133,991');
    await page.getByText('The combination I is given more than once in the file (lines 8, 26): the counts were added up.').waitFor();
    await page.getByText(/^Nobody is on both K and R, fewer than independence would lead one to expect/).waitFor();
    // The spread: the same data under seven models, drawn and tabled, and how far apart they are in words; the
    // Bayesian average over decomposable graphs (a Markov chain search for six lists) says its interval is credible.
    expect(await spread.locator('tbody tr').count()).toBe(7);
    await spread.getByRole('row', { name: /Bayesian average over models \(graphs found by a Markov chain search\) 145,637 .* credible interval over the models/ }).waitFor();
    await page.getByRole('img', { name: 'Estimated total and 95% interval under each model' }).waitFor();
    expect(await page.getByTestId('spread-summary').textContent()).toBe('Depending on the model, the estimate goes from 41,561 to 145,637: the highest is 3.5 times the lowest. A single figure without this range would overstate what the data can say.');
    // The rapporteur publishes the stepwise estimate: the server estimates it again and the row says who and when.
    await spread.getByRole('button', { name: 'Publish this estimate Stepwise selection, p < 0.02' }).click();
    await page.getByTestId('published-stepwise-0.02').filter({ hasText: /^Published on .* by Grace Mwangi$/ }).waitFor();
    // Beside the interval conditional on the chosen model, the bootstrap interval that chooses the model again on
    // each resample (as SparseMSE's estimatepopulation), with the rapporteur's seed: the server's is the library's.
    const intervals = page.getByRole('table', { name: 'Two 95% intervals for the total' });
    await intervals.getByRole('row', { name: /^Conditional on the chosen model 92,440 to 133,991 The uncertainty of fitting the chosen model, not of choosing it\.$/ }).waitFor();
    await page.getByText('From 10 to 200 here, for 6 lists.', { exact: false }).waitFor();
    await page.getByLabel('Number of resamples', { exact: true }).fill('40');
    await page.getByLabel('Seed', { exact: true }).fill('1234');
    await page.getByRole('button', { name: 'Compute the bootstrap interval' }).click();
    const direct = bootstrapInterval(parseOverlapTable(file), { resamples: 40, seed: 1234, threshold: 0.02 });
    await intervals
      .getByRole('row', { name: new RegExp(`^Bootstrap, the model chosen again on each resample ${whole(direct.lower)} to ${whole(direct.upper)} The uncertainty of fitting the model and of choosing it\\.\\s*40 resamples, seed 1234, stepwise selection at p < 0\\.02 on each\\.`) })
      .waitFor({ timeout: 90_000 });
    await page.getByLabel(/Language/).selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.getByText('La combinaison I figure plusieurs fois dans le fichier (lignes 8, 26) : les effectifs ont été additionnés.').waitFor();
    await page.getByText(/^Personne ne figure à la fois sur K et sur R, moins que/).waitFor();
    expect(await page.getByTestId('spread-summary').textContent()).toMatch(/^Selon le modèle, l’estimation va de 41\s561 à 145\s637 : la plus élevée vaut 3,5 fois la plus basse/);
    await page.getByTestId('published-stepwise-0.02').filter({ hasText: /^Publiée le .* par Grace Mwangi$/ }).waitFor();
    // Nothing said before the switch stays in English (the announcement that the estimate is ready included).
    expect(await page.getByText('The estimate is ready.').count()).toBe(0);
    await page.screenshot({ path: '/tmp/estimation-repeated-fr.png', fullPage: true });
    await page.getByLabel(/Langue/).selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByText(/التوافق I مذكور أكثر من مرة في الملف/).waitFor();
    await page.getByRole('table', { name: 'مجالان للثقة 95٪ للعدد الإجمالي' }).getByRole('row', { name: /^مشروط بالنموذج المختار/ }).waitFor();
    // The spread and the two intervals say everything in Arabic: no English word left (the publisher's name, and the
    // criteria AIC and BIC, are as they are in any language; list names are single letters here).
    const arabic = `${await page.locator('section[aria-labelledby="est-spread-title"]').innerText()}\n${await page.locator('section[aria-labelledby="est-boot-title"]').innerText()}`;
    expect(arabic.replace(/Grace Mwangi|\b(AIC|BIC)\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    await page.screenshot({ path: '/tmp/estimation-repeated-ar.png', fullPage: true });
    await page.locator('section[aria-labelledby="est-spread-title"]').screenshot({ path: '/tmp/estimation-spread-ar.png' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel(/اللغة/).selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it('a file that is not an overlap table is refused, naming the problem', async () => {
    await page.getByLabel('Overlap table (CSV file)', { exact: true }).setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('A,B,count\n1,0,many\n') });
    await page.getByRole('button', { name: 'Estimate from the file' }).click();
    await page.getByRole('alert').filter({ hasText: 'Overlap table (CSV file):' }).waitFor();
  });
});
