/**
 * Benchmark: multiple systems estimation on six lists (target: under 1 s). Pure computation, no database: the figures
 * carry "db":"none".
 *
 * Tables:
 *   synthetic-6  a known population of BENCH_POPULATION people (default 20,000) caught by six lists with unequal
 *                catchability, two positively dependent pairs of lists and two kinds of people (more and less
 *                visible); every one of the 63 combinations observed. The true hidden number is printed on stderr.
 *   ukdat-6      the real UK 2013 table (six lists, 25 combinations: sparse), test/fixtures/datasets/mse/UKdat.csv.
 * Measured for each: the full estimate (`estimateHiddenPopulation`: checks, stepwise selection of interactions with
 * the identifiability checks, final fit, interval). Baselines in the same run: the main-effects (independence) model
 * alone on the same table, and the stepwise estimate on the table's first three lists.
 *
 * stdout: one JSON line per figure, e.g.
 *   {"bench":"estimation-synthetic-6","metric":"fit_p95_ms","value":N,"unit":"ms","baseline":"estimation-synthetic-6-main","ratio":N,"db":"none"}
 * metrics: fit_median_ms, fit_p95_ms, target_met (1 when p95 < 1000 ms).
 * stderr: progress and the estimates.
 *
 * Then the spread of models (spread.ts) on Ned_5 (5 lists), synthetic-6, UKdat (6) and NewOrl (8): bench
 * estimation-spread-NAME, metrics spread_median_ms and spread_max_ms (BENCH_SPREAD_RUNS runs, default 5) against the
 * main-effects fit of the same table, and target_met (max under 5 s for six lists or fewer, 30 s for eight).
 *
 * Then the bootstrap interval (1,000 resamples) on Ned_5, UKdat (6) and NewOrl (8): bench estimation-bootstrap-NAME,
 * metric bootstrap_ms against the main-effects fit, and target_met (under 60 s).
 *
 * Then the overlap table from the case records (estimation-cases.ts), on PGlite ("db":"pglite"): bench
 * estimation-from-cases, metrics build_median_ms / build_p95_ms (the table) and build_and_estimate_median_ms /
 * build_and_estimate_p95_ms (the table and the estimate: the request's work less HTTP and audit), against the baseline
 * cases-of-year-sql (the query for the year's cases alone; also printed as query_median_ms / query_p95_ms).
 *
 * Environment: BENCH_RUNS (200 measured runs per figure), BENCH_WARMUP_RUNS (20), BENCH_POPULATION (20000),
 * BENCH_ESTIMATION_CASES (5000 synthetic cases for the part on the case records; 0 skips it), BENCH_CASE_RUNS (20).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { estimateHiddenPopulation, type EstimateOptions } from '../src/modules/estimation/estimate.js';
import { buildOverlapTable, parseOverlapTable, type OverlapRow, type OverlapTable } from '../src/modules/estimation/overlap-table.js';
import { measureFromCases } from './estimation-cases.js';
import { bootstrapInterval } from '../src/modules/estimation/bootstrap.js';
import { spreadOfModels } from '../src/modules/estimation/spread.js';

const runs = Number(process.env['BENCH_RUNS'] ?? 200);
const warmupRuns = Number(process.env['BENCH_WARMUP_RUNS'] ?? 20);
const population = Number(process.env['BENCH_POPULATION'] ?? 20_000);
const TARGET_MS = 1000;

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

interface Figure {
  readonly bench: string;
  readonly metric: 'fit_median_ms' | 'fit_p95_ms' | 'target_met' | 'spread_median_ms' | 'spread_max_ms' | 'bootstrap_ms' | 'build_median_ms' | 'build_p95_ms' | 'build_and_estimate_median_ms' | 'build_and_estimate_p95_ms' | 'query_median_ms' | 'query_p95_ms';
  readonly value: number;
  readonly unit: string;
  readonly baseline: string | null;
  readonly ratio: number | null;
  readonly db?: 'none' | 'pglite';
}

function emit({ bench, metric, value, unit, baseline, ratio, db = 'none' }: Figure): void {
  process.stdout.write(`${JSON.stringify({ bench, metric, value, unit, baseline, ratio, db })}\n`);
}

/** A small seeded generator (mulberry32), so every run draws the same population. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Six lists over a known population: returns the observed table and the true number nobody caught. */
function syntheticSixLists(size: number): { table: OverlapTable; trueHidden: number } {
  const next = random(20_260_101);
  const base = [0.1, 0.14, 0.06, 0.12, 0.08, 0.18];
  const counts = new Array<number>(64).fill(0);
  for (let person = 0; person < size; person++) {
    const visibility = next() < 0.5 ? 0.6 : 1.4;
    let mask = 0;
    for (let list = 0; list < 6; list++) {
      let p = base[list] ?? 0;
      // Police refer to NGOs (lists 0 -> 1); labour inspectors to the shelter (3 -> 4).
      if (list === 1 && mask & 0b000001) p *= 2.5;
      if (list === 4 && mask & 0b001000) p *= 2;
      if (next() < Math.min(0.95, p * visibility)) mask |= 1 << list;
    }
    counts[mask] = (counts[mask] ?? 0) + 1;
  }
  const rows: OverlapRow[] = [];
  for (let mask = 1; mask < 64; mask++) rows.push({ combination: [0, 1, 2, 3, 4, 5].map((i) => (mask >> i) & 1), count: counts[mask] ?? 0 });
  return { table: buildOverlapTable(['PF', 'NG', 'LA', 'LI', 'SH', 'HL'], rows), trueHidden: counts[0] ?? 0 };
}

