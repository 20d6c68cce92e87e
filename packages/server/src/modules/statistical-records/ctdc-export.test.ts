import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobView, type ImportJobView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { SESSION_COOKIE, createSession } from '../../platform/auth/sessions.js';
import { systemActor } from '../../platform/audit/audit.js';
import { glotipTables, type GlotipRecord } from '../reference-statistics/glotip-export.js';
import { writeCtdcCsv } from './ctdc-export.js';
import { refreshCountryDataset } from './country-dataset.js';
import { importCtdc } from './ctdc-import.js';
import { recordsOf } from './statistical-records.repo.js';

let t: TestApp;
let worker: Client;
let rapporteurId: string;
let caseworkerId: string;

async function openCase(person: Record<string, unknown>, extra: Record<string, unknown>, consent: 'given' | 'refused') {
  const response = await worker.request('POST', '/api/cases', { person: { jurisdiction: 'NORTH', ...person }, ...extra }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  const id = (response.json() as { id: string }).id;
  const consented = await worker.request('POST', `/api/cases/${id}/consents`, { purpose: 'statistics', status: consent, method: 'verbal', rightsExplained: ['uses_of_data'] }, { 'idempotency-key': randomUUID() });
  expect(consented.statusCode, consented.body).toBe(200);
  return id;
}

/** Raw requests (file uploads) as a signed-in user. */
async function rawAs(userId: string) {
  const { token } = await createSession(t.platform.db, userId, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const { csrf_token } = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return {
    upload: (url: string, body: Buffer, fileName: string) =>
      t.app.inject({ method: 'POST', url, cookies: { [SESSION_COOKIE]: token }, headers: { 'x-csrf-token': csrf_token, 'content-type': 'application/octet-stream', 'x-file-name': fileName }, payload: body }),
    get: (url: string) => t.app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: token } }),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  const caseworker = await insertUser(t, ngo, ['caseworker']);
  caseworkerId = caseworker.id;
  worker = await clientFor(t, caseworker);
  rapporteurId = (await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur'])).id;
  await openCase({ gender: 'Feminine', citizenships: ['NG'], birthDate: `${new Date().getUTCFullYear() - 14}-01-01` }, { formsOfExploitation: ['SexualExploitation'], countryOfExploitation: 'IT' }, 'given');
  await openCase({ gender: 'Masculine', citizenships: ['UA'], birthDate: '1990-05-05' }, { formsOfExploitation: ['ForcedLabour', 'ForcedBegging'] }, 'given');
  await openCase({ gender: 'NonConforming' }, { formsOfExploitation: ['OrganRemoval'] }, 'given');
  await openCase({ gender: 'Masculine', citizenships: ['MD'] }, {}, 'refused');
});
afterAll(async () => t.close());

const V2_FIELDS = ['year_of_registration', 'gender', 'age_broad', 'citizenship', 'country_of_exploitation', 'traffick_months'] as const;

describe('CTDC export', () => {
  it('round trip: the CTDC layout written then imported gives the same records in every column of the format', async () => {
    const refreshed = await refreshCountryDataset(t.platform.db, systemActor('test'), { cipher: t.platform.cipher });
    expect(refreshed).toMatchObject({ records: 3, excludedWithoutConsent: 1 });
    const exported = { datasetId: refreshed.datasetId, csv: writeCtdcCsv(await recordsOf(t.platform.db, refreshed.datasetId)) };
    const lines = exported.csv.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]?.split(',')).toHaveLength(27);
    // No identifier of a person or case in the file.
    const cases = await t.platform.db.selectFrom('cases').select(['id', 'reference', 'person_id']).execute();
    for (const c of cases) for (const value of [c.id, c.reference, c.person_id]) expect(exported.csv).not.toContain(value);

    const summary = await importCtdc(t.platform.db, { fileName: 'exported.csv', bytes: Buffer.from(exported.csv) }, { actor: systemActor('test') });
    expect(summary.rowsImported).toBe(3);
    expect(Object.values(summary.anomalies).every((n) => n === 0)).toBe(true);
    const v2Flags = new Set(exported.csv.split('\n')[0]?.split(','));
    const comparable = (r: Awaited<ReturnType<typeof recordsOf>>[number]) => ({
      ...Object.fromEntries(V2_FIELDS.map((f) => [f, r[f]])),
      flags: [...r.means_of_control, ...r.exploitation, ...r.labour_sectors, ...r.sex_types, ...r.recruiter_relations].filter((f) => v2Flags.has(f)).sort(),
    });
    const key = (x: object) => JSON.stringify(x);
    const original = (await recordsOf(t.platform.db, exported.datasetId)).map(comparable).map(key).sort();
    const roundTripped = (await recordsOf(t.platform.db, summary.datasetId)).map(comparable).map(key).sort();
    expect(roundTripped).toEqual(original);
    expect(original.some((r) => r.includes('"NGA"') && r.includes('"09--17"') && r.includes('isSexualExploit'))).toBe(true);
  });
});

