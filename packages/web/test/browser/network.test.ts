import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * The network behind an operation in the browser: a police investigator's operation with three suspects, whom she
 * links on the network page (two work with the foreman, who uses a phone number); the page ranks the foreman first,
 * in a table readable without the drawing, in English and in Arabic; a caseworker has no way in.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const police = { displayName: 'Inspector Nadia Rahal', email: 'nadia@police.example' };
const caseworker = { displayName: 'Omar Saleh', email: 'omar@ngo.example' };
let h: BrowserHarness;
let networkUrl = '';

/** Latin letters, and anything shaped like an id or a vocabulary code. */
const leftovers = (text: string) => text.match(/[A-Za-z]{3,}|[0-9a-f]{8}-[0-9a-f]{4}|[a-z]+_[a-z]+/g) ?? [];

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Border Police', type: 'law_enforcement' }, { ...police, password, roles: ['investigator'] });
  await addOrganisationWithUser(admin, { name: 'Harbour Shelter', type: 'ngo' }, { ...caseworker, password, roles: ['caseworker'] });
});
afterAll(async () => h.close());

/** A POST from inside the user's browser (her session and CSRF token), answering the JSON body. */
function post(page: Page, path: string, body: unknown): Promise<{ id: string }> {
  return page.evaluate(
    async ({ url, payload }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(payload) });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string };
    },
    { url: path, payload: body },
  );
}

describe('the network of an operation', () => {
  it('a police investigator links three suspects and a phone number; the page ranks the foreman first, in English and Arabic', async () => {
    const page = await signInInBrowser(h, police.email, password);
    // The operation and its suspects are recorded as the prosecution pages do (their own browser test walks the forms).
    const operation = await post(page, '/api/prosecution/operations', {
      name: 'Operation Lighthouse', origin: 'hotline', approach: 'proactive', formsOfExploitation: ['ForcedLabour'], places: [], agencyOrganisationIds: [],
      protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2026-01-10',
    });
    const investigation = await post(page, `/api/prosecution/operations/${operation.id}/investigations`, { title: 'Lighthouse boats', origin: 'hotline', approach: 'proactive', openedOn: '2026-01-11' });
    for (const [pseudonym, roles] of [['Skipper', ['recruiter', 'exploiter']], ['Deckhand', ['transporter']], ['Purser', ['money_manager']]] as const) {
      await post(page, `/api/prosecution/operations/${operation.id}/suspects`, { investigationId: investigation.id, pseudonym, identity: { givenName: 'Hidden', familyName: 'Person' }, roles, sex: 'male', citizenships: ['EG'] });
    }
    await page.getByRole('link', { name: 'Prosecutions' }).click();
    await page.getByRole('link', { name: 'Operation Lighthouse' }).click();
    await page.getByRole('link', { name: 'Network and critical nodes' }).click();
    await page.getByRole('heading', { name: 'Network of Operation Lighthouse', level: 1 }).waitFor();
    networkUrl = page.url();

    await page.getByLabel('Kind of entity', { exact: true }).selectOption({ label: 'Phone number' });
    await page.getByLabel('Value', { exact: true }).fill('+20 100 555 0199');
    await page.getByRole('button', { name: 'Add the entity' }).click();
    await waitForStatus(page, 'Entity recorded: Phone number.');
    const rows = page.locator('table tbody tr');
    await rows.nth(3).waitFor();

    for (const [from, kind, to] of [['Deckhand (Suspect)', 'works with', 'Skipper (Suspect)'], ['Purser (Suspect)', 'recruited by', 'Skipper (Suspect)'], ['Skipper (Suspect)', 'uses', '+20 100 555 0199 (Phone number)']]) {
      await page.getByLabel('From', { exact: true }).selectOption({ label: from ?? '' });
      await page.getByLabel('Kind of link', { exact: true }).selectOption({ label: kind ?? '' });
      await page.getByLabel('To', { exact: true }).selectOption({ label: to ?? '' });
      await page.getByRole('button', { name: 'Add the link' }).click();
      await waitForStatus(page, `Link recorded: ${kind}.`);
    }
    // Skipper lies on the shortest path of every pair of the other three (3) and has three direct links.
    await page.locator('table tbody tr').first().getByText('Skipper').waitFor();
    await page.locator('table tbody tr').first().locator('td').nth(2).getByText('3', { exact: true }).waitFor();
    const first = await rows.first().innerText();
    expect(first.split('\t').map((cell) => cell.trim().split('\n')[0])).toEqual(['1', 'Skipper', 'Suspect', '3', '3', 'None']);
    expect(await rows.count()).toBe(4);
    expect(await page.locator('main').innerText()).not.toContain('Hidden');
    // The drawing (cytoscape, loaded by this page only) is there for sighted readers; the table says the same.
    await page.locator('[data-testid="network-drawing"] canvas').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const english = await page.locator('main').innerText();
    expect(english).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\b[a-z]+_[a-z_]+\b/);
    if (screenshots) await page.screenshot({ path: `${screenshots}/network-en.png`, fullPage: true });

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { name: 'العقد الحرجة' }).waitFor();
    await page.locator('table tbody tr').first().getByText('مشتبه به').waitFor();
    // What is left in Latin letters is what people typed (pseudonyms, the operation's name) and the export's names.
    const typed = /Skipper|Deckhand|Purser|Operation|Lighthouse|Aleph|FollowTheMoney|JSON|Nadia|Rahal|Inspector|Border|Police|Palermo/g;
    const arabic = (await page.locator('main').innerText()).replace(typed, '');
    expect(leftovers(arabic)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/network-ar.png`, fullPage: true });
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
    await page.context().close();
  });

  it('a caseworker has no way to the network and is refused at its address', async () => {
    const page = await signInInBrowser(h, caseworker.email, password);
    await page.getByRole('link', { name: 'Home' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Prosecutions' }).count()).toBe(0);
    await page.goto(networkUrl);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByText('Skipper').count()).toBe(0);
    await page.context().close();
  });
});
