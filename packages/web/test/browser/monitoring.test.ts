import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, ApiClient, apiJson, firstRun, section, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * Coordination and monitoring, end to end: the coordinator builds a plan with an activity, a computed indicator and one
 * entered by hand, links two recommendations of different bodies to the activity and reports its progress; the
 * responsible organisation records a measurement; the coordinator previews and publishes the public page; anyone reads
 * it without signing in (a browser with no cookie), in English and in Arabic; the rapporteur records a determinants
 * assessment, sees its influences drawn and compares it with an earlier one; published again, the page shows it.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const shelter = { displayName: 'Omar Saleh', email: 'omar@shelter.example' };
const rapporteur = { displayName: 'Leila Mansour', email: 'leila@rapporteur.example' };
const plan = { title: 'National action plan 2026-2028', objective: 'Every identified person is offered shelter', activity: 'Open a shelter for men' };
const source = 'Ministry of Social Affairs register';
const greta = { sourceBody: 'greta', cycle: 'Third evaluation round', issuedOn: '2023-06-14', text: 'Ensure that all victims of trafficking have access to shelter', themes: ['protection'], urgency: 'urges' };
const upr = { sourceBody: 'upr', cycle: 'Fourth cycle', issuedOn: '2023-11-10', text: 'Provide adequate shelter places for male victims', themes: ['protection'], urgency: 'recommends' };
const earlier = { country: 'Moldova', periodFrom: '2020-01-01', periodTo: '2024-12-31', title: 'Determinants 2020 to 2024' };
const later = { country: 'Moldova', from: '2025-01-01', to: '2026-06-30', title: 'Determinants 2025 to 2026' };
const typology = { origin: 'external', nature: 'pressure_point', specificity: 'trafficking_specific', reach: 'direct', level: 'institutional' };
let h: BrowserHarness;
let planUrl = '';
const recommendationIds: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  await addOrganisationWithUser(admin, { name: 'Harbour Shelter', type: 'shelter' }, { ...shelter, password, roles: ['supervisor'] });
  await addOrganisationWithUser(admin, { name: 'Office of the National Rapporteur', type: 'national_rapporteur' }, { ...rapporteur, password, roles: ['national_rapporteur'] });
  // The rapporteur's recommendations and an earlier assessment, through the API (their own tests walk those pages).
  const monitor = new ApiClient(h.baseUrl);
  await monitor.signIn(rapporteur.email, password);
  for (const r of [greta, upr]) recommendationIds.push(String((await monitor.call('POST', '/api/recommendations', r))['id']));
  const assessment = String((await monitor.call('POST', '/api/determinant-assessments', earlier))['id']);
  await monitor.call('PUT', `/api/determinant-assessments/${assessment}/entries`, { determinant: 'political_will', direction: 'negative', activity: 'passive', strength: 'moderate', typology, evidence: 'Parliamentary debates', influences: [] });
}, 600_000);
afterAll(async () => h.close());

/** Only what people wrote may stay in Latin letters on a page in Arabic. */
function leftovers(text: string, written: readonly string[]): string[] {
  const words = new Set(written.join(' ').match(/[A-Za-z]+/g) ?? []);
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !words.has(w));
}

