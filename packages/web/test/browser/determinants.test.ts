import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, ApiClient, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * Determinants assessments in the browser: the national rapporteur records an assessment with two determinants, one
 * influencing the other, and sees the influence drawn; records a second assessment of a later period in which a
 * determinant changed direction; scores recommendations of the research's checklist in both, sees each audience's
 * summary; and the comparison says which determinants and which scores changed, in English and in Arabic.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const rapporteur = { displayName: 'Leila Mansour', email: 'leila@rapporteur.example' };
const first = { country: 'Moldova', from: '2015-01-01', to: '2019-12-31', title: 'Determinants 2015 to 2019' };
const second = { country: 'Moldova', from: '2020-01-01', to: '2024-12-31', title: 'Determinants 2020 to 2024' };
const evidence = 'GRETA second round report and the US TIP report';
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const indicator = { code: 'I-1', title: 'Victims identified each year' };
let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'Office of the National Rapporteur', type: 'national_rapporteur' }, { ...rapporteur, password, roles: ['national_rapporteur'] });
  // A plan with one indicator, set up through the API (the action plan's own test walks its pages).
  await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  const planner = new ApiClient(h.baseUrl);
  await planner.signIn(coordinator.email, password);
  const plan = String((await planner.call('POST', '/api/action-plans', { title: 'National action plan 2015-2019', periodStart: '2015-01-01', periodEnd: '2019-12-31', currency: 'EUR' }))['id']);
  await planner.call('POST', `/api/action-plans/${plan}/indicators`, { ...indicator, type: 'outcome', source: 'Ministry of the Interior' });
}, 600_000);
afterAll(async () => h.close());

async function createAssessment(page: Page, a: typeof first) {
  await page.getByRole('link', { name: 'Determinants', exact: true }).click();
  await page.getByRole('heading', { name: 'Determinants assessments' }).waitFor();
  await page.getByLabel('Country', { exact: true }).selectOption({ label: a.country });
  await page.getByLabel('Period from', { exact: true }).fill(a.from);
  await page.getByLabel('Period to', { exact: true }).fill(a.to);
  await page.getByLabel('Title', { exact: true }).fill(a.title);
  await page.getByRole('button', { name: 'Create the assessment' }).click();
  await page.getByRole('heading', { name: a.title, level: 1 }).waitFor();
}

async function recordEntry(page: Page, determinant: string, direction: string, influences: string[], indicators: string[] = []) {
  await page.getByLabel('Determinant', { exact: true }).selectOption({ label: determinant });
  await page.getByLabel('Direction', { exact: true }).selectOption({ label: direction });
  await page.getByLabel('Active or passive', { exact: true }).selectOption({ label: 'Active' });
  await page.getByLabel('Strength', { exact: true }).selectOption({ label: 'Strong' });
  await page.getByLabel('Internal or external', { exact: true }).selectOption({ label: 'External' });
  await page.getByLabel('Structural or pressure point', { exact: true }).selectOption({ label: 'Pressure point' });
  await page.getByLabel('Trafficking-specific, contextual or tangential', { exact: true }).selectOption({ label: 'Trafficking-specific' });
  await page.getByLabel('Direct or indirect', { exact: true }).selectOption({ label: 'Direct' });
  await page.getByLabel('Personal, institutional or cultural', { exact: true }).selectOption({ label: 'Institutional' });
  await page.getByLabel('Evidence (optional)', { exact: true }).fill(evidence);
  for (const name of indicators) await page.getByRole('group', { name: 'Indicators of the action plan it rests on' }).getByLabel(name, { exact: true }).check();
  for (const name of influences) await page.getByRole('group', { name: 'Determinants it influences' }).getByLabel(name, { exact: true }).check();
  await page.getByRole('button', { name: 'Record the determinant' }).click();
  await rowOf(page, determinant).filter({ hasText: direction }).waitFor();
}

const training = 'Everyone working on the response, and in related policy fields, has current, good-quality training and the skills needed.';

/** Scores one recommendation of the checklist (law and policy makers) and saves that audience's scores. */
async function scoreTraining(page: Page, score: string, note: string) {
  const audience = page.locator('details.checklist-audience').filter({ has: page.getByText('Law and policy makers', { exact: true }) });
  if ((await audience.getAttribute('open')) === null) await audience.locator('summary').click();
  const item = audience.getByRole('group', { name: training });
  await item.getByLabel('Score', { exact: false }).selectOption({ label: score });
  await item.getByLabel('Note', { exact: false }).fill(note);
  await audience.getByRole('button', { name: 'Save the scores of this audience' }).click();
  await audience.getByRole('status').filter({ hasText: 'Scores saved.' }).waitFor();
}

/** The row a determinant heads (its name may also appear in another row, as an influence). */
const rowOf = (page: Page, determinant: string) => page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: determinant, exact: true }) });