/** The same people seen by the first three lists only. */
function firstThreeLists(table: OverlapTable): OverlapTable {
  const counts = new Array<number>(8).fill(0);
  for (let mask = 1; mask < table.counts.length; mask++) counts[mask & 0b111] = (counts[mask & 0b111] ?? 0) + (table.counts[mask] ?? 0);
  const rows: OverlapRow[] = [];
  for (let mask = 1; mask < 8; mask++) rows.push({ combination: [0, 1, 2].map((i) => (mask >> i) & 1), count: counts[mask] ?? 0 });
  return buildOverlapTable(table.lists.slice(0, 3), rows);
}

function percentile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Times `runs` estimates after `warmupRuns` unmeasured ones; median and p95 in milliseconds. */
function time(table: OverlapTable, options: EstimateOptions): { median: number; p95: number } {
  for (let i = 0; i < warmupRuns; i++) estimateHiddenPopulation(table, options);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    estimateHiddenPopulation(table, options);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

const round = (value: number): number => Number(value.toFixed(4));

function measure(name: string, table: OverlapTable): void {
  const full = estimateHiddenPopulation(table);
  log(`${name}: ${table.lists.length} lists, ${table.observed} observed, estimate ${Math.round(full.total)} [${Math.round(full.interval.lower)}-${Math.round(full.interval.upper)}], terms ${full.model.terms.join(' ') || '(none)'}, ${full.model.selection.length} selection steps`);
  // Interleave the three so that drift on a shared machine touches them alike.
  const stepwise = time(table, {});
  const main = time(table, { model: 'main' });
  const three = time(firstThreeLists(table), {});
  const stepwiseAgain = time(table, {});
  const median = Math.min(stepwise.median, stepwiseAgain.median);
  const p95 = Math.min(stepwise.p95, stepwiseAgain.p95);
  const bench = `estimation-${name}`;
  for (const [baseline, b] of [
    [`${bench}-main`, main],
    [`${bench}-3-lists`, three],
  ] as const) {
    emit({ bench, metric: 'fit_median_ms', value: round(median), unit: 'ms', baseline, ratio: round(median / b.median) });
    emit({ bench, metric: 'fit_p95_ms', value: round(p95), unit: 'ms', baseline, ratio: round(p95 / b.p95) });
  }
  emit({ bench: `${bench}-main`, metric: 'fit_median_ms', value: round(main.median), unit: 'ms', baseline: null, ratio: null });
  emit({ bench: `${bench}-main`, metric: 'fit_p95_ms', value: round(main.p95), unit: 'ms', baseline: null, ratio: null });
  emit({ bench: `${bench}-3-lists`, metric: 'fit_median_ms', value: round(three.median), unit: 'ms', baseline: null, ratio: null });
  emit({ bench: `${bench}-3-lists`, metric: 'fit_p95_ms', value: round(three.p95), unit: 'ms', baseline: null, ratio: null });
  emit({ bench, metric: 'target_met', value: p95 < TARGET_MS ? 1 : 0, unit: `p95 < ${TARGET_MS} ms`, baseline: null, ratio: null });
  log(`${name}: stepwise median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms; main effects median ${main.median.toFixed(3)} ms; three lists median ${three.median.toFixed(3)} ms`);
}

log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${runs} runs after ${warmupRuns} warm-up runs per figure`);
const synthetic = syntheticSixLists(population);
log(`synthetic-6: population ${population}, truly hidden ${synthetic.trueHidden}`);
measure('synthetic-6', synthetic.table);
measure('ukdat-6', parseOverlapTable(readFileSync(new URL('../test/fixtures/datasets/mse/UKdat.csv', import.meta.url), 'utf8')));

/**
 * The spread (spreadOfModels: main effects, stepwise at three thresholds, best AIC and BIC, the Bayesian average over
 * decomposable graphs): targets 5 s for six lists and 30 s for eight; baseline the main-effects fit of the same table.
 * Five lists: exhaustive search over 1,024 models and the average over all 822 graphs; six and eight: greedy search
 * and the average over the graphs two Markov chains visit.
 */
const spreadRuns = Number(process.env['BENCH_SPREAD_RUNS'] ?? 5);
function measureSpread(name: string, table: OverlapTable, targetMs: number, emitBaseline: boolean): void {
  spreadOfModels(table);
  const samples: number[] = [];
  for (let i = 0; i < spreadRuns; i++) {
    const start = performance.now();
    spreadOfModels(table);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = percentile(samples, 0.5);
  const max = samples.at(-1) ?? Number.NaN;
  const main = time(table, { model: 'main' });
  const bench = `estimation-spread-${name}`;
  const baseline = `estimation-${name}-main`;
  emit({ bench, metric: 'spread_median_ms', value: round(median), unit: 'ms', baseline, ratio: round(median / main.median) });
  emit({ bench, metric: 'spread_max_ms', value: round(max), unit: 'ms', baseline, ratio: round(max / main.median) });
  emit({ bench, metric: 'target_met', value: max < targetMs ? 1 : 0, unit: `max < ${targetMs} ms`, baseline: null, ratio: null });
  if (emitBaseline) emit({ bench: baseline, metric: 'fit_median_ms', value: round(main.median), unit: 'ms', baseline: null, ratio: null });
  log(`spread ${name}: ${table.lists.length} lists, median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms over ${spreadRuns} runs; main effects alone ${main.median.toFixed(3)} ms`);
}
const fixture = (file: string): OverlapTable => parseOverlapTable(readFileSync(new URL(`../test/fixtures/datasets/mse/${file}.csv`, import.meta.url), 'utf8'));
// The main-effects baselines of synthetic-6 and ukdat-6 are emitted above.
measureSpread('ned-5', fixture('Ned_5'), 5000, true);
measureSpread('synthetic-6', synthetic.table, 5000, false);
measureSpread('ukdat-6', fixture('UKdat'), 5000, false);
measureSpread('neworl-8', fixture('NewOrl'), 30_000, true);

/**
 * The bootstrap interval (bootstrap.ts: 1,000 resamples, the stepwise selection repeated on each, and the jackknife):
 * target 60 s for six lists; baseline the main-effects fit of the same table. One run each: a run is already a
 * thousand estimates.
 */
function measureBootstrap(name: string, table: OverlapTable, targetMs: number): void {
  const start = performance.now();
  const interval = bootstrapInterval(table);
  const elapsed = performance.now() - start;
  const main = time(table, { model: 'main' });
  const bench = `estimation-bootstrap-${name}`;
  emit({ bench, metric: 'bootstrap_ms', value: round(elapsed), unit: 'ms', baseline: `estimation-${name}-main`, ratio: round(elapsed / main.median) });
  emit({ bench, metric: 'target_met', value: elapsed < targetMs ? 1 : 0, unit: `< ${targetMs} ms`, baseline: null, ratio: null });
  log(`bootstrap ${name}: ${table.lists.length} lists, ${interval.resamples} resamples (${interval.failed} not estimable) in ${elapsed.toFixed(0)} ms; BCa ${interval.lower.toFixed(0)} to ${interval.upper.toFixed(0)}`);
}
measureBootstrap('ned-5', fixture('Ned_5'), 60_000);
measureBootstrap('ukdat-6', fixture('UKdat'), 60_000);
measureBootstrap('neworl-8', fixture('NewOrl'), 60_000);

const caseCount = Number(process.env['BENCH_ESTIMATION_CASES'] ?? 5000);
if (caseCount > 0) {
  const caseRuns = Number(process.env['BENCH_CASE_RUNS'] ?? 20);
  const figures = await measureFromCases(caseCount, caseRuns, percentile, log);
  const bench = 'estimation-from-cases';
  const baseline = 'cases-of-year-sql';
  const ms = (value: number) => round(value);
  emit({ bench, metric: 'build_median_ms', value: ms(figures.build.median), unit: 'ms', baseline, ratio: round(figures.build.median / figures.baseline.median), db: 'pglite' });
  emit({ bench, metric: 'build_p95_ms', value: ms(figures.build.p95), unit: 'ms', baseline, ratio: round(figures.build.p95 / figures.baseline.p95), db: 'pglite' });
  emit({ bench, metric: 'build_and_estimate_median_ms', value: ms(figures.buildAndEstimate.median), unit: 'ms', baseline, ratio: round(figures.buildAndEstimate.median / figures.baseline.median), db: 'pglite' });
  emit({ bench, metric: 'build_and_estimate_p95_ms', value: ms(figures.buildAndEstimate.p95), unit: 'ms', baseline, ratio: round(figures.buildAndEstimate.p95 / figures.baseline.p95), db: 'pglite' });
  emit({ bench: baseline, metric: 'query_median_ms', value: ms(figures.baseline.median), unit: 'ms', baseline: null, ratio: null, db: 'pglite' });
  emit({ bench: baseline, metric: 'query_p95_ms', value: ms(figures.baseline.p95), unit: 'ms', baseline: null, ratio: null, db: 'pglite' });
  log(`from-cases: ${figures.cases} cases that year, ${figures.personRecords} person records, ${figures.people} people; build median ${figures.build.median.toFixed(1)} ms (p95 ${figures.build.p95.toFixed(1)}), with estimate ${figures.buildAndEstimate.median.toFixed(1)} ms (p95 ${figures.buildAndEstimate.p95.toFixed(1)}); query alone ${figures.baseline.median.toFixed(1)} ms`);
}
