import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, firstRun, openPanel, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * A caseworker attaches a signed consent form (a PDF) to a case from the case page, marks it for the decision, and
 * downloads it again: the browser saves the very bytes sent, under the name given. A program renamed .pdf is refused
 * with a message beside the file field, in the reader's language, and nothing is added.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
let h: BrowserHarness;
let page: Page;
let caseId = '';
const password = 'a long enough test passphrase';
const worker = { displayName: 'Mariam Idris', email: 'mariam@ngo.example' };

const consentForm = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n% signed consent form\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Safe Passage NGO', type: 'ngo' }, { ...worker, password, roles: ['caseworker'] });
  page = await signInInBrowser(h, worker.email, password);
  caseId = await page.evaluate(async () => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ person: { pseudonym: 'Rose', jurisdiction: 'NORTH' } }),
    });
    return ((await response.json()) as { id: string }).id;
  });
});
afterAll(async () => h.close());

describe('documents on the case page', () => {
  it('a caseworker attaches a PDF, marks it for the decision, and downloads the same bytes', async () => {
    await page.goto(`${h.baseUrl}/cases/${caseId}`);
    const documents = page.locator('section#documents');
    await documents.getByRole('heading', { name: 'Documents' }).waitFor();
    await documents.getByText('No document has been attached yet.').waitFor();

    const panel = await openPanel(page, 'Attach a document');
    await panel.getByLabel('Kind of document').selectOption({ label: 'Signed consent form' });
    await panel.getByLabel('File', { exact: true }).setInputFiles({ name: 'consent-rose.pdf', mimeType: 'application/pdf', buffer: consentForm });
    await panel.getByLabel('For the decision on victim status').check();
    await panel.getByRole('button', { name: 'Attach the document' }).click();
    await waitForStatus(page, 'Document attached: consent-rose.pdf.');

    const row = documents.locator('tbody tr').filter({ hasText: 'consent-rose.pdf' });
    await row.getByText('Signed consent form').waitFor();
    await row.getByText('Yes', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Take consent-rose.pdf out of the decision file' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'consent-rose.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('consent-rose.pdf');
    const saved = await download.path();
    expect(readFileSync(saved).equals(consentForm)).toBe(true);
    // The page is still the case page: the document was saved, not opened in its place.
    expect(page.url()).toBe(`${h.baseUrl}/cases/${caseId}`);
  });

  it('a program renamed .pdf is refused beside the file field, in English and in Arabic, and nothing is added', async () => {
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
    program.writeUInt32LE(64, 60);
    const panel = await openPanel(page, 'Attach a document');
    await panel.getByLabel('Kind of document').selectOption({ label: 'Medical letter' });
    await panel.getByLabel('File', { exact: true }).setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: program });
    await panel.getByRole('button', { name: 'Attach the document' }).click();
    await panel.locator('#document-file-error').filter({ hasText: 'The file is not a PDF, JPEG or PNG file.' }).waitFor();
    expect(await page.locator('section#documents tbody tr').count()).toBe(1);

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    const documents = page.locator('section#documents');
    await documents.getByRole('heading', { name: 'المستندات' }).waitFor();
    await documents.locator('tbody').getByText('استمارة موافقة موقعة').waitFor();
    // What was said before the change of language is said again in Arabic: the refusal, and the notice.
    await documents.locator('#document-file-error').filter({ hasText: 'الملف ليس من صيغة PDF أو JPEG أو PNG.' }).waitFor();
    await documents.getByRole('status').filter({ hasText: 'تم إرفاق المستند: consent-rose.pdf.' }).waitFor();
    if (screenshots) await documents.screenshot({ path: `${screenshots}/documents-ar.png` });
    expect(await documents.innerText()).not.toMatch(/signed_consent|application\/pdf|Signed consent/);
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
  });
});
