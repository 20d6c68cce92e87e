import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstimationResultView, PublishedEstimateView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { parseOverlapTable } from './overlap-table.js';
import { tableFingerprint } from './publication.js';

/** Western's five lists (SparseMSE's data set), with one combination changed for "other data". */
const western = 'A,B,C,D,E,n\n1,0,0,0,0,52\n0,1,0,0,0,90\n1,1,0,0,0,0\n0,0,1,0,0,114\n1,0,1,0,0,4\n0,1,1,0,0,6\n0,0,0,1,0,45\n1,0,0,1,0,2\n0,1,0,1,0,1\n0,0,1,1,0,1\n0,0,0,0,1,21\n1,0,0,0,1,5\n0,0,1,0,1,1\n1,1,0,0,1,3\n';
const otherData = western.replace('0,0,0,0,1,21', '0,0,0,0,1,22');

let t: TestApp;
let rapporteur: Client;
let coordinator: Client;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestApp();
  const rana = await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']);
  await t.platform.db.updateTable('users').set({ display_name: 'Rapporteur Rana' }).where('id', '=', rana.id).execute();
  rapporteur = await clientFor(t, rana);
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
});
afterAll(async () => t.close());

describe('publishing an estimate', () => {
  it('the rapporteur publishes a row of the spread: estimated again on the server, recorded with the data fingerprint, and marked in the spread of the same data only', async () => {
    const estimated = (await rapporteur.request('POST', '/api/estimation/from-csv', { csv: western })).json() as EstimationResultView;
    const average = estimated.spread?.rows.find((row) => row.model === 'bayesian-average');
    expect(average?.total).not.toBeNull();
    expect(estimated.spread?.published).toEqual([]);

    const response = await rapporteur.request('POST', '/api/estimation/publications', { source: 'upload', csv: western, model: 'bayesian-average' });
    expect(response.statusCode, response.body).toBe(201);
    const published = response.json() as PublishedEstimateView;
    expect(published).toMatchObject({ model: 'bayesian-average', interval: 'credible', total: average?.total, lower: average?.lower, upper: average?.upper, publishedBy: 'Rapporteur Rana', lists: ['A', 'B', 'C', 'D', 'E'] });
    // The fingerprint is keyed: not a plain hash of the table, which could be tested against guesses of exact counts.
    const full = tableFingerprint(parseOverlapTable(western), t.platform.cipher.recordKeys);
    expect(full.startsWith(published.fingerprint)).toBe(true);
    const row = await t.platform.db.selectFrom('published_estimates').select('data_fingerprint').where('id', '=', published.id).executeTakeFirstOrThrow();
    expect(row.data_fingerprint).toBe(full);

    const again = (await coordinator.request('POST', '/api/estimation/from-csv', { csv: western })).json() as EstimationResultView;
    expect(again.spread?.published).toEqual([{ model: 'bayesian-average', publishedAt: published.publishedAt, publishedBy: 'Rapporteur Rana' }]);
    const other = (await coordinator.request('POST', '/api/estimation/from-csv', { csv: otherData })).json() as EstimationResultView;
    expect(other.spread?.published).toEqual([]);

    const list = (await coordinator.request('GET', '/api/estimation/publications')).json() as { publications: PublishedEstimateView[] };
    expect(list.publications.map((p) => p.id)).toContain(published.id);
    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'record_id']).where('action', '=', 'estimation.publish').execute();
    expect(audit).toEqual([{ summary: expect.stringContaining('published the bayesian-average estimate from an uploaded overlap table (5 lists)'), record_id: published.id }]);
  });

  it('only the rapporteur publishes; the coordinator reads what was published; nobody else reaches either', async () => {
    const body = { source: 'upload', csv: western, model: 'main' };
    expect((await coordinator.request('POST', '/api/estimation/publications', body)).statusCode).toBe(403);
    expect((await caseworker.request('POST', '/api/estimation/publications', body)).statusCode).toBe(403);
    expect((await caseworker.request('GET', '/api/estimation/publications')).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/estimation/publications')).statusCode).toBe(200);
  });

  it('a model that cannot be estimated cannot be published, and bad input names the field; nothing is recorded', async () => {
    const before = await t.platform.db.selectFrom('published_estimates').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unbounded = 'A,B,C,n\n1,0,0,40\n0,1,0,30\n0,1,1,6\n0,0,1,20\n';
    const refused = await rapporteur.request('POST', '/api/estimation/publications', { source: 'upload', csv: unbounded, model: 'bayesian-average' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ message: expect.stringContaining('cannot be estimated') });
    const badModel = await rapporteur.request('POST', '/api/estimation/publications', { source: 'upload', csv: western, model: 'best-guess' });
    expect(badModel.statusCode).toBe(400);
    expect((badModel.json() as { issues: { field: string }[] }).issues[0]?.field).toBe('model');
    const badCsv = await rapporteur.request('POST', '/api/estimation/publications', { source: 'upload', csv: 'A,B,n\n1,1,x\n', model: 'main' });
    expect(badCsv.statusCode).toBe(400);
    expect((badCsv.json() as { issues: { field: string }[] }).issues[0]?.field).toBe('csv');
    const after = await t.platform.db.selectFrom('published_estimates').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
