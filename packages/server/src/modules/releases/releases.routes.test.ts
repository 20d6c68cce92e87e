import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseAttributeNames as contractAttributeNames } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { recordToRow, releaseAttributeNames, selectAttributes } from './release-attributes.js';
import { readAttributeRows, readRecords } from './releases.repo.js';
import { insertPopulation, populationRecords } from './test-population.js';
import * as service from './releases.service.js';

let t: TestApp;
let rapporteur: Client;
let coordinator: Client;
let caseworker: Client;
let datasetId: string;

const countReleases = async (id: string) => (await t.platform.db.selectFrom('releases').select('id').where('dataset_id', '=', id).execute()).length;
const auditActions = async (action: string) =>
  t.platform.db.selectFrom('audit_log').select(['action', 'outcome', 'summary']).where('action', '=', action).orderBy('entry_id').execute();

beforeAll(async () => {
  t = await createTestApp();
  const rapporteurOrg = await insertOrganisation(t, 'national_rapporteur');
  const coordinatorOrg = await insertOrganisation(t, 'national_coordinator');
  const ngo = await insertOrganisation(t, 'ngo');
  rapporteur = await clientFor(t, await insertUser(t, rapporteurOrg, ['national_rapporteur']));
  coordinator = await clientFor(t, await insertUser(t, coordinatorOrg, ['national_coordinator']));
  caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
  datasetId = await insertPopulation(t.platform.db, { count: 3000, seed: 7, name: 'Imported CTDC file' });
});

afterAll(async () => {
  await t.close();
});

