import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationWithUser, firstRun, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The national action plan in the browser: the coordinator creates a plan, an objective under the protection pillar,
 * an activity given to a shelter with a year's budget and donor funding secured for less than the activity runs, a
 * computed indicator and one entered by hand with a baseline and a target, and reports the activity's progress; the
 * shelter's supervisor records a measurement; the progress page says what needs attention, in English and in Arabic.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const shelter = { displayName: 'Omar Saleh', email: 'omar@shelter.example' };
let h: BrowserHarness;
let planUrl = '';

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  await addOrganisationWithUser(admin, { name: 'Harbour Shelter', type: 'shelter' }, { ...shelter, password, roles: ['supervisor'] });
}, 600_000);
afterAll(async () => h.close());

describe('the national action plan', () => {
  it('the coordinator builds a plan with an activity, a computed and a hand-entered indicator, and reports progress', async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    await page.getByRole('link', { name: 'Action plan' }).click();
    await page.getByRole('heading', { name: 'National action plans' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('National action plan 2026-2028');
    await page.getByLabel('Start of the period', { exact: true }).fill('2026-01-01');
    await page.getByLabel('End of the period', { exact: true }).fill('2028-12-31');
    await page.getByRole('button', { name: 'Create the plan' }).click();
    await page.getByRole('heading', { name: 'National action plan 2026-2028' }).waitFor();
    planUrl = page.url();

    const objective = page.locator('form', { has: page.locator('#objective-pillar') });
    await objective.getByLabel('Pillar', { exact: true }).selectOption({ label: 'Protection' });
    await objective.getByLabel('Number', { exact: true }).fill('2.1');
    await objective.getByLabel('Title', { exact: true }).fill('Every identified person is offered shelter');
    await objective.getByRole('button', { name: 'Add an objective' }).click();
    await page.getByRole('heading', { name: '2.1 Every identified person is offered shelter' }).waitFor();

    const activity = page.locator('form', { has: page.locator('#activity-objective') });
    await activity.getByLabel('Objective', { exact: true }).selectOption({ index: 1 });
    await activity.getByLabel('Number', { exact: true }).fill('2.1.1');
    await activity.getByLabel('Title', { exact: true }).fill('Open a shelter for men');
    await activity.getByLabel('Responsible organisation', { exact: true }).selectOption({ label: 'Harbour Shelter' });
    await activity.getByLabel('Start date', { exact: true }).fill('2026-01-01');
    await activity.getByLabel('End date', { exact: true }).fill('2027-12-31');
    await activity.getByLabel('Year (optional)', { exact: true }).fill('2026');
    await activity.getByLabel('Budget planned (optional)', { exact: true }).fill('50000');
    await activity.getByLabel('Kind of funding (optional)', { exact: true }).selectOption({ label: 'External donor' });
    await activity.getByLabel('Funded by (optional)', { exact: true }).fill('European Union');
    await activity.getByLabel('Amount (optional)', { exact: true }).fill('30000');
    await activity.getByLabel('Secured until (optional)', { exact: true }).fill('2026-12-31');
    await activity.getByRole('button', { name: 'Add an activity' }).click();
    await page.getByRole('heading', { name: '2.1.1 Open a shelter for men' }).waitFor();
    await page.getByText('Funding ends before the activity does').waitFor();

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
    await indicator.getByLabel('Source of the figures', { exact: true }).fill('Ministry of Social Affairs register');
    await indicator.getByLabel('Target period starts (optional)', { exact: true }).fill('2026-01-01');
    await indicator.getByLabel('Target period ends (optional)', { exact: true }).fill('2026-12-31');
    await indicator.getByLabel('Target (optional)', { exact: true }).fill('40');
    await indicator.getByRole('button', { name: 'Add an indicator' }).click();
    // A target without a baseline is refused, naming the field.
    await page.locator('.error-summary, [role="alert"]').filter({ hasText: 'Baseline value' }).first().waitFor();
    await indicator.getByLabel('Baseline value (optional)', { exact: true }).fill('0');
    await indicator.getByLabel('Baseline date (optional)', { exact: true }).fill('2025-12-31');
    await indicator.getByRole('button', { name: 'Add an indicator' }).click();
    await page.getByRole('heading', { name: 'I-2 Shelter places for men' }).waitFor();

    await page.locator('summary', { hasText: 'Report progress' }).first().click();
    await page.getByLabel('Date of the report', { exact: true }).fill('2026-03-31');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'In progress' });
    await page.getByLabel('Progress (percent)', { exact: true }).fill('25');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('In progress (25 %)').waitFor();
  });

  it('the shelter records a measurement; the progress page says what needs attention, in English and in Arabic', async () => {
    const page = await signInInBrowser(h, shelter.email, password);
    await page.goto(planUrl);
    await page.getByRole('heading', { name: 'I-2 Shelter places for men' }).waitFor();
    await page.locator('summary', { hasText: 'Record a measurement' }).click();
    await page.getByLabel('Start of the period', { exact: true }).fill('2026-01-01');
    await page.getByLabel('End of the period', { exact: true }).fill('2026-12-31');
    await page.getByLabel('Value', { exact: true }).fill('24');
    await page.getByRole('button', { name: 'Save the measurement' }).click();
    await page.getByRole('cell', { name: '24', exact: true }).waitFor();

    const coordinatorPage = await signInInBrowser(h, coordinator.email, password);
    await coordinatorPage.goto(`${planUrl}/progress`);
    await coordinatorPage.getByRole('heading', { name: 'Outcomes and impact' }).waitFor();
    await coordinatorPage.getByText('Output, Entered by hand — Off target').waitFor();
    expect(await coordinatorPage.getByRole('cell', { name: 'Under-funded, Funding ends early' }).count()).toBe(1);
    if (screenshots) await coordinatorPage.screenshot({ path: `${screenshots}/action-plan-progress-en.png`, fullPage: true });
    await coordinatorPage.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await coordinatorPage.getByRole('heading', { name: 'النتائج والأثر' }).waitFor();
    const text = await coordinatorPage.locator('main').innerText();
    // Only the names people wrote (the plan, the shelter, the indicators) may stay in Latin letters.
    const written = ['National', 'action', 'plan', 'Harbour', 'Shelter', 'Open', 'shelter', 'for', 'men', 'Persons', 'identified', 'places', 'CSV', 'XLSX', 'EUR'];
    const leftovers = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !written.includes(w));
    expect(leftovers).toEqual([]);
    if (screenshots) await coordinatorPage.screenshot({ path: `${screenshots}/action-plan-progress-ar.png`, fullPage: true });
    await coordinatorPage.goto(planUrl);
    await coordinatorPage.getByRole('heading', { name: 'الحماية' }).waitFor();
    if (screenshots) await coordinatorPage.screenshot({ path: `${screenshots}/action-plan-plan-ar.png`, fullPage: true });
  });
});
