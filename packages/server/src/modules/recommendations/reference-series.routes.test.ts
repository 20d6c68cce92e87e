import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let rapporteur: Client;
let admin: Client;
let civilSociety: Client;

beforeAll(async () => {
  t = await createTestApp();
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  admin = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_admin']));
  civilSociety = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['civil_society']));
});
afterAll(async () => t.close());

const tiers = 'countryname,iso,year,ccode,tier\nMoldova,MDA,2008,359,4\nMoldova,MDA,2009,359,3\nMoldova,MDA,2010,359,NA\n';
const index = 'country_name,iso3,year,tip_tier,index_3p,prosecution,protection,prevention,criminalization\nMoldova,MDA,2008,3,11,5,3,3,Full\n';
const body = (series: string, fileName: string, csv: string) => ({ series, fileName, content: Buffer.from(csv).toString('base64') });

describe('reference series uploaded from the web app', () => {
  it('imports all or nothing through the same service as the command line, audited; the same file twice changes nothing', async () => {
    const first = await rapporteur.request('POST', '/api/reference-series/imports', body('tip_tiers', 'map_tiers.csv', tiers));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ series: 'tip_tiers', file: 'map_tiers.csv', alreadyImported: false, rowsRead: 3, rowsImported: 2, countries: 1 });
    const again = await admin.request('POST', '/api/reference-series/imports', body('tip_tiers', 'map_tiers.csv', tiers));
    expect(again.json()).toMatchObject({ alreadyImported: true, rowsImported: 0 });
    expect((await admin.request('POST', '/api/reference-series/imports', body('policy_index_3p', 'policy_index_3p.csv', index))).statusCode).toBe(200);

    const bad = await rapporteur.request('POST', '/api/reference-series/imports', body('policy_index_3p', 'bad.csv', `${index}Moldova,MDA,2009,2.5,12,6,4,3,Full\n`));
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'unreadable_value', details: { row: 3, column: 'prosecution' } });
    const view = (await rapporteur.request('GET', '/api/reference-series?country=MDA')).json() as { tiers: unknown[]; scores: unknown[] };
    expect(view.tiers).toEqual([{ year: 2008, tier: 'tier_3' }, { year: 2009, tier: 'tier_2_watch_list' }]);
    expect(view.scores).toHaveLength(1);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('action', '=', 'reference_series.import').execute();
    expect(audited).toHaveLength(2);
  });

  it('is refused to civil society and to a file that is not CSV', async () => {
    expect((await civilSociety.request('POST', '/api/reference-series/imports', body('tip_tiers', 'map_tiers.csv', tiers))).statusCode).toBe(403);
    expect((await rapporteur.request('POST', '/api/reference-series/imports', body('tip_tiers', 'map_tiers.xlsx', tiers))).statusCode).toBe(400);
  });
});
