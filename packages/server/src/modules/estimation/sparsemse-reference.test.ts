/**
 * Reference values: every data set shipped with the R package SparseMSE 2.0.1 (Chan, Silverman & Vincent; CRAN,
 * GPL >= 2), estimated with its `estimatepopulation.0(zdat, method = "stepwise", pthresh = p)` for p = 0.001, 0.02
 * and 0.05 (quantiles 0.025 and 0.975: the normal-on-log-scale 95% interval) and `method = "main"`, in R 4.2.2 with
 * lpSolve 5.6.18 (Debian 12). `terms` is the order in which `stepwisefit` added the two-list interactions (read from
 * the `mX` of its last `modelfit`); `emptyTerms` is `MSEfit$emptyoverlaps`, the interactions between lists nobody is
 * on together, which SparseMSE fits as minus infinity; `aic` is `MSEfit$fit$aic` (R's glm, plus 2 per empty
 * interaction). The verdicts are `checkident(zdat, mX)`: 0 = the estimate exists and is identifiable, 1 = it is not
 * finite, 2 = not identifiable, 3 = both. The data sets are in test/fixtures/datasets/mse/, written from the
 * package's .rda files with R's write.csv (see the README there).
 *
 * The promise is agreement within 0.5%; the tests hold us to 1e-4 (relative), which R's own convergence tolerance
 * allows, so that a small drift is caught long before it matters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateHiddenPopulation, parseTerms, type EstimateOptions } from './estimate.js';
import { modelVerdict } from './existence.js';
import { allPairs } from './stepwise.js';
import { parseOverlapTable, type OverlapTable } from './overlap-table.js';

interface Reference {
  readonly terms: readonly string[];
  readonly emptyTerms: readonly string[];
  readonly total: number;
  readonly lower: number;
  readonly upper: number;
  readonly aic: number;
}

type Choice = 'main' | 'p0.001' | 'p0.02' | 'p0.05';

const SPARSEMSE: Record<string, Record<Choice, Reference>> = {
  UKdat: {
    main: { terms: [], emptyTerms: [], total: 12213.9951, lower: 10988.8001, upper: 13621.2567, aic: 305.0200 },
    'p0.001': { terms: ['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP'], emptyTerms: [], total: 13181.2405, lower: 11601.1434, upper: 15043.2239, aic: 176.8457 },
    'p0.02': { terms: ['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP', 'GO:GP', 'NG:GO'], emptyTerms: [], total: 11417.9911, lower: 9977.2826, upper: 13145.6565, aic: 162.6591 },
    'p0.05': { terms: ['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP', 'GO:GP', 'NG:GO'], emptyTerms: [], total: 11417.9911, lower: 9977.2826, upper: 13145.6565, aic: 162.6591 },
  },
  UKdat_5: {
    main: { terms: [], emptyTerms: [], total: 13444.1312, lower: 11985.1709, upper: 15133.4265, aic: 217.7789 },
    'p0.001': { terms: ['LA:NG', 'NG:GP', 'PFNCA:GP', 'LA:PFNCA'], emptyTerms: [], total: 13100.8433, lower: 11527.8588, upper: 14955.5127, aic: 142.2484 },
    'p0.02': { terms: ['LA:NG', 'NG:GP', 'PFNCA:GP', 'LA:PFNCA', 'GO:GP', 'NG:GO'], emptyTerms: [], total: 11312.9903, lower: 9884.4028, upper: 13027.3967, aic: 127.5986 },
    'p0.05': { terms: ['LA:NG', 'NG:GP', 'PFNCA:GP', 'LA:PFNCA', 'GO:GP', 'NG:GO'], emptyTerms: [], total: 11312.9903, lower: 9884.4028, upper: 13027.3967, aic: 127.5986 },
  },
  Ned: {
    main: { terms: [], emptyTerms: [], total: 52823.4639, lower: 48523.9033, upper: 57581.8548, aic: 584.4088 },
    'p0.001': { terms: ['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:R'], emptyTerms: ['K:R'], total: 121529.5904, lower: 101115.7658, upper: 146430.0248, aic: 219.2941 },
    'p0.02': { terms: ['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:R', 'I:K', 'K:O'], emptyTerms: ['K:R', 'I:K'], total: 111139.3712, lower: 92439.8581, upper: 133991.4671, aic: 207.1849 },
    'p0.05': { terms: ['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:R', 'I:K', 'K:O', 'K:Z', 'K:P', 'R:Z'], emptyTerms: ['K:R', 'I:K'], total: 68246.4855, lower: 52782.1209, upper: 89079.1255, aic: 191.6981 },
  },
  Ned_5: {
    main: { terms: [], emptyTerms: [], total: 52923.8943, lower: 48594.5220, upper: 57717.6675, aic: 505.6346 },
    'p0.001': { terms: ['IO:Z', 'P:Z', 'P:R', 'IO:P'], emptyTerms: [], total: 146031.7009, lower: 118775.4305, upper: 180008.5670, aic: 167.2992 },
    'p0.02': { terms: ['IO:Z', 'P:Z', 'P:R', 'IO:P', 'K:R', 'IO:K'], emptyTerms: ['K:R'], total: 121521.6137, lower: 98675.4323, upper: 150138.9113, aic: 143.7870 },
    'p0.05': { terms: ['IO:Z', 'P:Z', 'P:R', 'IO:P', 'K:R', 'IO:K'], emptyTerms: ['K:R'], total: 121521.6137, lower: 98675.4323, upper: 150138.9113, aic: 143.7870 },
  },
  NewOrl: {
    main: { terms: [], emptyTerms: [], total: 996.6643, lower: 644.8860, upper: 1617.5265, aic: 118.3539 },
    'p0.001': { terms: [], emptyTerms: [], total: 996.6643, lower: 644.8860, upper: 1617.5265, aic: 118.3539 },
    'p0.02': { terms: ['D:E'], emptyTerms: [], total: 1183.6923, lower: 720.9244, upper: 2046.0579, aic: 113.0692 },
    'p0.05': { terms: ['D:E', 'B:F', 'A:E'], emptyTerms: [], total: 1494.4528, lower: 833.0436, upper: 2830.9124, aic: 107.0274 },
  },
  NewOrl_5: {
    main: { terms: [], emptyTerms: [], total: 1034.1511, lower: 658.2584, upper: 1708.6022, aic: 77.5294 },
    'p0.001': { terms: [], emptyTerms: [], total: 1034.1511, lower: 658.2584, upper: 1708.6022, aic: 77.5294 },
    'p0.02': { terms: [], emptyTerms: [], total: 1034.1511, lower: 658.2584, upper: 1708.6022, aic: 77.5294 },
    'p0.05': { terms: [], emptyTerms: [], total: 1034.1511, lower: 658.2584, upper: 1708.6022, aic: 77.5294 },
  },
  Western: {
    main: { terms: [], emptyTerms: [], total: 2007.1418, lower: 1420.4180, upper: 2913.9688, aic: 104.2184 },
    'p0.001': { terms: ['A:E'], emptyTerms: [], total: 2483.3839, lower: 1657.0937, upper: 3830.0300, aic: 91.8395 },
    'p0.02': { terms: ['A:E'], emptyTerms: [], total: 2483.3839, lower: 1657.0937, upper: 3830.0300, aic: 91.8395 },
    'p0.05': { terms: ['A:E', 'D:E'], emptyTerms: [], total: 2817.7709, lower: 1805.9954, upper: 4530.2258, aic: 88.5899 },
  },
  Artificial_3: {
    main: { terms: [], emptyTerms: [], total: 539.0939, lower: 278.6542, upper: 1170.8851, aic: 36.1474 },
    'p0.001': { terms: [], emptyTerms: [], total: 539.0939, lower: 278.6542, upper: 1170.8851, aic: 36.1474 },
    'p0.02': { terms: [], emptyTerms: [], total: 539.0939, lower: 278.6542, upper: 1170.8851, aic: 36.1474 },
    'p0.05': { terms: [], emptyTerms: [], total: 539.0939, lower: 278.6542, upper: 1170.8851, aic: 36.1474 },
  },
};

/** SparseMSE's `checkident` verdicts, for models given as interactions (every other single pair gives 0). */
const CHECKIDENT: readonly { readonly data: string; readonly terms: readonly string[]; readonly ierr: 0 | 1 | 2 | 3 }[] = [
  // Artificial_3 is the paper's Table 2, made to fail each check (SparseMSE's documentation of the data set).
  { data: 'Artificial_3', terms: [], ierr: 0 },
  { data: 'Artificial_3', terms: ['A:B'], ierr: 1 },
  { data: 'Artificial_3', terms: ['A:C'], ierr: 0 },
  { data: 'Artificial_3', terms: ['B:C'], ierr: 0 },
  { data: 'Artificial_3', terms: ['A:B', 'A:C'], ierr: 1 },
  { data: 'Artificial_3', terms: ['A:B', 'B:C'], ierr: 1 },
  { data: 'Artificial_3', terms: ['A:C', 'B:C'], ierr: 0 },
  { data: 'Artificial_3', terms: ['A:B', 'A:C', 'B:C'], ierr: 2 },
  // The Dutch model selected at p 0.02 (two interactions at minus infinity) with each pair it did not select.
  ...['I:O', 'I:P', 'I:R', 'K:P', 'K:Z', 'O:R', 'R:Z'].map((extra) => ({
    data: 'Ned',
    terms: ['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:R', 'I:K', 'K:O', extra],
    ierr: 0 as const,
  })),
];