describe('GLOTIP export tables', () => {
  const victim = (over: Partial<GlotipRecord>): GlotipRecord => ({
    year_of_registration: 2024,
    gender: 'Woman',
    majority_status: 'Adult',
    citizenship: 'NGA',
    exploitation: ['isSexualExploit'],
    labour_sectors: [],
    trafficking_status: 'ActualVictimOfTrafficking',
    ...over,
  });

  it('counts detected victims by sex, age, form and citizenship, masks small counts, and gives rates per 100,000', () => {
    const records = [
      ...Array.from({ length: 6 }, () => victim({})),
      ...Array.from({ length: 3 }, () => victim({ gender: 'Man', majority_status: 'Minor', citizenship: 'ITA', exploitation: ['isForcedLabour'] })),
      victim({ gender: null, majority_status: null, citizenship: null, exploitation: ['isForcedLabour'], labour_sectors: ['typeOfLabourBegging'] }),
      victim({ exploitation: ['isForcedLabour', 'isSexualExploit'] }),
      victim({ trafficking_status: 'PossibleVictimOfTrafficking' }),
      victim({ trafficking_status: 'NotAVictimOfTrafficking' }),
    ];
    const rows = glotipTables(records, { country: 'IT', population: new Map([[2024, 1_000_000]]) });
    const value = (dimension: string, category: string, sex: string, age: string, unit = 'Counts') =>
      rows.find((r) => r.Dimension === dimension && r.Category === category && r.Sex === sex && r.Age === age && r['Unit of measurement'] === unit)?.txtVALUE;
    expect(rows.every((r) => r.Iso3_code === 'ITA' && r.Year === '2024' && r.Indicator === 'Detected trafficking victims')).toBe(true);
    expect(value('Total', 'Total', 'Total', 'Total')).toBe('11');
    expect(value('Total', 'Total', 'Total', 'Total', 'Per 100,000 population')).toBe('1.100');
    expect(value('Total', 'Total', 'Female', 'Total')).toBe('7');
    expect(value('Total', 'Total', 'Male', '0 to 17 years')).toBe('<5');
    expect(value('Total', 'Total', 'Unknown', 'Unknown')).toBe('<5');
    expect(value('by form of exploitation', 'Sexual exploitation', 'Total', 'Total')).toBe('6');
    expect(value('by form of exploitation', 'Forced labour', 'Total', 'Total')).toBe('<5');
    // Begging and mixed forms are other forms; one form per victim, so forms add up to the total.
    expect(value('by form of exploitation', 'Other forms of exploitation', 'Total', 'Total')).toBe('<5');
    expect(value('by form of exploitation', 'Forced labour', 'Total', 'Total', 'Per 100,000 population')).toBeUndefined();
    expect(value('by citizenship', 'Nationals', 'Total', 'Total')).toBe('<5');
    expect(value('by citizenship', 'Nigeria', 'Total', 'Total')).toBe('7');
    expect(value('by citizenship', 'Unknown', 'Total', 'Total')).toBe('<5');
    const unmasked = glotipTables(records, { country: 'ITA', mask: false });
    const forms = ['Sexual exploitation', 'Forced labour', 'Other forms of exploitation'].map((f) =>
      Number(unmasked.find((r) => r.Dimension === 'by form of exploitation' && r.Category === f && r.Sex === 'Total' && r.Age === 'Total')?.txtVALUE),
    );
    expect(forms).toEqual([6, 3, 2]);
    expect(forms.reduce((a, b) => a + b, 0)).toBe(11);
    expect(unmasked.some((r) => r['Unit of measurement'] !== 'Counts')).toBe(false);
  });
});

