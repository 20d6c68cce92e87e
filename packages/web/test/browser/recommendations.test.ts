import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, apiJson, ApiClient, firstRun, section, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * Recommendations of monitoring bodies in the browser: the national rapporteur records two near-identical
 * recommendations of different bodies and the implementation status of one with its evidence; the national coordinator
 * records the government's response, links the two as a cluster from the server's suggestion and links both to an
 * activity of the plan at once; the history shows each change, in English and in Arabic; civil society reads the same
 * page without the suggestions and comments on the status.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const rapporteur = { displayName: 'Leila Mansour', email: 'leila@rapporteur.example' };
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const ngo = { displayName: 'Sami Haddad', email: 'sami@lastrada.example' };

const greta = {
  body: 'GRETA (Council of Europe experts on trafficking)',
  cycle: 'Third evaluation round',
  issuedOn: '2023-06-14',
  text: 'The authorities should take further steps to ensure that all victims of trafficking are identified and have effective access to assistance and protection measures',
  paragraph: '112',
  addressedTo: 'Ministry of the Interior',
};
const upr = {
  body: 'Universal Periodic Review',
  cycle: 'Fourth cycle',
  issuedOn: '2023-11-10',
  text: 'Take further measures to ensure that all victims of trafficking in persons are identified and have access to assistance and protection',
  paragraph: '118.45',
  addressedTo: 'Government',
};
const statusEvidence = 'Identification procedure adopted by decree 12/2024';
const responseEvidence = 'Government reply to GRETA, September 2023';
const activityTitle = 'Train labour inspectors to identify victims';
const planTitle = 'National action plan 2024-2026';
let h: BrowserHarness;
let gretaUrl = '';
let uprUrl = '';

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Office of the National Rapporteur', type: 'national_rapporteur' }, { ...rapporteur, password, roles: ['national_rapporteur'] });
  const coordination = await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  await addOrganisationWithUser(admin, { name: 'La Strada', type: 'ngo' }, { ...ngo, password, roles: ['civil_society'] });
  // The plan with one activity, set up through the API (the action plan's own test walks its pages).
  const planner = new ApiClient(h.baseUrl);
  await planner.signIn(coordinator.email, password);
  const plan = String((await planner.call('POST', '/api/action-plans', { title: planTitle, periodStart: '2024-01-01', periodEnd: '2026-12-31', currency: 'EUR' }))['id']);
  const objective = String((await planner.call('POST', `/api/action-plans/${plan}/objectives`, { pillar: 'protection', code: '2.1', title: 'Every victim is identified' }))['id']);
  await planner.call('POST', `/api/action-plans/${plan}/activities`, { objectiveId: objective, code: '2.1.1', title: activityTitle, responsibleOrganisationId: coordination, startsOn: '2024-01-01', endsOn: '2025-12-31' });
}, 600_000);
afterAll(async () => h.close());

async function record(page: Page, r: typeof greta): Promise<string> {
  await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
  await page.getByRole('heading', { name: 'Recommendations of monitoring bodies' }).waitFor();
  await page.getByRole('link', { name: 'Record a recommendation' }).click();
  // The form's own heading first: until its page has loaded, the list's filter, also labelled "Monitoring body", is the
  // one on screen, and choosing a body there sends the browser back to the list.
  await page.getByRole('heading', { name: 'Record a recommendation' }).waitFor();
  await page.getByLabel('Monitoring body', { exact: true }).selectOption({ label: r.body });
  await page.getByLabel('Cycle or round', { exact: true }).fill(r.cycle);
  await page.getByLabel('Date issued', { exact: true }).fill(r.issuedOn);
  await page.getByLabel('Text of the recommendation', { exact: true }).fill(r.text);
  await page.getByLabel('Paragraph or number (optional)', { exact: true }).fill(r.paragraph);
  await page.getByLabel('Identification of victims', { exact: true }).check();
  await page.getByLabel('Protection', { exact: true }).check();
  await page.getByLabel('Addressed to (optional)', { exact: true }).fill(r.addressedTo);
  await page.getByLabel('Urgency', { exact: true }).selectOption({ label: r === greta ? 'Urges' : 'Recommends' });
  await page.getByRole('button', { name: 'Record the recommendation' }).click();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  return page.url();
}

