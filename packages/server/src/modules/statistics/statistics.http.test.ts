import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsOptions, StatisticsReport, StatisticsTable } from '@palermo/contracts';
import { createTestApp, clientFor, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { must } from './must.js';

interface RecordSpec {
  year: number;
  gender: string | null;
  age: string | null;
  citizenship: string | null;
  stage: string | null;
  status?: string | null;
  exploitation?: string[];
  referredOn?: string | null;
  rgOn?: string | null;
  dueOn?: string | null;
  referralsSent?: number;
  referralsAccepted?: number;
  followUp?: 'completed' | 'person_unreachable' | 'person_declined' | null;
}

async function insertDataset(t: TestApp, kind: 'country_cases' | 'synthetic', records: RecordSpec[]): Promise<string> {
  const id = randomUUID();
  await t.platform.db.insertInto('statistical_datasets').values({ id, kind, name: `${kind} test`, created_by: 'test', rows_imported: records.length }).execute();
  await addRecords(t, id, records);
  return id;
}

async function addRecords(t: TestApp, datasetId: string, records: RecordSpec[]): Promise<void> {
  if (records.length === 0) return;
  await t.platform.db
    .insertInto('statistical_records')
    .values(
      records.map((r) => ({
        dataset_id: datasetId,
        person_key: randomUUID(),
        year_of_registration: r.year,
        gender: r.gender,
        age_broad: r.age,
        citizenship: r.citizenship,
        country_of_exploitation: 'GBR',
        exploitation: r.exploitation ?? ['isForcedLabour'],
        stage: r.stage,
        trafficking_status: r.status ?? 'PossibleVictimOfTrafficking',
        referring_organisation_type: 'NGO',
        referred_on: r.referredOn ?? null,
        reasonable_grounds_on: r.rgOn ?? null,
        reasonable_grounds_due_on: r.dueOn ?? null,
        referrals_sent: r.referralsSent ?? 0,
        referrals_accepted: r.referralsAccepted ?? 0,
        follow_up_outcome: r.followUp ?? null,
      })),
    )
    .execute();
}

const repeat = (n: number, spec: RecordSpec): RecordSpec[] => Array.from({ length: n }, () => ({ ...spec }));

function table(report: StatisticsReport, id: string): StatisticsTable {
  const found = report.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function allCounts(report: StatisticsReport): number[] {
  return report.tables.flatMap((t) => [...t.rows.flatMap((r) => [...r.cells, ...(r.total ? [r.total] : [])]), ...(t.columnTotals ?? []), ...(t.grandTotal ? [t.grandTotal] : [])]).flatMap((v) => (v.value === null ? [] : [v.value]));
}

describe('statistics section', () => {
  let t: TestApp;
  let rapporteur: Client;
  let coordinator: Client;
  let caseworker: Client;
  let datasetId: string;

  beforeAll(async () => {
    t = await createTestApp({ logger: { level: 'error' } });
    const national = await insertOrganisation(t, 'national_rapporteur');
    const ngo = await insertOrganisation(t, 'ngo');
    rapporteur = await clientFor(t, await insertUser(t, national, ['national_rapporteur']));
    coordinator = await clientFor(t, await insertUser(t, national, ['national_coordinator']));
    caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
    datasetId = await insertDataset(t, 'country_cases', [
      ...repeat(40, { year: 2023, gender: 'Woman', age: '18--20', citizenship: 'NGA', stage: 'reasonable_grounds_positive', referredOn: '2023-02-01', rgOn: '2023-02-04', referralsSent: 2, referralsAccepted: 1, followUp: 'completed' }),
      ...repeat(25, { year: 2023, gender: 'Man', age: '30--38', citizenship: 'ALB', stage: 'reasonable_grounds_positive', referredOn: '2023-03-01', rgOn: '2023-03-20', referralsSent: 1, referralsAccepted: 1 }),
      ...repeat(3, { year: 2023, gender: 'Man', age: '30--38', citizenship: 'VNM', stage: 'reported' }),
      ...repeat(15, { year: 2023, gender: 'Woman', age: '21--23', citizenship: 'NGA', stage: 'screened' }),
      ...repeat(30, { year: 2024, gender: 'Woman', age: '21--23', citizenship: 'NGA', stage: 'conclusive_positive', status: 'ActualVictimOfTrafficking', exploitation: ['isSexualExploit'], referredOn: '2024-01-10', rgOn: '2024-01-12' }),
      ...repeat(20, { year: 2024, gender: 'Man', age: '21--23', citizenship: 'ALB', stage: 'screened' }),
    ]);
  });
  afterAll(async () => t?.close());

  it('is for the national coordinator and rapporteur only', async () => {
    expect((await caseworker.request('GET', '/api/statistics')).statusCode).toBe(403);
    expect((await caseworker.request('GET', '/api/statistics/download?format=csv')).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/statistics')).statusCode).toBe(200);
  });

  it('counts persons by year and stage with small cells and what would give them away suppressed', async () => {
    const res = await rapporteur.request('GET', '/api/statistics');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<StatisticsReport>();
    expect(report.dataset.id).toBe(datasetId);
    expect(report.threshold).toBe(11);
    const yearStage = table(report, 'year_stage');
    expect(yearStage.counting.unit).toBe('persons');
    expect(yearStage.rows.map((r) => r.key)).toEqual(['2023', '2024']);
    const cell = (year: string, stage: string) => must(must(yearStage.rows.find((r) => r.key === year)).cells[yearStage.columns.indexOf(stage)]);
    expect(cell('2023', 'reasonable_grounds_positive').value).toBe(65);
    expect(cell('2023', 'reported')).toEqual({ value: null, state: 'primary' });
    // 2023: 65 + 15 + 3 = 83. With the row total published, the 3 would follow: another cell or the total goes.
    const row2023 = must(yearStage.rows.find((r) => r.key === '2023'));
    expect([...row2023.cells, must(row2023.total)].filter((v) => v.value === null).length).toBeGreaterThanOrEqual(2);
    expect(yearStage.grandTotal).toEqual({ value: 133, state: 'published' });
    for (const v of allCounts(report)) expect(v === 0 || v >= 11).toBe(true);
    // Citizenship: VNM (3) suppressed, and another so that 133 - published does not give it.
    const citizenship = table(report, 'citizenship');
    const vnm = must(must(citizenship.rows.find((r) => r.key === 'VNM')).cells[0]);
    expect(vnm.state).toBe('primary');
    expect(citizenship.rows.filter((r) => must(r.cells[0]).value === null).length).toBeGreaterThanOrEqual(2);
  });

  it('computes NRM performance from the published counts', async () => {
    const report = (await rapporteur.request('GET', '/api/statistics?yearFrom=2023&yearTo=2023')).json<StatisticsReport>();
    const rg = table(report, 'reasonable_grounds');
    expect(rg.rows.map((r) => r.key)).toEqual(['2023']);
    expect(must(rg.rows[0]).cells.map((c) => c.value)).toEqual([65, 25]); // 25 decided after 5 days (the default deadline)
    const mean = must(must(report.performance.meanDaysToReasonableGrounds.find((r) => r.key === '2023')).value);
    expect(mean).toBeCloseTo((40 * 3 + 25 * 19) / 65, 6);
    expect(must(report.performance.shareOverdue.find((r) => r.key === '2023')).value).toBeCloseTo(25 / 65, 6);
    const referrals = table(report, 'referrals');
    expect(referrals.counting.unit).toBe('referrals');
    expect(must(referrals.rows[0]).cells.map((c) => c.value)).toEqual([105, 65, 0]);
    expect(must(report.performance.shareReferralsAccepted.find((r) => r.key === '2023')).value).toBeCloseTo(65 / 105, 6);
    expect(must(report.performance.shareReferralsCompleted.find((r) => r.key === '2023')).value).toBe(0);
    expect(table(report, 'year_stage').counting).toMatchObject({ unit: 'persons', yearFrom: 2023, yearTo: 2023 });
  });

  it('filters, and a filter that leaves few persons suppresses everything', async () => {
    const women = (await rapporteur.request('GET', `/api/statistics?sex=Woman&dataset=${datasetId}`)).json<StatisticsReport>();
    expect(must(table(women, 'year_stage').grandTotal).value).toBe(85);
    const sexual = (await rapporteur.request('GET', '/api/statistics?form=isSexualExploit')).json<StatisticsReport>();
    expect(must(table(sexual, 'year_stage').grandTotal).value).toBe(30);
    const few = (await rapporteur.request('GET', '/api/statistics?citizenship=VNM')).json<StatisticsReport>();
    expect(allCounts(few).filter((v) => v > 0)).toEqual([]);
    const bad = await rapporteur.request('GET', '/api/statistics?citizenship=nigeria');
    expect(bad.statusCode).toBe(400);
    expect(must(bad.json<{ issues: Array<{ field: string }> }>().issues[0]).field).toContain('citizenship');
  });

  it('follows the records: new records change the figures at the next read', async () => {
    const before = (await rapporteur.request('GET', '/api/statistics')).json<StatisticsReport>();
    await addRecords(t, datasetId, repeat(30, { year: 2024, gender: 'Woman', age: '18--20', citizenship: 'UKR', stage: 'reported' }));
    const after = (await rapporteur.request('GET', '/api/statistics')).json<StatisticsReport>();
    expect(must(table(after, 'year_stage').grandTotal).value).toBe(must(must(table(before, 'year_stage').grandTotal).value) + 30);
    const women = (report: StatisticsReport) => must(must(must(table(report, 'sex').rows.find((r) => r.key === 'Woman')).cells[0]).value);
    expect(women(after)).toBe(women(before) + 30);
    expect(table(after, 'citizenship').rows.map((r) => r.key)).toContain('UKR');
    expect(after.builtAt > before.builtAt).toBe(true);
  });

  it('lists only filter values with enough persons, and the datasets', async () => {
    const options = (await rapporteur.request('GET', '/api/statistics/options')).json<StatisticsOptions>();
    expect(options.dataset).toBe(datasetId);
    expect(options.values.citizenship).toContain('NGA');
    expect(options.values.citizenship).not.toContain('VNM');
    expect(options.years).toEqual([2023, 2024]);
  });

  it('downloads what is shown as CSV with no count below the threshold, and as XLSX, audited', async () => {
    const res = await rapporteur.request('GET', '/api/statistics/download?format=csv&yearFrom=2023');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    const counts = rows.filter((r) => r.counts === 'persons' || r.counts === 'referrals');
    expect(counts.length).toBeGreaterThan(10);
    for (const r of counts) {
      if (/^\d+$/u.test(must(r.value))) expect(Number(r.value) === 0 || Number(r.value) >= 11).toBe(true);
      else expect(['<11', '[c]', '']).toContain(r.value);
    }
    expect(counts.some((r) => r.value === '<11')).toBe(true);
    const xlsx = await rapporteur.request('GET', '/api/statistics/download?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'summary', 'record_id']).where('action', 'like', 'statistics.%').execute();
    expect(audit.some((a) => a.action === 'statistics.download' && a.record_id === datasetId)).toBe(true);
    expect(audit.some((a) => a.action === 'statistics.read' && a.summary.includes('filters: yearFrom, yearTo'))).toBe(true);
  });

  it('takes the threshold from the country setting', async () => {
    await t.platform.db.updateTable('country_settings').set({ small_cell_threshold: 50 }).where('id', '=', 1).execute();
    try {
      const report = (await rapporteur.request('GET', '/api/statistics')).json<StatisticsReport>();
      expect(report.threshold).toBe(50);
      for (const v of allCounts(report)) expect(v === 0 || v >= 50).toBe(true);
    } finally {
      await t.platform.db.updateTable('country_settings').set({ small_cell_threshold: 11 }).where('id', '=', 1).execute();
    }
  });
});

describe("refreshing the country's dataset from the case records", () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('is for the coordinator and rapporteur, derives the dataset, and the statistics then show it', async () => {
    t = await createTestApp({ logger: { level: 'error' } });
    const national = await insertOrganisation(t, 'national_rapporteur');
    const ngo = await insertOrganisation(t, 'ngo');
    const rapporteur = await clientFor(t, await insertUser(t, national, ['national_rapporteur']));
    const caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
    expect((await caseworker.request('POST', '/api/statistics/refresh', {})).statusCode).toBe(403);
    expect((await rapporteur.request('POST', '/api/statistics/refresh', { all: true })).statusCode).toBe(400);

    const refreshed = await rapporteur.request('POST', '/api/statistics/refresh', {});
    expect(refreshed.statusCode).toBe(200);
    const result = refreshed.json<{ datasetId: string; records: number; excludedWithoutConsent: number }>();
    expect(result).toMatchObject({ records: 0, excludedWithoutConsent: 0 });
    const options = (await rapporteur.request('GET', '/api/statistics/options')).json<{ datasets: Array<{ id: string; kind: string; refreshedAt: string | null }> }>();
    const country = options.datasets.find((d) => d.id === result.datasetId);
    expect(country?.kind).toBe('country_cases');
    expect(country?.refreshedAt).not.toBeNull();
  });
});