describe('determinants assessments', () => {
  it('the rapporteur records two periods, sees the influences drawn, and the comparison says what changed, in English and Arabic', async () => {
    const page = await signInInBrowser(h, rapporteur.email, password);
    // A period ending before it starts is refused, naming the field.
    await page.getByRole('link', { name: 'Determinants', exact: true }).click();
    await page.getByLabel('Period from', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Period to', { exact: true }).fill('2019-01-01');
    await page.getByRole('button', { name: 'Create the assessment' }).click();
    await page.locator('#new-assessment-to-error').filter({ hasText: 'must not be before the start of the period' }).waitFor();

    await createAssessment(page, first);
    await recordEntry(page, 'External monitoring, reputation and sanctions', 'Positive', ['Political will'], [`${indicator.code} ${indicator.title}`]);
    await recordEntry(page, 'Political will', 'Negative', []);
    // Choosing a determinant already recorded fills the form with what was recorded, the indicator it rests on included.
    await page.getByLabel('Determinant', { exact: true }).selectOption({ label: 'External monitoring, reputation and sanctions' });
    expect(await page.getByRole('group', { name: 'Indicators of the action plan it rests on' }).getByLabel(`${indicator.code} ${indicator.title}`, { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Evidence (optional)', { exact: true }).inputValue()).toBe(evidence);
    await rowOf(page, 'External monitoring, reputation and sanctions').filter({ hasText: 'Political will' }).waitFor();
    const graph = page.locator('[data-testid="influence-graph"]');
    await graph.locator('canvas').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="influence-graph"]')?.getAttribute('data-edges') === '1');
    expect(await graph.getAttribute('data-nodes')).toBe('2');
    expect(await graph.getAttribute('aria-label')).toContain('2 determinants and 1 influences');
    await scoreTraining(page, 'Not met', 'No training budget');
    await page.getByTestId('checklist-summary-law_policy_makers').filter({ hasText: '0 met, 0 partly met, 1 not met, 0 not applicable, 10 not scored (of 11)' }).waitFor();
    expect(await page.getByTestId('checklist-summary-funders').innerText()).toContain('7 not scored (of 7)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/determinants-en.png`, fullPage: true });
    // The assessment as a document, in the reader's language.
    const href = await page.getByRole('link', { name: 'Download as a PDF document' }).getAttribute('href');
    expect(href).toMatch(/assessment\.pdf\?language=en$/);
    const pdf = await page.request.get(`${h.baseUrl}${href ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    await createAssessment(page, second);
    await recordEntry(page, 'External monitoring, reputation and sanctions', 'Positive', ['Political will']);
    await recordEntry(page, 'Political will', 'Positive', []);
    await scoreTraining(page, 'Met', 'Judges and police trained in 2022');

    await page.getByRole('link', { name: 'Compare with an earlier assessment' }).click();
    await page.getByLabel('Earlier assessment', { exact: true }).selectOption({ index: 1 });
    await waitForStatus(page, 'Determinants that changed: Political will');
    const rows = page.getByRole('region', { name: 'Direction of each determinant in the two periods' }).locator('tbody tr');
    await rowOf(page, 'Political will').filter({ hasText: 'Negative' }).filter({ hasText: 'Changed direction' }).waitFor();
    await rowOf(page, 'External monitoring, reputation and sanctions').filter({ hasText: 'Unchanged' }).waitFor();
    expect(await rows.count()).toBe(2);
    // The checklist's scores, side by side.
    await page.getByTestId('checklist-changed').filter({ hasText: 'Recommendations whose score changed: 1' }).waitFor();
    await page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: training }) }).filter({ hasText: 'Not met' }).filter({ hasText: 'Changed score' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { name: 'مقارنة تقييمين' }).waitFor();
    await waitForStatus(page, 'المحددات التي تغيّرت: الإرادة السياسية');
    await rowOf(page, 'الإرادة السياسية').filter({ hasText: 'سلبي' }).filter({ hasText: 'تغيّر اتجاهه' }).waitFor();
    await page.locator('tbody tr').filter({ hasText: 'لم تتحقق' }).filter({ hasText: 'تغيّر التقييم' }).waitFor();
    const written = new Set([first, second].flatMap((a) => [a.country, a.title]).concat([evidence, indicator.title, 'No training budget', 'Judges and police trained in 2022']).join(' ').match(/[A-Za-z]+/g) ?? []);
    const leftovers = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !written.has(w));
    expect(leftovers(await page.locator('main').innerText())).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/determinants-compare-ar.png`, fullPage: true });
    await page.getByRole('link', { name: 'العودة إلى التقييم' }).click();
    await page.locator('[data-testid="influence-graph"] canvas').first().waitFor();
    expect(leftovers(await page.locator('main').innerText())).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/determinants-ar.png`, fullPage: true });
  });
});
