import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseView, homeView, type CaseView, type HomeView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { SopVersionView } from './sop.contracts.js';

/**
 * A country that edits its SOP sees its own words: a shipped measure whose title the national coordinator rewrote, and
 * a measure the country added, carry no shipped key (the web app shows them as entered, in every language) on the case
 * page, the caseworker's home and the timeline; a shipped measure left alone keeps its key (shown translated).
 */
let t: TestApp;
let coordinator: Client;
let caseworker: Client;
let caseId: string;

const edited = 'first-assistance.safety';
const editedTitle = 'Évaluation des risques — dans les 12 heures (Ministère)';
const added = 'country.hotline-call';
const addedTitle = 'Call the national hotline (مكالمة الخط الساخن)';
const untouched = 'identification.initial-referral';
// A measure of the country's own under a shipped measure's title: the timeline knows it by its id, not by its words.
const namesake = 'country.second-referral';

beforeAll(async () => {
  t = await createTestApp();
  const national = await insertOrganisation(t, 'national_coordinator');
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  coordinator = await clientFor(t, await insertUser(t, national, ['national_coordinator']));
  caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));

  const current = (await coordinator.request('GET', '/api/sops')).json<SopVersionView>();
  const sops = current.document.sops;
  const safety = sops[1]?.measures.find((m) => m.id === edited);
  if (!safety) throw new Error('the shipped SOP has no safety assessment');
  safety.title = editedTitle;
  sops[1]?.measures.push({
    id: added,
    title: addedTitle,
    what: 'Tell the national hotline a person was met.',
    when: { stage: 'reported', deadlineDays: 1 },
    who: { organisationTypes: ['ngo'], organisationIds: [] },
    how: 'By telephone.',
    services: [],
  });
  sops[1]?.measures.push({
    id: namesake,
    title: 'Initial referral',
    what: 'Refer the person a second time when the first organisation cannot help.',
    when: { stage: 'reported', deadlineDays: 3 },
    who: { organisationTypes: ['ngo'], organisationIds: [] },
    how: 'By telephone.',
    services: [],
  });
  const saved = await coordinator.request('POST', '/api/sops/versions', { sops, changeNote: 'Our own wording', basedOnVersion: current.version });
  expect(saved.statusCode, saved.body).toBe(200);

  const opened = await caseworker.request('POST', '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH' } }, { 'idempotency-key': randomUUID() });
  expect(opened.statusCode, opened.body).toBe(200);
  caseId = opened.json<{ id: string }>().id;
});
afterAll(async () => t.close());

async function view(): Promise<CaseView> {
  const response = await caseworker.request('GET', `/api/cases/${caseId}`);
  expect(response.statusCode, response.body).toBe(200);
  return caseView.parse(response.json());
}

describe("a country's own SOP words", () => {
  it('are on the case page as entered, not as shipped; an untouched measure is still the shipped one', async () => {
    const measures = (await view()).measures ?? [];
    const byId = new Map(measures.map((m) => [m.id, m]));
    expect(byId.get(edited)).toMatchObject({ title: editedTitle, asShipped: { title: false, sopTitle: true, what: true, how: true } });
    expect(byId.get(added)).toMatchObject({ title: addedTitle, asShipped: { title: false, what: false, how: false } });
    expect(byId.get(untouched)).toMatchObject({ title: 'Initial referral', asShipped: { title: true, what: true, how: true } });
  });

  it("are on the caseworker's home, the edited and added measures with no shipped key", async () => {
    // The case entered its stage two days ago: the one-day measures are overdue.
    await t.platform.db.updateTable('cases').set({ stage_entered_at: new Date(Date.now() - 2 * 86_400_000) }).where('id', '=', caseId).execute();
    const response = await caseworker.request('GET', '/api/home');
    expect(response.statusCode, response.body).toBe(200);
    const items = homeView.parse(response.json()).measuresOverdue?.items ?? [];
    const pairs = items.map((i: NonNullable<HomeView['measuresOverdue']>['items'][number]) => [i.measureTitle, i.measureKey]);
    expect(pairs).toContainEqual([editedTitle, undefined]);
    expect(pairs).toContainEqual([addedTitle, undefined]);
    expect(pairs).toContainEqual(['Initial referral', untouched]);
    expect(pairs).not.toContainEqual(['Immediate safety and risk assessment', edited]);
  });

  it('are on the timeline as entered, with a shipped key only for the untouched measure', async () => {
    for (const id of [edited, added, untouched, namesake]) {
      const done = await caseworker.request('POST', `/api/cases/${caseId}/measures/${id}/done`, {});
      expect(done.statusCode, done.body).toBe(200);
    }
    const facts = ((await view()).timeline ?? []).filter((e) => e.action === 'measure.done').map((e) => e.facts);
    expect(facts).toHaveLength(4);
    expect(facts).toContainEqual({ sop: '2', measure: editedTitle });
    expect(facts).toContainEqual({ sop: '2', measure: 'Initial referral' });
    expect(facts).toContainEqual({ sop: '2', measure: addedTitle });
    expect(facts).toContainEqual({ sop: '1', measure: 'Initial referral', measureKey: untouched });
  });
});
