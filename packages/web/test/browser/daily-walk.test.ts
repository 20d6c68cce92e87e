import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import en from '../../src/i18n/locales/en.json';
import ar from '../../src/i18n/locales/ar.json';
import { ApiClient, firstRun, openPanel, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * One day's work, in English and in Arabic: a caseworker starts from her home page, finds a follow-up due, records it,
 * attaches a document and refers the person; the shelter accepts and records a need; the competent authority finds the
 * decision on her home page, reads the screening and decides; the national administrator resets a caseworker's lost
 * authenticator; a supervisor produces a subject access document whose text is read back. Each step sets up what it
 * needs through the API, so that each test runs alone. Every role's home is saved as a screenshot (PALERMO_SCREENSHOTS,
 * else /tmp) and its text checked for ids, codes and, in Arabic, English.
 */
let h: BrowserHarness;
let admin: ApiClient;
const password = 'one day of work passphrase';
const screenshots = process.env['PALERMO_SCREENSHOTS'] ?? '/tmp';
const key = () => ({ 'idempotency-key': randomUUID() });
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const codePattern = /\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\.[a-z_]+\b/;
const fill = (text: string, values: Record<string, string>) => text.replace(/{{(\w+)}}/g, (_, name: string) => values[name] ?? '');

beforeAll(async () => {
  h = await startHarness();
  admin = await firstRun(h, password);
});
afterAll(async () => h.close());

async function pdfText(path: string): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    for (const item of (await (await document.getPage(number)).getTextContent()).items) if ('str' in item) parts.push(item.str, item.hasEOL ? ' ' : '');
  }
  await document.destroy();
  return parts.join('').replace(/\s+/g, ' ');
}