/** `checkident(zdat, 0)`: every two-list interaction at once. */
const CHECKIDENT_ALL_PAIRS: Record<string, 0 | 1 | 2 | 3> = { UKdat: 0, UKdat_5: 0, Ned: 0, Ned_5: 0, NewOrl: 0, NewOrl_5: 0, Western: 0, Artificial_3: 2 };

const tables = new Map<string, OverlapTable>(
  Object.keys(SPARSEMSE).map((name) => [name, parseOverlapTable(readFileSync(new URL(`../../../test/fixtures/datasets/mse/${name}.csv`, import.meta.url), 'utf8'))]),
);

function table(name: string): OverlapTable {
  const found = tables.get(name);
  if (!found) throw new Error(`no fixture for ${name}`);
  return found;
}

function options(choice: Choice): EstimateOptions {
  return choice === 'main' ? { model: 'main' } : { model: 'stepwise', threshold: Number(choice.slice(1)), test: 'poisson' };
}

function ierr(data: string, terms: readonly string[]): number {
  const verdict = modelVerdict(table(data), parseTerms(table(data), terms));
  return (verdict.exists ? 0 : 1) + (verdict.identifiable ? 0 : 2);
}

const relative = (ours: number, theirs: number): number => Math.abs(ours - theirs) / Math.abs(theirs);

