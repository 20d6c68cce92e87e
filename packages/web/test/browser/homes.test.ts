import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * Each role's home, in English and in Arabic: the caseworker, the competent authority, law enforcement, the
 * coordinator, the rapporteur and an organisation's administrator each sign in and find their lists; one item of each
 * is followed to where the work is done. A screenshot of each home is saved (PALERMO_SCREENSHOTS, else /tmp), and the
 * page text is checked for codes, ids and (in Arabic) English words that should have been translated.
 */
let h: BrowserHarness;
const password = 'a long enough test passphrase';
const screenshots = process.env['PALERMO_SCREENSHOTS'] ?? '/tmp';
const people = {
  caseworker: { displayName: 'Jonas Berg', email: 'jonas@harbour.example', roles: ['caseworker'], organisation: 'ngo' },
  newcomer: { displayName: 'Lina Haddad', email: 'lina@harbour.example', roles: ['caseworker'], organisation: 'ngo' },
  orgAdmin: { displayName: 'Omar Saleh', email: 'omar@harbour.example', roles: ['organisation_admin'], organisation: 'ngo' },
  authority: { displayName: 'Leila Mansour', email: 'leila@authority.example', roles: ['decision_maker'], organisation: 'authority' },
  police: { displayName: 'Piotr Nowak', email: 'piotr@police.example', roles: ['investigator'], organisation: 'police' },
  coordinator: { displayName: 'Sara Lind', email: 'sara@coordinator.example', roles: ['national_coordinator'], organisation: 'coordination' },
  rapporteur: { displayName: 'Ravi Menon', email: 'ravi@rapporteur.example', roles: ['national_rapporteur'], organisation: 'rapporteur' },
} as const;
const organisations: Record<string, { name: string; type: string; jurisdictions?: string[] }> = {
  ngo: { name: 'Harbour House', type: 'ngo' },
  authority: { name: 'Victim Identification Authority', type: 'competent_authority' },
  police: { name: 'Police Anti-Trafficking Unit', type: 'law_enforcement', jurisdictions: ['NORTH'] },
  rapporteur: { name: 'National Rapporteur Office', type: 'national_rapporteur' },
};
const ids: Record<string, string> = {};
let decisionCase = '';
let policeCase = '';

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  const session = await admin.call('GET', '/api/auth/session');
  ids['coordination'] = String((session['user'] as { organisation: { id: string } }).organisation.id);
  for (const [key, organisation] of Object.entries(organisations)) ids[key] = String((await admin.call('POST', '/api/organisations', organisation))['id']);
  for (const person of Object.values(people)) {
    await admin.call('POST', '/api/users', { organisationId: ids[person.organisation], displayName: person.displayName, email: person.email, password, roles: person.roles });
  }
  // The caseworker opens a case, records consent to referral to the authority and asks it for a decision; a second
  // case of hers waits for its first follow-up.
  const jonas = new ApiClient(h.baseUrl);
  await jonas.signIn(people.caseworker.email, password);
  const key = () => ({ 'idempotency-key': randomUUID() });
  const first = await jonas.call('POST', '/api/cases', { person: { givenName: 'Ana', familyName: 'Lopes', jurisdiction: 'NORTH' }, formsOfExploitation: ['ForcedLabour'] }, key());
  decisionCase = String(first['id']);
  await jonas.call('POST', `/api/cases/${decisionCase}/consents`, { purpose: 'referral', targetOrganisationId: ids['authority'], status: 'given', method: 'verbal', rightsExplained: ['who_receives_it', 'right_to_refuse_or_withdraw'] }, key());
  await jonas.call('POST', `/api/cases/${decisionCase}/decision-requests`, { competentAuthorityId: ids['authority'], version: Number(first['version']) }, key());
  await jonas.call('POST', '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH' } }, key());
  const piotr = new ApiClient(h.baseUrl);
  await piotr.signIn(people.police.email, password);
  policeCase = String((await piotr.call('POST', '/api/cases', { person: { pseudonym: 'Mira', jurisdiction: 'NORTH' } }, key()))['id']);
});
afterAll(async () => h.close());

/** Codes, ids and English words that must not show where the reader's language is meant. */
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const codes = ['reasonable_grounds_pending', 'refer_for_identification', 'awaiting_decision', 'safety_risk', 'ForcedLabour', 'case_transfer', 'homeWork.', 'caseStages.'];
const englishWords = ['Follow-ups due', 'Decisions to take', 'Suspicions your organisation', 'Accounts', 'Newest', 'due ', 'Awaiting decision', 'Your cases', 'Reported a suspicion', 'Go to the'];

async function checkWords(page: Page, language: 'en' | 'ar') {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).not.toMatch(uuidPattern);
  for (const code of codes) expect(text, `"${code}" shown`).not.toContain(code);
  if (language === 'ar') for (const word of englishWords) expect(text, `"${word}" shown in Arabic`).not.toContain(word);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function openHome(page: Page, language: 'en' | 'ar', heading: { en: string; ar: string }) {
  await page.goto(h.baseUrl);
  if (language === 'ar') {
    await page.getByLabel(/Language|اللغة/).first().selectOption('ar');
    await page.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
  } else {
    await page.getByLabel(/Language|اللغة/).first().selectOption('en');
  }
  await page.getByRole('heading', { name: heading[language] }).first().waitFor();
}

