import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { importReferenceSeries } from '../../../server/src/modules/recommendations/reference-series.js';
import { systemActor } from '../../../server/src/platform/audit/audit.js';
import { addOrganisationWithUser, apiPostJson, firstRun, section, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The reference series beside the action plan: Moldova's US TIP report tiers and 3P policy index scores, imported
 * through the same service as `palermo import tip-tiers` and `palermo import policy-index` (fixtures: Moldova's rows of
 * Kelley and Heiss's map_tiers.csv, MIT licence, and of the 3P index of Cho, Dreher and Neumayer), are drawn on the
 * plan's progress page for the coordinator, the plan's period marked, with the same figures as a table, in English and
 * in Arabic (right to left, tiers named in words); the national administrator uploads them on the imports page; civil
 * society, who sees no plan, reads them on their own page reached from the recommendations.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const ngo = { displayName: 'Sami Haddad', email: 'sami@lastrada.example' };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness();
  const db = h.server.runtime.database.db;
  await db.updateTable('country_settings').set({ country_iso3: 'MDA' }).where('id', '=', 1).execute();
  await importReferenceSeries(db, 'tip_tiers', { fileName: 'map_tiers.csv', bytes: fixture('map_tiers.MDA.csv') }, systemActor('import tip_tiers'));
  await importReferenceSeries(db, 'policy_index_3p', { fileName: 'policy_index_3p.csv', bytes: fixture('policy_index_3p.MDA.csv') }, systemActor('import policy_index_3p'));
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  await addOrganisationWithUser(admin, { name: 'La Strada', type: 'ngo' }, { ...ngo, password, roles: ['civil_society'] });
}, 600_000);
afterAll(async () => h.close());

/** The table row of a year, as the reader sees its cells. */
async function rowOf(reference: Locator, year: string): Promise<string[]> {
  return reference.locator('tbody tr').filter({ has: reference.page().locator('th', { hasText: year }) }).locator('th, td').allInnerTexts();
}

/** An SVG text's words: recharts breaks a long tick label into lines (tspans). */
const wordsOf = (texts: Element[]) => texts.map((text) => [...text.querySelectorAll('tspan')].map((line) => line.textContent).join(' '));