describe('agreement with SparseMSE 2.0.1 estimatepopulation.0 on every data set it ships', () => {
  const cases = Object.entries(SPARSEMSE).flatMap(([name, choices]) => Object.entries(choices).map(([choice, reference]) => ({ name, choice: choice as Choice, reference })));

  it.each(cases)('$name, $choice: the same terms in the same order, total and 95% interval', ({ name, choice, reference }) => {
    const result = estimateHiddenPopulation(table(name), options(choice));
    expect(result.model.terms).toEqual(reference.terms);
    expect(result.model.emptyTerms).toEqual(reference.emptyTerms);
    expect(relative(result.total, reference.total)).toBeLessThan(1e-4);
    expect(relative(result.interval.lower, reference.lower)).toBeLessThan(1e-4);
    expect(relative(result.interval.upper, reference.upper)).toBeLessThan(1e-4);
    expect(Math.abs(result.model.aic - reference.aic)).toBeLessThan(1e-3);
    expect(result.interval.level).toBe(0.95);
  });

  it('covers lists that never overlap inside the selected model (the Dutch lists), not only the easy cases', () => {
    const withEmpty = cases.filter((c) => c.reference.emptyTerms.length > 0).map((c) => `${c.name} ${c.choice}`);
    expect(withEmpty).toEqual(['Ned p0.001', 'Ned p0.02', 'Ned p0.05', 'Ned_5 p0.02', 'Ned_5 p0.05']);
    const ned = estimateHiddenPopulation(table('Ned'), options('p0.02'));
    // The interactions at minus infinity have no coefficient, and the cells with both lists are not in the fit.
    expect(ned.model.coefficients.map((c) => c.name)).not.toContain('K:R');
    expect(ned.model.coefficients.map((c) => c.name)).not.toContain('I:K');
    expect(ned.warnings.filter((w) => /minus infinity/.test(w)).map((w) => w.split(':').slice(0, 2).join(':'))).toEqual(['K:R', 'I:K']);
  });

  it.each(CHECKIDENT)('checkident $data with [$terms] gives $ierr', ({ data, terms, ierr: expected }) => {
    expect(ierr(data, terms)).toBe(expected);
  });

  it.each(Object.entries(CHECKIDENT_ALL_PAIRS))('checkident %s: main effects 0, each single pair as SparseMSE, all pairs %i', (name, allPairsVerdict) => {
    const lists = table(name).lists;
    const pairs = allPairs(lists.length).map((pair) => `${lists[pair.a] ?? ''}:${lists[pair.b] ?? ''}`);
    expect(ierr(name, [])).toBe(0);
    expect(ierr(name, pairs)).toBe(allPairsVerdict);
    const singleFailures = pairs.filter((pair) => ierr(name, [pair]) !== 0);
    expect(singleFailures).toEqual(name === 'Artificial_3' ? ['A:B'] : []);
  });
});