const pages = new Map<string, Page>();
async function pageOf(person: keyof typeof people): Promise<Page> {
  const known = pages.get(person);
  if (known) return known;
  const page = await signInInBrowser(h, people[person].email, password);
  pages.set(person, page);
  return page;
}

describe.each(['en', 'ar'] as const)('each role’s home (%s)', (language) => {
  it('the caseworker finds her follow-ups and the decision she waits for, and opens the case at the right section', async () => {
    const page = await pageOf('caseworker');
    await openHome(page, language, { en: 'Follow-ups due', ar: 'متابعات مستحقة' });
    const waiting = page.locator('#home-decisionsPending');
    await waiting.getByRole('link').first().waitFor();
    await checkWords(page, language);
    await page.screenshot({ path: `${screenshots}/home-caseworker-${language}.png`, fullPage: true });
    await page.locator('#home-followUpsDue').getByRole('link').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+#case-records$/);
    // The case opens on its summary and links to its sections.
    await page.getByRole('navigation', { name: language === 'en' ? 'Sections of this case' : 'أقسام هذه الحالة' }).waitFor();
    // The timeline reads as sentences naming the person and the organisation, never an id or a code.
    const timeline = page.locator('#case-timeline');
    await timeline.getByText(language === 'en' ? 'Jonas Berg (Harbour House) reported a suspicion' : 'أبلغ Jonas Berg (Harbour House) عن اشتباه').first().waitFor();
    const said = (await timeline.textContent()) ?? '';
    expect(said).not.toMatch(uuidPattern);
    for (const code of ['case.opened', 'consent.recorded', 'decision_requested', 'identification_decision', 'verbal']) expect(said).not.toContain(code);
  });

  it('the competent authority finds the decision to take and opens it', async () => {
    const page = await pageOf('authority');
    await openHome(page, language, { en: 'Decisions to take, overdue first', ar: 'قرارات يجب اتخاذها، المتأخرة أولًا' });
    const link = page.locator('#home-decisionsToTake').getByRole('link').first();
    await link.waitFor();
    await checkWords(page, language);
    await page.screenshot({ path: `${screenshots}/home-authority-${language}.png`, fullPage: true });
    await link.click();
    await page.waitForURL(new RegExp(`/cases/${decisionCase}`));
    // Awaiting decision, in words.
    await page.locator('.case-flags').getByText(language === 'en' ? 'Awaiting decision' : 'بانتظار قرار').waitFor();
  });

  it('law enforcement sees the suspicion it reported, held at intake', async () => {
    const page = await pageOf('police');
    await openHome(page, language, { en: 'Suspicions your organisation reported', ar: 'الاشتباهات التي أبلغت عنها منظمتك' });
    const link = page.locator('#home-suspicions').getByRole('link').first();
    await link.waitFor();
    await page.locator('#home-suspicions').getByText(language === 'en' ? 'with your organisation (intake)' : 'لدى منظمتك (مرحلة الاستقبال)').waitFor();
    await checkWords(page, language);
    await page.screenshot({ path: `${screenshots}/home-police-${language}.png`, fullPage: true });
    await link.click();
    await page.waitForURL(new RegExp(`/cases/${policeCase}`));
  });

  it('the coordinator sees this month’s counts and the waiting referrals and decisions, never a case', async () => {
    const page = await pageOf('coordinator');
    await openHome(page, language, { en: 'Decisions past their deadline, per competent authority', ar: 'قرارات تجاوزت موعدها، حسب السلطة المختصة' });
    await page.locator('#home-month').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/C-\d{4}-/);
    await checkWords(page, language);
    await page.screenshot({ path: `${screenshots}/home-coordinator-${language}.png`, fullPage: true });
  });

  it('the rapporteur sees what is new', async () => {
    const page = await pageOf('rapporteur');
    await openHome(page, language, { en: 'Newest releases', ar: 'أحدث الإصدارات' });
    await checkWords(page, language);
    await page.screenshot({ path: `${screenshots}/home-rapporteur-${language}.png`, fullPage: true });
  });

  it("the organisation's administrator finds the colleague without a second factor and goes to the users page", async () => {
    const page = await pageOf('orgAdmin');
    await openHome(page, language, { en: 'Accounts without a second factor', ar: 'حسابات دون عامل تحقق ثانٍ' });
    const link = page.locator('#home-no-two-factor').getByRole('link', { name: people.newcomer.displayName });
    await link.waitFor();
    await checkWords(page, language);
    await page.screenshot({ path: `${screenshots}/home-org-admin-${language}.png`, fullPage: true });
    await link.click();
    await page.waitForURL(/\/users$/);
  });
});
