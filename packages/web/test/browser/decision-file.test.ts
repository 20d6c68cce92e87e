import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ApiClient,
  addOrganisationWithUser,
  firstRun,
  openPanel,
  seriousAccessibilityViolations,
  signInInBrowser,
  startHarness,
  waitForStatus,
  type BrowserHarness,
} from './support.js';

/**
 * The decision file. A caseworker's screening and the referral form's facts are read back on the case page; she
 * corrects the intake's country of exploitation (the history keeps the earlier one) and requests a decision from the
 * country's only competent authority. The decision maker reads the screening answers, the intake notes and the
 * referral form in the decision file, in English and in French, ticks what the decision relied on and decides; the
 * trafficking status then says that reasonable grounds were found.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
let h: BrowserHarness;
let caseId = '';
let authorityId = '';
const password = 'a long enough test passphrase';
const worker = { displayName: 'Mariam Idris', email: 'mariam@ngo.example' };
const decider = { displayName: 'Jonas Weber', email: 'jonas@authority.example' };

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Safe Passage NGO', type: 'ngo' }, { ...worker, password, roles: ['caseworker'] });
  authorityId = await addOrganisationWithUser(admin, { name: 'Identification Authority', type: 'competent_authority' }, { ...decider, password, roles: ['decision_maker'] });
  const caseworker = new ApiClient(h.baseUrl);
  await caseworker.signIn(worker.email, password);
  const key = () => ({ 'idempotency-key': crypto.randomUUID() });
  const opened = await caseworker.call(
    'POST',
    '/api/cases',
    { person: { pseudonym: 'Selam', jurisdiction: 'NORTH', notes: 'Found at a hand car wash; her passport is kept by the manager.' }, countryOfExploitation: 'GB', formsOfExploitation: ['ForcedLabour'] },
    key(),
  );
  caseId = String(opened['id']);
  await caseworker.call(
    'POST',
    `/api/cases/${caseId}/screenings`,
    { checklistCode: 'ilo_forced_labour', checklistVersion: 1, answers: { retention_of_identity_documents: 'present', debt_bondage: 'present', isolation: 'unknown' } },
    key(),
  );
  let version = 0;
  for (const [section, value] of [
    ['policeReport', { reported: 'yes', force: 'Kent Police', crimeReference: 'KP/2026/4471' }],
    ['communication', { languages: ['ti'], interpreterNeeded: 'yes', interpreterLanguage: 'ti' }],
    ['identityDocuments', { documents: [{ type: 'passport', number: 'ER1234567', issuingCountry: 'ER', heldBy: 'exploiter' }] }],
  ] as const) {
    version = Number((await caseworker.call('PATCH', `/api/cases/${caseId}/profile`, { section, version, value }))['version']);
  }
  await caseworker.call('POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', targetOrganisationId: authorityId, status: 'given', method: 'verbal' }, key());
});
afterAll(async () => h.close());

async function shoot(page: Page, name: string) {
  if (screenshots) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

describe('the decision file', () => {
  it('the caseworker reads the screening back, corrects the intake and requests the decision from the only authority', async () => {
    const page = await signInInBrowser(h, worker.email, password);
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    const answers = page.locator('section#screening-answers');
    await answers.getByRole('heading', { name: 'Screening answers' }).waitFor();
    const row = answers.locator('tr', { hasText: 'Retention of identity documents' });
    await row.getByText('Present', { exact: true }).waitFor();
    await answers.getByText('Withholds documents').waitFor();
    await answers.getByText('Debt bondage', { exact: true }).first().waitFor();

    const form = page.locator('section#referral-form');
    await form.locator('dd').getByText('Kent Police').waitFor();
    await form.locator('dd').getByText('The exploiter').waitFor();
    await form.locator('dd').getByText('Eritrea').waitFor();

    // Record the age assessment: a date in the future is refused beside its field, nothing is saved; then corrected.
    const age = form.locator('.profile-section', { has: page.getByRole('heading', { name: 'Age and safeguarding' }) });
    await age.locator('summary', { hasText: 'Record' }).click();
    await age.getByLabel('Under 18', { exact: true }).selectOption({ label: 'Not sure' });
    await age.getByLabel('Age assessment', { exact: true }).selectOption({ label: 'Age assessment disputed' });
    await age.getByLabel('Safeguarding authority informed', { exact: true }).selectOption({ label: 'Yes' });
    await age.getByRole('textbox', { name: /^Safeguarding authority/ }).fill('Kent County Council');
    await age.getByLabel(/^Informed on/).fill('2999-01-01');
    await age.getByRole('button', { name: 'Save' }).click();
    await age.locator('.field-error', { hasText: 'This date cannot be in the future.' }).waitFor();
    await age.getByLabel(/^Informed on/).fill('2026-03-03');
    await age.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(page, 'Age and safeguarding saved.');
    await age.locator('dd').getByText('Age assessment disputed').waitFor();
    await age.locator('dd').getByText('Kent County Council').waitFor();

    const intake = page.locator('section#case-intake');
    await intake.locator('dd').getByText('Found at a hand car wash; her passport is kept by the manager.').waitFor();
    await intake.locator('dd').getByText('United Kingdom').waitFor();
    await intake.locator('summary', { hasText: 'Correct' }).click();
    await intake.getByLabel('Country of exploitation').fill('QQ');
    await intake.getByRole('button', { name: 'Save' }).click();
    await intake.getByText('This is not a country code. Use two letters, for example ER.').first().waitFor();
    await intake.getByLabel('Country of exploitation').fill('IE');
    await intake.getByRole('button', { name: 'Save' }).click();
    await waitForStatus(page, 'Intake corrected.');
    await intake.locator('dd').getByText('Ireland').waitFor();
    await intake.locator('.fact-history').getByText('United Kingdom').waitFor();
    await intake.locator('.fact-history').getByText(/Country of exploitation changed by Mariam Idris/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot(page, 'decision-file-caseworker-en');

    // One competent authority: the select shows it and the request goes to it without choosing.
    const panel = await openPanel(page, 'Request a reasonable-grounds decision');
    await panel.getByRole('button', { name: 'Request a decision' }).click();
    await waitForStatus(page, 'Decision requested from Identification Authority.');
  });

  it('the competent authority reads the file in English and French, records what it relied on, and decides', async () => {
    const page = await signInInBrowser(h, decider.email, password);
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    const file = page.locator('section#decision-file');
    await file.getByRole('heading', { name: 'Decision file' }).waitFor();
    await file.locator('section#screening-answers tr', { hasText: 'Retention of identity documents' }).getByText('Present', { exact: true }).waitFor();
    await file.locator('section#case-intake').getByText('Found at a hand car wash; her passport is kept by the manager.').waitFor();
    await file.locator('section#referral-form dd').getByText('KP/2026/4471').waitFor();
    await file.locator('section#referral-form dd').getByText('Tigrinya').first().waitFor();
    // The authority reads; it does not correct.
    expect(await file.locator('summary', { hasText: 'Correct' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot(page, 'decision-file-authority-en');

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Français' });
    await file.getByRole('heading', { name: 'Dossier de décision' }).waitFor();
    await file.getByRole('heading', { name: 'Réponses à l’évaluation' }).waitFor();
    await file.locator('section#screening-answers tr', { hasText: 'Confiscation des documents d’identité' }).getByText('Présent', { exact: true }).waitFor();
    await file.getByText('Servitude pour dettes').first().waitFor();
    await file.locator('section#referral-form').getByRole('heading', { name: 'Plainte à la police' }).waitFor();
    await file.locator('section#referral-form dd').getByText('L’exploiteur').waitFor();
    await shoot(page, 'decision-file-authority-fr');

    const decide = await openPanel(page, 'Décider');
    await decide.getByRole('radio', { name: 'Positive' }).check();
    await decide.getByRole('checkbox', { name: 'L’évaluation' }).check();
    await decide.getByRole('checkbox', { name: 'Les éléments du formulaire d’orientation' }).check();
    await decide.getByLabel('Motif', { exact: true }).fill('Documents confisqués et dette, confirmés par le formulaire.');
    await decide.getByRole('button', { name: /Enregistrer la décision/ }).click();
    await waitForStatus(page, /Décision enregistrée/);

    // In Arabic too: the file's headings, the screening's words and the status after the decision.
    await page.getByLabel('Langue', { exact: true }).selectOption({ label: 'العربية' });
    await file.getByRole('heading', { name: 'ملف القرار' }).waitFor();
    await file.getByRole('heading', { name: 'إجابات الفحص' }).waitFor();
    await page.getByText('توجد أسباب معقولة للاعتقاد بأنه ضحية للاتجار (القرار النهائي معلّق)').waitFor();
    await shoot(page, 'decision-file-authority-ar');
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
    await page.getByText('Reasonable grounds to believe a victim of trafficking (conclusive decision pending)').waitFor();
    expect(await page.locator('.details').getByText('Possible victim of trafficking', { exact: true }).count()).toBe(0);

    const stored = await h.server.runtime.database.db.selectFrom('status_decisions').select(['kind', 'outcome', 'relied_on']).where('case_id', '=', caseId).execute();
    expect(stored).toEqual([{ kind: 'reasonable_grounds', outcome: 'positive', relied_on: ['screening', 'referral_form'] }]);
  });
});
