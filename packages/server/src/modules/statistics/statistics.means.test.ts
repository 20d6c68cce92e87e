import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsFilters } from '@palermo/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { ensureCube } from './statistics.cube.js';
import { aggregateYearCells, cubeColumns, type CubeColumns } from './statistics.engine.js';
import { publishPerturbed } from './statistics.perturbed.js';
import { buildReport } from './statistics.service.js';
import { generateSyntheticStatistics } from './synthetic-statistics.js';
import { must } from './must.js';

/**
 * The NRM performance means (days to the reasonable-grounds decision, days of reflection) are a sum of days over a
 * count of persons. Published as an exact fraction, the count is its smallest denominator: the mean gives back the
 * exact count behind it, and two overlapping year ranges then give back a small year's exact count by subtraction,
 * around the perturbation of every count on the page. The attack here reads only what the report publishes.
 */

/** The smallest count q for which `mean` is a whole number of days over q persons (what an exact fraction gives away). */
function denominatorOf(mean: number, limit = 20_000): number | null {
  for (let q = 1; q <= limit; q++) {
    const sum = mean * q;
    if (Math.abs(sum - Math.round(sum)) < 1e-6) return q;
  }
  return null;
}

describe('the means of the NRM performance', () => {
  let t: TestDatabase;
  let datasetId: string;
  let cube: CubeColumns;

  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    datasetId = (await generateSyntheticStatistics(t.database.db, { records: 4000, seed: 0.31 })).datasetId;
    const build = await ensureCube(t.database.db, datasetId);
    cube = await cubeColumns(t.database.db, datasetId, build.builtAt);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('do not give back, by their denominator and by subtracting two year ranges, the exact count of a small year', async () => {
    const lastYear = 2025;
    let targets = 0;
    let recovered = 0;
    let threshold = 0;
    for (const citizenship of ['NGA', 'ALB', 'VNM', 'ROU', 'ERI', 'SDN', 'CHN', 'IND', 'PHL', 'UKR', 'GBR']) {
      for (let year = 2012; year < lastYear; year++) {
        const wide: StatisticsFilters = { dataset: datasetId, citizenship, yearFrom: year, yearTo: lastYear };
        const narrow: StatisticsFilters = { ...wide, yearFrom: year + 1 };
        const [a, b] = [await buildReport(t.database.db, wide), await buildReport(t.database.db, narrow)];
        threshold = a.threshold;
        const meanOf = (r: typeof a) => r.performance.meanDaysToReasonableGrounds.find((m) => m.key === 'all')?.value ?? null;
        const [ma, mb] = [meanOf(a), meanOf(b)];
        if (ma === null || mb === null) continue;
        // The truth, from the engine: the exact persons decided in the isolated year.
        const exact = must(publishPerturbed(aggregateYearCells(cube, { citizenship, yearFrom: year, yearTo: year }), {}).exactPerYear.get('all')).rgDecided;
        if (exact === 0 || exact >= threshold) continue;
        targets++;
        const [qa, qb] = [denominatorOf(ma), denominatorOf(mb)];
        if (qa !== null && qb !== null && qa - qb === exact) recovered++;
      }
    }
    // The attack has small years to aim at (this test can fail: exact fractions give back nearly all of them).
    expect(targets).toBeGreaterThan(20);
    expect(recovered, `${recovered} of ${targets} small counts recovered exactly`).toBeLessThanOrEqual(Math.ceil(targets * 0.1));
  }, 300_000);
});
