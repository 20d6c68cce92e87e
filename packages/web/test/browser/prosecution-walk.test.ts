import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, apiPostJson, firstRun, openPanel, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';
import { check, chooseContaining, importHistory, inBothLanguages, recordStep } from './prosecution-support.js';

/**
 * The prosecution response end to end, each person on their own screens: a police investigator records an operation,
 * refers its investigation and adds three suspects, whom she links on the network page (the foreman ranked first); a
 * prosecutor charges the foreman twice, prosecutes, records a verdict on each charge (one downgraded) and an appeal; a
 * caseworker links her client, who consents to share with law enforcement, to the investigation as a witness, with a
 * protection measure and a compensation order; the prosecutor sees the victim-witness by initials and the funnel shows
 * the stages; a caseworker of another organisation finds none of it, neither by the navigation nor at its addresses.
 * Every page is saved in English and in Arabic (PALERMO_SCREENSHOTS, else /tmp) and checked for ids, codes and English.
 */
const password = 'a long enough test passphrase';
const police = { displayName: 'Inspector Lena Vogel', email: 'lena@police.example' };
const prosecutor = { displayName: 'Samir Haddad', email: 'samir@prosecution.example' };
const caseworker = { displayName: 'Mariam Idris', email: 'mariam@ngo.example' };
const outsider = { displayName: 'Hana Yousef', email: 'hana@shelter.example' };
const names = { agency: 'National Police', office: 'Capital Prosecution Office', court: 'High Court of the Capital' };
/**
 * What people typed (names, pseudonyms, provisions, references), left in Latin letters on the Arabic screens, and the
 * names of things that have no Arabic name (the UNODC data set GLOTIP, the file formats, the network's export formats).
 */
const typed = /Operation|Harbour|farms|Foreman|Driver|Bookkeeper|Ivan|Penal|Code|article|High|Court|of|the|Capital|Prosecution|Office|National|Police|Inspector|Lena|Vogel|Samir|Haddad|Mariam|Idris|Safe|Passage|NGO|Elena|Rusu|Hana|Yousef|Shelter|Palermo|Aleph|FollowTheMoney|JSON|GLOTIP|CSV|Excel|INV-[0-9A-Z]+|OP-[0-9A-Z]+|CASE-[0-9A-Z]+|EUR/g;
let h: BrowserHarness;
let prosecutorPage: Page;
const urls = { operation: '', network: '', suspect: '', caseUrl: '', funnel: '' };
let investigationReference = '';

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: names.agency, type: 'law_enforcement' }, { ...police, password, roles: ['investigator'] });
  await addOrganisationWithUser(admin, { name: names.office, type: 'prosecutor' }, { ...prosecutor, password, roles: ['prosecutor'] });
  await admin.call('POST', '/api/organisations', { name: names.court, type: 'court' });
  await addOrganisationWithUser(admin, { name: 'Safe Passage NGO', type: 'ngo' }, { ...caseworker, password, roles: ['caseworker'] });
  await addOrganisationWithUser(admin, { name: 'Harbour Shelter', type: 'ngo' }, { ...outsider, password, roles: ['caseworker'] });
}, 300_000);
afterAll(async () => h.close());

