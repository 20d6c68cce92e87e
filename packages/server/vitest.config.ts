import { availableParallelism } from 'node:os';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run the TypeScript sources: the "palermo-source" export condition resolves @palermo/contracts to its src/
// instead of the compiled dist/ that the built server loads.
const conditions = ['palermo-source', ...defaultServerConditions];

/**
 * Tests of pure computations (estimation, disclosure control) that never open a database: they give the same result
 * whichever database the suite runs on, so the PostgreSQL pass (PALERMO_TEST_DB=postgres) leaves them to the embedded
 * one instead of running the slowest of them twice.
 */
const databaseFree = [
  'src/modules/estimation/bootstrap.test.ts',
  'src/modules/estimation/estimation.test.ts',
  'src/modules/estimation/linear-algebra.library.test.ts',
  'src/modules/estimation/linear-algebra.test.ts',
  'src/modules/estimation/linkage.test.ts',
  'src/modules/estimation/model-averaging.test.ts',
  'src/modules/estimation/sparsemse-reference.test.ts',
  'src/modules/estimation/spread.test.ts',
  'src/modules/estimation/strata.test.ts',
  'src/modules/statistics/cell-key.test.ts',
  'src/modules/statistics/statistics.labels.test.ts',
  'src/modules/statistics/suppression.test.ts',
];

/**
 * Test files run in two processes at least. Vitest's default, one fewer than the cores, is a single process on a
 * two-core machine, which leaves a core idle while a file waits on its database or its event loop.
 * PALERMO_TEST_WORKERS sets another number.
 */
const workers = Number(process.env['PALERMO_TEST_WORKERS'] ?? Math.max(2, availableParallelism() - 1));

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(process.env['PALERMO_TEST_DB'] === 'postgres' ? databaseFree : [])],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
    minWorkers: 1,
    setupFiles: ['test/support/yield-between-tests.ts'],
    globalSetup: ['test/support/global-setup.ts'],
  },
});
