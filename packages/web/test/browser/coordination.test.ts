import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOrganisationWithUser, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';

/**
 * Coordination in the browser: the national coordinator creates a working group with two member organisations,
 * records a meeting with a decision and assigns a follow-up action to the labour inspectorate (past its due date, so
 * overdue), and records a training delivered, then corrects it (the correction audited); bad input is refused naming
 * the field in the reader's words. The labour
 * inspectorate's administrator finds the action among its overdue ones and marks it done. One pass in Arabic: nothing
 * in English on the pages but what people typed.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const coordinator = { displayName: 'Nadia Karim', email: 'nadia@coordination.example' };
const inspector = { displayName: 'Ion Rusu', email: 'ion@inspectorate.example' };
const inspectorate = 'State Labour Inspectorate';
const ngo = 'La Strada Moldova';
const body = 'Working group on labour exploitation';
const place = 'Chisinau';
const minutes = 'Inspections in agriculture discussed with the inspectorate and La Strada';
const decision = 'Joint inspections in agriculture before the harvest';
const action = 'Plan ten joint inspections';
const trainingTitle = 'Indicators of forced labour for inspectors';
let h: BrowserHarness;
let admin: Awaited<ReturnType<typeof firstRun>>;

beforeAll(async () => {
  h = await startHarness();
  admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Coordination Office', type: 'national_coordinator' }, { ...coordinator, password, roles: ['national_coordinator'] });
  await addOrganisationWithUser(admin, { name: inspectorate, type: 'labour_inspectorate' }, { ...inspector, password, roles: ['organisation_admin'] });
  await admin.call('POST', '/api/organisations', { name: ngo, type: 'ngo' });
}, 600_000);
afterAll(async () => h.close());

async function addMember(page: Page, n: number, organisation: string, role: string) {
  await page.getByRole('button', { name: 'Add a member organisation' }).click();
  await page.getByLabel(`Member ${n}: organisation`, { exact: true }).selectOption({ label: organisation });
  await page.getByLabel(`Member ${n}: role`, { exact: true }).selectOption({ label: role });
}

describe('coordination', () => {
  it('the coordinator records a body, a meeting, an action and a training; the assigned organisation marks its action done; in Arabic too', async () => {
    const page = await signInInBrowser(h, coordinator.email, password);
    await page.getByRole('link', { name: 'Coordination', exact: true }).click();
    await page.getByRole('heading', { name: 'Coordination', level: 1 }).waitFor();

    // A period ending before it starts is refused, naming the field, in the reader's words.
    await page.getByLabel('Name of the body', { exact: true }).fill(body);
    await page.getByLabel('Kind of body', { exact: true }).selectOption({ label: 'Working group' });
    await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Protection' });
    await page.getByLabel('Active from', { exact: true }).fill('2024-01-01');
    await page.getByLabel('Active until (optional)', { exact: true }).fill('2023-01-01');
    await page.getByRole('button', { name: 'Create the body' }).click();
    await page.locator('#new-body-to-error').filter({ hasText: 'Must not be before the start.' }).waitFor();
    await page.getByLabel('Active until (optional)', { exact: true }).fill('');
    await addMember(page, 1, inspectorate, 'Chair');
    await addMember(page, 2, ngo, 'Member');
    await page.getByRole('button', { name: 'Create the body' }).click();
    await page.getByRole('heading', { name: body, level: 1 }).waitFor();
    const members = page.getByRole('region', { name: 'Organisations sitting in the body and their role' }).locator('tbody tr');
    await members.filter({ hasText: inspectorate }).filter({ hasText: 'Chair' }).waitFor();
    await members.filter({ hasText: ngo }).filter({ hasText: 'Member' }).waitFor();
    const bodyUrl = page.url();

    // A meeting with a decision.
    await page.getByLabel('Date of the meeting', { exact: true }).fill('2025-02-03');
    await page.getByLabel('Place (optional)', { exact: true }).fill(place);
    await page.getByLabel('Summary of the minutes (optional)', { exact: true }).fill(minutes);
    await page.getByLabel('Decision 1 (optional)', { exact: true }).fill(decision);
    await page.getByRole('button', { name: 'Record the meeting' }).click();
    await page.getByRole('heading', { name: new RegExp(`^Meeting of \\W?${body}\\W?, .*2025\\W?$`), level: 1 }).waitFor();
    await page.getByRole('listitem').filter({ hasText: decision }).waitFor();
    const meetingUrl = page.url();

    // A follow-up action due before the meeting is refused by the server, in the reader's words; then assigned.
    await page.getByLabel('Following from the decision (optional)', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Action', { exact: true }).fill(action);
    await page.getByLabel('Assigned to', { exact: true }).selectOption({ label: inspectorate });
    await page.getByLabel('Due on', { exact: true }).fill('2025-01-15');
    await page.getByRole('button', { name: 'Assign the action' }).click();
    await page.locator('#action-due-error').filter({ hasText: 'Must not be before the meeting.' }).waitFor();
    await page.getByLabel('Due on', { exact: true }).fill('2025-03-31');
    await page.getByRole('button', { name: 'Assign the action' }).click();
    const row = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: action }) });
    await row.filter({ hasText: inspectorate }).filter({ hasText: 'Overdue' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/coordination-meeting-en.png`, fullPage: true });

    // A training: women and men together more than the number trained is refused; then recorded.
    await page.goto(`${h.baseUrl}/coordination/trainings`);
    await page.getByRole('heading', { name: 'Trainings delivered', level: 1 }).waitFor();
    await page.getByLabel('Topic', { exact: true }).selectOption({ label: 'Labour exploitation' });
    await page.getByLabel('Title of the training', { exact: true }).fill(trainingTitle);
    await page.getByLabel('Audience', { exact: true }).selectOption({ label: 'Labour inspectors' });
    await page.getByLabel('Delivered by', { exact: true }).selectOption({ label: inspectorate });
    await page.getByLabel('Date', { exact: true }).fill('2025-03-10');
    await page.getByLabel('Number trained', { exact: true }).fill('25');
    await page.getByLabel('Women (optional)', { exact: true }).fill('20');
    await page.getByLabel('Men (optional)', { exact: true }).fill('13');
    await page.getByRole('button', { name: 'Record the training' }).click();
    await page.locator('#training-women-error').filter({ hasText: 'Women and men together must not be more than the number trained.' }).waitFor();
    await page.getByLabel('Women (optional)', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Record the training' }).click();
    await page.locator('tbody tr').filter({ hasText: trainingTitle }).filter({ hasText: '12 women, 13 men' }).filter({ hasText: 'Labour inspectors' }).waitFor();
    await waitForStatus(page, '25 officials trained in the trainings listed.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/coordination-trainings-en.png`, fullPage: true });

    // The training corrected: the form opens with what was recorded; the same check refuses a wrong correction.
    await page.getByRole('button', { name: `Correct ${trainingTitle}` }).click();
    const correction = page.getByRole('region', { name: `Correct the training: ${trainingTitle}` });
    expect(await correction.getByLabel('Number trained', { exact: true }).inputValue()).toBe('25');
    expect(await correction.getByLabel('Delivered by', { exact: true }).locator('option:checked').innerText()).toBe(inspectorate);
    await correction.getByLabel('Number trained', { exact: true }).fill('20');
    await correction.getByRole('button', { name: 'Save the correction' }).click();
    await page.locator('#correct-training-women-error').filter({ hasText: 'Women and men together must not be more than the number trained.' }).waitFor();
    await correction.getByLabel('Number trained', { exact: true }).fill('30');
    await correction.getByLabel('Men (optional)', { exact: true }).fill('18');
    await correction.getByRole('button', { name: 'Save the correction' }).click();
    await waitForStatus(page, `Training corrected: ${trainingTitle}`);
    await page.locator('tbody tr').filter({ hasText: trainingTitle }).filter({ hasText: '12 women, 18 men' }).waitFor();
    await waitForStatus(page, '30 officials trained in the trainings listed.');
    expect(await page.locator('tbody tr').filter({ hasText: trainingTitle }).count()).toBe(1);
    const audit = (await admin.call('GET', '/api/audit?limit=500'))['entries'] as Array<{ action: string; summary?: string | null }>;
    expect(audit.filter((e) => e.action === 'coordination_training.update').map((e) => e.summary)).toEqual(['labour_exploitation, labour_inspectors, 30 trained']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The labour inspectorate finds the action among its overdue ones and marks it done.
    const inspectorPage = await signInInBrowser(h, inspector.email, password);
    await inspectorPage.getByRole('link', { name: 'Coordination', exact: true }).click();
    await inspectorPage.getByRole('link', { name: 'Follow-up actions', exact: true }).click();
    await inspectorPage.getByLabel('Overdue actions only', { exact: true }).check();
    await inspectorPage.getByLabel("My organisation's actions only", { exact: true }).check();
    const own = inspectorPage.locator('tbody tr').filter({ has: inspectorPage.getByRole('rowheader', { name: action }) });
    await own.filter({ hasText: 'Overdue' }).waitFor();
    const form = inspectorPage.getByRole('form', { name: `Status of: ${action}` });
    await form.getByLabel('Status', { exact: true }).selectOption({ label: 'Done' });
    await form.getByLabel('Done on', { exact: true }).fill('2025-04-02');
    await form.getByRole('button', { name: 'Update the status' }).click();
    // Done: no longer among the overdue ones.
    await inspectorPage.getByText('No follow-up action.', { exact: true }).waitFor();
    await inspectorPage.getByLabel('Overdue actions only', { exact: true }).uncheck();
    await own.filter({ hasText: /Done \(.*2025\)/ }).waitFor();
    expect(await own.filter({ hasText: 'Overdue' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(inspectorPage)).toEqual([]);
    if (screenshots) await inspectorPage.screenshot({ path: `${screenshots}/coordination-actions-inspector-en.png`, fullPage: true });

    // In Arabic: the coordinator's pages say nothing in English but what people typed.
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    const typed = new Set([inspectorate, ngo, body, place, minutes, decision, action, trainingTitle, 'National Coordination Office', 'National Anti-Trafficking Coordinator'].join(' ').match(/[A-Za-z]+/g) ?? []);
    const leftovers = async () => ((await page.locator('main').innerText()).match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !typed.has(w));
    await page.getByRole('heading', { name: 'التدريبات المقدَّمة', level: 1 }).waitFor();
    await page.locator('tbody tr').filter({ hasText: 'مفتشو العمل' }).waitFor();
    expect(await leftovers()).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/coordination-trainings-ar.png`, fullPage: true });
    await page.goto(meetingUrl);
    await page.locator('tbody tr').filter({ hasText: 'منجز' }).waitFor();
    expect(await leftovers()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/coordination-meeting-ar.png`, fullPage: true });
    await page.goto(bodyUrl);
    await page.getByRole('heading', { name: body, level: 1 }).waitFor();
    await page.locator('tbody tr').filter({ hasText: 'الرئاسة' }).waitFor();
    expect(await leftovers()).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/coordination-body-ar.png`, fullPage: true });
    await page.goto(`${h.baseUrl}/coordination`);
    await page.locator('tbody tr').filter({ hasText: 'فريق عمل' }).waitFor();
    expect(await leftovers()).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/coordination-bodies-ar.png`, fullPage: true });
  });
});
