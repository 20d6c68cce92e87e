import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundEstimate, type EstimationResultView, type PublishedEstimateView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { estimateHiddenPopulation } from './estimate.js';
import { overlapFromCases } from './overlap-from-cases.js';
import { perturb } from '../statistics/cell-key.js';
import { spreadOfModels } from './spread.js';

const ukdat = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8');

let t: TestApp;
let ngoId: string;
let shelterId: string;
let servicesId: string;
let policeId: string;
let ngo: Client;
let shelter: Client;
let services: Client;
let shelterSupervisor: Client;
let rapporteur: Client;
let coordinator: Client;

beforeAll(async () => {
  t = await createTestApp();
  ngoId = await insertOrganisation(t, 'ngo');
  shelterId = await insertOrganisation(t, 'shelter');
  servicesId = await insertOrganisation(t, 'social_services');
  policeId = await insertOrganisation(t, 'law_enforcement');
  ngo = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  shelter = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  shelterSupervisor = await clientFor(t, await insertUser(t, shelterId, ['supervisor']));
  services = await clientFor(t, await insertUser(t, servicesId, ['caseworker']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
});
afterAll(async () => t.close());

interface Person {
  givenName: string;
  familyName: string;
  birthDate?: string;
}

/** Opens a case through the API and dates it in `year` (each scenario uses its own year, so they do not mix). */
async function open(client: Client, person: Person, year: number): Promise<string> {
  const response = await client.request('POST', '/api/cases', { person }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  const id = (response.json() as { id: string }).id;
  await t.platform.db.updateTable('cases').set({ opened_at: new Date(Date.UTC(year, 5, 15)) }).where('id', '=', id).execute();
  return id;
}

async function consent(client: Client, caseId: string, status: 'given' | 'refused' | 'withdrawn') {
  const response = await client.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'statistics', status, method: 'verbal' }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
}

const seriesMonths = new Map<string, number>();

/** Distinct synthetic people: the n-th of a series (n < 50); each series has its own birth month. */
function person(series: string, n: number): Person {
  if (!seriesMonths.has(series)) seriesMonths.set(series, (seriesMonths.size % 12) + 1);
  const month = String(seriesMonths.get(series)).padStart(2, '0');
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const code = `${letters[n % 26]}${letters[Math.floor(n / 26) % 26]}`;
  return { givenName: `${series}${code}`, familyName: `${series}fam${code}`, birthDate: `19${50 + n}-${month}-${10 + (n % 18)}` };
}

const cell = (view: EstimationResultView, lists: string[]) => view.table.find((row) => row.lists.join('+') === lists.join('+'))?.count;

describe('the overlap table from the case records', () => {
  it('counts a person known to two organisations once per list, linked by birth date and a shared name', async () => {
    const year = 2011;
    await open(ngo, { givenName: 'Amina', familyName: 'Haddad', birthDate: '1990-01-02' }, year);
    // The shelter spells the name differently; the phonetic code and the birth date link the two records.
    await open(shelter, { givenName: 'Ameena', familyName: 'Haddad', birthDate: '1990-01-02' }, year);
    // Same name, another birth date: another person.
    await open(shelter, { givenName: 'Amina', familyName: 'Haddad', birthDate: '1985-03-04' }, year);
    // Twice at the NGO: still once on the NGO list.
    await open(ngo, { givenName: 'Kofi', familyName: 'Mensah', birthDate: '1979-07-08' }, year);
    await open(ngo, { givenName: 'Kofi', familyName: 'Mensah', birthDate: '1979-07-08' }, year);
    // Another year: not counted.
    await open(ngo, { givenName: 'Joy', familyName: 'Adeyemi', birthDate: '2001-02-03' }, year - 1);

    const { table, counting } = await overlapFromCases(t.platform.db, year, [
      { name: 'NGO', organisationIds: [ngoId] },
      { name: 'Shelter', organisationIds: [shelterId] },
    ]);
    expect(counting).toMatchObject({ personRecords: 5, people: 3, linkedByKeys: 2, linkedByConfirmation: 0, excludedNoConsent: 0, notOnAnyList: 0 });
    expect([...table.counts]).toEqual([0, 1, 1, 1]);
    expect(table.observed).toBe(3);
  });

  it('links records confirmed as the same person by the organisation asked, and counts reporters as well as managers', async () => {
    const year = 2012;
    const atShelter = await open(shelter, { givenName: 'Oluwaseun', familyName: 'Adebayo', birthDate: '1993-01-02' }, year);
    const atNgo = await open(ngo, { givenName: 'Oluwaseun', familyName: 'Adebayo' }, year);
    const lists = [
      { name: 'NGO', organisationIds: [ngoId] },
      { name: 'Shelter', organisationIds: [shelterId] },
      { name: 'Police', organisationIds: [policeId] },
    ];
    // No birth date at the NGO: not linked by the keys.
    expect((await overlapFromCases(t.platform.db, year, lists)).counting.people).toBe(2);

    // The NGO checks (it learns only that a possible duplicate exists elsewhere) and asks; the shelter accepts.
    const referral = { purpose: 'referral', targetOrganisationId: servicesId, status: 'given', method: 'verbal', rightsExplained: ['who_receives_it'] };
    expect((await ngo.request('POST', `/api/cases/${atNgo}/consents`, referral, { 'idempotency-key': randomUUID() })).statusCode).toBe(200);
    expect((await ngo.request('POST', `/api/cases/${atNgo}/match-checks`, {})).json()).toMatchObject({ possibleDuplicate: true });
    expect((await ngo.request('POST', `/api/cases/${atNgo}/match-requests`, {}, { 'idempotency-key': randomUUID() })).statusCode).toBe(200);
    const inbox = (await shelterSupervisor.request('GET', '/api/match-requests/inbox')).json().requests as Array<{ id: string; candidateCases: Array<{ id: string }> }>;
    const request = inbox.find((r) => r.candidateCases.some((c) => c.id === atShelter));
    expect(request).toBeDefined();
    expect((await shelterSupervisor.request('POST', `/api/match-requests/${request?.id}/answer`, { status: 'confirmed_same_person' })).statusCode).toBe(200);
    // The police reported the NGO's case.
    await t.platform.db.updateTable('cases').set({ reported_by_organisation_id: policeId }).where('id', '=', atNgo).execute();

    const { table, counting } = await overlapFromCases(t.platform.db, year, lists);
    expect(counting).toMatchObject({ personRecords: 2, people: 1, linkedByKeys: 0, linkedByConfirmation: 1 });
    // One person, on all three lists.
    expect(table.observed).toBe(1);
    expect(table.counts[0b111]).toBe(1);
  });

  it('leaves out people whose newest consent to statistics is a refusal or a withdrawal, on every list', async () => {
    const year = 2013;
    const refused = await open(ngo, person('Ref', 1), year);
    await open(shelter, person('Ref', 1), year); // the same person at the shelter: left out there too
    await consent(ngo, refused, 'refused');
    const withdrawn = await open(ngo, person('Wit', 2), year);
    await consent(ngo, withdrawn, 'given');
    await consent(ngo, withdrawn, 'withdrawn');
    const changedMind = await open(ngo, person('Chg', 3), year);
    await consent(ngo, changedMind, 'refused');
    await consent(ngo, changedMind, 'given');
    await open(shelter, person('Non', 4), year); // never asked: counted
    await open(services, person('Els', 5), year); // on no chosen list

    const { table, counting } = await overlapFromCases(t.platform.db, year, [
      { name: 'NGO', organisationIds: [ngoId] },
      { name: 'Shelter', organisationIds: [shelterId] },
    ]);
    expect(counting).toMatchObject({ personRecords: 6, people: 5, excludedNoConsent: 2, notOnAnyList: 1 });
    expect([...table.counts]).toEqual([0, 1, 1, 0]);
  });

  it('refuses an organisation on two lists, an unknown organisation and a repeated list name, naming the field', async () => {
    const twice = await rapporteur.request('POST', '/api/estimation/from-cases', { year: 2013, lists: [{ name: 'A', organisationIds: [ngoId] }, { name: 'B', organisationIds: [ngoId] }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().issues[0].field).toBe('lists.1.organisationIds');
    const unknown = await rapporteur.request('POST', '/api/estimation/from-cases', { year: 2013, lists: [{ name: 'A', organisationIds: [ngoId] }, { name: 'B', organisationIds: [randomUUID()] }] });
    expect(unknown.json().issues[0].field).toBe('lists.1.organisationIds');
    const sameName = await rapporteur.request('POST', '/api/estimation/from-cases', { year: 2013, lists: [{ name: 'A', organisationIds: [ngoId] }, { name: 'a', organisationIds: [shelterId] }] });
    expect(sameName.json().issues[0].field).toBe('lists.1.name');
    const spaces = await rapporteur.request('POST', '/api/estimation/from-cases', { year: 2013, lists: [{ name: 'A B', organisationIds: [ngoId] }, { name: 'C', organisationIds: [shelterId] }] });
    expect(spaces.statusCode).toBe(400);
  });
});

describe('the estimate for the rapporteur', () => {
  it('estimates from the exact counts but shows each cell and the observed total perturbed (cell-key method), the same every time, and the estimate rounded', async () => {
    const year = 2014;
    for (let n = 0; n < 15; n++) await open(ngo, person('Ngo', n), year);
    for (let n = 0; n < 12; n++) await open(shelter, person('She', n), year);
    for (let n = 0; n < 3; n++) {
      await open(ngo, person('Both', n), year);
      await open(shelter, person('Both', n), year);
    }
    const lists = [{ name: 'NGO', organisationIds: [ngoId] }, { name: 'Shelter', organisationIds: [shelterId] }];
    const ask = () => rapporteur.request('POST', '/api/estimation/from-cases', { year, lists });
    const response = await ask();
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as EstimationResultView;
    for (const [lists, exact] of [[['NGO'], 15], [['Shelter'], 12], [['NGO', 'Shelter'], 3]] as const) {
      const shown = cell(view, [...lists]);
      expect(shown?.suppressed).toBeNull();
      expect(Math.abs((shown?.value ?? -99) - exact)).toBeLessThanOrEqual(2);
    }
    // Asked again: the same people, the same values (nothing to average away).
    expect((await ask()).json()).toEqual(view);
    // The observed total is a cell of its own: the 30 people perturbed at the sum of their keys.
    const { table, keySums } = await overlapFromCases(t.platform.db, year, lists, t.platform.cipher.recordKeys);
    const allKeys = (keySums?.cells ?? []).reduce((sum, key) => sum + key, 0);
    expect(view.observed).toBe(perturb(30, allKeys));
    expect(Math.abs(view.observed - 30)).toBeLessThanOrEqual(2);
    // Two lists, independence: hidden = n10 * n01 / n11 = 60 from the exact counts; every figure rounded (to 10 below
    // 1,000), the interval's ends outwards.
    const exact = estimateHiddenPopulation(table);
    expect(exact.hidden).toBeCloseTo((15 * 12) / 3, 6);
    expect(view.hidden).toBe(roundEstimate(exact.hidden));
    expect(view.total).toBe(roundEstimate(exact.total));
    expect(view.interval).toMatchObject({
      lower: roundEstimate(exact.interval.lower, 'down'),
      upper: roundEstimate(exact.interval.upper, 'up'),
      hiddenLower: roundEstimate(exact.interval.hiddenLower, 'down'),
      hiddenUpper: roundEstimate(exact.interval.hiddenUpper, 'up'),
    });
    expect(view.interval.lower).toBeLessThanOrEqual(exact.interval.lower);
    expect(view.interval.upper).toBeGreaterThanOrEqual(exact.interval.upper);
    for (const value of [view.total, view.hidden, view.interval.lower, view.interval.upper, view.interval.hiddenLower, view.interval.hiddenUpper]) expect(value % 10).toBe(0);
    // The spread's rows alike, and its lowest and highest totals.
    const spread = spreadOfModels(table, { averageMaxLists: 6 });
    view.spread?.rows.forEach((row, i) => {
      const computed = spread.rows[i];
      if (!computed?.estimable) return expect(row.total).toBeNull();
      expect([row.total, row.lower, row.upper]).toEqual([roundEstimate(computed.total), roundEstimate(computed.lower, 'down'), roundEstimate(computed.upper, 'up')]);
    });
    expect([view.spread?.lowest, view.spread?.highest]).toEqual([roundEstimate(spread.range?.lowest ?? -1), roundEstimate(spread.range?.highest ?? -1)]);
    expect(view.caveats.map((c) => c.code)).toEqual(expect.arrayContaining(['two-lists', 'linkage', 'conditional-on-model']));
    expect(view.caveats.map((c) => c.code)).not.toContain('suppressed-cells');
    expect(response.body).not.toMatch(/Ngoa[a-z]|Shea[a-z]|fam[a-z]{2}/);
    expect(response.body).not.toContain(ngo.userId);

    // The audit log (readable by the rapporteur) has the observed total as displayed.
    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'purpose', 'actor_user_id']).where('action', '=', 'estimation.from_cases').execute();
    expect(audit.at(-1)).toMatchObject({ purpose: 'statistics', actor_user_id: rapporteur.userId });
    expect(audit.at(-1)?.summary).toMatch(new RegExp(`year 2014, 2 lists, 33 person records linked into 30 people, 0 left out for consent, ${view.observed} observed`));
  });

  it('publishes an estimate from the case records with the rounded figures shown, never the exact ones; the fingerprint finds it again', async () => {
    const year = 2014;
    const lists = [{ name: 'NGO', organisationIds: [ngoId] }, { name: 'Shelter', organisationIds: [shelterId] }];
    const shown = (await rapporteur.request('POST', '/api/estimation/from-cases', { year, lists })).json() as EstimationResultView;
    const row = shown.spread?.rows.find((r) => r.model === 'main');
    const response = await rapporteur.request('POST', '/api/estimation/publications', { source: 'cases', year, lists, model: 'main' });
    expect(response.statusCode, response.body).toBe(201);
    const published = response.json() as PublishedEstimateView;
    expect(published).toMatchObject({ source: 'cases', year, total: row?.total, lower: row?.lower, upper: row?.upper });
    const { table } = await overlapFromCases(t.platform.db, year, lists);
    const exact = spreadOfModels(table, { averageMaxLists: 6 }).rows.find((r) => r.model === 'main');
    if (!exact?.estimable) throw new Error('the main model is estimable here');
    const stored = await t.platform.db.selectFrom('published_estimates').select(['total', 'lower_bound', 'upper_bound']).where('id', '=', published.id).executeTakeFirstOrThrow();
    expect([stored.total, stored.lower_bound, stored.upper_bound]).toEqual([roundEstimate(exact.total), roundEstimate(exact.lower, 'down'), roundEstimate(exact.upper, 'up')]);
    expect(stored.total).not.toBe(exact.total);
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('record_id', '=', published.id).executeTakeFirstOrThrow();
    expect(audit.summary).toContain(`total ${stored.total}, interval ${stored.lower_bound} to ${stored.upper_bound}`);
    const again = (await rapporteur.request('POST', '/api/estimation/from-cases', { year, lists })).json() as EstimationResultView;
    expect(again.spread?.published.map((p) => p.model)).toEqual(['main']);
  });

  it('does not show the exact observed total: where the record keys change it, the displayed total differs from the count', async () => {
    const year = 2016;
    const lists = [{ name: 'NGO', organisationIds: [ngoId] }, { name: 'Shelter', organisationIds: [shelterId] }];
    for (let n = 0; n < 12; n++) await open(ngo, person('Kn', n), year);
    for (let n = 0; n < 12; n++) await open(shelter, person('Ks', n), year);
    for (let n = 0; n < 4; n++) {
      await open(ngo, person('Kb', n), year);
      await open(shelter, person('Kb', n), year);
    }
    // One more person at a time until the keys of everyone counted give the total a change (each time with
    // probability 154/256: in practice within a few people).
    const keys = t.platform.cipher.recordKeys;
    let found = await overlapFromCases(t.platform.db, year, lists, keys);
    const allKeys = () => (found.keySums?.cells ?? []).reduce((sum, key) => sum + key, 0);
    for (let n = 0; n < 20 && perturb(found.table.observed, allKeys()) === found.table.observed; n++) {
      await open(ngo, person('Kx', n), year);
      found = await overlapFromCases(t.platform.db, year, lists, keys);
    }
    const exact = found.table.observed;
    expect(perturb(exact, allKeys())).not.toBe(exact);
    const view = (await rapporteur.request('POST', '/api/estimation/from-cases', { year, lists })).json() as EstimationResultView;
    expect(view.observed).toBe(perturb(exact, allKeys()));
    expect(view.observed).not.toBe(exact);
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'estimation.from_cases').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    expect(audit.summary).toContain(`${view.observed} observed`);
    expect(audit.summary).not.toContain(`${exact} observed`);
  });

  it('explains when no estimate exists (two lists that never overlap), and audits the attempt', async () => {
    const year = 2015;
    for (let n = 0; n < 12; n++) await open(ngo, person('Sep', n), year);
    for (let n = 0; n < 12; n++) await open(shelter, person('Apa', n), year);
    const response = await rapporteur.request('POST', '/api/estimation/from-cases', { year, lists: [{ name: 'NGO', organisationIds: [ngoId] }, { name: 'Shelter', organisationIds: [shelterId] }] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('not-estimable');
    const failed = await t.platform.db.selectFrom('audit_log').select(['summary', 'outcome']).where('action', '=', 'estimation.from_cases').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ outcome: 'failed' });
    expect(failed.summary).toMatch(/year 2015/);
  });

  it('estimates from an uploaded overlap table: the UK lists give 11,418 (9,977 - 13,146)', async () => {
    const response = await coordinator.request('POST', '/api/estimation/from-csv', { csv: ukdat });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as EstimationResultView;
    const direct = estimateHiddenPopulation((await import('./overlap-table.js')).parseOverlapTable(ukdat));
    expect(view.total).toBeCloseTo(direct.total, 6);
    expect(Math.round(view.total)).toBe(11418);
    expect([Math.round(view.interval.lower), Math.round(view.interval.upper)]).toEqual([9977, 13146]);
    expect(view.model.terms.length).toBeGreaterThan(0);
    expect(view.source).toBe('upload');
    // The uploader's own figures are shown as given.
    expect(view.table.every((row) => row.count.suppressed === null)).toBe(true);

    const bad = await rapporteur.request('POST', '/api/estimation/from-csv', { csv: 'A,B,count\n1,0,x\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].field).toBe('csv');
  });

  it('the Dutch lists uploaded: SparseMSE\'s model with two interactions at minus infinity, each named in a caveat', async () => {
    const ned = readFileSync(new URL('../../../test/fixtures/datasets/mse/Ned.csv', import.meta.url), 'utf8');
    const response = await coordinator.request('POST', '/api/estimation/from-csv', { csv: ned });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as EstimationResultView;
    // SparseMSE 2.0.1 estimatepopulation.0(Ned, pthresh = 0.02): 111,139 (92,440 - 133,991); see sparsemse-reference.test.ts.
    expect(Math.round(view.total)).toBe(111139);
    expect(view.model.terms).toEqual(['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:R', 'I:K', 'K:O']);
    expect(view.caveats.filter((c) => c.code === 'no-overlap-in-model').map((c) => c.lists.join(':'))).toEqual(['I:K', 'K:R']);
    expect(view.caveats.filter((c) => c.code === 'no-overlap')).toEqual([]);
    // The spread over models: seven rows, the chosen model's among them, the lowest and highest totals; the Bayesian
    // average over graphs (a Markov chain search for six lists) is the highest here.
    expect(view.spread?.rows.map((row) => row.model)).toEqual(['main', 'stepwise-0.001', 'stepwise-0.02', 'stepwise-0.05', 'best-aic', 'best-bic', 'bayesian-average']);
    expect(view.spread?.rows[2]?.total).toBeCloseTo(view.total, 6);
    expect(view.spread?.rows.every((row) => row.total !== null && row.problem === null)).toBe(true);
    expect(Math.round(view.spread?.lowest ?? 0)).toBe(41561);
    expect(view.spread?.rows[6]).toMatchObject({ model: 'bayesian-average', interval: 'credible', search: 'mcmc' });
    expect(Math.round(view.spread?.highest ?? 0)).toBe(145637);
  });

  it('sums a combination uploaded twice, and names its lines in a caveat; a file with no overlap at all is refused', async () => {
    const lines = ukdat.trim().split(/\r?\n/);
    // Line 2 (LA alone, 54 people) given again as 50 + 4 at the end of the file.
    const repeated = [...lines.slice(0, 1), '1,0,0,0,0,0,50', ...lines.slice(2), '1,0,0,0,0,0,4'].join('\n');
    const response = await coordinator.request('POST', '/api/estimation/from-csv', { csv: repeated });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as EstimationResultView;
    expect(Math.round(view.total)).toBe(11418);
    expect(view.caveats.filter((c) => c.code === 'repeated-combination')).toEqual([expect.objectContaining({ lists: ['LA'], lines: [2, 27] })]);
    const apart = await coordinator.request('POST', '/api/estimation/from-csv', { csv: 'A,B,C,count\n1,0,0,3\n0,1,0,4\n0,0,1,5\n' });
    expect(apart.statusCode).toBe(422);
    expect(apart.json().message).toMatch(/no one is on more than one list/);
    // The reason's code and the lists' names come too, so that the page words it in the reader's language.
    expect(apart.json().details).toEqual({ reason: { code: 'no-overlap', list: null, text: expect.stringMatching(/No one is on more than one list/) }, lists: ['A', 'B', 'C'] });
  });

  it('lists years and organisations, without any person', async () => {
    const response = await rapporteur.request('GET', '/api/estimation/options');
    expect(response.statusCode).toBe(200);
    const options = response.json();
    expect(options.years).toEqual(expect.arrayContaining([2011, 2012, 2013, 2014]));
    expect(options.organisations.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([ngoId, shelterId, policeId]));
    expect(options.smallCellThreshold).toBe(11);
  });

  it('refuses every other role', async () => {
    const others = [
      ngo,
      shelterSupervisor,
      await clientFor(t, await insertUser(t, policeId, ['investigator'])),
      await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_admin'])),
      await clientFor(t, await insertUser(t, ngoId, ['organisation_admin'])),
      await clientFor(t, await insertUser(t, await insertOrganisation(t, 'competent_authority'), ['decision_maker'])),
      await clientFor(t, await insertUser(t, await insertOrganisation(t, 'prosecutor'), ['prosecutor'])),
    ];
    const body = { year: 2014, lists: [{ name: 'NGO', organisationIds: [ngoId] }, { name: 'Shelter', organisationIds: [shelterId] }] };
    for (const client of others) {
      expect((await client.request('GET', '/api/estimation/options')).statusCode).toBe(403);
      expect((await client.request('POST', '/api/estimation/from-cases', body)).statusCode).toBe(403);
      expect((await client.request('POST', '/api/estimation/from-csv', { csv: ukdat })).statusCode).toBe(403);
    }
  });
});
