import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addOrganisationWithUser, firstRun, openPanel, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * A supervisor of the organisation holding a case answers the person's subject access request from the case page:
 * she chooses the language (Arabic, then English), the browser saves a PDF, and its text read back holds the
 * person's details as entered, the organisation that holds them and who read them (organisation and role, never the
 * staff member's name), in the language chosen.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
let h: BrowserHarness;
let page: Page;
let caseId = '';
const password = 'a long enough test passphrase';
const supervisor = { displayName: 'Nadia Karam', email: 'nadia@ngo.example' };
const person = { givenName: 'سلمى', familyName: 'Okoro', pseudonym: 'Jasmine', notes: 'وصلت إلى الملجأ مساء الثلاثاء' };

async function pdfText(path: string): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    for (const item of (await (await document.getPage(number)).getTextContent()).items) if ('str' in item) parts.push(item.str, item.hasEOL ? ' ' : '');
  }
  await document.destroy();
  return parts.join('').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Safe Passage NGO', type: 'ngo' }, { ...supervisor, password, roles: ['supervisor'] });
  page = await signInInBrowser(h, supervisor.email, password);
  caseId = await page.evaluate(async (details) => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ person: { ...details, jurisdiction: 'NORTH' } }),
    });
    return ((await response.json()) as { id: string }).id;
  }, person);
});
afterAll(async () => h.close());

async function produce(language: string): Promise<string> {
  const panel = await openPanel(page, 'Her requests about her data');
  await panel.getByLabel('Language of the document').selectOption({ label: language });
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Produce the subject access document (PDF)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^subject-access-C-\d{4}-[A-Z0-9]+-\d{4}-\d{2}-\d{2}\.pdf$/);
  return pdfText(await download.path());
}

describe('subject access request', () => {
  it('a supervisor produces it in Arabic and in English from the case page, and its text is what is held', async () => {
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Print', exact: true }).waitFor();

    const arabic = await produce('العربية');
    expect(arabic).toContain('بياناتك الشخصية: كل ما هو محفوظ عنك');
    expect(arabic).toContain(person.givenName);
    expect(arabic).toContain(person.notes);
    expect(arabic).toContain('Safe Passage NGO');
    expect(arabic).toContain('مشرف'); // her own reads, by role
    expect(arabic).not.toContain(supervisor.displayName);
    await waitForStatus(page, /The document is downloaded: subject-access-/);
    // The page is still the case page: the document was saved, not opened in its place.
    expect(page.url()).toBe(`${h.baseUrl}/cases/${caseId}`);

    const english = await produce('English');
    expect(english).toContain('Your personal data: everything held about you');
    expect(english).toContain(person.familyName);
    expect(english).toContain(person.pseudonym);
    expect(english).toContain('Organisations that hold your data');
    expect(english).toMatch(/Safe Passage NGO · Supervisor · Case viewed/);
    expect(english).not.toContain(supervisor.displayName);

    // Both answers are listed as requests answered.
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Requests and answers' }) });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'subject-access-en.png'), fullPage: true });
  });

  it('the summary for a referral meeting about food carries the pseudonym only', async () => {
    const panel = await openPanel(page, 'Summary for a referral meeting, referral form');
    await panel.getByLabel('Language of the document').selectOption({ label: 'English' });
    await panel.getByLabel('Service discussed at the meeting').selectOption({ label: 'Food' });
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Summary for a referral meeting (PDF)' }).click()]);
    const summary = await pdfText(await download.path());
    expect(summary).toContain('Case summary for a referral meeting');
    expect(summary).toContain(person.pseudonym);
    for (const hidden of [person.givenName, person.familyName, person.notes]) expect(summary).not.toContain(hidden);
  });

  it('in Arabic, the panel speaks Arabic and a request to correct is recorded and answered as a document', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    const panel = await openPanel(page, 'طلباتها بشأن بياناتها');
    await panel.getByLabel('ما تطلبه، بكلماتها').fill('اسم عائلتي مكتوب خطأ');
    await panel.getByRole('button', { name: 'تسجيل الطلب' }).click();
    await waitForStatus(page, 'سُجّل الطلب.');
    await panel.getByLabel('الطلب المراد الرد عليه').selectOption({ index: 1 });
    await panel.getByLabel('الرد كما ستقرؤه').fill('صحّحنا اسم العائلة');
    await panel.getByLabel('لغة الرد').selectOption({ label: 'العربية' });
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'الرد وتنزيل الوثيقة (PDF)' }).click()]);
    const answer = await pdfText(await download.path());
    expect(answer).toContain('الرد على طلبك تصحيح بياناتك');
    expect(answer).toContain('اسم عائلتي مكتوب خطأ');
    expect(answer).toContain('صحّحنا اسم العائلة');
    if (screenshots) {
      await page.screenshot({ path: join(screenshots, 'subject-access-ar.png'), fullPage: true });
      await page.locator('section#person-record').screenshot({ path: join(screenshots, 'subject-access-section-ar.png') });
      writeFileSync(join(screenshots, 'subject-access-answer-ar.txt'), answer);
    }
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
  });
});
