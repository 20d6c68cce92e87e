import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import ar from '../../src/i18n/locales/ar.json';
import { ApiClient, firstRun, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * A country's own SOP words: the national coordinator rewrites the title of a shipped measure and adds a measure of the
 * country's own. On the caseworker's home, the case page and the timeline, in English and in Arabic, those are shown as
 * the coordinator typed them, while a shipped measure left alone is shown in the reader's language. Screenshots are
 * saved (PALERMO_SCREENSHOTS, else /tmp).
 */
let h: BrowserHarness;
let caseworker: ApiClient;
let caseId = '';
let reference = '';
const password = 'our own sop words passphrase';
const screenshots = process.env['PALERMO_SCREENSHOTS'] ?? '/tmp';
const key = () => ({ 'idempotency-key': randomUUID() });

const edited = 'first-assistance.safety';
const editedTitle = 'Safety check by the Ministry within 12 hours';
const added = 'country.hotline-call';
const addedTitle = 'Call the national hotline';
const untouched = 'identification.initial-referral';
const words = { en, ar } as const;

interface Document {
  sops: Array<{ number: number; title: string; measures: Array<Record<string, unknown> & { id: string; title: string }> }>;
}

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  const session = await admin.call('GET', '/api/auth/session');
  const coordination = String((session['user'] as { organisation: { id: string } }).organisation.id);
  const ngo = String((await admin.call('POST', '/api/organisations', { name: 'Harbour House', type: 'ngo' }))['id']);
  await admin.call('POST', '/api/users', { organisationId: coordination, displayName: 'Sara Lind', email: 'sara@coordinator.example', password, roles: ['national_coordinator'] });
  await admin.call('POST', '/api/users', { organisationId: ngo, displayName: 'Jonas Berg', email: 'jonas@harbour.example', password, roles: ['caseworker'] });

  // The coordinator rewords one shipped measure and adds one of the country's own.
  const coordinator = new ApiClient(h.baseUrl);
  await coordinator.signIn('sara@coordinator.example', password);
  const current = await coordinator.call('GET', '/api/sops');
  const { sops } = current['document'] as Document;
  const firstAssistance = sops[1];
  const safety = firstAssistance?.measures.find((m) => m.id === edited);
  if (!firstAssistance || !safety) throw new Error('the shipped SOP has no safety assessment');
  safety.title = editedTitle;
  firstAssistance.measures.push({
    id: added,
    title: addedTitle,
    what: 'Tell the national hotline a person was met.',
    when: { stage: 'reported', deadlineDays: 1 },
    who: { organisationTypes: ['ngo'], organisationIds: [] },
    how: 'By telephone.',
    services: [],
  });
  await coordinator.call('POST', '/api/sops/versions', { sops, changeNote: 'Our own wording', basedOnVersion: current['version'] });

  // The caseworker's case entered its stage two days ago: its one-day measures are overdue on her home.
  caseworker = new ApiClient(h.baseUrl);
  await caseworker.signIn('jonas@harbour.example', password);
  const opened = await caseworker.call('POST', '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH' } }, key());
  caseId = String(opened['id']);
  reference = String(opened['reference']);
  await h.server.runtime.database.db.updateTable('cases').set({ stage_entered_at: new Date(Date.now() - 2 * 86_400_000) }).where('id', '=', caseId).execute();
}, 600_000);
afterAll(async () => h?.close());

async function chooseLanguage(page: Page, language: 'en' | 'ar') {
  await page.getByLabel(/^(Language|Langue|اللغة)$/).first().selectOption(language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

describe("the country's own SOP words", () => {
  let page: Page;
  beforeAll(async () => {
    page = await signInInBrowser(h, 'jonas@harbour.example', password);
  }, 120_000);

  for (const language of ['en', 'ar'] as const) {
    const shipped = words[language].sopMeasures;
    const untouchedTitle = shipped.identification['initial-referral'].title;
    const shippedSafety = shipped['first-assistance'].safety.title;

    it(`are shown as entered on the home and the case page in ${language === 'en' ? 'English' : 'Arabic'}; a shipped measure, translated`, async () => {
      await page.goto(h.baseUrl);
      await chooseLanguage(page, language);
      const overdue = page.locator('#home-measuresOverdue');
      await overdue.getByText(editedTitle).waitFor();
      const homeText = await overdue.innerText();
      expect(homeText).toContain(editedTitle);
      expect(homeText).toContain(addedTitle);
      expect(homeText).toContain(untouchedTitle);
      expect(homeText).not.toContain(shippedSafety);
      if (language === 'ar') expect(homeText).not.toContain(en.sopMeasures.identification['initial-referral'].title);
      await page.screenshot({ path: `${screenshots}/sop-country-words-home-${language}.png`, fullPage: true });

      await overdue.getByRole('link', { name: new RegExp(reference) }).first().click();
      await page.waitForURL(new RegExp(`/cases/${caseId}`));
      const titles = page.locator('#case-measures .measure-title');
      await titles.first().waitFor();
      const shown = await titles.allInnerTexts();
      expect(shown).toContain(editedTitle);
      expect(shown).toContain(addedTitle);
      expect(shown).toContain(untouchedTitle);
      expect(shown).not.toContain(shippedSafety);
      if (language === 'ar') expect(shown).not.toContain(en.sopMeasures.identification['initial-referral'].title);
      await page.locator('#case-measures').screenshot({ path: `${screenshots}/sop-country-words-case-${language}.png` });
    });
  }

  it('are shown as entered on the timeline in Arabic; a shipped measure done, translated', async () => {
    for (const id of [edited, added, untouched]) await caseworker.call('POST', `/api/cases/${caseId}/measures/${id}/done`, {});
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await chooseLanguage(page, 'ar');
    const timeline = page.locator('#case-timeline');
    await timeline.getByText(editedTitle).waitFor();
    const text = await timeline.innerText();
    expect(text).toContain(editedTitle);
    expect(text).toContain(addedTitle);
    expect(text).toContain(ar.sopMeasures.identification['initial-referral'].title);
    expect(text).not.toContain(en.sopMeasures.identification['initial-referral'].title);
    await timeline.screenshot({ path: `${screenshots}/sop-country-words-timeline-ar.png` });
  });
});
