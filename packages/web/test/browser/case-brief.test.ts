import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfText } from '../../../server/src/platform/pdf/pdf-text.test-support.js';
import { ApiClient, addOrganisationWithUser, apiPostJson, apiStatus, firstRun, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';
import { inBothLanguages } from './prosecution-support.js';

/**
 * An operation's case brief in SHERLOC's fields, identities removed: a police investigator's operation (set up through
 * the API) with two suspects under pseudonyms and real names, one charged twice, prosecuted and convicted on both
 * charges (one conviction downgraded), referred to a prosecution office. The prosecutor opens the brief on the
 * operation page and finds no name or pseudonym in it, writes the case name, facts and commentary, saves, approves it
 * for publication, and downloads it as JSON and as a PDF in English and in Arabic, none of them carrying a name; the
 * section read in Arabic has no English but what people typed. A court clerk and a caseworker get no brief.
 */
const password = 'a long enough test passphrase';
const police = { displayName: 'Inspector Lena Vogel', email: 'lena@police.example' };
const prosecutor = { displayName: 'Samir Haddad', email: 'samir@prosecution.example' };
const clerk = { displayName: 'Nadia Karim', email: 'nadia@court.example' };
const caseworker = { displayName: 'Mariam Idris', email: 'mariam@ngo.example' };
const names = { agency: 'National Police', office: 'Capital Prosecution Office', court: 'High Court of the Capital' };
/** Every identity the records hold (pseudonyms, names, aliases, identity numbers, the operation's and investigation's titles): none may reach the brief. */
const identities = ['Foreman', 'Driver', 'Grigore', 'Munteanu', 'Grisha', '2001234567890', 'Svetlana', 'Ceban', 'Operation Zamfir', 'Zamfir farms'];
const identityPattern = new RegExp(identities.join('|'));
const text = {
  caseName: 'Prosecutor v. D1 and another',
  factSummary: 'Workers were recruited with false promises of farm work abroad. Their documents were taken on arrival.',
  commentary: 'The court convicted of a lesser offence on the second charge.',
};
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What people typed, left in Latin letters on the Arabic screen: the brief's text, the provisions and the court's name. */
const typed = new RegExp([text.caseName, text.factSummary, text.commentary, names.court].map(escape).join('|') + '|Penal Code, article [0-9]+', 'g');
let h: BrowserHarness;
let prosecutorPage: Page;
let operationUrl = '';
let briefPath = '';

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: names.agency, type: 'law_enforcement' }, { ...police, password, roles: ['investigator'] });
  const officeId = await addOrganisationWithUser(admin, { name: names.office, type: 'prosecutor' }, { ...prosecutor, password, roles: ['prosecutor'] });
  const courtId = await addOrganisationWithUser(admin, { name: names.court, type: 'court' }, { ...clerk, password, roles: ['court_clerk'] });
  await addOrganisationWithUser(admin, { name: 'Safe Passage NGO', type: 'ngo' }, { ...caseworker, password, roles: ['caseworker'] });

  // Set-up, not what the test walks: the police record the operation, refer it and add two suspects with their identities.
  const api = new ApiClient(h.baseUrl);
  await api.signIn(police.email, password);
  const operation = await api.call('POST', '/api/prosecution/operations', {
    name: 'Operation Zamfir', origin: 'labour_inspection', approach: 'reactive', formsOfExploitation: ['ForcedLabour'],
    places: [{ stage: 'recruitment', country: 'MD', place: 'Ferma Zamfir' }, { stage: 'exploitation', country: 'IT' }], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2026-02-01',
  });
  const operationId = String(operation['id']);
  const investigation = await api.call('POST', `/api/prosecution/operations/${operationId}/investigations`, { title: 'Zamfir farms', origin: 'labour_inspection', approach: 'reactive', openedOn: '2026-02-02' });
  await api.call('POST', `/api/prosecution/investigations/${String(investigation['id'])}/referral`, { prosecutionOfficeId: officeId, referredOn: '2026-03-01' });
  const foreman = await api.call('POST', `/api/prosecution/operations/${operationId}/suspects`, {
    investigationId: investigation['id'], pseudonym: 'Foreman', roles: ['recruiter', 'exploiter'], sex: 'male', citizenships: ['MD'], ageAtOffence: 44,
    identity: { givenName: 'Grigore', familyName: 'Munteanu', aliases: ['Grisha'], birthDate: '1982-02-03', identityNumber: '2001234567890' },
  });
  await api.call('POST', `/api/prosecution/operations/${operationId}/suspects`, {
    investigationId: investigation['id'], pseudonym: 'Driver', roles: ['transporter'], sex: 'female', citizenships: ['RO'], identity: { givenName: 'Svetlana', familyName: 'Ceban' },
  });
  operationUrl = `${h.baseUrl}/prosecution/operations/${operationId}`;
  briefPath = `/api/prosecution/operations/${operationId}/case-brief`;

  // The prosecutor's steps, also set-up: two charges, the prosecution, a conviction on each (the second downgraded).
  prosecutorPage = await signInInBrowser(h, prosecutor.email, password);
  const step = (body: Record<string, unknown>) => apiPostJson(prosecutorPage, `/api/prosecution/suspects/${String(foreman['id'])}/steps`, body);
  const first = await step({ kind: 'charge', occurredOn: '2026-03-10', provision: 'Penal Code, article 210', category: 'trafficking' });
  const second = await step({ kind: 'charge', occurredOn: '2026-03-10', provision: 'Penal Code, article 211', category: 'trafficking' });
  await step({ kind: 'prosecution', occurredOn: '2026-04-01', courtOrganisationId: courtId });
  await step({ kind: 'verdict', occurredOn: '2026-06-01', chargeId: first.id, outcome: 'convicted' });
  await step({ kind: 'verdict', occurredOn: '2026-06-01', chargeId: second.id, outcome: 'convicted', convictedProvision: 'Penal Code, article 190', convictedCategory: 'smuggling' });
}, 300_000);
afterAll(async () => h.close());

