import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsFilters } from '@palermo/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { ensureCube } from './statistics.cube.js';
import { aggregateColumns, aggregateYearCells, cubeColumns, dimensionCountsOf } from './statistics.engine.js';
import { cellKeyOf } from './cell-key.js';
import { sql } from 'kysely';
import { indexOf } from './statistics.cube-index.js';
import { aggregate, dimensionCounts, type AggregateRow } from './statistics.queries.js';
import { generateSyntheticStatistics } from './synthetic-statistics.js';
import { warmStatistics } from './statistics.service.js';

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
    // The same columns indexed with accumulators for every pair of values (at a million records only the common
    // values have them; at 3,000 none would), so that both ways of answering several filters are checked.
    const withPairs = { ...columns, index: undefined };
    expect(indexOf(withPairs, 1).pairs.size).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const fromSql = canonical(await aggregate(t.database.db, datasetId, f, 'records', 5));
        expect(canonical(aggregateColumns(columns, f))).toEqual(fromSql);
        expect(canonical(aggregateColumns(withPairs, f))).toEqual(fromSql);
      }),
      { numRuns: 40 },
    );
    expect(dimensionCountsOf(columns).sort((a, b) => `${a.column}${a.value}`.localeCompare(`${b.column}${b.value}`))).toEqual(
      (await dimensionCounts(t.database.db, datasetId)).sort((a, b) => `${a.column}${a.value}`.localeCompare(`${b.column}${b.value}`)),
    );
  });

  it('gives the same rows for combinations of the most common values (where taking rows away is cheaper than adding)', async () => {
    const build = await ensureCube(t.database.db, datasetId);
    const columns = await cubeColumns(t.database.db, datasetId, build.builtAt);
    const withPairs = { ...columns, index: undefined };
    indexOf(withPairs, 1);
    // The two values of a dimension held by the most cube rows.
    const common = (dim: 'gender' | 'referring_organisation_type' | 'age_broad') => {
      const counts = new Map<number, number>();
      for (const code of columns.codes[dim]) counts.set(code, (counts.get(code) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([code]) => columns.dictionaries[dim][code] || 'unknown');
    };
    const combinations: StatisticsFilters[] = [];
    for (const sex of common('gender'))
      for (const referringOrganisationType of common('referring_organisation_type')) {
        combinations.push({ sex, referringOrganisationType }, { sex, referringOrganisationType, form: 'isSexualExploit' });
        for (const ageBand of common('age_broad')) combinations.push({ sex, referringOrganisationType, ageBand });
      }
    for (const f of combinations) {
      const fromSql = canonical(await aggregate(t.database.db, datasetId, f, 'records', 5));
      expect(canonical(aggregateColumns(columns, f)), JSON.stringify(f)).toEqual(fromSql);
      expect(canonical(aggregateColumns(withPairs, f)), JSON.stringify(f)).toEqual(fromSql);
    }
  });

  it('carries, per year cell, the sum of its records\' keys: the same as SQL over the records, whichever way the engine adds them', async () => {
    const build = await ensureCube(t.database.db, datasetId);
    const columns = await cubeColumns(t.database.db, datasetId, build.builtAt);
    const withPairs = { ...columns, index: undefined };
    indexOf(withPairs, 1);
    const filters: fc.Arbitrary<StatisticsFilters> = fc.record(
      {
        yearFrom: fc.integer({ min: 2009, max: 2026 }),
        sex: fc.constantFrom('Woman', 'Man'),
        citizenship: fc.constantFrom('NGA', 'ALB', 'GBR'),
        referringOrganisationType: fc.constantFrom('NGO', 'LawEnforcement'),
        form: fc.constantFrom('isSexualExploit', 'isForcedLabour'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const where = [sql`dataset_id = ${datasetId}`];
        if (f.yearFrom !== undefined) where.push(sql`year_of_registration >= ${f.yearFrom}`);
        if (f.sex !== undefined) where.push(sql`gender = ${f.sex}`);
        if (f.citizenship !== undefined) where.push(sql`citizenship = ${f.citizenship}`);
        if (f.referringOrganisationType !== undefined) where.push(sql`referring_organisation_type = ${f.referringOrganisationType}`);
        if (f.form !== undefined) where.push(sql`${f.form} = ANY(exploitation)`);
        const fromSql = await sql<{ year: number; stage: string; n: string; k: string }>`
          SELECT year_of_registration AS year, stage, count(*) AS n, sum(record_key) AS k FROM statistical_records
          WHERE ${sql.join(where, sql` AND `)} GROUP BY 1, 2`.execute(t.database.db);
        const expected = fromSql.rows.map((r) => `${r.year}|${r.stage}|${r.n}|${cellKeyOf(Number(r.k))}`).sort();
        for (const cube of [columns, withPairs]) {
          const cells = aggregateYearCells(cube, f).filter((c) => c.set === 'yearStage');
          expect(cells.map((c) => `${c.year}|${c.value}|${c.persons}|${cellKeyOf(c.keySum)}`).sort()).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is loaded and indexed ahead of the first reader (at server start)', async () => {
    const warm = await warmStatistics(t.database.db);
    const build = await ensureCube(t.database.db, datasetId);
    expect(warm?.dataset.id).toBe(datasetId);
    expect(warm?.cubeRows).toBe(build.cubeRows);
    expect((await cubeColumns(t.database.db, datasetId, build.builtAt)).index).toBeDefined();
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