describe('imports and exports over HTTP', () => {
  it('lets the rapporteur upload a CTDC file, follow the job and read the report; a caseworker may not', async () => {
    const rapporteur = await rawAs(rapporteurId);
    const text = 'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,isForcedLabour\n2022,Woman,21--23,PHL,MYS,1\n2022,Man,-99,XX,MYS,1\n';
    const started = await rapporteur.upload('/api/imports/ctdc', Buffer.from(text), 'small.csv');
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json() as { jobId: string };
    let job: ImportJobView | undefined;
    for (let i = 0; i < 200; i += 1) {
      const polled = await rapporteur.get(`/api/imports/jobs/${jobId}`);
      expect(polled.statusCode).toBe(200);
      job = importJobView.parse(polled.json());
      if (job.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, fileName: 'small.csv', error: null });
    expect(job?.summary).toMatchObject({ source: 'ctdc', rowsRead: 2, rowsImported: 2, format: 'ctdc_synthetic_v2' });
    expect(job?.summary?.report).toEqual([{ kind: 'not_a_country_code', row: 3, column: 'citizenship', original: 'XX', readAs: 'missing: not an ISO 3166-1 alpha-2 or alpha-3 code' }]);

    const caseworker = await rawAs(caseworkerId);
    expect((await caseworker.upload('/api/imports/ctdc', Buffer.from(text), 'small.csv')).statusCode).toBe(403);
    expect((await caseworker.get(`/api/imports/jobs/${jobId}`)).statusCode).toBe(403);
    // The raw record-level file is not served to anyone (releases are the way out).
    expect((await caseworker.get('/api/exports/ctdc')).statusCode).toBe(404);
  });

  it('reports a file that cannot be imported through the job', async () => {
    const rapporteur = await rawAs(rapporteurId);
    const started = await rapporteur.upload('/api/imports/ctdc', Buffer.from('yearOfRegistration,gender\n2020,Woman,extra\n'), 'bad.csv');
    const { jobId } = started.json() as { jobId: string };
    let job: ImportJobView | undefined;
    for (let i = 0; i < 200 && job?.status !== 'failed' && job?.status !== 'succeeded'; i += 1) {
      job = importJobView.parse((await rapporteur.get(`/api/imports/jobs/${jobId}`)).json());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(job).toMatchObject({ status: 'failed', summary: null, error: { code: 'malformed_row', row: 2 } });
  });

  it('never serves the raw CTDC file; gives the official GLOTIP file (exact, masked below 5) to the rapporteur only, audited', async () => {
    const rapporteur = await rawAs(rapporteurId);
    expect((await rapporteur.get('/api/exports/ctdc')).statusCode).toBe(404);
    for (const role of ['national_coordinator', 'national_admin'] as const) {
      const other = await rawAs((await insertUser(t, await insertOrganisation(t, role === 'national_admin' ? 'national_coordinator' : role), [role])).id);
      expect((await other.get('/api/exports/glotip?country=IT')).statusCode, role).toBe(403);
    }
    const glotip = await rapporteur.get('/api/exports/glotip?country=IT&population=60000000');
    expect(glotip.statusCode).toBe(200);
    expect(glotip.body.split('\n')[0]).toBe('Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source');
    expect((await rapporteur.get('/api/exports/glotip?country=QQ')).statusCode).toBe(400);
    const audits = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'statistical_records.export').where('actor_user_id', '=', rapporteurId).execute();
    expect(audits.length).toBe(1);
    expect(audits[0]?.summary).toContain('official glotip submission');
  });
});
