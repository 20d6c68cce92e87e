import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, apiJson, apiPost, apiStatus, expectDetail, openPanel, waitForStatus, worklist, section, type BrowserHarness } from './support.js';
import { expectAccessible, organisations, password, screenshotsOnFailure, startCast, users, type Cast, type UserKey } from './nrm-cast.js';

/**
 * One person through the National Referral Mechanism, in the browser, with the people of four organisations: an NGO
 * caseworker reports an anonymous suspicion, screens the person and becomes their case manager; the competent
 * authority decides reasonable grounds on the fields shared with it; the person consents to a referral to a shelter,
 * which accepts, declines a second referral with a reason and records the service delivered; the NGO plans with the
 * person, follows up with wellbeing per area and corrects a follow-up; the authority decides conclusive grounds. At
 * every step each user is checked for what they can and cannot see: the shelter nothing before the referral, then
 * only the minimum data set, never the NGO's counselling note; a police investigator nothing at all until the person
 * consents to sharing with law enforcement, then only what law enforcement may see; the national rapporteur no case.
 * Set-up (organisations, users: nrm-cast.ts) goes through the API; everything the walk is about goes through the
 * screens. A labour inspector's case handed to the NGO is walked in labour-inspector-walk.test.ts.
 */
let cast: Cast;
let h: BrowserHarness;

// What the NGO records about the person: a chosen name and a phone, no legal name (anonymous intake).
const pseudonym = 'Mira';
const phone = '+40700000042';
const counsellingNote = 'Sleeps badly since leaving the farm; talked about her sister.';
const goalInWords = 'A safe place to live while I decide what to do next.';
const today = new Date().toISOString().slice(0, 10);

let caseUrl = '';
let caseId = '';
let reference = '';

beforeAll(async () => {
  cast = await startCast();
  h = cast.h;
});
afterAll(async () => cast.close());
screenshotsOnFailure(() => cast, 'nrm-walk');
const signIn = (key: UserKey) => cast.signIn(key);

let supervisorClient: ApiClient | undefined;
/** The NGO supervisor, through the API (signed in once: a code is accepted only once). */
async function supervisor(): Promise<ApiClient> {
  if (!supervisorClient) {
    supervisorClient = new ApiClient(h.baseUrl);
    await supervisorClient.signIn(users.supervisor.email, password);
  }
  return supervisorClient;
}

async function openCase(page: Page) {
  await page.goto(caseUrl);
  await page.getByRole('heading', { name: `Case ${reference}` }).waitFor();
}

/** Police, before the person consents to sharing with law enforcement: no case in the worklist, 404 for the case. */
async function expectPoliceSeeNothing() {
  const page = await signIn('investigator');
  await worklist(h, page);
  await page.getByText('No cases match.').waitFor();
  expect(await apiStatus(page, `/api/cases/${caseId}`)).toBe(404);
  expect(await apiStatus(page, `/api/cases/${caseId}/records`)).toBe(403);
  const search = await apiJson<{ results: unknown[] }>(page, `/api/cases/search?reference=${reference}`);
  expect(search.results).toEqual([]);
}

/** A user of an organisation the case was not shared with: nothing in the worklist, nothing by its address. */
async function expectShelterSeesNothing() {
  const page = await signIn('shelterWorker');
  expect(await apiStatus(page, `/api/cases/${caseId}`)).toBe(404);
  expect(await apiStatus(page, `/api/cases/${caseId}/records`)).toBe(404);
  await page.goto(caseUrl);
  await page.getByRole('heading', { name: 'Case not found' }).waitFor();
  expect(await page.getByText(phone).count()).toBe(0);
}

