import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuasiIdentifiers, releaseRequest } from '@palermo/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/audit/audit.js';
import { insertPopulation } from './test-population.js';
import { makeRelease } from './releases.service.js';

/**
 * A k-anonymous release protects only the attributes treated as quasi-identifiers; every other released attribute is
 * published exactly as recorded. The attributes anyone who knows a survivor can know (year, sex, age, minor or adult,
 * citizenship, country of exploitation, how long the exploitation lasted) therefore count as quasi-identifiers whenever they are released, whatever the request
 * names: a careless choice of one quasi-identifier must not publish record-level rows that single someone out.
 */
describe('quasi-identifiers of a k-anonymous release', () => {
  let t: TestDatabase;
  let datasetId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    datasetId = await insertPopulation(t.database.db, { count: 3000, seed: 7, name: 'Imported CTDC file' });
  }, 120_000);
  afterAll(async () => t?.drop());

  it('leave no released row whose year, sex, age, minor or adult, citizenship, country of exploitation and duration fewer than k rows share, when the request names only sex', async () => {
    const k = 11;
    const request = releaseRequest.parse({ kind: 'k_anonymous', datasetId, k, quasiIdentifiers: ['gender'] });
    const made = await makeRelease({ db: t.database.db }, systemActor('test'), request);
    const rows = parse(made.csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    const knowable = [...defaultQuasiIdentifiers, 'majorityStatus'];
    const released = knowable.filter((name) => name in (rows[0] ?? {}));
    expect(released).toEqual(knowable);
    const classes = new Map<string, number>();
    for (const row of rows) {
      const key = released.map((name) => row[name]).join('|');
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    const singled = [...classes.values()].filter((size) => size < k).length;
    expect(singled, `${singled} combinations shared by fewer than ${k} released rows`).toBe(0);
    // The ledger says which quasi-identifiers were applied.
    expect(made.release.parameters).toMatchObject({ quasiIdentifiers: expect.arrayContaining(knowable) });
  }, 120_000);
});
