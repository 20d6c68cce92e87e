import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsOptions, StatisticsReport, StatisticsTable } from '@palermo/contracts';
import { createTestApp, clientFor, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { sql } from 'kysely';
import { must } from './must.js';
import { MAX_CHANGE, measureKey, perturb } from './cell-key.js';

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

/**
 * Record keys given here rather than drawn from each run's new installation key: the published values are then the same
 * on every run, so a check such as "the keys do change some counts" cannot pass or fail by the draw (a full-period
 * sequence over 0..255; the engine keeps a key it finds and assigns only missing ones).
 */
let lastRecordKey = 0;
const nextRecordKey = () => (lastRecordKey = (lastRecordKey * 73 + 41) % 256);

async function addRecords(t: TestApp, datasetId: string, records: RecordSpec[]): Promise<void> {
  if (records.length === 0) return;
  await t.platform.db
    .insertInto('statistical_records')
    .values(
      records.map((r) => ({
        dataset_id: datasetId,
        person_key: randomUUID(),
        record_key: nextRecordKey(),
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

  /** What a cell must show, computed apart from the engine: its persons and their record keys, straight from SQL. */
  async function expected(where: (q: ReturnType<typeof recordsOfDataset>) => ReturnType<typeof recordsOfDataset>, measure?: number): Promise<{ exact: number; shown: number }> {
    const row = await where(recordsOfDataset())
      .select([sql<string>`count(*)`.as('n'), sql<string | null>`sum(record_key)`.as('k')])
      .executeTakeFirstOrThrow();
    const exact = Number(row.n);
    const key = Number(row.k ?? 0);
    return { exact, shown: perturb(exact, measure === undefined ? key : measureKey(key, measure)) };
  }
  const recordsOfDataset = () => t.platform.db.selectFrom('statistical_records').where('dataset_id', '=', datasetId);

  it('counts persons by year and stage, every count perturbed by its persons\' keys, totals as cells of their own', async () => {
    const res = await rapporteur.request('GET', '/api/statistics');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<StatisticsReport>();
    expect(report.dataset.id).toBe(datasetId);
    expect(report.threshold).toBe(11);
    expect(report.perturbation).toEqual({ method: 'cell_key', maximumChange: MAX_CHANGE, exactShare: 102 / 256 });
    const yearStage = table(report, 'year_stage');
    expect(yearStage.counting.unit).toBe('persons');
    expect(yearStage.rows.map((r) => r.key)).toEqual(['2023', '2024']);
    let grand = 0;
    let changed = 0;
    for (const row of yearStage.rows) {
      for (const [c, stage] of yearStage.columns.entries()) {
        const want = await expected((q) => q.where('year_of_registration', '=', Number(row.key)).where('stage', '=', stage));
        const cell = must(row.cells[c]);
        expect(cell, `${row.key} ${stage}`).toEqual({ value: want.shown, state: 'published' });
        expect(Math.abs(want.shown - want.exact)).toBeLessThanOrEqual(MAX_CHANGE);
        if (want.shown !== want.exact) changed += 1;
        if (want.exact === 0) expect(cell.value).toBe(0);
      }
      const total = await expected((q) => q.where('year_of_registration', '=', Number(row.key)));
      expect(row.total).toEqual({ value: total.shown, state: 'published' });
      grand += total.shown;
    }
    // Over several years: the sum of the years' published totals (a range is not a cell of its own).
    expect(yearStage.grandTotal).toEqual({ value: grand, state: 'published' });
    expect(Math.abs(grand - 133)).toBeLessThanOrEqual(2 * MAX_CHANGE);
    // The keys do change counts (a test where nothing moves would prove nothing).
    expect(changed).toBeGreaterThan(0);
    // Nothing withheld any more: small counts are perturbed, not suppressed.
    expect(report.tables.flatMap((tb) => tb.rows.flatMap((r) => r.cells)).every((v) => v.value !== null)).toBe(true);
    const citizenship = table(report, 'citizenship');
    const vnm = await expected((q) => q.where('citizenship', '=', 'VNM'));
    expect(must(must(citizenship.rows.find((r) => r.key === 'VNM')).cells[0]).value).toBe(vnm.shown);
  });

  it('gives the same value for the same persons from any route and in any filter order', async () => {
    const get = async (query: string) => (await rapporteur.request('GET', `/api/statistics?${query}`)).json<StatisticsReport>();
    const a = await get('citizenship=NGA&sex=Woman');
    const b = await get('sex=Woman&citizenship=NGA');
    expect(b.tables).toEqual(a.tables);
    // The women among Nigerians (a cell of the sex table under the citizenship filter) are the persons of the
    // citizenship-and-sex filter's grand total: the same cells, the same value.
    const nga = await get('citizenship=NGA');
    const womenOfNga = must(must(table(nga, 'sex').rows.find((r) => r.key === 'Woman')).cells[0]).value;
    expect(must(table(a, 'year_stage').grandTotal).value).toBe(womenOfNga);
    // A year's row is the same whatever range of years is asked.
    const row2023 = (r: StatisticsReport) => {
      const t2 = table(r, 'year_stage');
      const row = must(t2.rows.find((x) => x.key === '2023'));
      return { total: row.total, cells: Object.fromEntries(t2.columns.map((c, i) => [c, must(row.cells[i]).value]).filter(([, v]) => v !== 0)) };
    };
    const all = await get('');
    for (const range of ['yearFrom=2023', 'yearTo=2023', 'yearFrom=2023&yearTo=2023', 'yearFrom=2020&yearTo=2030']) expect(row2023(await get(range))).toEqual(row2023(all));
    // The page and its download agree.
    const csv = parse((await rapporteur.request('GET', '/api/statistics/download?format=csv&citizenship=NGA&sex=Woman')).body, { columns: true }) as Array<Record<string, string>>;
    const grand = csv.find((r) => r.table === 'year_stage' && r.row === 'total' && r.column === 'total');
    expect(Number(must(grand).value)).toBe(must(table(a, 'year_stage').grandTotal).value);
  });

  it('differencing overlapping year ranges over HTTP gives back the published value of the year, never its exact count (a fixed sample)', async () => {
    const total = async (query: string) => must(table((await rapporteur.request('GET', `/api/statistics?${query}`)).json<StatisticsReport>(), 'year_stage').grandTotal).value ?? 0;
    for (const [citizenship, exact] of [['VNM', 3], ['ALB', 25], ['NGA', 55]] as const) {
      const year2023 = await expected((q) => q.where('citizenship', '=', citizenship).where('year_of_registration', '=', 2023));
      expect(year2023.exact).toBe(exact);
      const differences = [
        (await total(`citizenship=${citizenship}&yearFrom=2023&yearTo=2024`)) - (await total(`citizenship=${citizenship}&yearFrom=2024&yearTo=2024`)),
        (await total(`citizenship=${citizenship}`)) - (await total(`citizenship=${citizenship}&yearFrom=2024`)),
        (await total(`citizenship=${citizenship}&yearTo=2023`)) - (await total(`citizenship=${citizenship}&yearTo=2022`)),
        await total(`citizenship=${citizenship}&yearFrom=2023&yearTo=2023`),
      ];
      // Every way of isolating 2023 gives the same perturbed value: nothing to average.
      expect(new Set(differences)).toEqual(new Set([year2023.shown]));
    }
  });

  it('computes NRM performance from the perturbed counts, means of days only beside a count of at least the threshold', async () => {
    const report = (await rapporteur.request('GET', '/api/statistics?yearFrom=2023&yearTo=2023')).json<StatisticsReport>();
    const rg = table(report, 'reasonable_grounds');
    expect(rg.rows.map((r) => r.key)).toEqual(['2023']);
    const of2023 = (q: ReturnType<typeof recordsOfDataset>) => q.where('year_of_registration', '=', 2023);
    // Measures: 1 decided, 3 overdue (measureColumns order).
    // Each measure of a year is perturbed at the key of the year's persons moved by a step per measure.
    const yearKey = Number((await of2023(recordsOfDataset()).select(sql<string>`sum(record_key)`.as('k')).executeTakeFirstOrThrow()).k);
    const decided = { exact: 65, shown: perturb(65, measureKey(yearKey, 1)) };
    const overdue = { exact: 25, shown: perturb(25, measureKey(yearKey, 3)) }; // decided after 5 days (the default deadline)
    expect(must(rg.rows[0]).cells.map((c) => c.value)).toEqual([decided.shown, overdue.shown]);
    const mean = must(must(report.performance.meanDaysToReasonableGrounds.find((r) => r.key === '2023')).value);
    // In whole days: the exact fraction 595 / 65 would name the exact count of persons decided (65).
    expect(mean).toBe(Math.round((40 * 3 + 25 * 19) / 65));
    expect(must(report.performance.shareOverdue.find((r) => r.key === '2023')).value).toBeCloseTo(overdue.shown / decided.shown, 6);
    const referrals = table(report, 'referrals');
    expect(referrals.counting.unit).toBe('referrals');
    const [sent, accepted, completed] = must(referrals.rows[0]).cells.map((c) => must(c.value));
    expect(Math.abs(must(sent) - 105)).toBeLessThanOrEqual(MAX_CHANGE);
    expect(Math.abs(must(accepted) - 65)).toBeLessThanOrEqual(MAX_CHANGE);
    expect(completed).toBe(0);
    expect(must(report.performance.shareReferralsAccepted.find((r) => r.key === '2023')).value).toBeCloseTo(must(accepted) / must(sent), 6);
    expect(table(report, 'year_stage').counting).toMatchObject({ unit: 'persons', yearFrom: 2023, yearTo: 2023 });
  });

  it('filters, and a filter that leaves few persons shows them perturbed, never more than two off', async () => {
    const women = (await rapporteur.request('GET', `/api/statistics?sex=Woman&dataset=${datasetId}`)).json<StatisticsReport>();
    const w2023 = await expected((q) => q.where('gender', '=', 'Woman').where('year_of_registration', '=', 2023));
    const w2024 = await expected((q) => q.where('gender', '=', 'Woman').where('year_of_registration', '=', 2024));
    expect(must(table(women, 'year_stage').grandTotal).value).toBe(w2023.shown + w2024.shown);
    const sexual = (await rapporteur.request('GET', '/api/statistics?form=isSexualExploit')).json<StatisticsReport>();
    const s2024 = await expected((q) => q.where(sql<boolean>`'isSexualExploit' = ANY(exploitation)`).where('year_of_registration', '=', 2024));
    expect(must(table(sexual, 'year_stage').grandTotal).value).toBe(s2024.shown);
    const few = (await rapporteur.request('GET', '/api/statistics?citizenship=VNM')).json<StatisticsReport>();
    const vnm = await expected((q) => q.where('citizenship', '=', 'VNM'));
    expect(must(table(few, 'year_stage').grandTotal).value).toBe(vnm.shown);
    for (const v of allCounts(few)) expect(v).toBeLessThanOrEqual(3 + MAX_CHANGE);
    const bad = await rapporteur.request('GET', '/api/statistics?citizenship=nigeria');
    expect(bad.statusCode).toBe(400);
    expect(must(bad.json<{ issues: Array<{ field: string }> }>().issues[0]).field).toContain('citizenship');
  });

  it('follows the records: new records change the figures at the next read', async () => {
    const before = (await rapporteur.request('GET', '/api/statistics')).json<StatisticsReport>();
    await addRecords(t, datasetId, repeat(30, { year: 2024, gender: 'Woman', age: '18--20', citizenship: 'UKR', stage: 'reported' }));
    const after = (await rapporteur.request('GET', '/api/statistics')).json<StatisticsReport>();
    const y2023 = await expected((q) => q.where('year_of_registration', '=', 2023));
    const y2024 = await expected((q) => q.where('year_of_registration', '=', 2024));
    expect(y2024.exact).toBe(80);
    expect(must(table(after, 'year_stage').grandTotal).value).toBe(y2023.shown + y2024.shown);
    // 2023 did not change: the same persons, the same value as before.
    const row2023 = (r: StatisticsReport) => must(table(r, 'year_stage').rows.find((x) => x.key === '2023'));
    expect(row2023(after)).toEqual(row2023(before));
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

  it('downloads what is shown as CSV, with the note on perturbation, and as XLSX, audited', async () => {
    const report = (await rapporteur.request('GET', '/api/statistics?yearFrom=2023')).json<StatisticsReport>();
    const res = await rapporteur.request('GET', '/api/statistics/download?format=csv&yearFrom=2023');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    const counts = rows.filter((r) => (r.counts === 'persons' || r.counts === 'referrals') && r.table !== 'glotip_reference');
    expect(counts.length).toBeGreaterThan(10);
    for (const r of counts) expect(r.value).toMatch(/^\d+$/u);
    const shown = table(report, 'year_stage');
    for (const row of shown.rows) {
      for (const [c, stage] of shown.columns.entries()) {
        const line = must(counts.find((r) => r.table === 'year_stage' && r.row === row.key && r.column === stage));
        expect(Number(line.value)).toBe(must(row.cells[c]).value);
      }
    }
    expect(must(rows.find((r) => r.table === 'disclosure_control')).population).toContain('perturbed');
    const xlsx = await rapporteur.request('GET', '/api/statistics/download?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'summary', 'record_id']).where('action', 'like', 'statistics.%').execute();
    expect(audit.some((a) => a.action === 'statistics.download' && a.record_id === datasetId)).toBe(true);
    expect(audit.some((a) => a.action === 'statistics.read' && a.summary.includes('filters: yearFrom, yearTo'))).toBe(true);
  });

  it('downloads labels in the chosen language beside the codes, or codes only', async () => {
    const codesOnly = parse((await rapporteur.request('GET', '/api/statistics/download?format=csv&values=codes')).body, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(must(codesOnly[0]))).toEqual(['dataset', 'table', 'counts', 'population', 'period', 'row', 'column', 'value']);
    const french = parse((await rapporteur.request('GET', '/api/statistics/download?format=csv&values=labels&language=fr')).body, { columns: true }) as Array<Record<string, string>>;
    const line = (table: string, row: string, column?: string) => must(french.find((r) => r.table === table && r.row === row && (column === undefined || r.column === column)));
    // The codes stay, the words follow them.
    expect(line('age_band', '18--20')).toMatchObject({ table_label: 'Personnes par tranche d\'âge', row_label: '18 à 20 ans' });
    expect(line('citizenship', 'ALB').row_label).toBe('Albanie');
    expect(line('citizenship', 'VNM').row_label).toMatch(/^Vi[eê]t Nam$/u);
    expect(line('year_stage', '2023', 'reasonable_grounds_positive')).toMatchObject({ row_label: '2023', column_label: expect.stringMatching(/^Motifs raisonnables\s:\sdécision positive$/u) });
    expect(line('sex', 'Woman').row_label).toBe('Femme');
    expect(line('form', 'isSexualExploit').row_label).toBe('Exploitation sexuelle');
    expect(line('year_stage', 'total', 'total').row_label).toBe('Total');
    const arabic = parse((await rapporteur.request('GET', '/api/statistics/download?format=csv&values=labels&language=ar')).body, { columns: true }) as Array<Record<string, string>>;
    expect(must(arabic.find((r) => r.table === 'age_band' && r.row === '30--38')).row_label).toBe('من 30 إلى 38');
    expect(must(arabic.find((r) => r.table === 'citizenship' && r.row === 'ALB')).row_label).toBe('ألبانيا');
    // No code is left where a word is meant: every labelled cell of the labelled tables differs from its code.
    for (const r of french.filter((x) => ['sex', 'age_band', 'citizenship', 'form', 'year_stage'].includes(x.table ?? ''))) {
      if (!/^\d{4}$/u.test(r.row ?? '')) expect(r.row_label, `${r.table} ${r.row}`).not.toBe(r.row);
      expect(r.table_label).not.toBe(r.table);
    }
    expect((await rapporteur.request('GET', '/api/statistics/download?format=csv&values=labels&language=de')).statusCode).toBe(400);
    const xlsx = await rapporteur.request('GET', '/api/statistics/download?format=xlsx&values=labels&language=ar');
    expect(xlsx.statusCode).toBe(200);
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'statistics.download').execute();
    expect(audit.some((a) => a.summary.endsWith('as csv with labels (fr)'))).toBe(true);
  });

  it('takes the threshold from the country setting (values listed, rates shown)', async () => {
    await t.platform.db.updateTable('country_settings').set({ small_cell_threshold: 50 }).where('id', '=', 1).execute();
    try {
      const report = (await rapporteur.request('GET', '/api/statistics?yearFrom=2023&yearTo=2023')).json<StatisticsReport>();
      expect(report.threshold).toBe(50);
      // 65 decided in 2023 (at least 63 shown): the mean is given; 25 overdue: no share of them under 50 persons.
      expect(must(report.performance.meanDaysToReasonableGrounds.find((r) => r.key === '2023')).value).not.toBeNull();
      const options = (await rapporteur.request('GET', '/api/statistics/options')).json<StatisticsOptions>();
      expect(options.values.citizenship).toEqual(['NGA']);
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
