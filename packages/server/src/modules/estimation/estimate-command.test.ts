import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerEstimate } from '../../cli/commands/estimate.js';
import { inProcessPalermo } from '../../../test/support/cli.js';

const ukdat = fileURLToPath(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'palermo-estimate-'));
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

describe('palermo estimate', () => {
  it('prints one JSON object with the estimate, interval, model and selection', async () => {
    const { stdout, code } = await estimate('--lists', ukdat, '--json');
    expect(code).toBe(0);
    const result: unknown = JSON.parse(stdout);
    expect(result).toMatchObject({
      ok: true,
      lists: ['LA', 'NG', 'PF', 'GO', 'GP', 'NCA'],
      observed: 2744,
      interval: { level: 0.95, method: 'normal-log-scale' },
      model: { terms: ['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP', 'GO:GP', 'NG:GO'], selection: expect.arrayContaining([expect.objectContaining({ term: 'PF:NCA', added: true })]) },
      warnings: expect.any(Array),
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('prints a short human summary', async () => {
    const { stdout, code } = await estimate('--lists', ukdat);
    expect(code).toBe(0);
    expect(stdout).toContain('11,418');
    expect(stdout).toContain('9,977 - 13,146');
    expect(stdout).toContain('PF:NCA');
  });

  it('fits main effects only, or given terms', async () => {
    expect(JSON.parse((await estimate('--lists', ukdat, '--model', 'main', '--json')).stdout)).toMatchObject({ model: { kind: 'main', terms: [] } });
    expect(JSON.parse((await estimate('--lists', ukdat, '--terms', 'LA:NG,PF:NCA', '--json')).stdout)).toMatchObject({ model: { kind: 'fixed', terms: ['LA:NG', 'PF:NCA'] } });
  });

  it('refuses bad input with ok:false, the problem named, and exit code 1', async () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'A,B,C,count\n1,0,0,3\n0,1,0,-2\n');
    const json = await estimate('--lists', bad, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: 'line 3, count: must not be negative (found -2)', code: 'bad-input' });
    const human = await estimate('--lists', bad);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('line 3, count');
  });

  it('the Dutch lists: the same terms in the same order as SparseMSE, two of them at minus infinity, and its total', async () => {
    const ned = fileURLToPath(new URL('../../../test/fixtures/datasets/mse/Ned.csv', import.meta.url));
    const { stdout, code } = await estimate('--lists', ned, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { total: number; model: { terms: string[]; emptyTerms: string[] }; warnings: string[] };
    // SparseMSE 2.0.1 estimatepopulation.0(Ned, pthresh = 0.02): see sparsemse-reference.test.ts.
    expect(result.model.terms).toEqual(['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:R', 'I:K', 'K:O']);
    expect(result.model.emptyTerms).toEqual(['K:R', 'I:K']);
    expect(Math.abs(result.total - 111139.3712) / 111139.3712).toBeLessThan(1e-4);
    const human = await estimate('--lists', ned);
    expect(human.stdout).toContain('K:R (minus infinity: no one on both)');
  });

  // The spread fits seven models, among them the Bayesian average over decomposable graphs: a minute of a busy machine.
  it('adds the spread: the same data under seven models, with the range in words; --no-spread leaves it out', async () => {
    const ned5 = fileURLToPath(new URL('../../../test/fixtures/datasets/mse/Ned_5.csv', import.meta.url));
    const result = JSON.parse((await estimate('--lists', ned5, '--json')).stdout) as { total: number; spread: { rows: { model: string; total: number; estimable: boolean }[]; summary: string } };
    expect(result.spread.rows.map((row) => row.model)).toEqual(['main', 'stepwise-0.001', 'stepwise-0.02', 'stepwise-0.05', 'best-aic', 'best-bic', 'bayesian-average']);
    expect(result.spread.rows.every((row) => row.estimable)).toBe(true);
    // The chosen estimate (stepwise at p 0.02) is its row.
    expect(result.spread.rows[2]?.total).toBe(result.total);
    expect(result.spread.summary).toMatch(/^The totals range from 46,331 to 146,032/);
    const human = await estimate('--lists', ned5);
    expect(human.stdout).toContain('best by AIC            46,331  (40,582 - 53,101)');
    // The Bayesian average over the 822 decomposable graphs of five lists, its interval a credible one.
    const average = result.spread.rows[6] as { total: number; interval?: string; graphs?: number } | undefined;
    expect(average).toMatchObject({ interval: 'credible', graphs: 822 });
    expect(Math.abs((average?.total ?? 0) - 50394) / 50394).toBeLessThan(0.002);
    expect(human.stdout).toMatch(/Bayesian average +50,\d{3} .*822 decomposable graphs \[exhaustive search\]/);
    const without = JSON.parse((await estimate('--lists', ned5, '--json', '--no-spread')).stdout) as object;
    expect(without).not.toHaveProperty('spread');
  }, 300_000);

  it('sums a repeated combination and says so with the line numbers', async () => {
    const repeated = join(folder, 'repeated.csv');
    writeFileSync(repeated, 'A,B,C,count\n1,0,0,30\n0,1,0,40\n0,0,1,50\n1,1,0,5\n1,0,1,6\n0,1,1,7\n1,1,1,1\n1,0,0,12\n');
    const { stdout, code } = await estimate('--lists', repeated, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { observed: number; warnings: string[] };
    expect(result.observed).toBe(151);
    expect(result.warnings).toContain('the combination A is given 2 times (line 2, line 9); their counts were added up to 42');
  });

  it('says in plain words why lists that never overlap, or a list nobody is on, give no estimate, then in the estimator\'s terms', async () => {
    const apart = join(folder, 'apart.csv');
    writeFileSync(apart, 'A,B,C,count\n1,0,0,3\n0,1,0,4\n0,0,1,5\n');
    const json = await estimate('--lists', apart, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      code: 'not-estimable',
      error: expect.stringMatching(/^no one is on more than one list/),
      reason: { code: 'no-overlap', list: null, text: 'No one is on more than one list. The estimate comes from the people that several lists know, and there are none.' },
    });
    const empty = join(folder, 'empty-list.csv');
    writeFileSync(empty, 'A,B,C,count\n1,0,0,3\n0,1,0,4\n1,1,0,5\n');
    const human = await estimate('--lists', empty);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(
      'palermo estimate: No one is on the list "C". Take it out or put other organisations on it. (In the statistician\'s terms: line 1 (the header), column 3: no one is on list "C"; remove that column)\n',
    );
  });

  it('refuses a missing file, unknown options values and conflicting options', async () => {
    for (const args of [
      ['--lists', join(folder, 'missing.csv')],
      [],
      ['--lists', ukdat, '--model', 'saturated'],
      ['--lists', ukdat, '--threshold', 'abc'],
      ['--lists', ukdat, '--model', 'main', '--terms', 'LA:NG'],
      ['--lists', ukdat, '--terms', 'LA:NG,NG:LA'],
    ]) {
      const { stdout, code } = await estimate(...args, '--json');
      expect(code).toBe(1);
      expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: expect.any(String) });
    }
  });
});