async function buildPlan(page: Page) {
  await page.getByRole('link', { name: 'Action plan' }).click();
  await page.getByRole('heading', { name: 'National action plans' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(plan.title);
  await page.getByLabel('Start of the period', { exact: true }).fill('2026-01-01');
  await page.getByLabel('End of the period', { exact: true }).fill('2028-12-31');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('heading', { name: plan.title }).waitFor();
  planUrl = page.url();

  const objective = page.locator('form', { has: page.locator('#objective-pillar') });
  await objective.getByLabel('Pillar', { exact: true }).selectOption({ label: 'Protection' });
  await objective.getByLabel('Number', { exact: true }).fill('2.1');
  await objective.getByLabel('Title', { exact: true }).fill(plan.objective);
  await objective.getByRole('button', { name: 'Add an objective' }).click();
  await page.getByRole('heading', { name: `2.1 ${plan.objective}` }).waitFor();

  const activity = page.locator('form', { has: page.locator('#activity-objective') });
  await activity.getByLabel('Objective', { exact: true }).selectOption({ index: 1 });
  await activity.getByLabel('Number', { exact: true }).fill('2.1.1');
  await activity.getByLabel('Title', { exact: true }).fill(plan.activity);
  await activity.getByLabel('Responsible organisation', { exact: true }).selectOption({ label: 'Harbour Shelter' });
  await activity.getByLabel('Start date', { exact: true }).fill('2026-01-01');
  await activity.getByLabel('End date', { exact: true }).fill('2027-12-31');
  await activity.getByLabel('Year (optional)', { exact: true }).fill('2026');
  await activity.getByLabel('Budget planned (optional)', { exact: true }).fill('50000');
  await activity.getByRole('button', { name: 'Add an activity' }).click();
  await page.getByRole('heading', { name: `2.1.1 ${plan.activity}` }).waitFor();

  const indicator = page.locator('form', { has: page.locator('#indicator-code') });
  await indicator.getByLabel('How it is measured', { exact: true }).selectOption({ label: "Computed from the platform's records" });
  await indicator.getByLabel('Number', { exact: true }).fill('I-1');
  await indicator.getByLabel('Title', { exact: true }).fill('Persons identified');
  await indicator.getByLabel('Kind of result', { exact: true }).selectOption({ label: 'Outcome' });
  await indicator.getByLabel('What is computed', { exact: true }).selectOption({ label: 'Persons identified' });
  await indicator.getByRole('button', { name: 'Add an indicator' }).click();
  await page.getByRole('heading', { name: 'I-1 Persons identified' }).waitFor();

  await indicator.getByLabel('How it is measured', { exact: true }).selectOption({ label: 'Entered by hand' });
  await indicator.getByLabel('Number', { exact: true }).fill('I-2');
  await indicator.getByLabel('Title', { exact: true }).fill('Shelter places for men');
  await indicator.getByLabel('Kind of result', { exact: true }).selectOption({ label: 'Output' });
  await indicator.getByLabel('Activity (optional)', { exact: true }).selectOption({ index: 1 });
  await indicator.getByLabel('Source of the figures', { exact: true }).fill(source);
  await indicator.getByLabel('Baseline value (optional)', { exact: true }).fill('0');
  await indicator.getByLabel('Baseline date (optional)', { exact: true }).fill('2025-12-31');
  await indicator.getByLabel('Target period starts (optional)', { exact: true }).fill('2026-01-01');
  await indicator.getByLabel('Target period ends (optional)', { exact: true }).fill('2026-12-31');
  await indicator.getByLabel('Target (optional)', { exact: true }).fill('40');
  await indicator.getByRole('button', { name: 'Add an indicator' }).click();
  await page.getByRole('heading', { name: 'I-2 Shelter places for men' }).waitFor();
}

describe('coordination and monitoring', () => {
  it('the coordinator builds the plan, links two recommendations of different bodies to its activity and reports progress', async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    await buildPlan(page);
    for (const id of recommendationIds) {
      await page.goto(`${h.baseUrl}/recommendations/${id}`);
      const activities = section(page, 'Activities of the action plan answering it');
      await activities.getByLabel(`2.1.1 ${plan.activity}`, { exact: true }).check();
      await activities.getByRole('button', { name: 'Link the activities' }).click();
      await activities.locator('li', { hasText: plan.activity }).waitFor();
    }
    await page.goto(planUrl);
    await page.locator('summary', { hasText: 'Report progress' }).first().click();
    await page.getByLabel('Date of the report', { exact: true }).fill('2026-03-31');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'In progress' });
    await page.getByLabel('Progress (percent)', { exact: true }).fill('25');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('In progress (25 %)').waitFor();
  });

  it('the shelter records a measurement; the coordinator previews and publishes the public page', async () => {
    const shelterPage = await signInInBrowser(h, shelter.email, password);
    await shelterPage.goto(planUrl);
    await shelterPage.locator('summary', { hasText: 'Record a measurement' }).click();
    await shelterPage.getByLabel('Start of the period', { exact: true }).fill('2026-01-01');
    await shelterPage.getByLabel('End of the period', { exact: true }).fill('2026-12-31');
    await shelterPage.getByLabel('Value', { exact: true }).fill('24');
    await shelterPage.getByRole('button', { name: 'Save the measurement' }).click();
    await shelterPage.getByRole('cell', { name: '24', exact: true }).waitFor();
    // Only the coordinator publishes.
    await shelterPage.goto(`${planUrl}/progress`);
    expect(await shelterPage.getByRole('button', { name: 'Publish' }).count()).toBe(0);

    const page = await signInInBrowser(h, coordinator.email, password);
    await page.goto(`${planUrl}/progress`);
    const panel = section(page, 'Public page');
    await panel.getByText('Nothing is published.').waitFor();
    await panel.getByRole('button', { name: 'Preview the public page' }).click();
    const preview = page.locator('.public-preview');
    await preview.getByRole('heading', { name: 'Preview of the public page' }).waitFor();
    await preview.getByRole('cell', { name: 'Harbour Shelter' }).waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/monitoring-publish-preview-en.png`, fullPage: true });
    await preview.getByRole('button', { name: 'Publish' }).click();
    await waitForStatus(page, 'The public page is published.');
    await panel.getByText(/Published on .* by National Coordination Office from the plan:/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('anyone reads the public page without signing in, cacheable, with the signed-in page\'s figures, in English and in Arabic', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(h.baseUrl);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/public-view'));
    await page.getByRole('link', { name: 'Progress of the national action plan (public page, no sign-in)' }).click();
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=300');
    expect(response.headers()['etag']).toMatch(/^".+"$/);
    await page.getByRole('heading', { name: 'Progress of the national action plan', level: 1 }).waitFor();
    expect(await context.cookies()).toEqual([]);
    const activityRow = page.locator('tbody tr', { hasText: plan.activity });
    await activityRow.filter({ hasText: 'Harbour Shelter' }).filter({ hasText: 'In progress (25 %)' }).filter({ hasText: 'On time' }).waitFor();
    await page.getByRole('heading', { name: 'I-2 Shelter places for men' }).waitFor();
    await page.getByRole('heading', { name: 'I-1 Persons identified' }).waitFor();
    await page.locator('li', { hasText: greta.text }).filter({ hasText: 'Answered by the plan\'s activities: 2.1.1' }).waitFor();
    await page.locator('li', { hasText: upr.text }).waitFor();
    await page.getByRole('table', { name: 'Recommendations by monitoring body and implementation status' }).getByRole('rowheader', { name: 'Universal Periodic Review' }).waitFor();
    await page.getByRole('rowheader', { name: 'Political will' }).waitFor();
    // Nothing about the people who entered it.
    const text = await page.locator('main').innerText();
    for (const name of [coordinator.displayName, shelter.displayName, rapporteur.displayName, coordinator.email, 'Parliamentary debates']) expect(text).not.toContain(name);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/monitoring-public-en.png`, fullPage: true });

    // The computed figure is the signed-in progress page's, perturbed, not a recount.
    const signedIn = await signInInBrowser(h, coordinator.email, password);
    const planId = new URL(planUrl).pathname.split('/').pop() ?? '';
    type Series = Array<{ periodStart: string; value: number | null }>;
    const progress = await apiJson<{ indicators: Array<{ code: string; series: Series }> }>(signedIn, `/api/action-plans/${planId}/progress`);
    const published = (await response.json()) as { content: { indicators: Array<{ code: string; series: Series }> } };
    for (const code of ['I-1', 'I-2']) expect(published.content.indicators.find((i) => i.code === code)?.series).toEqual(progress.indicators.find((i) => i.code === code)?.series);

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { name: 'تقدم خطة العمل الوطنية', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'الإرادة السياسية' }).waitFor();
    const written = [plan.title, plan.objective, plan.activity, source, greta.text, greta.cycle, upr.text, upr.cycle, earlier.title, earlier.country, 'Harbour Shelter', 'National Coordination Office', 'Persons identified', 'Shelter places for men', 'EUR'];
    expect(leftovers(await page.locator('main').innerText(), written)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/monitoring-public-ar.png`, fullPage: true });
    // In French: none of the page's own English words, no code.
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'Français' });
    await page.getByRole('heading', { name: 'Avancement du plan d’action national', level: 1 }).waitFor();
    const french = await page.locator('main').innerText();
    for (const english of ['Pillar', 'On time', 'Monitoring body', 'Not started', 'Political will', 'Negative', 'Indicators', 'greta', 'not_started', 'publicView.']) expect(french).not.toContain(english);
    await page.getByRole('rowheader', { name: 'Volonté politique' }).waitFor();
    await context.close();
  });

  it('the rapporteur records an assessment, sees its influences drawn and compares it with the earlier one; published again, the page shows it', async () => {
    const page = await signInInBrowser(h, rapporteur.email, password);
    await page.getByRole('link', { name: 'Determinants', exact: true }).click();
    await page.getByRole('heading', { name: 'Determinants assessments' }).waitFor();
    await page.getByLabel('Country', { exact: true }).selectOption({ label: later.country });
    await page.getByLabel('Period from', { exact: true }).fill(later.from);
    await page.getByLabel('Period to', { exact: true }).fill(later.to);
    await page.getByLabel('Title', { exact: true }).fill(later.title);
    await page.getByRole('button', { name: 'Create the assessment' }).click();
    await page.getByRole('heading', { name: later.title, level: 1 }).waitFor();
    for (const [determinant, direction, influences] of [
      ['External monitoring, reputation and sanctions', 'Positive', ['Political will']],
      ['Political will', 'Positive', []],
    ] as const) {
      await page.getByLabel('Determinant', { exact: true }).selectOption({ label: determinant });
      await page.getByLabel('Direction', { exact: true }).selectOption({ label: direction });
      await page.getByLabel('Active or passive', { exact: true }).selectOption({ label: 'Active' });
      await page.getByLabel('Strength', { exact: true }).selectOption({ label: 'Strong' });
      await page.getByLabel('Internal or external', { exact: true }).selectOption({ label: 'External' });
      await page.getByLabel('Structural or pressure point', { exact: true }).selectOption({ label: 'Pressure point' });
      await page.getByLabel('Trafficking-specific, contextual or tangential', { exact: true }).selectOption({ label: 'Trafficking-specific' });
      await page.getByLabel('Direct or indirect', { exact: true }).selectOption({ label: 'Direct' });
      await page.getByLabel('Personal, institutional or cultural', { exact: true }).selectOption({ label: 'Institutional' });
      for (const name of influences) await page.getByRole('group', { name: 'Determinants it influences' }).getByLabel(name, { exact: true }).check();
      await page.getByRole('button', { name: 'Record the determinant' }).click();
      await page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: determinant, exact: true }) }).filter({ hasText: direction }).waitFor();
    }
    await page.locator('[data-testid="influence-graph"] canvas').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="influence-graph"]')?.getAttribute('data-edges') === '1');
    if (screenshots) await page.screenshot({ path: `${screenshots}/monitoring-determinants-en.png`, fullPage: true });

    await page.getByRole('link', { name: 'Compare with an earlier assessment' }).click();
    await page.getByLabel('Earlier assessment', { exact: true }).selectOption({ index: 1 });
    await waitForStatus(page, /Determinants that changed: .*Political will/);
    await page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Political will', exact: true }) }).filter({ hasText: 'Negative' }).filter({ hasText: 'Changed direction' }).waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/monitoring-determinants-compare-en.png`, fullPage: true });

    // Published again, the public page shows the latest assessment in place of the earlier one.
    const coordinatorPage = await signInInBrowser(h, coordinator.email, password);
    await coordinatorPage.goto(`${planUrl}/progress`);
    await section(coordinatorPage, 'Public page').getByRole('button', { name: 'Preview the public page' }).click();
    await coordinatorPage.locator('.public-preview').getByRole('button', { name: 'Publish' }).click();
    await waitForStatus(coordinatorPage, 'The public page is published.');
    const context = await h.browser.newContext();
    const reader = await context.newPage();
    await reader.goto(`${h.baseUrl}/public`);
    await reader.getByText(later.title).waitFor();
    await reader.getByRole('rowheader', { name: 'External monitoring, reputation and sanctions' }).waitFor();
    expect(await reader.getByText(earlier.title).count()).toBe(0);
    await context.close();
  });
});
