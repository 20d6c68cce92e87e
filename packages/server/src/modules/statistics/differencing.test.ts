import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { ensureCube } from './statistics.cube.js';
import { cubeColumns, type CubeColumns } from './statistics.engine.js';
import { generateSyntheticStatistics } from './synthetic-statistics.js';
import { exactShare } from './cell-key.js';
import { attackFilters, binomialUpperTail, differencingAttack, perturbedTotal, suppressedTotal } from './differencing-attack.test-support.js';

const THRESHOLD = 11;
const ALPHA = 0.01;

/**
 * The differencing attack of the trust review, exhaustively, in process: every filter dimension's values (and
 * citizenship with sex), every window of years, every pair of windows that isolates a year, averaged. Against the
 * page as published before (exact counts, small cells suppressed) it recovers the suppressed counts; against the
 * cell-key method it recovers no more of them than the share the method leaves exact anyway.
 */
describe('the differencing attack', () => {
  let t: TestDatabase;
  let cube: CubeColumns;

  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    const { datasetId } = await generateSyntheticStatistics(t.database.db, { records: 4000, seed: 0.27 });
    const build = await ensureCube(t.database.db, datasetId);
    cube = await cubeColumns(t.database.db, datasetId, build.builtAt);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('recovers the suppressed counts of exact tables (the attack works: this test can fail)', async () => {
    // Every dimension's values (the pairs with sex are left to the test below: suppression fails without them).
    const result = await differencingAttack(cube, THRESHOLD, suppressedTotal(cube, THRESHOLD), attackFilters(cube, false));
    expect(result.targets).toBeGreaterThan(100);
    expect(result.recovered / result.targets, `${result.recovered} of ${result.targets}`).toBeGreaterThan(0.6);
    // Far more than the method's share of exact counts would allow: the binomial test below would reject it.
    expect(binomialUpperTail(result.recovered, result.targets, exactShare(1))).toBeLessThan(ALPHA);
  }, 300_000);

  it('recovers no more small counts exactly than the cell-key method leaves exact (one-sided binomial test)', async () => {
    const filters = attackFilters(cube);
    expect(filters.length).toBeGreaterThan(100);
    const result = await differencingAttack(cube, THRESHOLD, perturbedTotal(cube), filters);
    expect(result.targets).toBeGreaterThan(200);
    const p0 = exactShare(1);
    // H0: the attack recovers a count with probability at most p0. Rejected at ALPHA when k or more of n is that unlikely.
    const tail = binomialUpperTail(result.recovered, result.targets, p0);
    expect(tail, `${result.recovered} of ${result.targets} recovered (p0 ${p0.toFixed(3)}), P = ${tail}`).toBeGreaterThanOrEqual(ALPHA);
  }, 300_000);

  it('computes the binomial tail exactly', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 12);
    // P(X >= 2) for n = 3, p = 0.5: (3 + 1) / 8.
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
  });
});
