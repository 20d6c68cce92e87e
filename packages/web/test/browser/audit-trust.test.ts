import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { raiseAlert } from '../../../server/src/platform/audit/alerts.js';
import { checkAndCheckpoint } from '../../../server/src/platform/audit/checkpoint-job.js';
import { firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The audit page as an administrator meets it after a forged entry: the open alert first, in words in each language,
 * acknowledged once; the newest signed checkpoint to write down.
 */
let h: BrowserHarness;
let page: Page;
const password = 'first administrator passphrase';
const screenshots = process.env['PALERMO_SCREENSHOTS'];

beforeAll(async () => {
  h = await startHarness();
  await firstRun(h, password);
  const { runtime } = h.server;
  await raiseAlert(runtime.database.db, { kind: 'audit.forged_entry', summary: '1 audit entry failed authentication and was sealed as forged: 7 (no authentication code)' });
  const outcome = await checkAndCheckpoint(runtime.database.db, runtime.keyring, runtime.config.auditCheckpointDir);
  if (!outcome.written) throw new Error(outcome.reason);
  page = await signInInBrowser(h, 'amina@coordinator.example', password);
});
afterAll(async () => h.close());

describe('the audit page', () => {
  it('shows the open alert in words and the signed checkpoint, in English, French and Arabic', async () => {
    await page.goto(`${h.baseUrl}/audit`);
    const alerts = page.getByRole('region', { name: 'Alerts' }).or(page.locator('section[aria-labelledby="audit-alerts-title"]'));
    await page.getByText('Entries were written into the audit log without Palermo’s key', { exact: false }).or(page.getByText("Entries were written into the audit log without Palermo's key", { exact: false })).first().waitFor();
    expect(await alerts.first().textContent()).not.toContain('audit.forged_entry');
    const checkpoint = page.locator('section[aria-labelledby="audit-checkpoint-title"]');
    await checkpoint.getByText('Fingerprint (head hash)').waitFor();
    expect(await checkpoint.locator('code.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/audit-en.png`, fullPage: true });

    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByText('Des entrées ont été écrites dans le journal d’audit sans la clé de Palermo', { exact: false }).waitFor();
    await checkpoint.getByText('Empreinte (hachage de tête)').waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/audit-fr.png`, fullPage: true });

    await page.getByLabel(/Langue|Language/).selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByText('كُتبت إدخالات في سجل التدقيق دون مفتاح باليرمو', { exact: false }).waitFor();
    await checkpoint.getByText('البصمة (تجزئة الرأس)').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/audit-ar.png`, fullPage: true });

    await page.getByRole('button', { name: 'وضع علامة «تمّت رؤيته»' }).click();
    await page.getByText('لا توجد تنبيهات مفتوحة.').waitFor();
    await page.getByLabel(/اللغة|Language/).selectOption('en');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  });
});
