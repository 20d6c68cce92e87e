import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EstimationError } from './errors.js';
import { estimateFromCsv, estimateHiddenPopulation, type EstimateOptions } from './estimate.js';
import { checkModel } from './existence.js';
import { fitLogLinear } from './loglinear.js';
import { buildOverlapTable, parseOverlapTable } from './overlap-table.js';

// Real data: the UK 2013 lists, as in the R package SparseMSE (see test/fixtures/datasets/README.md).
const ukdat = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8');
const ukdat5 = readFileSync(new URL('../../../test/fixtures/datasets/mse/UKdat_5.csv', import.meta.url), 'utf8');

function rounded(text: string, options: EstimateOptions = {}) {
  const result = estimateFromCsv(text, options);
  return {
    observed: result.observed,
    hidden: Math.round(result.hidden),
    total: Math.round(result.total),
    lower: Math.round(result.interval.lower),
    upper: Math.round(result.interval.upper),
    terms: result.model.terms,
  };
}

/** Runs `fn`, expecting an EstimationError; returns it for inspection. */
function failure(fn: () => unknown): EstimationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EstimationError) return error;
    throw error;
  }
  throw new Error('expected an EstimationError');
}

describe('multiple systems estimation against SparseMSE 2.0.1 on the UK 2013 lists', () => {
  it('UKdat.csv, stepwise p < 0.02: 2,744 observed, 8,674 hidden, 11,418 total (9,977 - 13,146)', () => {
    expect(rounded(ukdat)).toEqual({
      observed: 2744,
      hidden: 8674,
      total: 11418,
      lower: 9977,
      upper: 13146,
      terms: ['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP', 'GO:GP', 'NG:GO'],
    });
  });

  it('UKdat.csv, main effects only: 12,214 (10,989 - 13,621)', () => {
    expect(rounded(ukdat, { model: 'main' })).toMatchObject({ observed: 2744, hidden: 9470, total: 12214, lower: 10989, upper: 13621, terms: [] });
  });

  it('UKdat_5.csv, stepwise: 11,313 (9,884 - 13,027)', () => {
    expect(rounded(ukdat5)).toMatchObject({ observed: 2744, hidden: 8569, total: 11313, lower: 9884, upper: 13027 });
  });

  it('UKdat_5.csv, main effects only: 13,444 (11,985 - 15,133)', () => {
    expect(rounded(ukdat5, { model: 'main' })).toMatchObject({ hidden: 10700, total: 13444, lower: 11985, upper: 15133 });
  });

  it('reports how the model was chosen: each step with its p-value, the stopping step, and the refused pairs', () => {
    const { model, warnings, interval } = estimateFromCsv(ukdat);
    expect(model).toMatchObject({ kind: 'stepwise', test: 'poisson', threshold: 0.02 });
    expect(model.selection.map((step) => [step.term, step.added])).toEqual([
      ['PF:NCA', true], ['LA:NG', true], ['NG:GP', true], ['LA:PF', true], ['PF:GP', true], ['GO:GP', true], ['NG:GO', true], ['LA:GP', false],
    ]);
    for (const step of model.selection) expect(step.pValue < 0.02).toBe(step.added);
    expect(model.selection[0]).toMatchObject({ observedOverlap: 35 });
    // LA:GP and LA:NCA never overlap: candidates like the others (LA:GP is the best remaining one, p = 0.117 = P(N = 0)).
    expect(model.selection.at(-1)?.pValue).toBeCloseTo(Math.exp(-(model.selection.at(-1)?.expectedOverlap ?? 0)), 12);
    expect(model.excluded).toEqual([]);
    expect(model.emptyTerms).toEqual([]);
    expect(warnings.filter((w) => /considered and not selected/.test(w)).map((w) => w.split(':').slice(0, 2).join(':'))).toEqual(['LA:GP', 'LA:NCA']);
    expect(interval).toMatchObject({ level: 0.95, method: 'normal-log-scale' });
  });

  it('the likelihood-ratio test selects the same model on these data', () => {
    expect(rounded(ukdat, { test: 'lrt' })).toEqual(rounded(ukdat));
    expect(rounded(ukdat5, { test: 'lrt' })).toEqual(rounded(ukdat5));
  });

  it('a fixed list of terms, in either order within a pair, reproduces the stepwise fit', () => {
    const terms = ['NCA:PF', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP', 'GO:GP', 'NG:GO'];
    expect(rounded(ukdat, { terms })).toMatchObject({ total: 11418, lower: 9977, upper: 13146 });
    expect(estimateFromCsv(ukdat, { terms }).model.kind).toBe('fixed');
  });

  it('a stricter threshold adds fewer terms', () => {
    const strict = estimateFromCsv(ukdat, { threshold: 0.001 });
    expect(strict.model.terms).toEqual(['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP']);
  });

  it('computes the interval as observed + exp(b0 +/- 1.96 se)', () => {
    const { interval, observed, hidden } = estimateFromCsv(ukdat);
    expect(Math.exp(interval.logHidden)).toBeCloseTo(hidden, 6);
    expect(interval.lower).toBeCloseTo(observed + Math.exp(interval.logHidden - 1.959963984540054 * interval.logHiddenSe), 6);
    expect(interval.upper).toBeCloseTo(observed + Math.exp(interval.logHidden + 1.959963984540054 * interval.logHiddenSe), 6);
  });
});

describe('sparse data: lists that never overlap, and estimates that do not exist', () => {
  // Lists A and B never overlap.
  const disjoint = 'A,B,C,count\n1,0,0,30\n0,1,0,40\n0,0,1,50\n1,0,1,5\n0,1,1,6\n';

  it('considers the interaction of two lists that never overlap, with p-value P(N = 0), and says it was not selected', () => {
    const result = estimateFromCsv(disjoint);
    expect(result.model.terms).toEqual([]);
    expect(result.model.selection).toEqual([expect.objectContaining({ term: 'A:B', added: false, observedOverlap: 0 })]);
    const step = result.model.selection[0];
    expect(step?.pValue).toBeCloseTo(Math.exp(-(step?.expectedOverlap ?? 0)), 12);
    expect(result.warnings[0]).toMatch(/A:B: no one is on both lists; their interaction was considered and not selected/);
    expect(Number.isFinite(result.total)).toBe(true);
  });

  it('adds it when its p-value is below the threshold, fitted as minus infinity: the cells with both lists leave the fit', () => {
    const selected = estimateFromCsv(disjoint, { threshold: 0.1 });
    const fixed = estimateFromCsv(disjoint, { terms: ['A:B'] });
    expect(selected.model).toMatchObject({ terms: ['A:B'], emptyTerms: ['A:B'] });
    expect(fixed.model).toMatchObject({ terms: ['A:B'], emptyTerms: ['A:B'] });
    expect(selected.total).toBeCloseTo(fixed.total, 9);
    // With A:B at minus infinity the cells A+B and A+B+C are gone; the remaining five cells and four parameters
    // leave one residual degree of freedom, and the coefficient list has no A:B.
    expect(fixed.model.residualDf).toBe(1);
    expect(fixed.model.coefficients.map((c) => c.name)).toEqual(['(intercept)', 'A', 'B', 'C']);
    expect(fixed.warnings[0]).toMatch(/A:B: no one is on both lists; the model fits their interaction as minus infinity/);
    // Not the same as leaving the term out (independence of A and B), which the main-effects model does.
    expect(Math.abs(fixed.total - estimateFromCsv(disjoint, { model: 'main' }).total)).toBeGreaterThan(1);
  });

  // Every pair overlaps (30 people are on all three lists), but no one is on exactly two: with all three
  // interactions the MLE does not exist, and with any two of them the hidden count runs off to infinity.
  const onlyTriple = 'A,B,C,count\n1,0,0,300\n0,1,0,300\n0,0,1,300\n1,1,1,90\n';

  it('detects a maximum likelihood estimate that does not exist although every pair overlaps', () => {
    const table = parseOverlapTable(onlyTriple);
    expect(checkModel(table, [{ a: 0, b: 1 }])).toEqual({ ok: true });
    expect(checkModel(table, [{ a: 0, b: 1 }, { a: 0, b: 2 }])).toMatchObject({ ok: false, problem: 'does-not-exist' });
    const error = failure(() => estimateFromCsv(onlyTriple, { terms: ['A:B', 'A:C', 'B:C'] }));
    expect(error.code).toBe('not-estimable');
    expect(error.message).toMatch(/does not exist/);
  });

  it('the fit itself refuses to return a diverging estimate', () => {
    const table = parseOverlapTable(onlyTriple);
    const error = failure(() => fitLogLinear(table, [{ a: 0, b: 1 }, { a: 0, b: 2 }]));
    expect(error.code).toBe('did-not-converge');
  });

  it('stepwise selection refuses terms whose model would not exist, and reports them', () => {
    const result = estimateFromCsv(onlyTriple);
    expect(result.model.terms).toEqual(['A:B']);
    expect(result.model.excluded.map((term) => [term.term, term.problem, term.step])).toEqual([
      ['A:C', 'does-not-exist', 2],
      ['B:C', 'does-not-exist', 2],
    ]);
    expect(Math.round(result.hidden)).toBe(2000);
  });

  it('two lists: the Lincoln-Petersen estimate, and no identifiable interaction', () => {
    const twoLists = 'A,B,count\n1,0,30\n0,1,20\n1,1,5\n';
    const result = estimateFromCsv(twoLists);
    expect(result.total).toBeCloseTo((35 * 25) / 5, 6);
    expect(result.warnings.join(' ')).toMatch(/two lists/);
    const error = failure(() => estimateFromCsv(twoLists, { terms: ['A:B'] }));
    expect(error.message).toMatch(/needs at least three lists \(found 2\)/);
  });

  it('refuses a list nobody is on, and a list everybody is on', () => {
    expect(failure(() => estimateFromCsv('A,B,C,count\n1,0,0,3\n0,1,0,4\n1,1,0,1\n')).message).toMatch(/no one is on list "C"/);
    expect(failure(() => estimateFromCsv('A,B,C,count\n1,0,0,3\n1,1,0,4\n1,0,1,1\n')).message).toMatch(/everyone observed is on list "A"/);
    expect(failure(() => estimateFromCsv('A,B,count\n1,0,0\n0,1,0\n')).message).toMatch(/no one was observed/);
  });
});

describe('bad input is refused with the line, column and problem named', () => {
  const cases: [string, string, RegExp][] = [
    ['a value other than 0 or 1', 'A,B,C,count\n1,0,0,3\n0,2,0,1\n', /line 3, column "B": expected 0 or 1, found 2/],
    ['a non-numeric list value', 'A,B,C,count\n1,0,0,3\n0,yes,0,1\n', /line 3, column "B": expected a number, found "yes"/],
    ['a negative count', 'A,B,C,count\n1,0,0,3\n0,1,0,-1\n', /line 3, count: must not be negative/],
    ['a non-integer count', 'A,B,C,count\n1,0,0,3\n0,1,0,2.5\n', /line 3, count: must be a whole number/],
    ['a missing count', 'A,B,C,count\n1,0,0,3\n0,1,0,\n', /line 3, count: expected a number, found an empty value/],
    ['an all-zero row', 'A,B,C,count\n1,0,0,3\n0,0,0,7\n', /line 3: every list is 0/],
    ['fewer than two lists', 'A,count\n1,3\n', /at least 2 lists/],
    ['more than fifteen lists', `${Array.from({ length: 16 }, (_, i) => `L${i}`).join(',')},count\n${'1,'.repeat(16)}1\n`, /line 1 \(the header\): at most 15 lists are supported; found 16/],
    ['an empty file', '', /the file is empty/],
    ['a blank file', '\n  \n', /the file is empty/],
    ['a header without rows', 'A,B,C,count\n', /header but no rows/],
    ['a missing header', '1,0,0,3\n0,1,0,1\n', /first line must be a header/],
    ['a row of the wrong width', 'A,B,C,count\n1,0,0,3\n0,1,1\n', /line 3: expected 4 values \(3 lists and a count\), found 3/],
    ['a repeated list name', 'A,B,A,count\n1,0,0,3\n', /list name "A" appears twice/],
    ['a list name with a colon', 'A,B:C,D,count\n1,0,0,3\n', /must not contain ':'/],
    ['broken CSV quoting', 'A,B,C,count\n1,0,0,"3\n', /not valid CSV/],
  ];
  it.each(cases)('%s', (_, text, message) => {
    const error = failure(() => parseOverlapTable(text));
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(message);
  });

  it('accepts a byte-order mark, spaces, CRLF line ends, blank lines and explicit zero counts', () => {
    const table = parseOverlapTable('\uFEFFA, B ,C,count\r\n1,0,0, 3\r\n\r\n0,1,0,4\r\n0,0,1,5\r\n1,1,0,0\r\n1,0,1,1\r\n');
    expect(table.lists).toEqual(['A', 'B', 'C']);
    expect(table.observed).toBe(13);
  });

  it('sums a combination given more than once, as SparseMSE does, and names the lines in a warning', () => {
    const table = parseOverlapTable('A,B,C,count\n1,0,0,3\n0,1,0,1\n1,0,0,2\n1,1,0,4\n1,0,0,5\n');
    expect(table.counts[1]).toBe(10);
    expect(table.observed).toBe(15);
    expect(table.warnings).toEqual(['the combination A is given 3 times (line 2, line 4, line 6); their counts were added up to 10']);
    const programmatic = buildOverlapTable(['A', 'B'], [{ combination: [1, 0], count: 3 }, { combination: [1, 0], count: 1 }]);
    expect(programmatic.warnings).toEqual(['the combination A is given 2 times (row 1, row 2); their counts were added up to 4']);
  });

  it('a file with every combination split over repeated lines gives the same estimate as the summed file, with the warning', () => {
    const lines = ukdat.trim().split(/\r?\n/);
    const split = [lines[0], ...lines.slice(1).flatMap((line) => {
      const fields = line.split(',');
      const count = Number(fields.at(-1));
      const head = fields.slice(0, -1).join(',');
      return count > 1 ? [`${head},${count - 1}`, `${head},1`] : [line];
    })].join('\n');
    const summed = estimateFromCsv(ukdat);
    const repeated = estimateFromCsv(split);
    expect(repeated.total).toBeCloseTo(summed.total, 9);
    expect(repeated.model.terms).toEqual(summed.model.terms);
    expect(repeated.warnings[0]).toMatch(/^the combination LA is given 2 times \(line 2, line 3\); their counts were added up to 54/);
  });

  it('validates rows given programmatically the same way', () => {
    const error = failure(() => buildOverlapTable(['A', 'B'], [{ combination: [1, 0], count: 3 }, { combination: [1, 2], count: 1 }]));
    expect(error.message).toMatch(/row 2, column "B": expected 0 or 1, found 2/);
  });

  it('refuses lists that never overlap at all, a list nobody is on (naming the header line), and interactions with two lists', () => {
    const apart = failure(() => estimateFromCsv('A,B,C,count\n1,0,0,3\n0,1,0,4\n0,0,1,5\n'));
    expect(apart.code).toBe('not-estimable');
    expect(apart.message).toMatch(/no one is on more than one list/);
    expect(failure(() => estimateFromCsv('A,B,C,count\n1,0,0,3\n0,1,0,4\n1,1,0,1\n')).message).toMatch(/^line 1 \(the header\), column 3: no one is on list "C"/);
    expect(failure(() => estimateFromCsv('A,B,count\n1,0,3\n0,1,4\n1,1,1\n', { terms: ['A:B'] })).message).toMatch(/at least three lists/);
  });

  it('accepts fifteen lists (the most): a table of 32,767 cells, fitted with main effects', () => {
    const lists = Array.from({ length: 15 }, (_, i) => `L${i + 1}`);
    const rows = lists.flatMap((_, i) => {
      const single = lists.map((__, j) => (j === i ? 1 : 0));
      const pair = lists.map((__, j) => (j === i || j === (i + 1) % 15 ? 1 : 0));
      return [`${single.join(',')},${20 + i}`, `${pair.join(',')},3`];
    });
    const result = estimateFromCsv([`${lists.join(',')},count`, ...rows].join('\n'), { model: 'main' });
    expect(result.lists).toHaveLength(15);
    expect(result.observed).toBe(lists.reduce((sum, _, i) => sum + 20 + i + 3, 0));
    expect(Number.isFinite(result.total)).toBe(true);
  });

  it('rejects a bad term or level', () => {
    expect(failure(() => estimateFromCsv(ukdat, { terms: ['LA:XX'] })).message).toMatch(/no list is called "XX"/);
    expect(failure(() => estimateFromCsv(ukdat, { terms: ['LA'] })).message).toMatch(/LIST:LIST/);
    expect(failure(() => estimateFromCsv(ukdat, { terms: ['LA:LA'] })).message).toMatch(/two different lists/);
    expect(failure(() => estimateFromCsv(ukdat, { terms: ['LA:NG', 'NG:LA'] })).message).toMatch(/given twice/);
    expect(failure(() => estimateHiddenPopulation(parseOverlapTable(ukdat), { level: 1.5 })).message).toMatch(/level/);
    expect(failure(() => estimateFromCsv(ukdat, { threshold: 0 })).message).toMatch(/threshold/);
  });
});
