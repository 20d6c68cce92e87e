import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { importReferenceSeries } from './reference-series.js';
import { systemActor } from '../../platform/audit/audit.js';
import { ImportError } from '../reference-statistics/import-report.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let rapporteur: Client;
let coordinator: Client;

beforeAll(async () => {
  t = await createTestApp();
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
});
afterAll(async () => t.close());

const count = async (table: 'recommendations' | 'tip_tier_ratings' | 'policy_index_scores') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const mapping = { sourceBody: 'Body', cycle: 'Cycle', issuedOn: 'Date', text: 'Recommendation', themes: 'Themes', urgency: 'Urgency' };
const header = 'Body,Cycle,Date,Recommendation,Themes,Urgency\n';
const upload = (fileName: string, content: Buffer, map: Record<string, string> = mapping) => rapporteur.request('POST', '/api/recommendations/import', { fileName, content: content.toString('base64'), mapping: map });

describe('recommendations imported from a file with a column mapping', () => {
  it('imports every row of a good CSV, codes read through letter case and spaces', async () => {
    const before = await count('recommendations');
    const csv = `${header}GRETA,Third round,2023-06-14,"Ensure that victims are identified, including in detention",identification; protection,urges\nUS TIP report,2024,2024-06-24,Increase prosecutions of labour trafficking,Prosecution,Not graded\n`;
    const response = await upload('greta.csv', Buffer.from(csv));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ imported: 2, rejected: [] });
    expect(await count('recommendations')).toBe(before + 2);
    const row = await t.platform.db.selectFrom('recommendations').select(['source_body', 'themes', 'urgency']).where('text', '=', 'Increase prosecutions of labour trafficking').executeTakeFirstOrThrow();
    expect(row).toEqual({ source_body: 'us_tip_report', themes: ['prosecution'], urgency: 'not_graded' });
  });

  it('reports every rejected row with its field and reason, and imports nothing', async () => {
    const before = await count('recommendations');
    const csv = `${header}GRETA,Third round,2023-06-14,A good one,identification,urges\nUNICEF,2020,2020-01-01,Unknown body,protection,urges\nupr,4th cycle,2999-01-01,In the future,protection,recommends\ncrc,2019,2019-02-01,,weather,urges\n`;
    const response = await upload('bad.csv', Buffer.from(csv));
    expect(response.statusCode).toBe(422);
    const { imported, rejected } = response.json() as { imported: number; rejected: Array<{ row: number; field: string; problem: string }> };
    expect(imported).toBe(0);
    expect(rejected.map((r) => [r.row, r.field])).toEqual([[3, 'sourceBody'], [4, 'issuedOn'], [5, 'text'], [5, 'themes']]);
    expect(rejected[1]?.problem).toMatch(/future/u);
    expect(await count('recommendations')).toBe(before);
    const missing = await upload('bad.csv', Buffer.from(csv), { ...mapping, text: 'Wording' });
    expect(missing.json().rejected).toEqual([{ row: 1, field: 'text', problem: 'no column headed "Wording" in the file', code: 'no-such-column', params: { column: 'Wording' } }]);
    // Each rejection carries a code and params for the reader's language, and the 422 is an error body listing them.
    expect(response.json()).toMatchObject({ error: 'rows_rejected', details: { rejected: [{ row: 3 }, { row: 4 }, { row: 5 }, { row: 5 }] } });
    expect(rejected.map((r) => (r as { code?: string }).code)).toEqual(['not-an-option', 'invalid-value', 'blank', 'not-an-option']);
    expect((rejected[0] as { params?: unknown }).params).toEqual({ value: 'UNICEF' });
    const empty = await upload('empty.csv', Buffer.from(header));
    expect(empty.json().rejected).toMatchObject([{ row: 1, field: 'file', code: 'no-rows' }]);
  });

  it('gives a field one value for every row (a constant, also filling its blank cells), and previews a file before mapping', async () => {
    const csv = 'Date,Recommendation,Urgency\n2023-06-14,Train labour inspectors to identify victims,\n2023-06-14,Fund shelters for men,encourages\n';
    const response = await rapporteur.request('POST', '/api/recommendations/import', {
      fileName: 'greta-constants.csv', content: Buffer.from(csv).toString('base64'), mapping: { issuedOn: 'Date', text: 'Recommendation', urgency: 'Urgency' },
      constants: { sourceBody: 'greta', cycle: 'Fourth round', themes: 'protection', urgency: 'urges' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const rows = await t.platform.db.selectFrom('recommendations').select(['source_body', 'cycle', 'themes', 'urgency']).where('cycle', '=', 'Fourth round').orderBy('urgency').execute();
    expect(rows).toEqual([
      { source_body: 'greta', cycle: 'Fourth round', themes: ['protection'], urgency: 'encourages' },
      { source_body: 'greta', cycle: 'Fourth round', themes: ['protection'], urgency: 'urges' },
    ]);
    const preview = await rapporteur.request('POST', '/api/recommendations/import/preview', { fileName: 'greta-constants.csv', content: Buffer.from(csv).toString('base64') });
    expect(preview.json()).toEqual({ format: 'csv', columns: ['Date', 'Recommendation', 'Urgency'], rows: [['2023-06-14', 'Train labour inspectors to identify victims', ''], ['2023-06-14', 'Fund shelters for men', 'encourages']], rowCount: 2 });
    expect((await coordinator.request('POST', '/api/recommendations/import/preview', { fileName: 'x.csv', content: Buffer.from(csv).toString('base64') })).statusCode).toBe(403);
  });

  it('reads an XLSX workbook with the same mapping; only the rapporteur imports', async () => {
    const cell = (value: string | Date) => (value instanceof Date ? { type: Date, value, format: 'yyyy-mm-dd' } : { type: String, value });
    const rows = [
      ['Body', 'Cycle', 'Date', 'Recommendation', 'Themes', 'Urgency'].map(cell),
      ['CEDAW', 'Ninth report', new Date(Date.UTC(2022, 10, 3)), 'Address the root causes of trafficking of women and girls', 'prevention', 'recommends'].map(cell),
    ];
    const xlsx = await writeXlsxFile([{ data: rows, sheet: 'Recommendations' }] as never).toBuffer();
    const response = await upload('cedaw.xlsx', xlsx);
    expect(response.statusCode, response.body).toBe(200);
    const stored = await t.platform.db.selectFrom('recommendations').select(['source_body', sql<string>`issued_on::text`.as('issued')]).where('text', 'like', 'Address the root causes%').executeTakeFirstOrThrow();
    expect(stored).toEqual({ source_body: 'cedaw', issued: '2022-11-03' });
    const refused = await coordinator.request('POST', '/api/recommendations/import', { fileName: 'x.csv', content: Buffer.from(header).toString('base64'), mapping });
    expect(refused.statusCode).toBe(403);
  });
});

describe('reference series', () => {
  const tiers = 'countryname,iso,year,ccode,tier\nMoldova,MDA,2018,359,3\nMoldova,MDA,2019,359,2\nMoldova,MDA,2020,359,NA\n"Bolivia, Plurinational State of",BOL,2019,145,4\n';
  const index = 'country_name,iso3,year,tip_tier,index_3p,prosecution,protection,prevention,criminalization\nMoldova,MDA,2012,2,11,4,3,4,Full\nMoldova,MDA,2013,2,NA,NA,NA,NA,Full\n';

  it('imports all or nothing, the same file twice changing nothing, and draws the country by year', async () => {
    const first = await importReferenceSeries(t.platform.db, 'tip_tiers', { fileName: 'map_tiers.csv', bytes: Buffer.from(tiers) }, systemActor('test'));
    expect(first).toMatchObject({ alreadyImported: false, rowsRead: 4, rowsImported: 3, countries: 2 });
    const again = await importReferenceSeries(t.platform.db, 'tip_tiers', { fileName: 'map_tiers.csv', bytes: Buffer.from(tiers) }, systemActor('test'));
    expect(again).toMatchObject({ alreadyImported: true, rowsImported: 0 });
    expect(await count('tip_tier_ratings')).toBe(3);
    await importReferenceSeries(t.platform.db, 'policy_index_3p', { fileName: 'policy_index_3p.csv', bytes: Buffer.from(index) }, systemActor('test'));
    const bad = `${index}Moldova,MDA,2014,2,12,7,3,2,Full\n`;
    await expect(importReferenceSeries(t.platform.db, 'policy_index_3p', { fileName: 'bad.csv', bytes: Buffer.from(bad) }, systemActor('test'))).rejects.toThrow(ImportError);
    await expect(importReferenceSeries(t.platform.db, 'policy_index_3p', { fileName: 'bad.csv', bytes: Buffer.from(bad) }, systemActor('test'))).rejects.toThrow(/row 4, column prosecution/u);
    expect(await count('policy_index_scores')).toBe(2);
    const view = (await coordinator.request('GET', '/api/reference-series?country=MDA')).json();
    expect(view.tiers).toEqual([{ year: 2018, tier: 'tier_2_watch_list' }, { year: 2019, tier: 'tier_2' }]);
    expect(view.scores).toEqual([
      { year: 2012, prosecution: 4, protection: 3, prevention: 4, criminalization: 'full' },
      { year: 2013, prosecution: null, protection: null, prevention: null, criminalization: 'full' },
    ]);
    expect(view.countries.map((c: { iso3: string }) => c.iso3)).toEqual(['BOL', 'MDA']);
  });

  it("draws the installation's own country for the coordinator, the rapporteur and civil society", async () => {
    await importReferenceSeries(t.platform.db, 'tip_tiers', { fileName: 'map_tiers.csv', bytes: Buffer.from(tiers) }, systemActor('test'));
    const civilSociety = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['civil_society']));
    const own = async (client: Client) => (await client.request('GET', '/api/reference-series')).json() as { country: string | null; tiers: unknown[] };
    await t.platform.db.updateTable('country_settings').set({ country_iso3: null }).where('id', '=', 1).execute();
    expect(await own(coordinator)).toMatchObject({ country: null, tiers: [] });
    await t.platform.db.updateTable('country_settings').set({ country_iso3: 'BOL' }).where('id', '=', 1).execute();
    for (const client of [coordinator, rapporteur, civilSociety]) expect(await own(client)).toMatchObject({ country: 'BOL', tiers: [{ year: 2019, tier: 'tier_3' }] });
    await t.platform.db.updateTable('country_settings').set({ country_iso3: null }).where('id', '=', 1).execute();
  });
});
