import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsFilters } from '@palermo/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { ensureCube } from './statistics.cube.js';
import { aggregateColumns, cubeColumns, dimensionCountsOf } from './statistics.engine.js';
import { aggregate, dimensionCounts, type AggregateRow } from './statistics.queries.js';
import { generateSyntheticStatistics } from './synthetic-statistics.js';

/** Rows in a comparable order; for the one-way sets only persons are carried by the in-memory aggregation. */
function canonical(rows: AggregateRow[]): string[] {
  return rows
    .map((r) => {
      const keys = Object.entries(r.keys)
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
      const measures = r.set === 'yearStage' ? JSON.stringify({ ...r, set: undefined, keys: undefined }) : String(r.persons);
      return `${r.set}|${keys}|${measures}`;
    })
    .filter((line) => !line.endsWith('|0'))
    .sort();
}

describe('in-memory aggregation of the cube', () => {
  let t: TestDatabase;
  let datasetId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    datasetId = (await generateSyntheticStatistics(t.database.db, { records: 3000, seed: 0.1 })).datasetId;
  });
  afterAll(async () => t?.drop());

  it('gives the same rows as the SQL GROUPING SETS query over the records, for random filters', async () => {
    const build = await ensureCube(t.database.db, datasetId);
    const columns = await cubeColumns(t.database.db, datasetId, build.builtAt);
    expect(columns.rows).toBe(build.cubeRows);
    const filters: fc.Arbitrary<StatisticsFilters> = fc.record(
      {
        yearFrom: fc.integer({ min: 2009, max: 2026 }),
        yearTo: fc.integer({ min: 2018, max: 2026 }),
        sex: fc.constantFrom('Woman', 'Man', 'unknown'),
        ageBand: fc.constantFrom('18--20', '30--38', '09--17', 'unknown'),
        form: fc.constantFrom('isSexualExploit', 'isForcedLabour', 'isOtherExploit'),
        citizenship: fc.constantFrom('NGA', 'ALB', 'GBR', 'unknown'),
        countryOfExploitation: fc.constantFrom('GBR', 'ITA', 'unknown'),
        referringOrganisationType: fc.constantFrom('NGO', 'LawEnforcement'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const fromSql = await aggregate(t.database.db, datasetId, f, 'records', 5);
        expect(canonical(aggregateColumns(columns, f))).toEqual(canonical(fromSql));
      }),
      { numRuns: 25 },
    );
    expect(dimensionCountsOf(columns).sort((a, b) => `${a.column}${a.value}`.localeCompare(`${b.column}${b.value}`))).toEqual(
      (await dimensionCounts(t.database.db, datasetId)).sort((a, b) => `${a.column}${a.value}`.localeCompare(`${b.column}${b.value}`)),
    );
  });

  it('is reloaded after the records change (the build changes)', async () => {
    const before = await ensureCube(t.database.db, datasetId);
    const columnsBefore = await cubeColumns(t.database.db, datasetId, before.builtAt);
    await t.database.db.deleteFrom('statistical_records').where('dataset_id', '=', datasetId).where('gender', '=', 'Man').execute();
    const after = await ensureCube(t.database.db, datasetId);
    expect(after.builtAt.getTime()).toBeGreaterThan(before.builtAt.getTime());
    const columnsAfter = await cubeColumns(t.database.db, datasetId, after.builtAt);
    const men = (rows: AggregateRow[]) => rows.filter((r) => r.set === 'sex' && r.keys.gender === 'Man').reduce((s, r) => s + r.persons, 0);
    expect(men(aggregateColumns(columnsBefore, {}))).toBeGreaterThan(0);
    expect(men(aggregateColumns(columnsAfter, {}))).toBe(0);
  });
});
