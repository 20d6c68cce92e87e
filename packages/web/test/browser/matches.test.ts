import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ApiClient, addOrganisationWithUser, firstRun, openPanel, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * Possible duplicates in the browser: an NGO caseworker checks from a case whose person consents to referral and
 * learns only that another organisation probably knows the person; she asks for confirmation. The shelter that holds
 * the person sees the request from the NGO (not from her), and accepts; only then does the NGO's case page name the
 * shelter. Both screens are looked at in French and Arabic (screenshots under the temporary folder).
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const ngo = { name: 'Safe Passage NGO', worker: { displayName: 'Mariam Idris', email: 'mariam@ngo.example' } };
const shelter = { name: 'Harbour House Shelter', worker: { displayName: 'Jonas Berg', email: 'jonas@shelter.example' } };
let ngoCaseId = '';
let shelterCaseReference = '';

/** Opens a case through the API as this user; answers the case and the user's client. */
async function openCase(email: string, person: Record<string, unknown>): Promise<{ id: string; reference: string; client: ApiClient }> {
  const client = new ApiClient(h.baseUrl);
  await client.signIn(email, password);
  const opened = await client.call('POST', '/api/cases', { person }, { 'idempotency-key': crypto.randomUUID() });
  return { id: String(opened['id']), reference: String(opened['reference']), client };
}

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: ngo.name, type: 'ngo' }, { ...ngo.worker, password, roles: ['caseworker'] });
  await addOrganisationWithUser(admin, { name: shelter.name, type: 'shelter' }, { ...shelter.worker, password, roles: ['caseworker'] });
  const authorityId = String((await admin.call('POST', '/api/organisations', { name: 'Victim Identification Authority', type: 'competent_authority' }))['id']);
  const person = { givenName: 'Oluwaseun', familyName: 'Adebayo', birthDate: '1993-01-02' };
  shelterCaseReference = (await openCase(shelter.worker.email, person)).reference;
  const atNgo = await openCase(ngo.worker.email, person);
  ngoCaseId = atNgo.id;
  await atNgo.client.call(
    'POST',
    `/api/cases/${ngoCaseId}/consents`,
    { purpose: 'referral', targetOrganisationId: authorityId, status: 'given', method: 'verbal', rightsExplained: ['who_receives_it', 'right_to_refuse_or_withdraw'] },
    { 'idempotency-key': crypto.randomUUID() },
  );
});
afterAll(async () => h.close());

/** Looks at the page in French and in Arabic (screenshots to read), and comes back to English. */
async function inFrenchAndArabic(page: Page, name: string, expectations: { fr: string; ar: string; english: readonly string[] }, region: Locator = page.locator('main')) {
  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Français' });
  await page.getByText(expectations.fr).first().waitFor();
  await region.screenshot({ path: `/tmp/palermo-${name}-fr.png` });
  const french = await page.locator('main').innerText();
  await page.getByLabel('Langue', { exact: true }).selectOption({ label: 'العربية' });
  await page.getByText(expectations.ar).first().waitFor();
  await region.screenshot({ path: `/tmp/palermo-${name}-ar.png` });
  const arabic = await page.locator('main').innerText();
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
  for (const text of expectations.english) {
    expect(french).not.toContain(text);
    expect(arabic).not.toContain(text);
  }
}

describe('possible duplicates in the browser', () => {
  it('the NGO learns only that a possible duplicate exists, and asks for confirmation', async () => {
    const page = await signInInBrowser(h, ngo.worker.email, password);
    await page.goto(`${h.baseUrl}/cases/${ngoCaseId}`);
    const panel = await openPanel(page, 'Possible duplicates');
    await panel.getByText('Checks left for you: 20').waitFor();
    await panel.getByRole('button', { name: 'Check for possible duplicates' }).click();
    await waitForStatus(page, 'Another organisation probably knows this person.');
    await panel.getByText('Checks left for you: 19').waitFor();
    await panel.getByRole('button', { name: 'Ask for confirmation' }).click();
    await waitForStatus(page, /Confirmation was asked/);
    await panel.getByText(/^Confirmation asked /).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Nothing in the panel names the shelter (which the referral form lists among all organisations) or its case.
    const content = await panel.innerHTML();
    expect(content).not.toContain(shelter.name);
    expect(await page.content()).not.toContain(shelterCaseReference);
    await inFrenchAndArabic(page, 'possible-matches', {
      fr: 'Une autre organisation connaît probablement cette personne.',
      ar: 'من المرجح أن منظمة أخرى تعرف هذا الشخص.',
      english: ['Possible duplicates', 'Another organisation probably knows this person', 'Checks left for you', 'Confirmation asked', 'Confirmation was asked'],
    }, page.locator('#action-matches'));
  });

  it('the shelter sees the request from the NGO, not from its caseworker, and accepts; then the NGO sees which shelter', async () => {
    const page = await signInInBrowser(h, shelter.worker.email, password);
    await page.getByRole('link', { name: 'Match requests' }).click();
    const table = page.getByRole('table', { name: 'Match requests to your organisation' });
    const row = table.getByRole('row').filter({ hasText: ngo.name });
    await row.getByRole('link', { name: shelterCaseReference }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(ngo.worker.displayName);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await inFrenchAndArabic(page, 'match-requests', {
      fr: 'Même personne : nous faire connaître',
      ar: 'الشخص نفسه: عرّفوا بنا',
      english: ['Match requests', 'Same person: make us known', 'Decline: tell them nothing', 'Waiting for an answer'],
    });
    await row.getByRole('button', { name: /^Same person: make us known/ }).click();
    await waitForStatus(page, 'Your answer is recorded: Same person (organisation made known).');

    const requester = await signInInBrowser(h, ngo.worker.email, password);
    await requester.goto(`${h.baseUrl}/cases/${ngoCaseId}`);
    const panel = await openPanel(requester, 'Possible duplicates');
    await panel.getByRole('heading', { name: 'Organisations that confirmed they hold the same person' }).waitFor();
    await panel.getByText(shelter.name).waitFor();
    // Accepting named the organisation, not its record.
    expect(await requester.content()).not.toContain(shelterCaseReference);
  });
});
