import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundEstimate, type BootstrapView, type EstimationResultView, type OverlapPreviewView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { bootstrapInterval } from './bootstrap.js';
import { overlapFromCases } from './overlap-from-cases.js';
import { parseOverlapTable } from './overlap-table.js';

/**
 * Before estimating from the case records: the overlap of a grouping, the plain reason it cannot be estimated and a
 * grouping that can, checked by estimating it; and the bootstrap interval on request.
 *
 * Three NGOs and a shelter; everyone the shelter took in is known to an NGO too, so the natural first try (all NGOs
 * on one list, the shelter on another) puts everyone counted on the NGO list.
 */
const ukdat = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8');
const YEAR = 2016;
/** People on exactly these organisations (bit 0..2: the NGOs, bit 3: the shelter) and how many: 91 people. */
const cells: Array<[number, number]> = [
  [0b0001, 20],
  [0b0010, 15],
  [0b0100, 12],
  [0b0011, 6],
  [0b0101, 5],
  [0b0110, 4],
  [0b0111, 2],
  [0b1001, 12],
  [0b1010, 7],
  [0b1100, 6],
  [0b1011, 2],
];
const observed = cells.reduce((sum, [, count]) => sum + count, 0);

let t: TestApp;
let ngoIds: string[];
let shelterId: string;
let rapporteur: Client;
let caseworker: Client;

function person(n: number) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const code = `${letters[n % 26]}${letters[Math.floor(n / 26) % 26]}`;
  return { givenName: `Grp${code}`, familyName: `Grpfam${code}`, birthDate: `${1950 + (n % 45)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}` };
}

beforeAll(async () => {
  t = await createTestApp();
  ngoIds = [await insertOrganisation(t, 'ngo'), await insertOrganisation(t, 'ngo'), await insertOrganisation(t, 'ngo')];
  shelterId = await insertOrganisation(t, 'shelter');
  const workers = await Promise.all([...ngoIds, shelterId].map(async (id) => clientFor(t, await insertUser(t, id, ['caseworker']))));
  caseworker = workers[0] as Client;
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  let n = 0;
  for (const [mask, count] of cells) {
    for (let i = 0; i < count; i++, n++) {
      for (const [index, client] of workers.entries()) {
        if (((mask >> index) & 1) === 0) continue;
        const response = await client.request('POST', '/api/cases', { person: person(n) }, { 'idempotency-key': randomUUID() });
        expect(response.statusCode, response.body).toBe(200);
        await t.platform.db.updateTable('cases').set({ opened_at: new Date(Date.UTC(YEAR, 3, 1)) }).where('id', '=', (response.json() as { id: string }).id).execute();
      }
    }
  }
});
afterAll(async () => t.close());

const allNgosOnOneList = () => [
  { name: 'NGOs', organisationIds: ngoIds },
  { name: 'Shelter', organisationIds: [shelterId] },
];

describe('the overlap of a grouping, before estimating', () => {
  it('all NGOs on one list: the counts perturbed, the plain reason, and a grouping that can be estimated, which then is', async () => {
    const response = await rapporteur.request('POST', '/api/estimation/overlap-preview', { year: YEAR, lists: allNgosOnOneList().map(({ organisationIds }) => ({ organisationIds })) });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as OverlapPreviewView;
    // Each count is that of a set of people, perturbed by at most 2 (cell-key method), never withheld.
    const near = (shown: { value: number | null } | undefined, exact: number) => expect(Math.abs((shown?.value ?? -99) - exact)).toBeLessThanOrEqual(2);
    near(preview.observed, observed);
    near(preview.lists[0]?.people, observed);
    near(preview.lists[1]?.people, 27);
    near(preview.lists[1]?.alsoOnAnother, 27);
    // On two or more lists: on the shelter and the NGO list; several NGOs are one list.
    near(preview.onTwoOrMore, 27);
    expect(preview.reason).toMatchObject({ code: 'everyone-on-list', list: 0 });
    expect(preview.reason?.text).toBe('Everyone counted is on the list "L1", so nothing shows how many people that list misses.');
    // Split by type gives the same two lists: one list per organisation is suggested, four lists.
    expect(preview.suggestion?.kind).toBe('each-organisation');
    expect(preview.suggestion?.lists.map((list) => list.organisationIds)).toEqual(expect.arrayContaining([[shelterId], ...ngoIds.map((id) => [id])]));
    expect(preview.suggestion?.lists).toHaveLength(4);

    const lists = (preview.suggestion?.lists ?? []).map((list, i) => ({ name: `S${i + 1}`, organisationIds: list.organisationIds }));
    const estimated = await rapporteur.request('POST', '/api/estimation/from-cases', { year: YEAR, lists });
    expect(estimated.statusCode, estimated.body).toBe(200);
    const again = await rapporteur.request('POST', '/api/estimation/overlap-preview', { year: YEAR, lists: lists.map(({ organisationIds }) => ({ organisationIds })) });
    expect(again.json()).toMatchObject({ reason: null, suggestion: null });
    // The estimate's observed total is the same set of people as the preview's, perturbed alike: the same value.
    const estimatedObserved = (estimated.json() as EstimationResultView).observed;
    expect(Math.abs(estimatedObserved - observed)).toBeLessThanOrEqual(2);
    expect(estimatedObserved).toBe((again.json() as OverlapPreviewView).observed.value);

    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'purpose', 'actor_user_id']).where('action', '=', 'estimation.overlap_preview').orderBy('occurred_at').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ purpose: 'statistics', actor_user_id: rapporteur.userId });
    expect(audit[0]?.summary).toMatch(/^year 2016, 2 lists, \d+ on the lists, \d+ on two or more: cannot be estimated \(everyone-on-list\); suggested one list per organisation \(4 lists\)$/);
    expect(audit[1]?.summary).toMatch(/can be estimated$/);
    expect(response.body).not.toMatch(/Grp[a-z]/);
  });

  it('estimating that grouping anyway answers 422 with the plain reason first, and the statistician\'s terms after', async () => {
    const response = await rapporteur.request('POST', '/api/estimation/from-cases', { year: YEAR, lists: allNgosOnOneList() });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'not-estimable' });
    expect(response.json().message).toBe(
      'Everyone counted is on the list "NGOs", so nothing shows how many people that list misses. (In the statistician\'s terms: column 1: everyone observed is on list "NGOs", so the data say nothing about who that list misses; the estimate does not exist)',
    );
  });

  it('one list: nothing to compare it with; the suggestion splits its organisations', async () => {
    const response = await rapporteur.request('POST', '/api/estimation/overlap-preview', { year: YEAR, lists: [{ organisationIds: ngoIds }] });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as OverlapPreviewView;
    expect(preview.lists).toHaveLength(1);
    expect(preview.reason?.code).toBe('one-list');
    expect(preview.onTwoOrMore.value).toBe(0);
    expect(preview.suggestion).toMatchObject({ kind: 'each-organisation' });
    expect(preview.suggestion?.lists.map((list) => list.organisationIds[0]).sort()).toEqual([...ngoIds].sort());
  });

  it('a list nobody is on is named; the suggestion leaves out organisations that hold no case that year', async () => {
    const idle = await insertOrganisation(t, 'labour_inspectorate');
    const response = await rapporteur.request('POST', '/api/estimation/overlap-preview', { year: YEAR, lists: [{ organisationIds: [ngoIds[0]] }, { organisationIds: [ngoIds[1]] }, { organisationIds: [idle] }] });
    const preview = response.json() as OverlapPreviewView;
    expect(preview.reason).toMatchObject({ code: 'empty-list', list: 2 });
    expect(preview.lists[2]?.people.value).toBe(0);
    expect(preview.suggestion?.lists.flatMap((list) => list.organisationIds)).not.toContain(idle);
  });

  it('is the rapporteur\'s and coordinator\'s only, and refuses a request naming no organisation', async () => {
    expect((await caseworker.request('POST', '/api/estimation/overlap-preview', { year: YEAR, lists: [{ organisationIds: ngoIds }] })).statusCode).toBe(403);
    const empty = await rapporteur.request('POST', '/api/estimation/overlap-preview', { year: YEAR, lists: [{ organisationIds: [] }] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues[0]).toMatchObject({ field: 'lists.0.organisationIds' });
  });
});