const briefSection = (page: Page) => page.locator('section[aria-labelledby="case-brief-title"]');

/** Fetches a download link's address with the page's cookies (the link is a plain address; the app saves it through a fetch). */
async function download(page: Page, linkName: string) {
  const href = await briefSection(page).getByRole('link', { name: linkName }).getAttribute('href');
  if (href === null) throw new Error(`${linkName}: no address`);
  const response = await page.request.get(`${h.baseUrl}${href}`);
  expect(response.status(), `${linkName}: ${href}`).toBe(200);
  return { href, type: response.headers()['content-type'] ?? '', body: await response.body() };
}

// Patient: the machine may be busy, and a user signing in again waits for the authenticator's next step.
describe("an operation's case brief in SHERLOC's fields", { timeout: 300_000 }, () => {
  it('the prosecutor reads the brief without any identity, writes and approves its text, and downloads it as JSON and PDF in English and Arabic', async () => {
    const page = prosecutorPage;
    await page.goto(operationUrl);
    const section = briefSection(page);
    await section.getByRole('heading', { name: 'Case brief (SHERLOC)' }).waitFor();
    await section.locator('summary', { hasText: 'Show the case brief' }).click();
    await section.getByRole('heading', { name: 'Preview of the fields' }).waitFor();
    await section.getByRole('heading', { name: 'Defendant 2' }).waitFor();
    await section.getByText('Downgraded: convicted of a lesser offence than charged.').waitFor();
    // The downgraded verdict names the offence convicted; the conviction of the offence charged names it once.
    const briefText = await section.innerText();
    expect(briefText).toContain('Convicted of \u2068Penal Code, article 190\u2069 (');
    expect(briefText).not.toContain('Convicted of \u2068Penal Code, article 210\u2069');
    // The operation page names the suspects; the brief on it does not.
    expect(await page.locator('main').innerText()).toMatch(/Foreman/);
    expect(await section.innerText()).not.toMatch(identityPattern);
    // The provisions as typed are isolated inside a value that takes the page's direction (in Arabic, a list of them
    // in a value that took its direction from their Latin letters came out of order).
    expect(await section.locator('dd', { hasText: 'article 211' }).innerText()).toContain('\u2068Penal Code, article 210\u2069 (');
    expect(await section.locator('dd bdi').count()).toBe(0);

    await section.locator('#case-brief-name').fill(text.caseName);
    await section.locator('#case-brief-facts').fill(text.factSummary);
    await section.locator('#case-brief-commentary').fill(text.commentary);
    await section.getByRole('button', { name: 'Save the text' }).click();
    await waitForStatus(page, 'The text of the case brief was saved.');
    await section.locator('dd', { hasText: text.caseName }).waitFor();
    await section.locator('#case-brief-status').selectOption('approved_for_publication');
    await section.getByRole('button', { name: 'Save the text' }).click();
    await section.locator('dd', { hasText: 'Approved for publication' }).waitFor();
    await section.getByText(text.factSummary).last().waitFor();
    expect(await section.innerText()).not.toMatch(identityPattern);

    const json = await download(page, 'Download as JSON');
    expect(json.type).toMatch(/^application\/json/);
    const brief = JSON.parse(json.body.toString('utf8')) as { caseName: string; text: { status: string; factSummary: string }; defendants: { label: string }[] };
    expect(brief.caseName).toBe(text.caseName);
    expect(brief.text).toMatchObject({ status: 'approved_for_publication', factSummary: text.factSummary });
    expect(brief.defendants.map((d) => d.label)).toEqual(['D1', 'D2']);
    expect(json.body.toString('utf8')).not.toMatch(identityPattern);

    for (const language of ['en', 'ar'] as const) {
      await section.locator('#case-brief-language').selectOption(language);
      const pdf = await download(page, 'Download as PDF');
      expect(pdf.href).toContain(`language=${language}`);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const words = (await pdfText(pdf.body)).replace(/\s+/g, ' ');
      expect(words).toContain(language === 'en' ? 'Case brief for publication' : 'ملخص القضية للنشر');
      expect(words, `the PDF in ${language}`).not.toMatch(identityPattern);
    }
    await section.locator('#case-brief-language').selectOption('en');

    await inBothLanguages(page, 'case-brief', 'ملخص القضية (شيرلوك)', typed, 'section[aria-labelledby="case-brief-title"]');
  });

  it('a court clerk of the court of trial and a caseworker get no case brief', async () => {
    const court = await signInInBrowser(h, clerk.email, password);
    await court.goto(operationUrl);
    await court.getByRole('heading', { level: 1 }).waitFor();
    expect(await briefSection(court).count()).toBe(0);
    expect(await apiStatus(court, briefPath)).toBe(403);
    expect(await apiStatus(court, `${briefPath}.pdf?language=en`)).toBe(403);
    await court.context().close();

    const ngo = await signInInBrowser(h, caseworker.email, password);
    await ngo.goto(operationUrl);
    await ngo.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await briefSection(ngo).count()).toBe(0);
    expect(await apiStatus(ngo, briefPath)).toBe(403);
    await ngo.context().close();
    await prosecutorPage.context().close();
  });
});