describe('one person through the National Referral Mechanism', () => {
  it('an NGO caseworker reports an anonymous suspicion and becomes the case manager', async () => {
    const page = await signIn('caseworker');
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Report a suspicion' }).click();
    await page.getByText(/anonymous intake is allowed/).waitFor();
    await page.getByLabel('Name the person chose').fill(pseudonym);
    await page.getByLabel('Phone').fill(phone);
    await page.getByLabel('Jurisdiction').fill('NORTH');
    await page.getByRole('checkbox', { name: 'Forced labour' }).check();
    await page.getByRole('button', { name: 'Report suspicion' }).click();
    const heading = page.getByRole('heading', { name: /^Case C-\d{4}-/ });
    await heading.waitFor();
    caseUrl = page.url();
    caseId = caseUrl.split('/').pop() ?? '';
    reference = ((await heading.textContent()) ?? '').replace('Case ', '');
    await expectDetail(page, 'Stage', 'Reported');
    await expectDetail(page, 'Given name', 'Not recorded');
    await expectDetail(page, 'Name the person chose', pseudonym);

    const panel = await openPanel(page, 'Case manager');
    await panel.getByText(`Case manager: ${users.caseworker.name}`).waitFor();
    await expectAccessible(page);
  });

  it('screens the person against translated indicators; the result is a suggestion', async () => {
    const page = await signIn('caseworker');
    await openPanel(page, 'Screen against indicators');
    await page.getByLabel('Checklist').selectOption({ label: 'General indicators of trafficking in persons (version 1)' });
    // The checklist reads in the user's language: French and Arabic, from the checklist's item codes.
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Français' });
    await page.getByRole('group', { name: 'Documents d’identité ou de voyage détenus par quelqu’un d’autre' }).waitFor();
    await page.getByLabel('Langue', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('group', { name: 'وثائق الهوية أو السفر بحوزة شخص آخر' }).waitFor();
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
    await page.getByRole('group', { name: 'Identity or travel documents held by someone else' }).getByLabel('Present').check();
    await page.getByRole('group', { name: 'Made to work, provide services or beg against their will' }).getByLabel('Present').check();
    await page.getByRole('button', { name: 'Record screening' }).click();
    const suggestion = page.locator('.suggestion');
    await suggestion.getByText('Suggestion – not a decision').waitFor();
    await suggestion.getByText(/Only the competent authority decides/).waitFor();
    await expectDetail(page, 'Stage', 'Screened');
  });

  it('nobody outside the NGO sees the case yet; the NGO supervisor does', async () => {
    await expectPoliceSeeNothing();
    await expectShelterSeesNothing();
    const authority = await signIn('decisionMaker');
    expect(await apiStatus(authority, `/api/cases/${caseId}`)).toBe(404);
    await worklist(h, authority);
    await authority.getByText('No cases match.').waitFor();

    const seen = await (await supervisor()).call('GET', `/api/cases/${caseId}`);
    expect((seen['person'] as { fields: Record<string, unknown> }).fields['phone']).toBe(phone);
  });

  it('only the competent authority decides, with a reason: reasonable grounds, on the shared fields only', async () => {
    const page = await signIn('caseworker');
    await openCase(page);
    await openPanel(page, 'Record consent');
    await page.getByLabel('Purpose').selectOption({ label: 'Referral to another organisation' });
    await page.getByLabel('Organisation the person agrees to be referred to').selectOption({ label: `${organisations.authority.name} (Competent authority)` });
    await page.getByRole('group', { name: 'Consent', exact: true }).getByLabel('Given').check();
    await page.getByLabel('How consent was given').selectOption({ label: 'Verbally' });
    await page.getByLabel('Why the information is collected').check();
    await page.getByLabel('Assistance does not depend on cooperating with the police').check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await waitForStatus(page, 'Consent recorded: Referral to another organisation, Given.');
    await openPanel(page, 'Request a reasonable-grounds decision');
    await page.getByLabel('Competent authority').selectOption({ label: organisations.authority.name });
    await page.getByRole('button', { name: 'Request a decision' }).click();
    await waitForStatus(page, `Decision requested from ${organisations.authority.name}.`);
    await expectDetail(page, 'Stage', 'Awaiting reasonable-grounds decision');
    // The NGO cannot decide: no decision panel, and the server refuses.
    expect(await page.locator('summary', { hasText: /^Decide$/ }).count()).toBe(0);
    expect(await apiPost(page, `/api/cases/${caseId}/decisions`, { kind: 'reasonable_grounds', outcome: 'positive', reason: 'We think so ourselves.', version: 1 })).toBe(403);

    const authority = await signIn('decisionMaker');
    await worklist(h, authority);
    await authority.getByRole('table', { name: 'Cases' }).getByRole('link', { name: reference }).click();
    await authority.getByRole('heading', { name: `Case ${reference}` }).waitFor();
    const person = section(authority, 'The person');
    await person.getByText('Name the person chose').waitFor();
    expect(await person.textContent()).not.toContain(phone);
    expect(await authority.getByRole('heading', { name: 'Assistance and case record' }).count()).toBe(0);
    const fields = await apiJson<{ person: { fields: Record<string, unknown> } }>(authority, `/api/cases/${caseId}`);
    expect(Object.keys(fields.person.fields).sort()).toEqual(['birthDate', 'familyName', 'givenName', 'pseudonym']);
    expect(await apiStatus(authority, `/api/cases/${caseId}/records`)).toBe(403);

    // A decision needs a reason.
    await authority.getByRole('group', { name: 'Outcome' }).getByLabel('Positive').check();
    await authority.getByRole('button', { name: 'Record decision' }).click();
    await authority.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await authority.getByLabel('Reason', { exact: true }).fill('Credible account of forced farm work; documents kept by the employer.');
    await authority.getByRole('button', { name: 'Record decision' }).click();
    await waitForStatus(authority, 'Decision recorded: Reasonable grounds, Positive.');
    await expectDetail(authority, 'Stage', 'Reasonable grounds: positive');
    await expectAccessible(authority);
    await expectPoliceSeeNothing();
  });

  it('the case manager assesses needs and risks, records the goal the person chose, residence and a counselling note, and hands the case to a colleague', async () => {
    const page = await signIn('caseworker');
    await openCase(page);
    await openPanel(page, 'Add to the case record');
    await page.getByLabel('What to record').selectOption({ label: 'Needs assessment' });
    await page.getByLabel('Level of need: Shelter').selectOption({ label: 'High' });
    await page.getByLabel('Urgent: Shelter').check();
    await page.getByLabel('Level of need: Psychosocial support').selectOption({ label: 'Medium' });
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await waitForStatus(page, 'Added to the record: Needs assessment.');

    await page.getByLabel('What to record').selectOption({ label: 'Assistance goal' });
    await page.getByLabel('Area of the goal').selectOption({ label: 'Shelter' });
    await page.getByLabel('Goal status').selectOption({ label: 'In progress' });
    await page.getByLabel('The person chose this goal').check();
    await page.getByLabel('The goal, in the person’s words').or(page.getByLabel("The goal, in the person's words")).fill(goalInWords);
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await waitForStatus(page, 'Added to the record: Assistance goal.');

    await page.getByLabel('What to record').selectOption({ label: 'Risk and security assessment' });
    await page.getByLabel('Risk level').selectOption({ label: 'Medium' });
    await page.getByRole('group', { name: 'Areas of risk' }).getByLabel('Retaliation').check();
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await waitForStatus(page, 'Added to the record: Risk and security assessment.');

    await page.getByLabel('What to record').selectOption({ label: 'Residence status' });
    await page.getByLabel('Residence status', { exact: true }).selectOption({ label: 'Recovery and reflection period' });
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await waitForStatus(page, 'Added to the record: Residence status.');

    await page.getByLabel('What to record').selectOption({ label: 'Counselling note' });
    await page.getByLabel('Counselling note', { exact: true }).fill(counsellingNote);
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await waitForStatus(page, 'Added to the record: Counselling note.');
    const records = section(page, 'Assistance and case record');
    await records.getByText(goalInWords).first().waitFor();
    await records.getByText(counsellingNote).waitFor();
    await records.getByText('Your organisation only').waitFor();
    await records.getByText('Areas of risk: Retaliation').waitFor();
    await records.getByText('Residence status: Recovery and reflection period').waitFor();

    const panel = await openPanel(page, 'Case manager');
    await panel.getByLabel('New case manager').selectOption({ label: users.colleague.name });
    await panel.getByLabel('Reason for the change').fill('Ana is on leave next month.');
    await panel.getByRole('button', { name: 'Change the case manager' }).click();
    await waitForStatus(page, `${users.colleague.name} is now the case manager.`);
    await (await openPanel(page, 'Case manager')).getByText(`Case manager: ${users.colleague.name}`).waitFor();
    await records.getByRole('heading', { name: 'Case manager assigned' }).waitFor();
    await expectAccessible(page);
    // The supervisor sees the organisation's counselling note (same organisation).
    const list = (await (await supervisor()).call('GET', `/api/cases/${caseId}/records`))['records'] as Array<{ notes: string | null }>;
    expect(list.map((r) => r.notes)).toContain(counsellingNote);
  });

  it('a referral to the shelter needs the person’s consent, and sends only the minimum data set', async () => {
    const page = await signIn('caseworker');
    await openCase(page);
    const refer = async (service: string) => {
      await openPanel(page, 'Refer the person');
      await page.getByLabel('Organisation', { exact: true }).selectOption({ label: `${organisations.shelter.name} (Shelter)` });
      await page.getByLabel('Service', { exact: true }).selectOption({ label: service });
      await page.getByRole('button', { name: 'Send referral' }).click();
    };
    await refer('Shelter');
    await page.getByRole('alert').filter({ hasText: /has not consented/ }).waitFor();
    await expectShelterSeesNothing();

    await openCase(page);
    await openPanel(page, 'Record consent');
    await page.getByLabel('Purpose').selectOption({ label: 'Referral to another organisation' });
    await page.getByLabel('Organisation the person agrees to be referred to').selectOption({ label: `${organisations.shelter.name} (Shelter)` });
    await page.getByRole('group', { name: 'Consent', exact: true }).getByLabel('Given').check();
    await page.getByLabel('How consent was given').selectOption({ label: 'Verbally' });
    await page.getByLabel('Why the information is collected').check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await waitForStatus(page, 'Consent recorded: Referral to another organisation, Given.');

    await refer('Shelter');
    await waitForStatus(page, `Referral sent to ${organisations.shelter.name}.`);
    await refer('Psychosocial support');
    await waitForStatus(page, `Referral sent to ${organisations.shelter.name}.`);
    const referrals = section(page, 'Referrals');
    await referrals.getByRole('heading', { name: `Shelter, to ${organisations.shelter.name}` }).waitFor();
    await expectAccessible(page);
  });

  it('the shelter sees the referral in its inbox and only the minimum data set, never the counselling note; it accepts one and declines the other with a reason', async () => {
    const page = await signIn('shelterWorker');
    await page.getByRole('link', { name: 'Referrals' }).click();
    const inbox = section(page, 'Received');
    const shelterCard = inbox.locator('li', { has: page.getByRole('heading', { name: `Shelter, from ${organisations.ngo.name}` }) });
    await shelterCard.getByText('Details shared: Given name, Family name, Name the person chose, Birth date, and Phone').waitFor();
    await expectAccessible(page);

    await shelterCard.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `Case ${reference}` }).waitFor();
    await expectDetail(page, 'Name the person chose', pseudonym);
    await expectDetail(page, 'Phone', phone);
    expect(await section(page, 'The person').getByText('Address').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Assistance and case record' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Consent', exact: true }).count()).toBe(0);
    expect(await page.getByText(counsellingNote).count()).toBe(0);
    expect(await apiStatus(page, `/api/cases/${caseId}/records`)).toBe(404);
    expect(await apiStatus(page, `/api/cases/${caseId}/plan`)).toBe(404);
    const view = await apiJson<{ person: { fields: Record<string, unknown> } }>(page, `/api/cases/${caseId}`);
    expect(Object.keys(view.person.fields).sort()).toEqual(['birthDate', 'familyName', 'givenName', 'phone', 'pseudonym']);
    expect(JSON.stringify(view)).not.toContain(counsellingNote);
    expect(JSON.stringify(view)).not.toContain(goalInWords);

    await page.getByRole('link', { name: 'Referrals' }).click();
    await shelterCard.getByRole('button', { name: `Accept ${reference}` }).click();
    await waitForStatus(page, `Referral from ${organisations.ngo.name} accepted.`);
    const psychosocialCard = inbox.locator('li', { has: page.getByRole('heading', { name: `Psychosocial support, from ${organisations.ngo.name}` }) });
    await psychosocialCard.locator('summary', { hasText: 'Decline' }).click();
    await psychosocialCard.getByLabel('Reason for declining').fill('No counsellor speaking her language this month.');
    await psychosocialCard.getByRole('button', { name: 'Decline referral' }).click();
    await waitForStatus(page, `Referral from ${organisations.ngo.name} declined.`);
    await psychosocialCard.getByText('Declined', { exact: true }).waitFor();
  });

  it('the shelter records the service delivered; its access ends with the referral', async () => {
    const page = await signIn('shelterWorker');
    const inbox = section(page, 'Received');
    const shelterCard = inbox.locator('li', { has: page.getByRole('heading', { name: `Shelter, from ${organisations.ngo.name}` }) });
    await shelterCard.locator('summary', { hasText: 'Record the service delivered' }).click();
    await shelterCard.getByLabel('Delivered from').fill(today);
    await shelterCard.getByLabel(/^Note/).fill('Room 4; settled in well.');
    await shelterCard.getByRole('button', { name: 'Record service delivered' }).click();
    await waitForStatus(page, 'Service recorded as delivered.');
    await shelterCard.getByText('Service delivered', { exact: true }).waitFor();
    await shelterCard.getByText('no longer shared', { exact: false }).waitFor();
    expect(await apiStatus(page, `/api/cases/${caseId}`)).toBe(404);
    await expectPoliceSeeNothing();
  });

  it('the NGO sees the service in the plan and the decline reason, follows up with wellbeing per area and corrects it', async () => {
    const page = await signIn('caseworker');
    await openCase(page);
    const referrals = section(page, 'Referrals');
    await referrals.getByText('No counsellor speaking her language this month.').waitFor();
    await referrals.getByText(/^Service delivered from /).waitFor();
    const records = section(page, 'Assistance and case record');
    await records.getByText(new RegExp(`^Safe accommodation, ${organisations.shelter.name}, `)).waitFor();

    await openPanel(page, 'Add to the case record');
    await page.getByLabel('What to record').selectOption({ label: 'Follow-up' });
    await page.getByLabel('Follow-up', { exact: true }).selectOption({ label: 'On entry' });
    await page.getByLabel('Date', { exact: true }).fill(today);
    await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Took place' });
    await page.getByLabel('Overall wellbeing').selectOption({ label: '3 out of 5' });
    await page.getByLabel('Wellbeing: Safety').selectOption({ label: '4 out of 5' });
    await page.getByLabel('Wellbeing: Emotional wellbeing').selectOption({ label: '2 out of 5' });
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await waitForStatus(page, 'Added to the record: Follow-up.');
    const followUp = records.locator('li', { has: page.getByRole('heading', { name: 'Follow-up', exact: true }) }).first();
    await followUp.getByText('Wellbeing: Safety: 4 out of 5').waitFor();
    await followUp.getByText('Wellbeing: Emotional wellbeing: 2 out of 5').waitFor();
    const followUps = page.getByRole('table', { name: 'Follow-ups' });
    await followUps.getByRole('row', { name: /On entry/ }).getByText(/Took place · 3 out of 5/).waitFor();

    // A correction supersedes the record; the earlier version stays in the history.
    await followUp.getByRole('button', { name: /^Correct Follow-up/ }).click();
    const correction = followUp.locator('.case-action-body', { has: page.getByRole('heading', { name: 'Correct: Follow-up' }) });
    await correction.getByLabel('Overall wellbeing').selectOption({ label: '4 out of 5' });
    await correction.getByRole('button', { name: 'Record the correction' }).click();
    await waitForStatus(page, 'Correction recorded: Follow-up. The earlier version stays in the history.');
    const corrected = records.locator('li', { has: page.getByText('Correction', { exact: true }) }).filter({ has: page.getByRole('heading', { name: 'Follow-up', exact: true }) });
    await corrected.getByText('Overall wellbeing: 4 out of 5').waitFor();
    await corrected.getByText('Wellbeing: Safety: 4 out of 5').first().waitFor();
    await corrected.locator('summary', { hasText: 'Earlier versions (1)' }).click();
    await corrected.getByText('Overall wellbeing: 3 out of 5').waitFor();
    await corrected.getByText('Superseded', { exact: true }).waitFor();
    await followUps.getByRole('row', { name: /On entry/ }).getByText(/Took place · 4 out of 5/).waitFor();
    await expectAccessible(page);
  });

  it('the competent authority decides conclusive grounds, still without the case record', async () => {
    const authority = await signIn('decisionMaker');
    await openCase(authority);
    await openPanel(authority, 'Decide');
    await expect(authority.getByLabel('Decision', { exact: true }).inputValue()).resolves.toBe('conclusive_grounds');
    await authority.getByRole('group', { name: 'Outcome' }).getByLabel('Positive').check();
    await authority.getByLabel('Reason', { exact: true }).fill('Interview and the labour inspection report corroborate the account.');
    await authority.getByRole('button', { name: 'Record decision' }).click();
    await waitForStatus(authority, 'Decision recorded: Conclusive grounds, Positive.');
    await expectDetail(authority, 'Stage', 'Conclusive grounds: positive');
    expect(await authority.getByText(counsellingNote).count()).toBe(0);
    expect(await authority.getByText(goalInWords).count()).toBe(0);
    await expectPoliceSeeNothing();
  });

  it('with the person’s consent to sharing with law enforcement, the police see the case, and only what law enforcement may', async () => {
    const page = await signIn('caseworker');
    await openCase(page);
    await openPanel(page, 'Record consent');
    await page.getByLabel('Purpose').selectOption({ label: 'Sharing with law enforcement' });
    await page.getByRole('group', { name: 'Consent', exact: true }).getByLabel('Given').check();
    await page.getByLabel('How consent was given').selectOption({ label: 'In writing' });
    await page.getByLabel('Why the information is collected').check();
    await page.getByLabel('Assistance does not depend on cooperating with the police').check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await waitForStatus(page, 'Consent recorded: Sharing with law enforcement, Given.');

    const police = await signIn('investigator');
    await worklist(h, police);
    await police.getByRole('table', { name: 'Cases' }).getByRole('link', { name: reference }).click();
    await police.getByRole('heading', { name: `Case ${reference}` }).waitFor();
    const person = section(police, 'The person');
    await person.getByText('Birth date').waitFor();
    const text = (await person.textContent()) ?? '';
    expect(text).not.toContain(pseudonym);
    expect(text).not.toContain(phone);
    expect(await police.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await police.getByText(counsellingNote).count()).toBe(0);
    const view = await apiJson<{ person: { fields: Record<string, unknown> } }>(police, `/api/cases/${caseId}`);
    expect(Object.keys(view.person.fields).sort()).toEqual(['birthDate', 'familyName', 'givenName']);
    expect(await apiStatus(police, `/api/cases/${caseId}/records`)).toBe(403);
    await expectAccessible(police);
  });

  it('the national rapporteur sees no case and no name', async () => {
    const page = await signIn('rapporteur');
    expect(await page.getByRole('link', { name: 'Cases' }).count()).toBe(0);
    expect(await apiStatus(page, '/api/cases')).toBe(403);
    expect(await apiStatus(page, `/api/cases/${caseId}`)).toBe(403);
    expect(await apiStatus(page, `/api/cases/search?reference=${reference}`)).toBe(403);
  });
});