describe('releases over HTTP', () => {
  it('offers the same attributes as the contracts', () => {
    expect([...releaseAttributeNames]).toEqual([...contractAttributeNames]);
  });

  it('reads the same attribute values in SQL as from the stored records', async () => {
    const attributes = selectAttributes();
    const inSql = await readAttributeRows(t.platform.db, datasetId, attributes);
    const stored = (await readRecords(t.platform.db, datasetId)).map((record) => recordToRow(record, attributes));
    expect(inSql).toHaveLength(3000);
    expect(inSql).toEqual(stored);
    expect(stored.some((row) => row.includes('1'))).toBe(true);
  });

  it('lets only the rapporteur release and the rapporteur and coordinator read', async () => {
    expect((await caseworker.request('GET', '/api/releases/datasets')).statusCode).toBe(403);
    expect((await caseworker.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId, k: 11, quasiIdentifiers: ['gender'] })).statusCode).toBe(403);
    expect((await coordinator.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId, k: 11, quasiIdentifiers: ['gender'] })).statusCode).toBe(403);
    const datasets = await coordinator.request('GET', '/api/releases/datasets');
    expect(datasets.statusCode).toBe(200);
    expect(datasets.json().datasets).toContainEqual(
      expect.objectContaining({ id: datasetId, records: 3000, budget: expect.objectContaining({ totalEpsilon: 10, spentEpsilon: 0, remainingEpsilon: 10 }) }),
    );
  });

  it('makes a differentially private release within budget, with its utility report, and serves the file it recorded', async () => {
    const response = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'synthetic', datasetId, epsilon: 4, delta: 1e-6 });
    expect(response.statusCode).toBe(200);
    const { release, budget } = response.json();
    expect(release).toMatchObject({ kind: 'synthetic', epsilon: 4, delta: 1e-6, recordsRead: 3000, parameters: { reportingLength: 3 } });
    expect(release.utility.lengths.map((l: { length: number }) => l.length)).toEqual([1, 2, 3]);
    expect(release.utility.realRecords).toBe(3000);
    expect(release.mechanism.lengths).toHaveLength(3);
    expect(budget).toMatchObject({ totalEpsilon: 10, spentEpsilon: 4, remainingEpsilon: 6 });

    const file = await coordinator.request('GET', `/api/releases/${release.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.headers['content-disposition']).toContain(release.fileName);
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(release.fileSha256);
    const rows = parse(file.body, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([...releaseAttributeNames]);
    expect(rows).toHaveLength(release.recordsReleased);

    expect((await auditActions('release.create')).at(-1)?.summary).toContain('epsilon 4');
    expect((await auditActions('release.download')).length).toBeGreaterThan(0);
  });

  it('refuses a release that would exceed the budget, naming it, and stores nothing', async () => {
    const before = await countReleases(datasetId);
    const response = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'synthetic', datasetId, epsilon: 7, delta: 1e-6 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('budget_exceeded');
    expect(response.json().message).toContain('privacy budget of dataset "Imported CTDC file" (epsilon 10');
    expect(response.json().message).toContain('epsilon 6 and delta');
    expect(await countReleases(datasetId)).toBe(before);
    expect((await auditActions('release.refused')).at(-1)?.outcome).toBe('denied');
  });

  it('makes a k-anonymous release that spends no budget and leaves every class with at least k records', async () => {
    const quasiIdentifiers = ['yearOfRegistration', 'gender', 'ageBroad', 'citizenship'];
    const response = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId, k: 11, quasiIdentifiers });
    expect(response.statusCode).toBe(200);
    const { release, budget } = response.json();
    expect(release).toMatchObject({ kind: 'k_anonymous', epsilon: 0, delta: 0 });
    expect(budget.spentEpsilon).toBe(4);
    expect(release.mechanism.recordsSuppressed).toBe(3000 - release.recordsReleased);
    const rows = parse((await rapporteur.request('GET', `/api/releases/${release.id}/file`)).body, { columns: true }) as Array<Record<string, string>>;
    const classes = new Map<string, number>();
    for (const row of rows) {
      const key = quasiIdentifiers.map((name) => row[name]).join('|');
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    expect(Math.min(...classes.values())).toBeGreaterThanOrEqual(11);
  });

  it('names the field of a bad request', async () => {
    const outside = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId, k: 5, quasiIdentifiers: ['gender'], attributes: ['ageBroad'] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().issues[0].field).toBe('quasiIdentifiers');
    const small = await insertPopulation(t.platform.db, { count: 2000, seed: 4 });
    await service.setBudget(t.platform.db, { userId: null, name: 'operator', organisationId: null }, small, { epsilon: 10, delta: 0.01 });
    const delta = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'synthetic', datasetId: small, epsilon: 1, delta: 0.0008 });
    expect(delta.statusCode).toBe(400);
    expect(delta.json().issues[0].field).toBe('delta');
    expect(delta.json().message).toContain('1 / number of records (2000)');
    const epsilon = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'synthetic', datasetId, epsilon: -1, delta: 1e-6 });
    expect(epsilon.statusCode).toBe(400);
    expect(epsilon.json().issues[0].field).toBe('epsilon');
  });

  it('refuses a release without the explicit confirmation, naming the field, and spends nothing', async () => {
    const before = await countReleases(datasetId);
    const budget = async () => (await rapporteur.request('GET', '/api/releases/datasets')).json().datasets.find((d: { id: string }) => d.id === datasetId).budget;
    const spent = (await budget()).spentEpsilon;
    for (const body of [
      { kind: 'synthetic', datasetId, epsilon: 1, delta: 1e-6 },
      { kind: 'synthetic', datasetId, epsilon: 1, delta: 1e-6, confirmed: false },
      { kind: 'synthetic', datasetId, epsilon: 1, delta: 1e-6, confirmed: 'yes' },
      { kind: 'k_anonymous', datasetId, k: 11, quasiIdentifiers: ['gender'] },
    ]) {
      const response = await rapporteur.request('POST', '/api/releases', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().issues).toContainEqual(expect.objectContaining({ field: 'confirmed' }));
    }
    expect(await countReleases(datasetId)).toBe(before);
    expect((await budget()).spentEpsilon).toBe(spent);
  });

  it('lets two releases racing for the last of the budget through one at a time', async () => {
    const id = await insertPopulation(t.platform.db, { count: 400, seed: 3 });
    const actor = { userId: null, name: 'test', organisationId: null };
    const request = { kind: 'synthetic' as const, datasetId: id, epsilon: 6, delta: 1e-6, reportingLength: 2 };
    const results = await Promise.allSettled([service.makeRelease({ db: t.platform.db }, actor, request), service.makeRelease({ db: t.platform.db }, actor, request)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.status === 'rejected' && (refused.reason as { code?: string }).code).toBe('budget_exceeded');
    expect(await countReleases(id)).toBe(1);
  });

  it('lets the operator set a budget, never below what was spent', async () => {
    const actor = { userId: null, name: 'palermo release budget', organisationId: null };
    await expect(service.setBudget(t.platform.db, actor, datasetId, { epsilon: 3, delta: 1e-5 })).rejects.toMatchObject({ statusCode: 409 });
    const budget = await service.setBudget(t.platform.db, actor, datasetId, { epsilon: 12, delta: 1e-5 });
    expect(budget).toMatchObject({ totalEpsilon: 12, spentEpsilon: 4, remainingEpsilon: 8, setByOperator: true });
    const list = await rapporteur.request('GET', `/api/releases?datasetId=${datasetId}`);
    expect(list.json().releases.map((r: { kind: string }) => r.kind)).toEqual(['k_anonymous', 'synthetic']);
  });

  it('derives the country dataset afresh from the case records before releasing it', async () => {
    const country = crypto.randomUUID();
    await t.platform.db.insertInto('statistical_datasets').values({ id: country, kind: 'country_cases', name: 'Country case records', created_by: 'test' }).execute();
    await t.platform.db.insertInto('statistical_records').values(populationRecords(country, 50, 1)).execute();
    // There are no cases: the refresh replaces the 50 stale records with none, and there is nothing to release.
    const response = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId: country, k: 5, quasiIdentifiers: ['gender'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toEqual({ field: 'datasetId', problem: 'the dataset has no records to release' });
    const left = await t.platform.db.selectFrom('statistical_records').select('id').where('dataset_id', '=', country).execute();
    expect(left).toHaveLength(0);
  });
});
