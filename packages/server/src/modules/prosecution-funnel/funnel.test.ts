import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { funnelIntervals, funnelStages, type FunnelReport } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { measureKey, perturb, MAX_CHANGE } from '../statistics/cell-key.js';
import { exactFunnel, MEASURE } from './funnel.engine.js';
import { funnelFacts } from './funnel.changes.js';
import { recordFunnelWorld, type FunnelWorld } from './funnel.test-support.js';
import { must } from '../statistics/must.js';

let t: TestApp;
let world: FunnelWorld;
let coordinator: Client;
let rapporteur: Client;
let analyst: Client;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await recordFunnelWorld(t);
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  analyst = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
}, 300_000);
afterAll(async () => t?.close());

async function funnel(client: Client, query = ''): Promise<FunnelReport> {
  const response = await client.request('GET', `/api/prosecution/funnel${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** The record key of each suspect and investigation, computed here from the platform's keys (not read back). */
const suspectKey = (id: string) => t.platform.cipher.recordKeys.keyOf(`prosecution_suspect:${id}`);
const investigationKey = (id: string) => t.platform.cipher.recordKeys.keyOf(`prosecution_investigation:${id}`);
/** What the method publishes for these persons under this measure. */
const expected = (ids: string[], measure: number, keyOf = suspectKey) => perturb(ids.length, measureKey(ids.reduce((k, id) => k + keyOf(id), 0), measure));

describe('the prosecution funnel', () => {
  it('counts the known records exactly inside (stages, drop-outs and their reasons, the downgrade)', async () => {
    await funnel(coordinator);
    const facts = await funnelFacts(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
    const exact = exactFunnel(facts, {});
    const count = (stage: (typeof funnelStages)[number]) => exact.stages.get(stage)?.get(2024)?.n ?? 0;
    expect(funnelStages.map(count)).toEqual([2, 6, 5, 4, 3, 3, 2]);
    const reasons = Object.fromEntries([...exact.dropOuts].map(([i, cells]) => [i, cells.get(2024)?.n ?? 0]));
    // not_charged, not_prosecuted, awaiting_verdict, dismissed, acquitted, awaiting_sentence, appeal_pending, appeal_overturned
    expect(Object.values(reasons)).toEqual([1, 1, 0, 0, 1, 0, 0, 1]);
    expect(exact.downgraded.get(2024)?.n).toBe(1);
  });

  it('publishes every count as the cell-key method gives it for exactly those persons, within its bounds', async () => {
    const report = await funnel(coordinator);
    const { A, B, C, D, E, F } = world.suspects;
    const persons: Record<string, string[]> = { suspected: [A, B, C, D, E, F], charged: [B, C, D, E, F], prosecuted: [C, D, E, F], convicted: [D, E, F], sentenced: [D, E, F], final: [D, F] };
    for (const stage of report.stages) {
      const want = stage.stage === 'investigations' ? expected(world.investigations, MEASURE.stage('investigations'), investigationKey) : expected(must(persons[stage.stage]), MEASURE.stage(stage.stage));
      expect(stage.total, stage.stage).toBe(want);
      const exactCount = stage.stage === 'investigations' ? 2 : must(persons[stage.stage]).length;
      expect(Math.abs(stage.total - exactCount)).toBeLessThanOrEqual(MAX_CHANGE);
    }
    const dropOut = (reason: string) => must(report.dropOuts.find((d) => d.reason === reason));
    expect(dropOut('not_charged')).toEqual({ reason: 'not_charged', after: 'suspected', total: expected([A], MEASURE.dropOut(0)) });
    expect(dropOut('acquitted').total).toBe(expected([C], MEASURE.dropOut(4)));
    expect(dropOut('appeal_overturned')).toEqual({ reason: 'appeal_overturned', after: 'sentenced', total: expected([E], MEASURE.dropOut(7)) });
    expect(dropOut('dismissed').total).toBe(0);
    expect(report.downgraded).toBe(expected([D], MEASURE.downgraded));
    // The filters: by sex, citizenship (Romania is the country: RO nationals) and form.
    const women = await funnel(coordinator, '?sex=female');
    expect(must(women.stages.find((s) => s.stage === 'suspected')).total).toBe(expected([A, D], MEASURE.stage('suspected')));
    const nationals = await funnel(coordinator, '?citizenship=national');
    expect(must(nationals.stages.find((s) => s.stage === 'final')).total).toBe(expected([D, F], MEASURE.stage('final')));
    const foreign = await funnel(coordinator, '?citizenship=foreign&sex=male');
    expect(must(foreign.stages.find((s) => s.stage === 'charged')).total).toBe(expected([B, E], MEASURE.stage('charged')));
    const sexual = await funnel(coordinator, '?form=SexualExploitation');
    expect(sexual.stages.every((s) => s.total === 0)).toBe(true);
  });

  it('measures the days between steps, quartiles shown only from the threshold', async () => {
    const hidden = await funnel(coordinator);
    expect(hidden.intervals.every((i) => i.median === null)).toBe(true);
    process.env['PALERMO_SMALL_CELL_THRESHOLD'] = '1';
    try {
      const report = await funnel(coordinator);
      const interval = (name: string) => must(report.intervals.find((i) => i.interval === name));
      // Opened to charge: B 31, C 31, D 36, E 26, F 31 days.
      expect(interval('opened_to_charge').median).toBe(31);
      expect(interval('opened_to_charge').q1).toBeGreaterThanOrEqual(26);
      expect(interval('opened_to_charge').q3).toBeLessThanOrEqual(36);
      // Conviction to sentence: D 0, E 5, F 0. Conviction to final: D 30 (appeal period), F 113 (upheld 10-01).
      expect(interval('conviction_to_sentence').median).toBe(0);
      // Two persons measured: their published number (2, changed by at most 2 by their record keys) decides whether
      // the quartiles are shown at a threshold of 1.
      const final = interval('conviction_to_final');
      const finalPersons = expected([world.suspects.D, world.suspects.F], MEASURE.interval(funnelIntervals.indexOf('conviction_to_final')));
      expect(final.persons).toBe(finalPersons);
      if (finalPersons >= 1) {
        expect([final.q1, final.q3]).toEqual([expect.any(Number), expect.any(Number)]);
        expect(final.q1).toBeGreaterThanOrEqual(30);
        expect(final.q3).toBeLessThanOrEqual(113);
      } else {
        expect([final.q1, final.median, final.q3]).toEqual([null, null, null]);
      }
    } finally {
      delete process.env['PALERMO_SMALL_CELL_THRESHOLD'];
    }
  });

  it('gives the same value to the same cell however it is asked (order, repetition, range, download)', async () => {
    const a = await funnel(coordinator, '?sex=male&citizenship=foreign');
    const b = await funnel(rapporteur, '?citizenship=foreign&sex=male');
    const c = await funnel(analyst, '?citizenship=foreign&sex=male&yearFrom=2024&yearTo=2024');
    const d = await funnel(world.prosecutor, '?yearFrom=2020&sex=male&citizenship=foreign');
    for (const other of [b, c, d]) expect(other.stages).toEqual(a.stages);
    const csv = (await coordinator.request('GET', '/api/prosecution/funnel/download?format=csv&sex=male&citizenship=foreign')).body;
    for (const stage of a.stages) expect(csv).toMatch(new RegExp(`,${stage.stage},[^,\\n]+,total,Total,${stage.total}\\n`, 'u'));
  });

  it('does not give back a single person by subtracting two stages: each stage is perturbed at its own key', async () => {
    // E is the only person lost between sentenced and final; D, E, F the only ones between prosecuted and final.
    const { C, D, E, F } = world.suspects;
    const report = await funnel(coordinator);
    const total = (stage: string) => must(report.stages.find((s) => s.stage === stage)).total;
    const difference = total('sentenced') - total('final');
    expect(difference).toBe(expected([D, E, F], MEASURE.stage('sentenced')) - expected([D, F], MEASURE.stage('final')));
    // The same persons under two measures are changed independently: the noise of convicted and sentenced (same three
    // persons) comes from different keys, so equal sets do not give away "nobody dropped out here".
    expect(measureKey(suspectKey(D) + suspectKey(E) + suspectKey(F), MEASURE.stage('convicted'))).not.toBe(measureKey(suspectKey(D) + suspectKey(E) + suspectKey(F), MEASURE.stage('sentenced')));
    // Asking again does not draw new noise: the attacker cannot average it away.
    const again = await Promise.all([1, 2, 3].map(() => funnel(coordinator)));
    for (const r of again) expect(r.stages.map((s) => s.total)).toEqual(report.stages.map((s) => s.total));
    expect(C).toBeTruthy();
  });

  it('lets the coordinator, the rapporteur, prosecutors and analysts see it, nobody else; never a name', async () => {
    for (const client of [coordinator, rapporteur, analyst, world.prosecutor]) {
      const response = await client.request('GET', '/api/prosecution/funnel');
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/Given|Family|Person [A-F]/u);
    }
    for (const client of [caseworker, world.police]) expect((await client.request('GET', '/api/prosecution/funnel')).statusCode).toBe(403);
    expect((await caseworker.request('GET', '/api/auth/session')).json().capabilities.seeProsecutionFunnel).toBe(false);
    expect((await coordinator.request('GET', '/api/auth/session')).json().capabilities.seeProsecutionFunnel).toBe(true);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('action', 'in', ['prosecution.funnel_read', 'prosecution.funnel_download']).execute();
    expect(audited.length).toBeGreaterThan(5);
  });

  it('downloads the funnel as CSV and XLSX with labels beside the codes', async () => {
    const report = await funnel(coordinator);
    const csv = await coordinator.request('GET', '/api/prosecution/funnel/download?format=csv&language=fr');
    expect(csv.headers['content-type']).toMatch(/text\/csv/u);
    expect(csv.body).toContain('table,table_label,row,row_label,column,column_label,value');
    expect(csv.body).toContain('drop_outs,Sorties par motif,acquitted,Acquittées,prosecuted,Poursuivies,');
    expect(csv.body).toContain(`stages,Entonnoir par étape et par année,final,Condamnation définitive,total,Total,${must(report.stages.find((s) => s.stage === 'final')).total}`);
    const xlsx = await coordinator.request('GET', '/api/prosecution/funnel/download?format=xlsx&language=ar');
    expect(xlsx.statusCode).toBe(200);
    const rows = (await readSheet(xlsx.rawPayload, 'Funnel')) as unknown[][];
    expect(rows[0]).toEqual(['table', 'table_label', 'row', 'row_label', 'column', 'column_label', 'value']);
    const convicted = rows.find((r) => r[0] === 'stages' && r[2] === 'convicted' && r[4] === 'total');
    expect(convicted?.[3]).toBe('المدانون');
    expect(convicted?.[6]).toBe(must(report.stages.find((s) => s.stage === 'convicted')).total);
    expect((await coordinator.request('GET', '/api/prosecution/funnel/download?format=pdf')).statusCode).toBe(400);
  });
});