describe('the bootstrap interval on request', () => {
  it('from an uploaded table: the same interval as the command line with the same seed, bounded for six lists', async () => {
    const response = await rapporteur.request('POST', '/api/estimation/bootstrap', { source: 'upload', csv: ukdat, resamples: 50, seed: 7 });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as BootstrapView;
    const direct = bootstrapInterval(parseOverlapTable(ukdat), { resamples: 50, seed: 7, threshold: 0.02 });
    expect(view).toMatchObject({ kind: 'bootstrap-bca', resamples: 50, seed: 7, threshold: 0.02, failed: direct.failed });
    expect(view.lower).toBeCloseTo(direct.lower, 6);
    expect(view.upper).toBeCloseTo(direct.upper, 6);
    const tooMany = await rapporteur.request('POST', '/api/estimation/bootstrap', { source: 'upload', csv: ukdat, resamples: 201, seed: 7 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().issues[0].field).toBe('resamples');
    expect(tooMany.json().message).toMatch(/at most 200 for 6 lists/);
    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'outcome']).where('action', '=', 'estimation.bootstrap').execute();
    expect(audit.map((row) => row.summary)).toEqual([expect.stringMatching(/^bootstrap of 50 resamples \(seed 7, stepwise at p < 0.02\) from an uploaded overlap table, 6 lists, 2744 observed/)]);
  });

  it('from the case records of the suggested grouping; a grouping that cannot be estimated gives 422 in plain words', async () => {
    const lists = [...ngoIds, shelterId].map((id, i) => ({ name: `S${i + 1}`, organisationIds: [id] }));
    const response = await rapporteur.request('POST', '/api/estimation/bootstrap', { source: 'cases', year: YEAR, lists, resamples: 100, seed: 1234 });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as BootstrapView;
    // From the case records the interval is shown rounded like the estimate (ends outwards), never exact.
    const { table } = await overlapFromCases(t.platform.db, YEAR, lists);
    const direct = bootstrapInterval(table, { resamples: 100, seed: 1234, threshold: 0.02 });
    expect(direct.estimate).toBeGreaterThan(observed);
    expect([view.estimate, view.lower, view.upper]).toEqual([roundEstimate(direct.estimate), roundEstimate(direct.lower, 'down'), roundEstimate(direct.upper, 'up')]);
    expect(view.lower).toBeLessThanOrEqual(view.estimate);
    expect(view.upper).toBeGreaterThanOrEqual(view.estimate);
    const refused = await rapporteur.request('POST', '/api/estimation/bootstrap', { source: 'cases', year: YEAR, lists: allNgosOnOneList(), resamples: 100, seed: 1234 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/^Everyone counted is on the list "NGOs"/);
    expect((await caseworker.request('POST', '/api/estimation/bootstrap', { source: 'upload', csv: ukdat, resamples: 50, seed: 7 })).statusCode).toBe(403);
  });
});
