import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundEstimate, type EstimationResultView, type StratifiedEstimateView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { perturb } from '../statistics/cell-key.js';
import { estimateHiddenPopulation } from './estimate.js';
import { overlapFromCases } from './overlap-from-cases.js';
import { buildOverlapTable } from './overlap-table.js';
import { strataFromCases } from './strata-from-cases.js';

const ukdat = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8');
const YEAR = 2033;

let t: TestApp;
let ngoId: string;
let shelterId: string;
let ngo: Client;
let shelter: Client;
let rapporteur: Client;
let coordinator: Client;

/** Every person opened, by group, with their person ids. */
const groups = new Map<string, string[]>();

async function open(client: Client, givenName: string, birthDate: string): Promise<string> {
  const response = await client.request('POST', '/api/cases', { person: { givenName, familyName: `${givenName}fam`, birthDate } }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  const id = (response.json() as { id: string }).id;
  await t.platform.db.updateTable('cases').set({ opened_at: new Date(Date.UTC(YEAR, 5, 15)) }).where('id', '=', id).execute();
  return (await t.platform.db.selectFrom('cases').select('person_id').where('id', '=', id).executeTakeFirstOrThrow()).person_id;
}

/** `n` people of one sex on the NGO's list, the shelter's, or both; each group its own names and birth year. */
async function people(group: string, gender: string | null, where: 'ngo' | 'shelter' | 'both', n: number, forms: string[] = []) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${group}${letters[i % 26]}${letters[Math.floor(i / 26)]}`;
    const birth = `19${60 + groups.size}-0${1 + (i % 9)}-${10 + i}`;
    if (where !== 'shelter') ids.push(await open(ngo, name, birth));
    if (where !== 'ngo') ids.push(await open(shelter, name, birth));
  }
  await t.platform.db.updateTable('persons').set({ gender }).where('id', 'in', ids).execute();
  if (forms.length > 0) await t.platform.db.updateTable('cases').set({ forms_of_exploitation: forms }).where('person_id', 'in', ids).execute();
  groups.set(group, ids);
}

const lists = () => [
  { name: 'NGO', organisationIds: [ngoId] },
  { name: 'Shelter', organisationIds: [shelterId] },
];
const byStratum = (view: StratifiedEstimateView, stratum: string) => view.strata.find((s) => s.stratum === stratum);

beforeAll(async () => {
  t = await createTestApp();
  ngoId = await insertOrganisation(t, 'ngo');
  shelterId = await insertOrganisation(t, 'shelter');
  ngo = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  shelter = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  // Women: 15 at the NGO only, 12 at the shelter only, 3 at both. Men: 9, 8 and 4. Three people of unrecorded sex.
  await people('Fn', 'Feminine', 'ngo', 15, ['SexualExploitation']);
  await people('Fs', 'Feminine', 'shelter', 12, ['SexualExploitation']);
  await people('Fb', 'Feminine', 'both', 3, ['ForcedLabour', 'SexualExploitation']);
  await people('Mn', 'Masculine', 'ngo', 9, ['ForcedLabour']);
  await people('Ms', 'Masculine', 'shelter', 8, ['ForcedLabour']);
  await people('Mb', 'Masculine', 'both', 4, ['ForcedLabour']);
  await people('Un', null, 'ngo', 3);
}, 120_000);
afterAll(async () => t.close());

describe('estimates by stratum from the case records', () => {
  it('estimates each sex on its own table, adds them up beside the pooled estimate, and says the sum is incomplete', async () => {
    const response = await rapporteur.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'sex' });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as StratifiedEstimateView;
    expect(view.strata.map((s) => s.stratum)).toEqual(['Feminine', 'Masculine', 'unknown']);
    // Each stratum as its table alone (two lists: hidden = n10 n01 / n11), displayed rounded.
    for (const [stratum, cells] of [['Feminine', [15, 12, 3]], ['Masculine', [9, 8, 4]]] as const) {
      const alone = estimateHiddenPopulation(buildOverlapTable(['NGO', 'Shelter'], [{ combination: [1, 0], count: cells[0] }, { combination: [0, 1], count: cells[1] }, { combination: [1, 1], count: cells[2] }]));
      expect(alone.hidden).toBeCloseTo((cells[0] * cells[1]) / cells[2], 6);
      expect(byStratum(view, stratum)?.estimate).toEqual({
        total: roundEstimate(alone.total),
        hidden: roundEstimate(alone.hidden),
        lower: roundEstimate(alone.interval.lower, 'down'),
        upper: roundEstimate(alone.interval.upper, 'up'),
        terms: [],
      });
    }
    // Women 30 + 60 hidden = 90; men 21 + 18 = 39: the sum 129, shown 130. The three of unrecorded sex are too few.
    expect(byStratum(view, 'unknown')).toMatchObject({ estimate: null, problem: 'too-few' });
    expect(view.sum).toMatchObject({ complete: false, missing: ['unknown'] });
    expect(view.sum.estimate?.total).toBe(130);
    // Pooled: 27, 20 and 7 people, 54 with the three: 54 + 27 x 20 / 7 = 131.1, shown 130.
    expect(view.pooled.estimate?.total).toBe(130);
    expect(view.pooled.problem).toBeNull();

    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'purpose', 'actor_user_id']).where('action', '=', 'estimation.from_cases').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ purpose: 'statistics', actor_user_id: rapporteur.userId });
    expect(audit.summary).toMatch(/estimated by sex: 3 strata, 2 estimated/);
  });

  it('shows each stratum\'s cells and totals perturbed by the cell-key method, the same every time, and every estimate rounded', async () => {
    const ask = () => coordinator.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'sex', model: 'main' });
    const response = await ask();
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as StratifiedEstimateView;
    const exact: Record<string, number[]> = { Feminine: [15, 12, 3], Masculine: [9, 8, 4], unknown: [3, 0, 0] };
    const keys = t.platform.cipher.recordKeys;
    const { strata } = await strataFromCases(t.platform.db, YEAR, lists(), 'sex', keys);
    for (const stratum of view.strata) {
      const cells = exact[stratum.stratum] ?? [];
      const computed = strata.find((s) => s.stratum === stratum.stratum);
      stratum.table.forEach((row, i) => {
        const count = cells[i] ?? -1;
        expect(Math.abs((row.count.value ?? -99) - count)).toBeLessThanOrEqual(2);
        if (count === 0) expect(row.count.value).toBe(0);
        expect(row.count.value).toBe(perturb(count, computed?.cellKeys[i + 1] ?? 0));
      });
      // The stratum's observed total is a cell of its own: its people's keys.
      const observed = cells.reduce((a, b) => a + b, 0);
      expect(stratum.observed.value).toBe(perturb(observed, (computed?.cellKeys ?? []).reduce((a, b) => a + b, 0)));
    }
    // The unrecorded three: on the NGO list only, the key sum is that of their three person records.
    const unknownKeys = (groups.get('Un') ?? []).reduce((sum, id) => sum + keys.ofPerson(id), 0);
    expect(byStratum(view, 'unknown')?.observed.value).toBe(perturb(3, unknownKeys));
    expect((await ask()).json()).toEqual(view);
    const shown = [view.pooled.estimate, view.sum.estimate, ...view.strata.map((s) => s.estimate)].filter((e) => e !== null);
    for (const estimate of shown) for (const value of [estimate.total, estimate.hidden, estimate.lower, estimate.upper]) expect(value % 10).toBe(0);
    expect(response.body).not.toMatch(/Fn[a-z]{2}|fam/);
  });

  it('does not give the small stratum away to subtraction: the pooled view and the strata agree, and pooled minus the other strata leaves at least two possible counts', async () => {
    const view = (await rapporteur.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'sex' })).json() as StratifiedEstimateView;
    const pooled = (await rapporteur.request('POST', '/api/estimation/from-cases', { year: YEAR, lists: lists() })).json() as EstimationResultView;
    // The pooled figures are the same on both views: the observed total perturbed at all its people's keys, the
    // estimate rounded by the same rule.
    const keys = t.platform.cipher.recordKeys;
    const everyone = ((await overlapFromCases(t.platform.db, YEAR, lists(), keys)).keySums?.cells ?? []).reduce((sum, key) => sum + key, 0);
    expect(view.pooled.observed.value).toBe(pooled.observed);
    expect(pooled.observed).toBe(perturb(54, everyone));
    expect(view.pooled.estimate).toMatchObject({ total: pooled.total, hidden: pooled.hidden, lower: pooled.interval.lower, upper: pooled.interval.upper });
    // The attacker knows the method (changes of at most 2, a count of 1 loses at most 1, zeros stay zeros) and every
    // figure displayed on both views. The three people of unrecorded sex are the small cell.
    const possible = (count: number, shown: number) => (count === 0 ? shown === 0 : shown - count >= (count === 1 ? -1 : -2) && shown - count <= 2);
    const women = byStratum(view, 'Feminine')?.observed.value ?? 0;
    const men = byStratum(view, 'Masculine')?.observed.value ?? 0;
    const unknown = byStratum(view, 'unknown')?.observed.value ?? 0;
    const candidates = [];
    for (let u = 1; u <= 60; u++) {
      if (!possible(u, unknown)) continue;
      // Some exact counts of women and men, each consistent with its display, whose pooled total displays as shown.
      let consistent = false;
      for (let w = 0; w <= 60 && !consistent; w++) for (let m = 0; m <= 60 && !consistent; m++) consistent = possible(w, women) && possible(m, men) && possible(w + m + u, pooled.observed);
      if (consistent) candidates.push(u);
    }
    expect(candidates).toContain(3);
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    // Displayed exactly, the same subtraction would give the three away.
    expect(54 - 30 - 21).toBe(3);
    // The estimates are rounded alike: pooled minus the strata's, or total minus hidden, says nothing to the person.
    const rest = (view.pooled.estimate?.total ?? 0) - (view.sum.estimate?.total ?? 0);
    expect(rest % 10).toBe(0);
    expect((pooled.total - pooled.hidden) % 10).toBe(0);
  });

  it('stratifies by adult or child and by form of exploitation, a person with several forms in a stratum of their own', async () => {
    await t.platform.db.updateTable('persons').set({ is_child: true }).where('id', 'in', groups.get('Ms') ?? []).execute();
    const age = (await rapporteur.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'age' })).json() as StratifiedEstimateView;
    expect(age.strata.map((s) => s.stratum)).toEqual(['child', 'adult']);
    // The eight boys are on one list only: too few, and not on both lists.
    expect(byStratum(age, 'child')).toMatchObject({ estimate: null, problem: 'too-few' });
    const form = (await rapporteur.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'form' })).json() as StratifiedEstimateView;
    expect(form.strata.map((s) => s.stratum)).toEqual(['ForcedLabour', 'SexualExploitation', 'several', 'unknown']);
    // Sexual exploitation alone: 15 at the NGO, 12 at the shelter, nobody on both lists.
    expect(byStratum(form, 'SexualExploitation')).toMatchObject({ estimate: null, problem: 'no-overlap' });
    expect(form.sum.complete).toBe(false);
    await t.platform.db.updateTable('persons').set({ is_child: false }).where('id', 'in', groups.get('Ms') ?? []).execute();
  });

  it('refuses a variable the case records cannot be grouped by, naming the field', async () => {
    const response = await rapporteur.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'region' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe('by');
  });
});

describe('estimates by stratum from an uploaded file', () => {
  it('reads the stratum column, shows the uploader\'s counts as given and the estimates rounded; a bad line is named', async () => {
    const [header, ...rows] = ukdat.trim().split(/\r?\n/);
    const csv = [`nation,${header}`, ...rows.map((row) => `all,${row}`)].join('\n');
    const response = await coordinator.request('POST', '/api/estimation/strata/from-csv', { csv, by: 'nation' });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as StratifiedEstimateView;
    // One stratum: it, the pooled table and the sum are all UKdat (11,418; 9,977 - 13,146), displayed rounded.
    expect(view.strata.map((s) => s.stratum)).toEqual(['all']);
    expect(byStratum(view, 'all')?.estimate).toMatchObject({ total: 11400, lower: 9900, upper: 13200 });
    expect(view.pooled.estimate).toMatchObject({ total: 11400, lower: 9900, upper: 13200 });
    expect(view.sum).toMatchObject({ complete: true, missing: [], estimate: { total: 11400, lower: 9900, upper: 13200 } });
    expect(byStratum(view, 'all')?.table[0]).toEqual({ lists: ['LA'], count: { value: 54, suppressed: null } });

    const bad = await coordinator.request('POST', '/api/estimation/strata/from-csv', { csv: 'nation,A,B,count\nall,1,0,3\n,0,1,4\n', by: 'nation' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ field: 'csv' });
    expect(bad.json().issues[0].problem ?? bad.json().issues[0].message).toMatch(/line 3/);
  });

  it('refuses every role but the rapporteur and the coordinator', async () => {
    const others = [
      ngo,
      shelter,
      await clientFor(t, await insertUser(t, ngoId, ['supervisor'])),
      await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['investigator'])),
      await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_admin'])),
      await clientFor(t, await insertUser(t, await insertOrganisation(t, 'competent_authority'), ['decision_maker'])),
    ];
    for (const client of others) {
      expect((await client.request('POST', '/api/estimation/strata/from-cases', { year: YEAR, lists: lists(), by: 'sex' })).statusCode).toBe(403);
      expect((await client.request('POST', '/api/estimation/strata/from-csv', { csv: ukdat, by: 'LA' })).statusCode).toBe(403);
    }
  });
});
