import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerEstimate } from '../../cli/commands/estimate.js';
import { inProcessPalermo } from '../../../test/support/cli.js';
import { estimateHiddenPopulation } from './estimate.js';
import { parseOverlapTable } from './overlap-table.js';

const ukdat = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8');
const folder = mkdtempSync(join(tmpdir(), 'palermo-estimate-strata-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs `palermo estimate ...` in-process (the command needs no database) and captures its output. */
const palermo = inProcessPalermo(registerEstimate);
async function estimate(...args: string[]) {
  const { stdout, stderr, exitCode } = await palermo('estimate', ...args);
  return { stdout, stderr, code: exitCode };
}

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** UKdat with a sex column: women two thirds of each combination, men the rest, and six people of unknown sex. */
function stratified(): { path: string; women: string; men: string } {
  const [header = '', ...rows] = ukdat.trim().split(/\r?\n/);
  const women: string[] = [];
  const men: string[] = [];
  for (const row of rows) {
    const fields = row.split(',');
    const count = Number(fields.at(-1));
    const w = Math.round((count * 2) / 3);
    women.push(`${fields.slice(0, -1).join(',')},${w}`);
    men.push(`${fields.slice(0, -1).join(',')},${count - w}`);
  }
  const text = [`sex,${header}`, ...women.map((r) => `F,${r}`), ...men.map((r) => `M,${r}`), 'U,1,0,0,0,0,0,4', 'U,1,1,0,0,0,0,2'].join('\n');
  return { path: file('by-sex.csv', text), women: [header, ...women].join('\n'), men: [header, ...men].join('\n') };
}

describe('palermo estimate --by', () => {
  it('prints one JSON object: each stratum as its table alone, the sum beside the pooled estimate, the small stratum in words', async () => {
    const { path, women, men } = stratified();
    const { stdout, code } = await estimate('--lists', path, '--by', 'sex', '--json');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(stdout) as {
      ok: boolean;
      strata: Array<{ stratum: string; estimable: boolean; total?: number; problem?: string; observed: number }>;
      sum: { total: number; complete: boolean; missing: string[] };
      pooled: { total: number; observed: number };
    };
    expect(result.ok).toBe(true);
    expect(result.strata.map((s) => s.stratum)).toEqual(['F', 'M', 'U']);
    for (const [i, alone] of [women, men].entries()) {
      expect(result.strata[i]?.total).toBeCloseTo(estimateHiddenPopulation(parseOverlapTable(alone)).total, 6);
    }
    expect(result.strata[2]).toMatchObject({ stratum: 'U', estimable: false, problem: 'too-few', observed: 6 });
    expect(result.sum).toMatchObject({ complete: false, missing: ['U'] });
    expect(result.sum.total).toBeCloseTo((result.strata[0]?.total ?? 0) + (result.strata[1]?.total ?? 0), 6);
    expect(result.pooled.observed).toBe(2750);
  });

  it('prints the strata, the sum and the pooled estimate for people', async () => {
    const { stdout, code } = await estimate('--lists', stratified().path, '--by', 'sex', '--model', 'main');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Multiple systems estimate by sex/);
    expect(stdout).toMatch(/\n {2}U {23}\s+6 {2}cannot be estimated \(too-few\)/);
    expect(stdout).toMatch(/sum \(incomplete\).*leaves out U: not estimated/);
    expect(stdout).toMatch(/pooled \(all together\)\s+2,750/);
  });

  it('names the line of a bad row and refuses a missing column, in JSON too', async () => {
    const bad = await estimate('--lists', file('bad.csv', 'sex,A,B,count\nF,1,0,3\nM,1,2,4\n'), '--by', 'sex', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, code: 'bad-input', error: expect.stringMatching(/^line 3, column "B": expected 0 or 1, found 2/) });
    const missing = await estimate('--lists', file('plain.csv', ukdat), '--by', 'sex');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no column is called "sex"/);
    // Without --by the same file is read as before.
    expect((await estimate('--lists', file('plain2.csv', ukdat), '--json', '--no-spread')).code).toBe(0);
  });
});