const historyRows = (page: Page) => section(page, 'History').locator('tbody tr');

describe('recommendations of monitoring bodies', () => {
  it('the rapporteur records two near-identical recommendations of different bodies and a status change with its evidence', async () => {
    const page = await signInInBrowser(h, rapporteur.email, password);
    // The form says what is missing before sending anything.
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByRole('link', { name: 'Record a recommendation' }).click();
    await page.getByRole('button', { name: 'Record the recommendation' }).click();
    await page.locator('.error-summary').filter({ hasText: 'Themes' }).waitFor();

    gretaUrl = await record(page, greta);
    uprUrl = await record(page, upr);
    // The server offers the GRETA recommendation as near-identical to the Universal Periodic Review's.
    const suggestions = section(page, 'Linked recommendations of other bodies');
    await suggestions.getByText(greta.text).waitFor();
    await suggestions.getByText(/\d+ ?% similar/).waitFor();

    await page.locator('summary', { hasText: 'Record a change of implementation status' }).click();
    await page.getByLabel('New status', { exact: true }).selectOption({ label: 'In progress' });
    await page.getByLabel('Since', { exact: true }).fill('2024-02-01');
    await page.getByRole('button', { name: 'Record the status' }).click();
    await page.locator('.error-summary').filter({ hasText: 'Say what shows this status' }).waitFor();
    await page.getByLabel('Evidence (optional)', { exact: true }).fill(statusEvidence);
    await page.getByRole('button', { name: 'Record the status' }).click();
    await historyRows(page).filter({ hasText: statusEvidence }).filter({ hasText: 'Status changed' }).filter({ hasText: 'In progress' }).waitFor();
    // The rapporteur does not record the government's response.
    expect(await page.locator('summary', { hasText: "Record the government's response" }).count()).toBe(0);
  });

  it('the coordinator records the response, links the cluster and both to an activity; the history shows it, in Arabic too', async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: 'Universal Periodic Review' }).filter({ hasText: 'In progress' }).filter({ hasText: 'No response yet' }).waitFor();
    await page.getByLabel('Monitoring body', { exact: true }).selectOption({ label: greta.body });
    await page.getByText('Recommendations found: 1').waitFor();
    await rows.getByRole('link').click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(page.url()).toBe(gretaUrl);

    await page.locator('summary', { hasText: "Record the government's response" }).click();
    await page.getByLabel('Government response', { exact: true }).selectOption({ label: 'Accepted' });
    await page.getByLabel('Date of the response', { exact: true }).fill('2023-09-01');
    await page.getByLabel('Where the government said so (optional)', { exact: true }).fill(responseEvidence);
    await page.getByRole('button', { name: 'Record the response' }).click();
    await historyRows(page).filter({ hasText: responseEvidence }).filter({ hasText: 'Accepted' }).waitFor();
    // The implementation status is the rapporteur's to record, not the government's.
    expect(await page.locator('summary', { hasText: 'Record a change of implementation status' }).count()).toBe(0);

    const cluster = section(page, 'Linked recommendations of other bodies');
    await cluster.getByLabel(new RegExp(`% similar — ${upr.body}`)).check();
    await cluster.getByRole('button', { name: 'Link them with this recommendation' }).click();
    await cluster.getByRole('link', { name: upr.body }).waitFor();
    await historyRows(page).filter({ hasText: 'Linked with similar recommendations' }).waitFor();

    const activities = section(page, 'Activities of the action plan answering it');
    await activities.getByLabel(`2.1.1 ${activityTitle}`, { exact: true }).check();
    expect(await activities.getByLabel('Also to the linked recommendations of other bodies (1)').isChecked()).toBe(true);
    await activities.getByRole('button', { name: 'Link the activities' }).click();
    await activities.locator('li', { hasText: activityTitle }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-en.png`, fullPage: true });

    // Linked through the cluster: the Universal Periodic Review's recommendation answers to the same activity.
    await page.goto(uprUrl);
    await section(page, 'Activities of the action plan answering it').locator('li', { hasText: activityTitle }).waitFor();
    await historyRows(page).filter({ hasText: statusEvidence }).waitFor();
    // From the plan, the activity leads to both recommendations it answers.
    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('link', { name: planTitle }).click();
    await page.locator('article', { hasText: activityTitle }).getByRole('link', { name: 'All the recommendations it answers' }).click();
    await page.getByText('Only the recommendations an activity of the action plan answers.').waitFor();
    await page.getByText('Recommendations found: 2').waitFor();

    await page.goto(gretaUrl);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { name: 'السجل' }).waitFor();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await section(page, 'السجل').locator('tbody tr').filter({ hasText: 'مقبولة' }).filter({ hasText: 'رد الحكومة' }).waitFor();
    const text = await page.locator('main').innerText();
    // Only what people wrote (the texts, cycles, evidence, names of organisations, plan and activity) stays in Latin letters.
    const written = new Set(
      [greta, upr].flatMap((r) => [r.text, r.cycle, r.addressedTo, r.paragraph]).concat([statusEvidence, responseEvidence, activityTitle, planTitle, 'National Coordination Office', 'Office of the National Rapporteur']).join(' ').match(/[A-Za-z]+/g) ?? [],
    );
    const leftovers = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !written.has(w));
    expect(leftovers(text)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-ar.png`, fullPage: true });
    await page.getByRole('link', { name: 'التوصيات', exact: true }).click();
    await page.getByRole('heading', { name: 'توصيات هيئات الرصد' }).waitFor();
    await page.locator('tbody tr').filter({ hasText: 'الاستعراض الدوري الشامل' }).filter({ hasText: 'قيد التنفيذ' }).waitFor();
    expect(leftovers(await page.locator('main').innerText())).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendations-list-ar.png`, fullPage: true });
    // In French: no code, key or English word of the app's own.
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'Français' });
    await page.goto(gretaUrl);
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    const french = await page.locator('main').innerText();
    for (const english of ['Monitoring body', 'Not started', 'Accepted', 'Government response', 'Recorded by', 'History', 'Urges', 'greta', 'not_started', 'recommendations.']) expect(french).not.toContain(english);
    await page.getByText('Réponse du gouvernement').first().waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-fr.png`, fullPage: true });
  });

  it('civil society reads the recommendation and its history without the suggestions, and comments on the status', async () => {
    const page = await signInInBrowser(h, ngo.email, password);
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByLabel('Government response', { exact: true }).selectOption({ label: 'Accepted' });
    await page.getByText('Recommendations found: 1').waitFor();
    expect(await page.getByRole('link', { name: 'Record a recommendation' }).count()).toBe(0);
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendations-list-en.png`, fullPage: true });
    await page.goto(uprUrl);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await section(page, 'Activities of the action plan answering it').locator('li', { hasText: activityTitle }).waitFor();
    await section(page, 'Linked recommendations of other bodies').getByRole('link', { name: greta.body }).waitFor();
    expect(await page.getByRole('heading', { name: 'Near-identical recommendations of other bodies' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record the status' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Link the activities' }).count()).toBe(0);
    const view = await apiJson<Record<string, unknown>>(page, new URL(uprUrl).pathname.replace('/recommendations/', '/api/recommendations/'));
    expect(view['similar']).toBeUndefined();
    expect(view['history']).toBeDefined();

    await page.locator('summary', { hasText: 'Comment on the status' }).click();
    await page.getByLabel('Comment', { exact: true }).fill('Shelters in the north still report victims not identified');
    await page.getByRole('button', { name: 'Send the comment' }).click();
    await historyRows(page).filter({ hasText: 'Civil society comment' }).filter({ hasText: 'La Strada' }).waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-civil-society-en.png`, fullPage: true });
  });
});
