import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationWithUser, ApiClient, firstRun, section, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * Undoing a link between a recommendation and an activity of the plan in the browser: the national coordinator asks
 * to remove it, is asked to confirm (naming the activity), first keeps it, then removes it; the activity leaves the
 * list and the history shows the link removed with the activity's name, in English and in Arabic. Civil society reads
 * the same page without the button.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const rapporteur = { displayName: 'Leila Mansour', email: 'leila@rapporteur.example' };
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const ngo = { displayName: 'Sami Haddad', email: 'sami@lastrada.example' };
const activityTitle = 'Train labour inspectors to identify victims';
let h: BrowserHarness;
let recommendationUrl = '';

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Office of the National Rapporteur', type: 'national_rapporteur' }, { ...rapporteur, password, roles: ['national_rapporteur'] });
  const coordination = await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  await addOrganisationWithUser(admin, { name: 'La Strada', type: 'ngo' }, { ...ngo, password, roles: ['civil_society'] });
  const planner = new ApiClient(h.baseUrl);
  await planner.signIn(coordinator.email, password);
  const plan = String((await planner.call('POST', '/api/action-plans', { title: 'National action plan 2024-2026', periodStart: '2024-01-01', periodEnd: '2026-12-31', currency: 'EUR' }))['id']);
  const objective = String((await planner.call('POST', `/api/action-plans/${plan}/objectives`, { pillar: 'protection', code: '2.1', title: 'Every victim is identified' }))['id']);
  const activity = String((await planner.call('POST', `/api/action-plans/${plan}/activities`, { objectiveId: objective, code: '2.1.1', title: activityTitle, responsibleOrganisationId: coordination, startsOn: '2024-01-01', endsOn: '2025-12-31' }))['id']);
  const recorder = new ApiClient(h.baseUrl);
  await recorder.signIn(rapporteur.email, password);
  const id = String((await recorder.call('POST', '/api/recommendations', { sourceBody: 'greta', cycle: 'Third round', issuedOn: '2023-06-14', text: 'Ensure that all victims are identified', themes: ['identification'], urgency: 'urges' }))['id']);
  await planner.call('POST', `/api/recommendations/${id}/activities`, { activityIds: [activity] });
  recommendationUrl = `${h.baseUrl}/recommendations/${id}`;
}, 600_000);
afterAll(async () => h.close());

describe('a link between a recommendation and an activity, undone', () => {
  it('civil society sees the link without a button to remove it', async () => {
    const page = await signInInBrowser(h, ngo.email, password);
    await page.goto(recommendationUrl);
    await section(page, 'Activities of the action plan answering it').locator('li', { hasText: activityTitle }).waitFor();
    expect(await page.getByRole('button', { name: 'Remove the link' }).count()).toBe(0);
  });

  it('the coordinator confirms before the link is removed, and the history keeps it, in English and Arabic', async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    await page.goto(recommendationUrl);
    const activities = section(page, 'Activities of the action plan answering it');
    const item = activities.locator('li', { hasText: activityTitle });
    await item.getByRole('button', { name: 'Remove the link' }).click();
    await item.getByText(new RegExp(`^Remove the link between this recommendation and “(2\\.1\\.1 )?${activityTitle}”\\?`, 'u')).waitFor();
    await item.getByRole('button', { name: 'Keep the link' }).click();
    await item.getByRole('button', { name: 'Remove the link' }).waitFor();
    await item.getByRole('button', { name: 'Remove the link' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await item.getByRole('button', { name: 'Yes, remove the link' }).click();
    await activities.getByText('No activity linked yet.').waitFor();
    const history = section(page, 'History').locator('tbody tr');
    await history.filter({ hasText: 'Link to an activity removed' }).filter({ hasText: `2.1.1 ${activityTitle}` }).filter({ hasText: 'National Coordination Office' }).waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/recommendation-unlinked-en.png`, fullPage: true });
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await section(page, 'السجل').locator('tbody tr').filter({ hasText: 'أُزيل الربط بنشاط' }).waitFor();
  });
});
