import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRelease } from '../../cli/commands/release.js';
import { loadConfig } from '../../platform/config.js';
import { openRuntime } from '../../platform/runtime.js';
import { insertPopulation } from './test-population.js';

const data = temporaryDataDir('palermo-release-');
const dir = data.dir;
let datasetId: string;

const palermo = inProcessPalermo(registerRelease);

beforeAll(async () => {
  data.use();
  const runtime = await openRuntime(loadConfig(), 'test');
  try {
    datasetId = await insertPopulation(runtime.database.db, { count: 2000, seed: 5, name: 'Imported file' });
  } finally {
    await runtime.close();
  }
});

afterAll(() => {
  data.restore();
});

describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('npx palermo release', () => {
  it('writes a synthetic release and its summary, then refuses one over the budget', async () => {
    const file = join(dir, 'synthetic.csv');
    const made = await palermo('release', 'synthetic', '--dataset', datasetId, '--epsilon', '6', '--delta', '1e-6', '--length', '2', '--out', file, '--json');
    expect(made.exitCode).toBe(0);
    const summary = JSON.parse(made.stdout);
    expect(summary).toMatchObject({ ok: true, release: { kind: 'synthetic', epsilon: 6, parameters: { reportingLength: 2 } }, budget: { remainingEpsilon: 4 } });
    expect(summary.release.utility.lengths).toHaveLength(2);
    expect(parse(readFileSync(file, 'utf8'), { columns: true })).toHaveLength(summary.release.recordsReleased);

    const refused = await palermo('release', 'synthetic', '--dataset', datasetId, '--epsilon', '5', '--delta', '1e-6', '--out', join(dir, 'no.csv'));
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('privacy budget of dataset "Imported file"');
  });

  it('writes a k-anonymous release and shows the budget', async () => {
    const file = join(dir, 'k.csv');
    const made = await palermo('release', 'k-anonymous', '--dataset', datasetId, '--k', '11', '--quasi-identifiers', 'gender,ageBroad,citizenship', '--out', file);
    expect(made.exitCode).toBe(0);
    expect(made.stdout).toContain('k-anonymous release');
    expect(made.stdout).toContain('records suppressed');
    const budget = await palermo('release', 'budget', '--json');
    expect(JSON.parse(budget.stdout).datasets).toContainEqual(expect.objectContaining({ id: datasetId, budget: expect.objectContaining({ spentEpsilon: 6 }) }));
    const set = await palermo('release', 'budget', '--dataset', datasetId, '--set-epsilon', '20');
    expect(set.stdout).toContain('epsilon 20');
  });
});
