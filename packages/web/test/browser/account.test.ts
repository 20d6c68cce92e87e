import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ApiClient, addOrganisationWithUser, firstRun, openPanel, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The person's account as people record it, in English and in French: a caseworker records her account, two
 * exploitation situations and an exploiter, then corrects a start date; the history shows both dates. Asked for a
 * decision, the competent authority reads the account (the exploiter's role, not who they are) and decides.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
let authorityId = '';
const screenshots = process.env['PALERMO_SCREENSHOTS'] ?? '/tmp';

const words = {
  en: {
    language: 'Language', title: 'Her account', statement: 'Save her account', personAccount: 'Her account, in her words', saved: 'Her account is saved.',
    addSituation: 'Add a situation', forms: 'Forms of exploitation', forcedLabour: 'Forced labour', sexual: 'Sexual exploitation', agriculture: 'Agriculture, forestry and fishing',
    start: 'Start date', end: 'End date', ongoing: 'Still ongoing', yes: 'Yes', age: 'Her age when it began', addPlace: 'Add a place', place1: 'Place 1', stage: 'Stage',
    exploitation: 'Exploitation', country: 'Country', italy: 'Italy', placeText: 'Town, address or description', methods: 'Methods of control', debt: 'Debt bondage',
    documents: 'Documents withheld', recruitedHow: 'How she was recruited', social: 'Through online social networks', save: 'Save the situation',
    situationSaved: 'The situation is saved.', situation1: 'Situation 1', situation2: 'Situation 2', correct: 'Correct', history: 'History', addExploiter: 'Add an exploiter',
    pseudonym: 'Name used in the case', role: 'Role', recruiter: 'Recruiter', saveExploiter: 'Save the exploiter', exploiterSaved: 'The exploiter is saved.',
    exploiter1: 'Exploiter 1', decide: 'Decide', positive: 'Positive', reason: 'Reason', record: 'Record decision', decided: /Decision recorded/u, answer: 'Answer', declined: 'Declined to answer',
    howEnded: 'How it ended', reliedOnAccount: "The person's account", useSuggested: 'Use the suggested methods of control',
  },
  fr: {
    language: 'Langue', title: 'Son récit', statement: 'Enregistrer son récit', personAccount: 'Son récit, avec ses mots', saved: 'Son récit est enregistré.',
    addSituation: 'Ajouter une situation', forms: 'Formes d’exploitation', forcedLabour: 'Travail forcé', sexual: 'Exploitation sexuelle', agriculture: 'Agriculture, sylviculture et pêche',
    start: 'Date de début', end: 'Date de fin', ongoing: 'Toujours en cours', yes: 'Oui', age: 'Son âge au début', addPlace: 'Ajouter un lieu', place1: 'Lieu 1', stage: 'Étape',
    exploitation: 'Exploitation', country: 'Pays', italy: 'Italie', placeText: 'Ville, adresse ou description', methods: 'Moyens de contrôle', debt: 'Servitude pour dettes',
    documents: 'Papiers confisqués', recruitedHow: 'Comment elle a été recrutée', social: 'Par les réseaux sociaux en ligne', save: 'Enregistrer la situation',
    situationSaved: 'La situation est enregistrée.', situation1: 'Situation 1', situation2: 'Situation 2', correct: 'Corriger', history: 'Historique', addExploiter: 'Ajouter un exploiteur',
    pseudonym: 'Nom utilisé dans le dossier', role: 'Rôle', recruiter: 'Recruteur', saveExploiter: 'Enregistrer l’exploiteur', exploiterSaved: 'L’exploiteur est enregistré.',
    exploiter1: 'Exploiteur 1', decide: 'Décider', positive: 'Positive', reason: 'Motif', record: 'Enregistrer la décision', decided: /Décision enregistrée/u, answer: 'Réponse', declined: 'Refus de répondre',
    howEnded: 'Comment cela s’est terminé', reliedOnAccount: 'Le récit de la personne', useSuggested: 'Reprendre les moyens de contrôle suggérés',
  },
} as const;
type Words = (typeof words)[keyof typeof words];

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  authorityId = await addOrganisationWithUser(admin, { name: 'Victim Identification Authority', type: 'competent_authority' }, { displayName: 'Leila Mansour', email: 'leila@authority.example', password, roles: ['decision_maker'] });
  const shelter = await addOrganisationWithUser(admin, { name: 'Harbour House Shelter', type: 'shelter' }, { displayName: 'Jonas Berg', email: 'jonas@shelter.example', password, roles: ['caseworker'] });
  expect(shelter).toBeTruthy();
});
afterAll(async () => h?.close());

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** A calendar date as the page writes it in this language. */
const dateIn = (page: Page, iso: string) =>
  page.evaluate((value) => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`)), iso);

const group = (scope: Page | Locator, name: string) => scope.getByRole('group', { name, exact: true });

async function fillSituation(panel: Locator, w: Words, first: boolean) {
  await group(panel, w.forms).getByLabel(first ? w.forcedLabour : w.sexual, { exact: true }).check();
  await panel.getByLabel(w.start, { exact: true }).fill(first ? '2023-03-01' : '2024-02-01');
  if (first) {
    await panel.getByLabel(w.end, { exact: true }).fill('2024-01-15');
    await panel.getByLabel(w.age, { exact: true }).fill('23');
    await panel.getByRole('button', { name: w.addPlace }).click();
    const place = group(panel, w.place1);
    await place.getByLabel(w.stage).selectOption({ label: w.exploitation });
    await place.getByLabel(w.country, { exact: true }).selectOption({ label: w.italy });
    await place.getByLabel(w.placeText).fill('A farm outside Foggia');
    await group(panel, w.recruitedHow).getByLabel(w.social).check();
    // Suggested from the screening, applied only when the caseworker confirms.
    await expect(group(panel, w.methods).getByLabel(w.debt).isChecked()).resolves.toBe(false);
    await panel.getByRole('button', { name: w.useSuggested }).click();
    await expect(group(panel, w.methods).getByLabel(w.debt).isChecked()).resolves.toBe(true);
    await expect(group(panel, w.methods).getByLabel(w.documents).isChecked()).resolves.toBe(true);
    await group(panel, w.methods).getByLabel(w.debt).check();
    await group(panel, w.methods).getByLabel(w.documents).check();
    await group(panel, w.howEnded).getByLabel(w.answer).selectOption({ label: w.declined });
  } else {
    await panel.getByLabel(w.ongoing, { exact: true }).selectOption({ label: w.yes });
  }
}

describe.each(['en', 'fr'] as const)("the person's account in the browser (%s)", (language) => {
  const w = words[language];
  let caseId = '';
  let caseworker: Page;

  it('a caseworker records her account, two situations and an exploiter, then corrects a date; the history shows both', async () => {
    const api = new ApiClient(h.baseUrl);
    await api.signIn('jonas@shelter.example', password);
    caseId = String((await api.call('POST', '/api/cases', { person: { pseudonym: `Rose ${language}`, birthDate: '2000-01-10' } }, { 'idempotency-key': `account-${language}-case` }))['id']);
    // A screening found her documents withheld and a debt: the form suggests those methods of control.
    await api.call('POST', `/api/cases/${caseId}/screenings`, { checklistCode: 'trafficking_general', checklistVersion: 1, answers: { documents_withheld: 'present', debt_bondage: 'present' } }, { 'idempotency-key': `account-${language}-screening` });

    caseworker = await signInInBrowser(h, 'jonas@shelter.example', password);
    if (language === 'fr') {
      await caseworker.getByLabel('Language', { exact: true }).selectOption('fr');
      await caseworker.waitForFunction(() => document.documentElement.lang === 'fr');
    }
    await caseworker.goto(`${h.baseUrl}/cases/${caseId}`);
    const section = caseworker.locator('section#account');
    await section.getByRole('heading', { name: w.title, exact: true }).waitFor();

    const statement = await openPanel(caseworker, w.statement);
    await statement.getByLabel(w.personAccount, { exact: true }).fill('He promised a restaurant job and took my passport.');
    await statement.getByRole('button', { name: w.statement }).click();
    await caseworker.getByRole('status').filter({ hasText: w.saved }).waitFor();

    for (const first of [true, false]) {
      const panel = await openPanel(caseworker, w.addSituation);
      await fillSituation(panel, w, first);
      if (first) await expectAccessible(caseworker);
      await panel.getByRole('button', { name: w.save }).click();
      await caseworker.getByRole('status').filter({ hasText: w.situationSaved }).waitFor();
      await section.getByRole('heading', { name: first ? w.situation1 : w.situation2, exact: true }).waitFor();
    }

    const exploiterPanel = await openPanel(caseworker, w.addExploiter);
    await exploiterPanel.getByLabel(w.pseudonym).fill('The uncle');
    await group(exploiterPanel, w.role).getByLabel(w.recruiter).check();
    await exploiterPanel.getByLabel(w.situation1).check();
    await exploiterPanel.getByRole('button', { name: w.saveExploiter }).click();
    await caseworker.getByRole('status').filter({ hasText: w.exploiterSaved }).waitFor();
    await section.getByRole('heading', { name: 'The uncle', exact: true }).waitFor();

    // The start date was a month later than first said.
    const situation = section.locator('article', { has: caseworker.getByRole('heading', { name: w.situation1, exact: true }) });
    await situation.getByRole('button', { name: `${w.correct}: ${w.situation1}` }).click();
    await situation.getByLabel(w.start, { exact: true }).fill('2023-04-01');
    await situation.getByRole('button', { name: w.save }).click();
    await caseworker.getByRole('status').filter({ hasText: w.situationSaved }).waitFor();
    const corrected = section.locator('article', { has: caseworker.getByRole('heading', { name: w.situation1, exact: true }) });
    await corrected.locator('summary', { hasText: w.history }).click();
    const history = corrected.locator('.account-history');
    const [before, after] = [await dateIn(caseworker, '2023-03-01'), await dateIn(caseworker, '2023-04-01')];
    await history.getByText(before, { exact: true }).waitFor();
    await history.getByText(after, { exact: true }).first().waitFor();
    const text = (await section.textContent()) ?? '';
    for (const label of [w.forcedLabour, w.debt, w.documents, w.social, w.italy, w.declined]) expect(text).toContain(label);
    // No code where a label is meant.
    for (const code of ['ForcedLabour', 'DebtBondage', 'WithholdsDocuments', 'ThroughOnlineSocialNetworks', 'A_Agriculture', '"state"']) expect(text).not.toContain(code);
    await expectAccessible(caseworker);
    await caseworker.screenshot({ path: `${screenshots}/account-caseworker-${language}.png`, fullPage: true });
    if (language === 'fr') {
      // The same account in Arabic, right to left: labels from the locale, no code.
      await caseworker.getByLabel('Langue', { exact: true }).first().selectOption('ar');
      await caseworker.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
      await section.getByRole('heading', { name: 'إفادتها', exact: true }).waitFor();
      await caseworker.getByRole('status').filter({ hasText: 'حُفظت الحالة.' }).waitFor();
      const arabic = (await section.textContent()) ?? '';
      for (const label of ['عبودية الدين', 'حجز الوثائق', 'رفضت الإجابة']) expect(arabic).toContain(label);
      for (const code of ['DebtBondage', 'WithholdsDocuments', 'declined']) expect(arabic).not.toContain(code);
      await caseworker.screenshot({ path: `${screenshots}/account-caseworker-ar.png`, fullPage: true });
    }
  });

  it('the competent authority, asked for a decision, reads the account and decides', async () => {
    const api = new ApiClient(h.baseUrl);
    await api.signIn('jonas@shelter.example', password);
    await api.call('POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', status: 'given', method: 'verbal', targetOrganisationId: authorityId }, { 'idempotency-key': `account-${language}-consent` });
    const version = Number((await api.call('GET', `/api/cases/${caseId}`))['version']);
    await api.call('POST', `/api/cases/${caseId}/decision-requests`, { competentAuthorityId: authorityId, version }, { 'idempotency-key': `account-${language}-request` });

    const page = await signInInBrowser(h, 'leila@authority.example', password);
    if (language === 'fr') {
      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
    }
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    const section = page.locator('section#account');
    await section.getByRole('heading', { name: w.situation2, exact: true }).waitFor();
    const text = (await section.textContent()) ?? '';
    expect(text).toContain('He promised a restaurant job');
    expect(text).toContain(w.debt);
    expect(text).toContain(await dateIn(page, '2023-04-01'));
    // The exploiter's role and relation to her, not who they are.
    await section.getByRole('heading', { name: w.exploiter1, exact: true }).waitFor();
    expect(text).toContain(w.recruiter);
    expect(text).not.toContain('The uncle');
    await expect(section.getByRole('button', { name: w.correct }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.screenshot({ path: `${screenshots}/account-authority-${language}.png`, fullPage: true });

    const decide = await openPanel(page, w.decide);
    await decide.getByRole('group', { name: language === 'en' ? 'Outcome' : 'Résultat' }).getByLabel(w.positive).check();
    // The decision says it relied on her account.
    await decide.getByLabel(w.reliedOnAccount, { exact: true }).check();
    await decide.getByLabel(w.reason, { exact: true }).fill('Credible account of debt bondage and documents withheld by the recruiter.');
    await decide.getByRole('button', { name: w.record }).click();
    await page.getByRole('status').filter({ hasText: w.decided }).waitFor();
  });
});