async function chooseLanguage(page: Page, language: 'en' | 'ar') {
  await page.getByLabel(/^(Language|Langue|اللغة)$/).first().selectOption(language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/** No id, no code, and in Arabic no English word left in the page's main text (names and case numbers aside). */
async function checkWords(page: Page, language: 'en' | 'ar', names: readonly string[]) {
  let text = (await page.locator('main').innerText()) ?? '';
  // The SOP measures are the country's own document, written in one language (the installation's default document
  // is in English): their text is read as entered, and checked for ids and codes only.
  const measures = page.locator('#case-measures');
  const measuresText = (await measures.count()) > 0 ? await measures.innerText() : '';
  expect(measuresText).not.toMatch(uuidPattern);
  if (measuresText) text = text.replace(measuresText, ' ');
  expect(text).not.toMatch(uuidPattern);
  expect(text.match(codePattern), 'a code shown').toBeNull();
  if (language === 'ar') {
    let rest = text.replace(/C-\d{4}-[A-Z0-9]+/g, ' ');
    for (const name of names) rest = rest.split(name).join(' ');
    expect((rest.match(/[A-Za-z]{3,}/g) ?? []).join(' '), 'English left in Arabic').toBe('');
  }
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function home(page: Page, language: 'en' | 'ar', role: string, names: readonly string[]) {
  await page.goto(h.baseUrl);
  await chooseLanguage(page, language);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await checkWords(page, language, names);
  await page.screenshot({ path: `${screenshots}/daily-home-${role}-${language}.png`, fullPage: true });
}

for (const [language, s] of [
  ['en', en],
  ['ar', ar],
] as const) {
  describe(`one day's work (${language === 'en' ? 'English' : 'Arabic'})`, () => {
    const tag = language.toUpperCase();
    const org = {
      ngo: { name: `Harbour House ${tag}`, type: 'ngo' },
      shelter: { name: `Olive Shelter ${tag}`, type: 'shelter' },
      authority: { name: `Identification Authority ${tag}`, type: 'competent_authority' },
      police: { name: `Police Unit ${tag}`, type: 'law_enforcement', jurisdictions: ['NORTH'] },
      rapporteur: { name: `Rapporteur Office ${tag}`, type: 'national_rapporteur' },
    } as const;
    const people = {
      caseworker: { displayName: `Jonas Berg ${tag}`, email: `jonas.${language}@harbour.example`, roles: ['caseworker'], org: 'ngo' },
      supervisor: { displayName: `Nadia Karam ${tag}`, email: `nadia.${language}@harbour.example`, roles: ['supervisor'], org: 'ngo' },
      orgAdmin: { displayName: `Omar Saleh ${tag}`, email: `omar.${language}@harbour.example`, roles: ['organisation_admin'], org: 'ngo' },
      shelter: { displayName: `Maya Ortiz ${tag}`, email: `maya.${language}@shelter.example`, roles: ['caseworker'], org: 'shelter' },
      authority: { displayName: `Leila Mansour ${tag}`, email: `leila.${language}@authority.example`, roles: ['decision_maker'], org: 'authority' },
      police: { displayName: `Piotr Nowak ${tag}`, email: `piotr.${language}@police.example`, roles: ['investigator'], org: 'police' },
      rapporteur: { displayName: `Ravi Menon ${tag}`, email: `ravi.${language}@rapporteur.example`, roles: ['national_rapporteur'], org: 'rapporteur' },
      lost: { displayName: `Samira Haddad ${tag}`, email: `samira.${language}@harbour.example`, roles: ['caseworker'], org: 'ngo' },
      coordinator: { displayName: `Sara Lind ${tag}`, email: `sara.${language}@coordinator.example`, roles: ['national_coordinator'], org: 'coordination' },
    } as const;
    const ids: Record<string, string> = {};
    // Names as entered (both walks' people, since a national administrator lists them all), and case numbers.
    const names = ['EN', 'AR'].flatMap((t) => [...Object.values(org).map((o) => o.name), ...Object.values(people).map((p) => p.displayName)].map((n) => n.replace(tag, t)));
    names.push('National Anti-Trafficking Coordinator', 'Amina Haddad', 'Rose', 'Mira', 'Selam', 'Jasmine', 'NORTH', 'consent-rose.pdf', 'PDF', 'JPEG', 'PNG');
    let jonas: ApiClient;

    /** A case of the caseworker's, with consent to referral to the given organisations. */
    async function openCase(pseudonym: string, consentTo: readonly string[]) {
      const opened = await jonas.call('POST', '/api/cases', { person: { pseudonym, jurisdiction: 'NORTH' }, formsOfExploitation: ['ForcedLabour'] }, key());
      const caseId = String(opened['id']);
      for (const target of consentTo) {
        await jonas.call('POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', targetOrganisationId: target, status: 'given', method: 'verbal', rightsExplained: ['who_receives_it'] }, key());
      }
      return { id: caseId, reference: String(opened['reference']) };
    }

    beforeAll(async () => {
      const session = await admin.call('GET', '/api/auth/session');
      ids['coordination'] = String((session['user'] as { organisation: { id: string } }).organisation.id);
      for (const [name, organisation] of Object.entries(org)) ids[name] = String((await admin.call('POST', '/api/organisations', organisation))['id']);
      for (const person of Object.values(people)) {
        await admin.call('POST', '/api/users', { organisationId: ids[person.org], displayName: person.displayName, email: person.email, password, roles: person.roles });
      }
      jonas = new ApiClient(h.baseUrl);
      await jonas.signIn(people.caseworker.email, password);
    });

    it('the caseworker finds a follow-up due on her home page, records it, attaches a document and refers the person', async () => {
      const rose = await openCase('Rose', [ids['shelter'] ?? '']);
      const page = await signInInBrowser(h, people.caseworker.email, password);
      await home(page, language, 'caseworker', names);
      const due = page.locator('#home-followUpsDue');
      await due.getByRole('link', { name: new RegExp(rose.reference) }).click();
      await page.waitForURL(new RegExp(`/cases/${rose.id}`));

      const record = await openPanel(page, s.records.addTitle);
      await record.locator('#record-kind').selectOption('follow_up');
      await record.locator('#record-milestone').selectOption('entry');
      await record.locator('#record-date').fill(new Date().toISOString().slice(0, 10));
      await record.locator('#record-outcome').selectOption('person_unreachable');
      await record.getByRole('button', { name: s.records.submit }).click();
      await waitForStatus(page, fill(s.records.added, { kind: s.recordKinds.follow_up }));

      const attach = await openPanel(page, s.documents.addTitle);
      await attach.locator('#document-type').selectOption('signed_consent');
      await attach.locator('#document-file').setInputFiles({ name: 'consent-rose.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
      await attach.getByRole('button', { name: s.documents.upload }).click();
      await page.locator('#documents').getByText('consent-rose.pdf').first().waitFor();

      const refer = await openPanel(page, s.refer.title);
      await refer.locator('#refer-to').selectOption(ids['shelter'] ?? '');
      await refer.locator('#refer-service').selectOption('shelter');
      await refer.getByRole('button', { name: s.refer.submit }).click();
      await page.locator('#case-timeline').getByText(org.shelter.name).first().waitFor();
      await checkWords(page, language, names);
      await page.screenshot({ path: `${screenshots}/daily-case-caseworker-${language}.png`, fullPage: true });
    });

    it('the shelter accepts the referral and records a need', async () => {
      const mira = await openCase('Mira', [ids['shelter'] ?? '']);
      await jonas.call('POST', `/api/cases/${mira.id}/referrals`, { toOrganisationId: ids['shelter'], service: 'shelter', urgency: 'urgent' }, key());
      const page = await signInInBrowser(h, people.shelter.email, password);
      await home(page, language, 'shelter-caseworker', names);
      await page.locator('#home-referrals').getByText(mira.reference).first().waitFor();
      await page.goto(`${h.baseUrl}/referrals`);
      await page.getByRole('button', { name: new RegExp(`${s.referrals.accept}.*${mira.reference}`) }).click();
      await waitForStatus(page, fill(s.referrals.acceptedNotice, { name: org.ngo.name }));
      await page.goto(`${h.baseUrl}/cases/${mira.id}`);
      const record = await openPanel(page, s.records.addTitle);
      const kinds = await record.locator('#record-kind option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      expect(kinds).not.toContain('case_manager_assigned');
      await record.locator('#record-kind').selectOption('needs_assessment');
      await record.locator('#need-shelter').selectOption('high');
      await record.locator('#need-shelter-urgent').check();
      await record.getByRole('button', { name: s.records.submit }).click();
      await waitForStatus(page, fill(s.records.added, { kind: s.recordKinds.needs_assessment }));
      await page.locator('#case-records').getByText(org.shelter.name).first().waitFor();
      await checkWords(page, language, names);
      await page.screenshot({ path: `${screenshots}/daily-case-shelter-${language}.png`, fullPage: true });
    });

    it('the competent authority finds the decision on her home page, reads the screening and decides', async () => {
      const selam = await openCase('Selam', [ids['authority'] ?? '']);
      await jonas.call('POST', `/api/cases/${selam.id}/screenings`, { checklistCode: 'ilo_forced_labour', checklistVersion: 1, answers: { retention_of_identity_documents: 'present', debt_bondage: 'present' } }, key());
      const version = Number((await jonas.call('GET', `/api/cases/${selam.id}`))['version']);
      await jonas.call('POST', `/api/cases/${selam.id}/decision-requests`, { competentAuthorityId: ids['authority'], version }, key());
      const page = await signInInBrowser(h, people.authority.email, password);
      await home(page, language, 'competent-authority', names);
      await page.locator('#home-decisionsToTake').getByRole('link', { name: new RegExp(selam.reference) }).click();
      await page.waitForURL(new RegExp(`/cases/${selam.id}`));
      const answers = page.locator('section#decision-file section#screening-answers');
      await answers.getByText(s.indicatorAnswers.present, { exact: true }).first().waitFor();
      const decide = await openPanel(page, s.decision.title);
      await decide.getByRole('radio', { name: s.decisionOutcomes.positive }).check();
      await decide.locator('#decision-reason').fill(language === 'en' ? 'Documents kept and a debt imposed, as the screening shows.' : 'الوثائق محتجزة ودين مفروض، كما يظهر الفحص.');
      await decide.getByRole('button', { name: s.decision.submit }).click();
      await page.getByText(s.traffickingStatuses.reasonableGroundsPositive).first().waitFor();
      await checkWords(page, language, names);
      await page.screenshot({ path: `${screenshots}/daily-case-authority-${language}.png`, fullPage: true });
    });

    it("the national administrator resets a caseworker's lost authenticator", async () => {
      const page = await signInInBrowser(h, 'amina@coordinator.example', password);
      await home(page, language, 'national-admin', names);
      await page.goto(`${h.baseUrl}/users`);
      await page.getByRole('heading', { name: s.users.title, level: 1 }).waitFor();
      // Samira lost the phone her authenticator was on.
      await new ApiClient(h.baseUrl).signIn(people.lost.email, password);
      const row = page.getByRole('row').filter({ hasText: people.lost.email });
      await row.getByRole('button', { name: new RegExp(`^${s.users.manage}`) }).click();
      const panel = page.locator('section[aria-labelledby="manage-user-title"]');
      await panel.getByRole('button', { name: s.users.resetAuthenticator }).click();
      await panel.getByRole('group').getByRole('button', { name: s.users.resetAuthenticator }).click();
      await waitForStatus(page, fill(s.users.authenticatorReset, { name: people.lost.displayName }));
      await row.getByText(s.users.twoFactorOff).waitFor();
    });

    it('a supervisor produces the subject access document, and its text is what is held', async () => {
      const rose = await openCase('Jasmine', []);
      const page = await signInInBrowser(h, people.supervisor.email, password);
      await home(page, language, 'supervisor', names);
      await page.goto(`${h.baseUrl}/cases/${rose.id}`);
      const panel = await openPanel(page, s.personRecord.ui.dpTitle);
      await panel.getByLabel(s.personRecord.ui.language, { exact: true }).selectOption(language);
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: s.personRecord.ui.produceSar }).click()]);
      const text = await pdfText(await download.path());
      expect(text).toContain('Jasmine');
      expect(text).toContain(org.ngo.name);
      expect(text).toContain(rose.reference);
    });

    it('law enforcement, the coordinator, the rapporteur and the organisation administrator each find their home', async () => {
      for (const [person, role] of [
        ['police', 'law-enforcement'],
        ['coordinator', 'coordinator'],
        ['rapporteur', 'rapporteur'],
        ['orgAdmin', 'organisation-admin'],
      ] as const) {
        const page = await signInInBrowser(h, people[person].email, password);
        await home(page, language, role, names);
        await page.context().close();
      }
    });
  });
}
