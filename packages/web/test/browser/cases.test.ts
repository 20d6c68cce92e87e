import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { firstRun, currentTotp, seriousAccessibilityViolations, startHarness, type BrowserHarness } from './support.js';

/**
 * Case management as people use it: a caseworker reports an anonymous suspicion, screens the person (the result is a
 * suggestion), records consent to referral to the competent authority and requests a decision; a decision maker of
 * that authority sees only the fields shared with it and decides; an investigator cannot see the case at all. Each
 * screen is checked with axe-core. The organisations and users are created through the API to keep the walk short.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const users = {
  caseworker: { name: 'Jonas Berg', email: 'jonas@shelter.example', organisation: 'Harbour House Shelter', role: 'caseworker' },
  decisionMaker: { name: 'Leila Mansour', email: 'leila@authority.example', organisation: 'Victim Identification Authority', role: 'decision_maker' },
  investigator: { name: 'Piotr Nowak', email: 'piotr@police.example', organisation: 'Police Anti-Trafficking Unit', role: 'investigator' },
} as const;
const organisationTypes: Record<string, string> = {
  'Harbour House Shelter': 'shelter',
  'Victim Identification Authority': 'competent_authority',
  'Police Anti-Trafficking Unit': 'law_enforcement',
};
let caseUrl = '';
let caseworkerPage: Page;

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  const ids: Record<string, string> = {};
  for (const [name, type] of Object.entries(organisationTypes)) {
    ids[name] = String((await admin.call('POST', '/api/organisations', { name, type }))['id']);
  }
  for (const user of Object.values(users)) {
    await admin.call('POST', '/api/users', {
      organisationId: ids[user.organisation],
      displayName: user.name,
      email: user.email,
      password,
      roles: [user.role],
    });
  }
});
afterAll(async () => h.close());

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** Signs a user in for the first time in a browser of their own, enrolling their authenticator on the way. */
async function signInFirstTime(email: string): Promise<Page> {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(h.baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Secret key').waitFor();
  const secret = await page.getByLabel('Secret key').inputValue();
  await page.getByLabel('Authentication code').fill(currentTotp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('link', { name: 'Home' }).waitFor();
  return page;
}

/** A row of a description list ("term: value") on the case page. */
function detail(page: Page, term: string) {
  return page.locator('.details > div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd');
}

/** Waits until a detail of the case shows this value (the page reloads the case after each action). */
async function expectDetail(page: Page, term: string, value: string) {
  await detail(page, term).filter({ hasText: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
}

describe('case management in the browser', () => {
  it('a caseworker reports an anonymous suspicion', async () => {
    const page = await signInFirstTime(users.caseworker.email);
    caseworkerPage = page;
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Report a suspicion' }).click();
    await page.getByRole('button', { name: 'Report suspicion' }).waitFor();
    await page.getByText(/anonymous intake is allowed/).waitFor();
    await expectAccessible(page);

    // No name at all; a phone number the decision maker must not see later.
    await page.getByLabel('Phone').fill('+40700000001');
    await page.getByRole('checkbox', { name: 'Forced labour' }).check();
    await page.getByRole('button', { name: 'Report suspicion' }).click();
    await page.getByRole('heading', { name: /^Case C-\d{4}-/ }).waitFor();
    caseUrl = page.url();
    await page.getByRole('status').filter({ hasText: /opened/ }).waitFor();
    await expectDetail(page, 'Stage', 'Reported');
    await expectDetail(page, 'Given name', 'Not recorded');
    await page.getByRole('table', { name: 'What happened in this case' }).getByRole('cell', { name: "Jonas Berg (Harbour House Shelter) reported a suspicion without the person's name.", exact: true }).waitFor();
    await expectAccessible(page);
  });

  it('screens the person: the result is shown as a suggestion', async () => {
    const page = caseworkerPage;
    await page.locator('summary', { hasText: 'Screen against indicators' }).click();
    await page.getByLabel('Checklist').selectOption({ label: 'General indicators of trafficking in persons (version 1)' });
    // The checklist's source in words a reader can follow: no working references.
    await page.getByText(/^Default list, organised by the elements of the definition/u).waitFor();
    await expect(page.getByText(/seed \d{3}|DOMAIN\.md|shared\//u).count()).resolves.toBe(0);
    await page.getByRole('group', { name: 'Identity or travel documents held by someone else' }).getByLabel('Present').check();
    await page.getByRole('group', { name: 'Made to work, provide services or beg against their will' }).getByLabel('Present').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Record screening' }).click();
    const suggestion = page.locator('.suggestion');
    await suggestion.getByText('Suggestion – not a decision').waitFor();
    await suggestion.getByText('Refer the person for identification', { exact: true }).waitFor();
    await suggestion.getByText(/Only the competent authority decides/).waitFor();
    await page
      .getByRole('table', { name: 'What happened in this case' })
      .getByRole('cell', { name: 'Jonas Berg (Harbour House Shelter) screened the person with the General indicators of trafficking in persons: Refer the person for identification.', exact: true })
      .waitFor();
    await expectDetail(page, 'Stage', 'Screened');
    await expectAccessible(page);
  });

  it('records consent to referral to the competent authority and requests a decision', async () => {
    const page = caseworkerPage;
    await page.locator('summary', { hasText: 'Record consent' }).click();
    await page.getByLabel('Purpose').selectOption({ label: 'Referral to another organisation' });
    await page
      .getByLabel('Organisation the person agrees to be referred to')
      .selectOption({ label: 'Victim Identification Authority (Competent authority)' });
    await page.getByRole('group', { name: 'Consent', exact: true }).getByLabel('Given').check();
    await page.getByLabel('How consent was given').selectOption({ label: 'Verbally' });
    await page.getByLabel('Why the information is collected').check();
    await page.getByLabel('Assistance does not depend on cooperating with the police').check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent recorded: Referral to another organisation, Given.' }).waitFor();
    const consents = page.getByRole('table', { name: 'Consent in force' });
    await consents.getByText('Victim Identification Authority').waitFor();
    await expectAccessible(page);

    await page.locator('summary', { hasText: 'Request a reasonable-grounds decision' }).click();
    await page.getByLabel('Competent authority').selectOption({ label: 'Victim Identification Authority' });
    await page.getByRole('button', { name: 'Request a decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Decision requested from Victim Identification Authority.' }).waitFor();
    await expectDetail(page, 'Stage', 'Awaiting reasonable-grounds decision');
    await expectAccessible(page);
  });

  it('adds a needs assessment to the case record and sees it in the assistance plan', async () => {
    const page = caseworkerPage;
    await page.locator('summary', { hasText: 'Add to the case record' }).click();
    await page.getByLabel('What to record').selectOption({ label: 'Needs assessment' });
    await page.getByLabel('Level of need: Shelter').selectOption({ label: 'High' });
    await page.getByLabel('Urgent: Shelter').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await page.getByRole('status').filter({ hasText: 'Added to the record: Needs assessment.' }).waitFor();
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Assistance and case record' }) });
    await section.getByText('Shelter: High, urgent').first().waitFor();
    await section.getByText('Needs with neither a goal nor a service: Shelter.').waitFor();
    await expectAccessible(page);
  });

  it('a decision maker of the authority sees only the shared fields and decides: reasonable grounds, positive', async () => {
    const page = await signInFirstTime(users.decisionMaker.email);
    await page.getByRole('link', { name: 'Cases' }).click();
    const worklist = page.getByRole('table', { name: 'Cases' });
    await worklist.getByRole('link').first().waitFor();
    await expectAccessible(page);
    await worklist.getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Case C-\d{4}-/ }).waitFor();
    expect(page.url()).toBe(caseUrl);

    // Shared for the decision: names, chosen name and birth date. Not the phone, nor consents or SOP measures.
    const person = page.locator('section', { has: page.getByRole('heading', { name: 'The person', exact: true }) });
    await person.getByText('Name the person chose').waitFor();
    const personText = await person.textContent();
    expect(personText).not.toContain('Phone');
    expect(personText).not.toContain('+40700000001');
    expect(personText).not.toContain('Identity number');
    expect(personText).not.toContain('Address');
    await expect(page.getByRole('heading', { name: 'Consent' }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Measures that apply now' }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Assistance and case record' }).count()).resolves.toBe(0);
    await expect(page.getByText('Record consent').count()).resolves.toBe(0);
    const fields = await page.evaluate(async (url) => {
      const id = url.split('/').pop() ?? '';
      const body = (await (await fetch(`/api/cases/${id}`)).json()) as { person: { fields: Record<string, unknown> } };
      return Object.keys(body.person.fields).sort();
    }, caseUrl);
    expect(fields).toEqual(['birthDate', 'familyName', 'givenName', 'pseudonym']);
    await expectAccessible(page);

    await expect(page.getByLabel('Decision', { exact: true }).inputValue()).resolves.toBe('reasonable_grounds');
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Positive').check();
    await page.getByLabel('Reason', { exact: true }).fill('Credible account of forced work and documents held by the employer.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Decision recorded: Reasonable grounds, Positive.' }).waitFor();
    await detail(page, 'Recovery and reflection period').filter({ hasText: / to / }).waitFor();
    await expectDetail(page, 'Stage', 'Reasonable grounds: positive');
    await expectAccessible(page);
  });

  it('an investigator cannot see the case', async () => {
    const page = await signInFirstTime(users.investigator.email);
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByText('No cases match.').waitFor();
    await expectAccessible(page);
    await page.goto(caseUrl);
    await page.getByRole('heading', { name: 'Case not found' }).waitFor();
    await expect(page.getByText('+40700000001').count()).resolves.toBe(0);
    await expectAccessible(page);
    const status = await page.evaluate(async (url) => (await fetch(`/api/cases/${url.split('/').pop() ?? ''}`)).status, caseUrl);
    expect(status).toBe(404);
  });
});