describe('the reference series beside the plan', () => {
  it("the coordinator sees the country's tiers and 3P scores by year with the plan's period marked, in English and in Arabic", async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    const plan = await apiPostJson(page, '/api/action-plans', { title: 'National action plan 2010-2013', periodStart: '2010-01-01', periodEnd: '2013-12-31', currency: 'MDL' });
    await page.goto(`${h.baseUrl}/action-plans/${plan.id}/progress`);
    const reference = section(page, 'The country in reference series');
    await reference.getByRole('table', { name: 'Tiers and 3P scores of Moldova by year' }).waitFor();
    await reference.getByText('Tier of Moldova in the US Trafficking in Persons report, by year (Tier 1 is the highest)').waitFor();
    await reference.getByText("The plan's period, 2010 to 2013, is shaded.", { exact: false }).waitFor();

    expect(await rowOf(reference, '2000')).toEqual(['2000', 'Not ranked', '3', '1', '3']);
    expect(await rowOf(reference, '2008')).toEqual(['2008', 'Tier 3', '5', '3', '3']);
    expect(await rowOf(reference, '2009')).toEqual(['2009', 'Tier 2 Watch List', '5', '4', '3']);
    expect(await rowOf(reference, '2010')).toEqual(['2010 (plan period)', 'Tier 2 Watch List', '5', '4', '5']);
    expect(await rowOf(reference, '2014')).toEqual(['2014', 'Tier 2', 'Not scored', 'Not scored', 'Not scored']);
    expect(await rowOf(reference, '2015')).toEqual(['2015', 'Tier 2', 'Not scored', 'Not scored', 'Not scored']);
    expect(await reference.locator('tbody tr').count()).toBe(17);

    // The charts: the tier steps and the three score lines, the tiers named on the scale, the plan's period shaded.
    const charts = reference.locator('figure .recharts-wrapper > svg.recharts-surface');
    expect(await charts.count()).toBe(2);
    expect(await reference.locator('figure').first().locator('.recharts-line-curve').count()).toBe(1);
    expect(await reference.locator('figure').nth(1).locator('.recharts-line-curve').count()).toBe(3);
    expect(await reference.locator('.recharts-reference-area').count()).toBe(2);
    expect(await reference.locator('figure').first().locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').evaluateAll(wordsOf)).toEqual(['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3']);
    expect(await reference.locator('figure').nth(1).locator('.recharts-legend-item-text').allTextContents()).toEqual(['Prosecution', 'Protection', 'Prevention']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await reference.scrollIntoViewIfNeeded();
    if (screenshots) await reference.screenshot({ path: `${screenshots}/reference-series-en.png` });

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { name: 'البلد في السلاسل المرجعية' }).waitFor();
    const arabic = section(page, 'البلد في السلاسل المرجعية');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await arabic.getByRole('cell', { name: 'قائمة المراقبة للمستوى الثاني' }).first().waitFor();
    expect(await arabic.locator('figure').first().locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').evaluateAll(wordsOf)).toEqual(['المستوى الأول', 'المستوى الثاني', 'قائمة المراقبة للمستوى الثاني', 'المستوى الثالث']);
    expect(await arabic.getByRole('cell', { name: 'المستوى الثالث', exact: true }).count()).toBe(1);
    expect(await arabic.getByRole('cell', { name: 'غير مقيّم', exact: true }).count()).toBe(9);
    // Every word of the section in Arabic (the index's name "3P" is the only Latin letter left).
    const text = await arabic.innerText();
    expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    expect(text).toContain('مولدوفا');
    if (screenshots) await arabic.screenshot({ path: `${screenshots}/reference-series-ar.png` });
  });

  it('the national administrator uploads a series on the imports page: a refused row is named, the same file twice changes nothing', async () => {
    const page = await signInInBrowser(h, 'amina@coordinator.example', password);
    await page.getByRole('link', { name: 'Imports and exports' }).click();
    const upload = section(page, 'Reference series beside the action plan');
    await upload.getByLabel('Series', { exact: true }).selectOption({ label: '3P anti-trafficking policy index' });
    const bad = `${fixture('policy_index_3p.MDA.csv').toString()}Moldova,MDA,2015,2,NA,7,NA,NA,Full\n`;
    await upload.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'policy_index_3p.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await upload.getByRole('button', { name: 'Import the series' }).click();
    await upload.getByRole('alert').filter({ hasText: 'Nothing was imported: row 18, column prosecution holds a value this series does not allow.' }).waitFor();
    await upload.getByLabel('Series', { exact: true }).selectOption({ label: 'US TIP report tiers' });
    await upload.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'map_tiers.csv', mimeType: 'text/csv', buffer: fixture('map_tiers.MDA.csv') });
    await upload.getByRole('button', { name: 'Import the series' }).click();
    await upload.getByRole('status').filter({ hasText: 'map_tiers.csv was already imported: nothing changed.' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await upload.screenshot({ path: `${screenshots}/reference-series-upload.png` });
    const scores = await h.server.runtime.database.db.selectFrom('policy_index_scores').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(scores.n)).toBe(16);
  });

  it('civil society, who sees no plan, reads the same series on a page reached from the recommendations, in English and in Arabic', async () => {
    const page = await signInInBrowser(h, ngo.email, password);
    expect(await page.getByRole('link', { name: 'Action plan', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByRole('link', { name: 'The country in reference series: US TIP report tiers and 3P policy index' }).click();
    await page.getByRole('heading', { name: "Reference series of the country's response", level: 1 }).waitFor();
    const reference = page.getByRole('table', { name: 'Tiers and 3P scores of Moldova by year' });
    await reference.waitFor();
    expect(await rowOf(page.locator('main'), '2010')).toEqual(['2010', 'Tier 2 Watch List', '5', '4', '5']);
    expect(await page.locator('main').innerText()).not.toContain('shaded');
    expect(await page.locator('figure .recharts-wrapper > svg.recharts-surface').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/reference-series-civil-society-en.png`, fullPage: true });
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { name: 'السلاسل المرجعية لاستجابة البلد', level: 1 }).waitFor();
    const words = (await page.locator('main').innerText()).match(/[A-Za-z]{2,}/gu) ?? [];
    expect(words).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/reference-series-civil-society-ar.png`, fullPage: true });
  });
});
