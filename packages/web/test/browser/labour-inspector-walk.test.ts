import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDetail, openPanel, section, waitForStatus, worklist } from './support.js';
import { expectAccessible, organisations, screenshotsOnFailure, startCast, users, type Cast } from './nrm-cast.js';

/**
 * A labour inspector notices a worker in danger: reports and screens the person without taking on their assistance,
 * then, with the person's consent, hands case management to an assistance organisation (a referral that moves the
 * case manager role), after which the inspectorate no longer sees the case, only the referral it sent.
 */
let cast: Cast;
beforeAll(async () => {
  cast = await startCast();
});
afterAll(async () => cast.close());
screenshotsOnFailure(() => cast, 'labour-inspector-walk');

describe('a labour inspector reports a suspicion and hands case management to an assistance organisation', () => {
  let inspectionCaseUrl = '';
  let inspectionReference = '';
  const transfer = `Case management (hand the case over)`;

  it('the inspector reports, screens and holds the case at intake, without a case record', async () => {
    const page = await cast.signIn('inspector');
    await worklist(cast.h, page);
    await page.getByRole('link', { name: 'Report a suspicion' }).click();
    await page.getByLabel('Name the person chose').fill('Ilie');
    await page.getByLabel('Jurisdiction').fill('NORTH');
    await page.getByRole('checkbox', { name: 'Forced labour' }).check();
    await page.getByRole('button', { name: 'Report suspicion' }).click();
    const heading = page.getByRole('heading', { name: /^Case C-\d{4}-/ });
    await heading.waitFor();
    inspectionCaseUrl = page.url();
    inspectionReference = ((await heading.textContent()) ?? '').replace('Case ', '');
    await page.getByText(/holds it at intake/).waitFor();
    expect(await page.getByRole('heading', { name: 'Assistance and case record' }).count()).toBe(0);
    expect(await page.locator('summary', { hasText: 'Case manager' }).count()).toBe(0);

    await openPanel(page, 'Screen against indicators');
    await page.getByLabel('Checklist').selectOption({ label: 'ILO indicators of forced labour (version 1)' });
    await page.getByRole('group', { name: 'Retention of identity documents' }).getByLabel('Present').check();
    await page.getByRole('button', { name: 'Record screening' }).click();
    await page.locator('.suggestion').getByText('Suggestion – not a decision').waitFor();
    await expectDetail(page, 'Stage', 'Screened');
    await expectAccessible(page);
  });

  it('with the person’s consent, the inspector offers case management to the NGO, which accepts', async () => {
    const page = await cast.signIn('inspector');
    await page.goto(inspectionCaseUrl);
    await page.getByRole('heading', { name: `Case ${inspectionReference}` }).waitFor();
    await openPanel(page, 'Record consent');
    await page.getByLabel('Purpose').selectOption({ label: 'Referral to another organisation' });
    await page.getByLabel('Organisation the person agrees to be referred to').selectOption({ label: `${organisations.ngo.name} (Non-governmental organisation)` });
    await page.getByRole('group', { name: 'Consent', exact: true }).getByLabel('Given').check();
    await page.getByLabel('How consent was given').selectOption({ label: 'Verbally' });
    await page.getByLabel('Assistance does not depend on cooperating with the police').check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await waitForStatus(page, 'Consent recorded: Referral to another organisation, Given.');
    await openPanel(page, 'Refer the person');
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: `${organisations.ngo.name} (Non-governmental organisation)` });
    await page.getByRole('group', { name: 'Referral for' }).getByLabel(transfer).check();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await waitForStatus(page, `Case management offered to ${organisations.ngo.name}.`);

    const ngo = await cast.signIn('caseworker');
    await ngo.goto(`${cast.h.baseUrl}/referrals`);
    const card = section(ngo, 'Received').locator('li', { has: ngo.getByRole('heading', { name: `${transfer}, from ${organisations.inspectorate.name}` }) });
    await card.getByRole('button', { name: `Accept ${inspectionReference}` }).click();
    await waitForStatus(ngo, `Referral from ${organisations.inspectorate.name} accepted.`);
    await ngo.goto(inspectionCaseUrl);
    await ngo.getByRole('heading', { name: `Case ${inspectionReference}` }).waitFor();
    await (await openPanel(ngo, 'Case manager')).getByText(`Case manager: ${users.caseworker.name}`).waitFor();
    await section(ngo, 'Assistance and case record').waitFor();
  });

  it('the inspectorate then sees the case no more, only its referral in what it sent', async () => {
    const page = await cast.signIn('inspector');
    await page.goto(inspectionCaseUrl);
    await page.getByRole('heading', { name: 'Case not found' }).waitFor();
    await page.goto(`${cast.h.baseUrl}/referrals`);
    const sent = section(page, 'Sent');
    const card = sent.locator('li', { has: page.getByRole('heading', { name: `${transfer}, to ${organisations.ngo.name}` }) });
    await card.getByText('Accepted', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Received', exact: true }).count()).toBe(0);
    await card.getByText(inspectionReference, { exact: true }).first().waitFor();
    expect(await card.getByRole('link', { name: inspectionReference }).count()).toBe(0);
    await expectAccessible(page);
  });
});