// Patient: the machine may be busy, and a user signing in again waits for the authenticator's next step.
describe('the prosecution response, walked by each role', { timeout: 300_000 }, () => {
  it('a police investigator records an operation with three suspects and links them; the network ranks the foreman first', async () => {
    const page = await signInInBrowser(h, police.email, password);
    await page.getByRole('link', { name: 'Prosecutions' }).click();
    await page.getByRole('heading', { name: 'Operations and prosecutions' }).waitFor();
    await page.getByLabel('Name of the operation', { exact: true }).fill('Operation Harbour');
    await page.getByLabel('Started on', { exact: true }).fill('2026-02-01');
    await page.getByLabel('How it came to light', { exact: true }).selectOption({ label: 'A labour inspection' });
    await page.getByLabel('Kind of investigation', { exact: true }).selectOption({ label: 'Proactive' });
    await check(page, 'operation-forms', 'Forced labour');
    await check(page, 'operation-acts', 'Recruitment');
    await check(page, 'operation-means', 'Deception');
    await check(page, 'operation-purposes', 'Forced labour or services');
    await page.getByRole('button', { name: 'Record the operation' }).click();
    await waitForStatus(page, 'Operation recorded: Operation Harbour.');
    await inBothLanguages(page, 'walk-operations', 'العمليات والملاحقات القضائية', typed);

    await page.getByRole('link', { name: 'Operation Harbour' }).click();
    await page.getByRole('heading', { name: 'Operation Harbour' }).waitFor();
    urls.operation = page.url();
    await page.locator('summary', { hasText: 'Add an investigation' }).click();
    await page.getByLabel('Title of the investigation', { exact: true }).fill('Harbour farms');
    await page.getByLabel('Opened on', { exact: true }).fill('2026-02-02');
    await page.locator('#investigation-origin').selectOption({ label: 'A labour inspection' });
    await page.locator('#investigation-approach').selectOption({ label: 'Proactive' });
    await page.getByRole('button', { name: 'Add the investigation' }).click();
    await waitForStatus(page, 'Investigation added: Harbour farms.');
    await page.locator('summary', { hasText: 'Refer to a prosecution office' }).click();
    await page.getByLabel('Prosecution office', { exact: true }).selectOption({ label: names.office });
    await page.getByLabel('Referred on', { exact: true }).fill('2026-03-01');
    await page.getByRole('button', { name: 'Refer the investigation' }).click();
    await waitForStatus(page, `Harbour farms referred to ${names.office}.`);
    // The reference she gives the victim's caseworker, who links the case to the investigation with it.
    const line = await page.getByText(/^Reference to give a victim's caseworker: /).innerText();
    investigationReference = line.replace(/^Reference to give a victim's caseworker: /, '').trim();
    expect(investigationReference).toMatch(/^\S+$/);

    for (const suspect of [
      { pseudonym: 'Foreman', roles: ['Recruiter', 'Exploiter'], sex: 'Male' },
      { pseudonym: 'Driver', roles: ['Transporter'], sex: 'Male' },
      { pseudonym: 'Bookkeeper', roles: ['Money manager'], sex: 'Female' },
    ]) {
      await openPanel(page, 'Add a suspect');
      await page.getByLabel('Pseudonym', { exact: true }).fill(suspect.pseudonym);
      for (const role of suspect.roles) await check(page, 'suspect-roles', role);
      await page.getByLabel('Sex', { exact: true }).selectOption({ label: suspect.sex });
      await page.getByRole('button', { name: 'Add the suspect' }).click();
      await waitForStatus(page, `Suspect added: ${suspect.pseudonym}.`);
    }
    const suspects = page.locator('section', { has: page.getByRole('heading', { name: 'Suspects', exact: true }) }).locator('tbody tr');
    await suspects.nth(2).waitFor();
    await inBothLanguages(page, 'walk-operation-police', 'المشتبه بهم', typed);

    await page.getByRole('link', { name: 'Network and critical nodes' }).click();
    await page.getByRole('heading', { name: 'Network of Operation Harbour', level: 1 }).waitFor();
    urls.network = page.url();
    for (const [from, kind, to] of [['Driver (Suspect)', 'works with', 'Foreman (Suspect)'], ['Bookkeeper (Suspect)', 'recruited by', 'Foreman (Suspect)']]) {
      await page.getByLabel('From', { exact: true }).selectOption({ label: from ?? '' });
      await page.getByLabel('Kind of link', { exact: true }).selectOption({ label: kind ?? '' });
      await page.getByLabel('To', { exact: true }).selectOption({ label: to ?? '' });
      await page.getByRole('button', { name: 'Add the link' }).click();
      await waitForStatus(page, `Link recorded: ${kind}.`);
    }
    // The foreman lies between the two others and has two direct links: first of the ranking.
    const ranking = page.locator('table tbody tr');
    await ranking.first().locator('td').nth(3).getByText('2', { exact: true }).waitFor();
    expect((await ranking.first().innerText()).split('\t').map((cell) => cell.trim().split('\n')[0]).slice(0, 5)).toEqual(['1', 'Foreman', 'Suspect', '1', '2']);
    expect(await ranking.count()).toBe(3);
    await inBothLanguages(page, 'walk-network', 'العقد الحرجة', typed);
    await page.context().close();
  });

  it('a prosecutor charges the foreman twice, prosecutes, decides each charge (one downgraded) and records an appeal', async () => {
    prosecutorPage = await signInInBrowser(h, prosecutor.email, password);
    const page = prosecutorPage;
    await page.getByRole('link', { name: 'Prosecutions' }).click();
    await page.getByRole('link', { name: 'Operation Harbour' }).click();
    await page.getByRole('link', { name: 'Foreman' }).click();
    await page.getByRole('heading', { name: 'Foreman', level: 1 }).waitFor();
    urls.suspect = page.url();
    const charge = (provision: string) => async () => {
      await page.getByLabel('Legal provision', { exact: true }).fill(provision);
      await page.getByLabel('Category of offence', { exact: true }).selectOption({ label: 'Trafficking in persons' });
    };
    const steps = page.locator('.prosecution-steps > li');
    await recordStep(page, 'Charge', '2026-03-10', charge('Penal Code, article 210'));
    await steps.nth(0).waitFor();
    await recordStep(page, 'Charge', '2026-03-10', charge('Penal Code, article 211'));
    await steps.nth(1).waitFor();
    await recordStep(page, 'Prosecution', '2026-04-01', async () => {
      await page.getByLabel('Court', { exact: true }).selectOption({ label: names.court });
    });
    await steps.nth(2).waitFor();
    await recordStep(page, 'Verdict', '2026-06-01', async () => {
      await chooseContaining(page, 'Charge decided', 'article 210');
      await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Convicted' });
    });
    await steps.nth(3).waitFor();
    await recordStep(page, 'Verdict', '2026-06-01', async () => {
      await chooseContaining(page, 'Charge decided', 'article 211');
      await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Convicted' });
      await page.getByLabel('Legal provision of the conviction (optional)').fill('Penal Code, article 190');
      await page.getByLabel('Category of the offence convicted (optional)').selectOption({ label: 'Smuggling of migrants' });
    });
    await page.getByText('Downgraded: convicted of a less serious offence than the one charged.').waitFor();
    await recordStep(page, 'Appeal', '2026-06-20', async () => {
      await chooseContaining(page, 'Verdict appealed', 'article 210');
      await page.getByLabel('Appealed by', { exact: true }).selectOption({ label: 'defence' });
    });
    await steps.nth(5).waitFor();
    expect((await steps.locator('h3').allInnerTexts()).map((text) => text.split(': ')[1])).toEqual(['Charge', 'Charge', 'Prosecution', 'Verdict', 'Verdict', 'Appeal']);
    // The provision as typed is isolated in each sentence, so that in Arabic its Latin letters keep the sentence's punctuation in place.
    expect(await steps.nth(0).innerText()).toContain('\u2068Penal Code, article 210\u2069 (');
    await inBothLanguages(page, 'walk-suspect', 'من القبض حتى النتيجة النهائية', typed);
  });

  it('a caseworker links her consenting client to the investigation as a witness, with a protection measure and a compensation order', async () => {
    const page = await signInInBrowser(h, caseworker.email, password);
    // Set-up, not the walk: her case, and her consent to share with law enforcement, recorded earlier.
    const opened = await apiPostJson(page, '/api/cases', { person: { givenName: 'Elena', familyName: 'Rusu', birthDate: '1995-04-04' } });
    await apiPostJson(page, `/api/cases/${opened.id}/consents`, { purpose: 'law_enforcement', status: 'given', method: 'verbal' });
    urls.caseUrl = `${h.baseUrl}/cases/${opened.id}`;
    await page.goto(urls.caseUrl);
    const proceedings = page.locator('#case-proceedings');
    await proceedings.getByRole('heading', { name: 'Proceedings' }).waitFor();
    await proceedings.getByText('The case is not linked to any investigation.').waitFor();

    const link = await openPanel(page, 'Link to an investigation');
    await link.getByLabel('Investigation reference').fill(investigationReference);
    await link.getByRole('button', { name: 'Find' }).click();
    await link.getByLabel('Investigation', { exact: true }).waitFor();
    expect(await link.getByLabel('Investigation', { exact: true }).locator('option:checked').innerText()).toBe(`${investigationReference} (referred to ${names.office})`);
    await link.getByLabel('She takes part as', { exact: true }).selectOption({ label: 'witness' });
    await link.getByLabel('Linked on', { exact: true }).fill('2026-03-15');
    await link.getByRole('button', { name: 'Link the case' }).click();
    await waitForStatus(page, 'The case is linked to the investigation.');
    await proceedings.getByRole('heading', { name: `Investigation ${investigationReference}, as witness` }).waitFor();

    const protection = await openPanel(page, 'Record a protection measure');
    await protection.getByLabel('Measure', { exact: true }).selectOption({ label: 'Testimony by video link' });
    await protection.getByLabel('Requested on', { exact: true }).fill('2026-03-20');
    await protection.getByLabel('Provided?', { exact: true }).selectOption({ label: 'provided' });
    await protection.getByLabel('Decided on (optional)').fill('2026-04-02');
    await protection.getByRole('button', { name: 'Save' }).click();
    await proceedings.getByText(/^Testimony by video link: requested on .*, provided$/).waitFor();

    const compensation = await openPanel(page, 'Record a compensation claim');
    await compensation.getByLabel('Claimed through', { exact: true }).selectOption({ label: 'Criminal proceedings' });
    await compensation.getByLabel('Claimed on', { exact: true }).fill('2026-04-01');
    await compensation.getByLabel('Amount ordered (optional)').fill('5000');
    await compensation.getByLabel('Ordered on (optional)').fill('2026-06-01');
    await compensation.getByRole('button', { name: 'Save' }).click();
    await proceedings.getByText(/^Criminal proceedings, claimed on .* · ordered €5,000\.00 on .* · nothing paid yet$/).waitFor();
    await proceedings.getByText('sees her initials (consent in force)').waitFor();
    // The section of the case page this walk is about (the rest of the case page has its own tests).
    await inBothLanguages(page, 'walk-case-proceedings', 'الإجراءات الجنائية', typed, '#case-proceedings');
    await page.context().close();
  });

  it('the prosecutor sees the witness by initials only, and the funnel shows the stages', async () => {
    const page = prosecutorPage;
    await page.goto(urls.operation);
    const witnesses = page.locator('#victim-witnesses');
    await witnesses.getByRole('heading', { name: 'Victim-witnesses' }).waitFor();
    const row = witnesses.locator('tbody tr').first();
    await row.getByText('E. R.').waitFor();
    expect(await row.innerText()).toContain('Testimony by video link (provided)');
    expect(await page.locator('main').innerText()).not.toMatch(/Elena|Rusu|compensation|5,000/i);
    await inBothLanguages(page, 'walk-operation-prosecutor', 'الضحايا الشهود', typed);

    // Set-up: the office's earlier years, imported, so that the funnel's figures are above the small-cell threshold.
    await importHistory(page, { ...names, persons: 24 });
    await page.getByRole('link', { name: 'Prosecution funnel' }).click();
    await page.getByRole('heading', { name: 'Prosecution funnel', level: 1 }).waitFor();
    urls.funnel = page.url();
    const stages = page.locator('section[aria-labelledby="funnel-stages"] tbody tr');
    await stages.first().waitFor();
    expect(await stages.locator('th').allInnerTexts()).toEqual(['Investigations', 'Persons suspected', 'Charged', 'Prosecuted', 'Convicted', 'Sentenced', 'Final conviction']);
    // Every count is perturbed (by at most 2 per year): the walk's year, 2026, is a column, and the page says how counts are changed.
    expect(await page.locator('section[aria-labelledby="funnel-stages"] thead').innerText()).toContain('2026');
    await page.getByText(/^Every count is changed slightly/).waitFor();
    // The drop-outs say where and why, with the walk's downgraded conviction counted beside (perturbed like every count).
    await page.getByRole('heading', { name: 'Where and why cases drop out' }).waitFor();
    await page.getByRole('row', { name: /^Convicted of a lesser offence than charged/ }).waitFor();
    await inBothLanguages(page, 'walk-funnel', 'مسار الملاحقة القضائية', typed);
  });

  it('the funnel page filters by year and sex in its address, and its CSV download gives the figures the page shows', async () => {
    const page = prosecutorPage;
    await page.goto(urls.funnel);
    const stages = page.locator('section[aria-labelledby="funnel-stages"]');
    await stages.locator('tbody tr').first().waitFor();
    const filters = page.getByRole('form', { name: 'Filters' });
    // Only the values with enough persons are offered: both sexes, the imported years and the walk's.
    expect((await filters.getByLabel('Sex', { exact: true }).locator('option').allInnerTexts()).sort()).toEqual(['All', 'Female', 'Male']);
    expect(await filters.getByLabel('From year', { exact: true }).locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['All', '2024', '2025']));
    await filters.getByLabel('From year', { exact: true }).selectOption({ label: '2025' });
    await filters.getByLabel('Sex', { exact: true }).selectOption({ label: 'Female' });
    await page.waitForURL(/yearFrom=2025.*sex=female|sex=female.*yearFrom=2025/);
    await stages.locator('thead').filter({ hasNotText: '2024' }).waitFor();
    expect(await stages.locator('thead').innerText()).toContain('2025');
    const charged = async () => (await stages.getByRole('row', { name: /^Charged/ }).locator('td').last().innerText()).replace(/,/g, '');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const csv = (await import('node:fs')).readFileSync(path, 'utf8');
    expect(csv).toContain('table,table_label,row,row_label,column,column_label,value');
    expect(csv).not.toMatch(/,2024,/);
    // The same cell, the same figure: the page's total of persons charged, for these filters, is the file's.
    expect(csv).toMatch(new RegExp(`,charged,Charged,total,Total,${await charged()}\\r?\\n`));
    await filters.getByLabel('Sex', { exact: true }).selectOption({ label: 'All' });
    await page.waitForURL((url) => !url.search.includes('sex='));
  });

  it('the proceedings section of a case says why a case without consent cannot be linked, and names a missing date', async () => {
    const page = await signInInBrowser(h, caseworker.email, password);
    const opened = await apiPostJson(page, '/api/cases', { person: { givenName: 'Irina', familyName: 'Moraru', birthDate: '1990-01-01' } });
    await page.goto(`${h.baseUrl}/cases/${opened.id}`);
    const proceedings = page.locator('#case-proceedings');
    await proceedings.getByText('No consent to share with law enforcement is recorded: record her consent first to link the case to an investigation.').waitFor();
    expect(await proceedings.locator('summary', { hasText: 'Link to an investigation' }).count()).toBe(0);
    await apiPostJson(page, `/api/cases/${opened.id}/consents`, { purpose: 'law_enforcement', status: 'refused', method: 'verbal' });
    await page.reload();
    await proceedings.getByText('She refused consent to share with law enforcement: the case cannot be linked to an investigation.').waitFor();

    // Back on the linked case: a measure provided without the date of the decision is refused, naming the field.
    await page.goto(urls.caseUrl);
    const protection = await openPanel(page, 'Record a protection measure');
    await protection.getByLabel('Measure', { exact: true }).selectOption({ label: 'Screen in the courtroom' });
    await protection.getByLabel('Requested on', { exact: true }).fill('2026-03-20');
    await protection.getByLabel('Provided?', { exact: true }).selectOption({ label: 'provided' });
    await protection.getByRole('button', { name: 'Save' }).click();
    await protection.getByRole('link', { name: /^Decided on/ }).waitFor();
    expect(await proceedings.locator('li', { hasText: 'Screen in the courtroom' }).count()).toBe(0);
    await page.context().close();
  });

  it('a caseworker of another organisation has no way to any of it', async () => {
    const page = await signInInBrowser(h, outsider.email, password);
    const navigation = page.getByRole('navigation');
    for (const entry of ['Prosecutions', 'Prosecution funnel', 'Import history']) expect(await navigation.getByRole('link', { name: entry }).count()).toBe(0);
    for (const url of [`${h.baseUrl}/prosecution`, urls.operation, urls.network, urls.suspect, urls.funnel]) {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/Foreman|Harbour|Driver|Bookkeeper/);
    }
    await inBothLanguages(page, 'walk-refused', 'غير مسموح', typed);
    await page.goto(urls.caseUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Elena|Rusu|Proceedings|Harbour/);
    await page.context().close();
    await prosecutorPage.context().close();
  });
});
