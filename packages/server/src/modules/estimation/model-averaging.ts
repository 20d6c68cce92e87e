/**
 * Bayesian model averaging over decomposable graphical models, as Madigan and York (1997) describe it and R's dga
 * (2.0.2, `bma.cr`) computes it: each decomposable graph over the lists is a model; the cell probabilities have a
 * hyper-Dirichlet prior (each cell of the full table `delta`, so a marginal cell over c lists of k carries
 * delta * 2^(k - c)); the number nobody found has the prior 1/N (dga's default); the posterior of the total is the
 * average over the graphs weighted by their posterior probabilities.
 *
 * The number not found takes values on a grid up to a bound (dga leaves both to its user): every whole number up to
 * 2,000, then numbers 0.2% apart, each weighted by the width it stands for; the bound starts at 64 times the number
 * observed and is widened until the posterior above its half is negligible, or refused as unbounded. Up to five lists every decomposable
 * graph is averaged (822 for five, as dga's `graphs5`). Above five, the graphs are found by a Markov chain over
 * graphs (Madigan and York's MC^3: toggle one edge, keep the graph decomposable, accept by the ratio of the
 * graphs' posterior probabilities, with a fixed seed), and the average is taken exactly over the graphs it visited.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { adjacencyOf, allDecomposableGraphs, factors, listPairs, type DecomposableGraph } from './decomposable-graphs.js';
import { EstimationError, el } from './errors.js';
import { inTurns, toTheEnd, type InTurns } from './in-turns.js';
import type { OverlapTable } from './overlap-table.js';

/** Up to this many lists every decomposable graph is averaged; above, the chain searches for them. */
export const EXACT_AVERAGE_MAX_LISTS = 5;
/** The grid of the number not found holds every whole number up to this one, then grows geometrically. */
const FINE_POINTS = 2000;
const GROWTH = 1.002;
/** The bound grows until the posterior above its half holds less than this. */
const TAIL_MASS = 1e-4;
/**
 * The bound starts at this many times the number observed and grows by BOUND_GROWTH: the grid's points grow only with
 * the logarithm of the bound, so a wide first bound costs less than computing everything again on a wider one.
 */
const INITIAL_BOUND_FACTOR = 64;
const BOUND_GROWTH = 8;
/** The bound stops growing at this many times the number observed: the lists do not bound the number not found. */
const MAX_BOUND_FACTOR = 1000;

export interface AverageOptions {
  /** The hyper-Dirichlet prior's cell weight; dga suggests 2^-k for k lists (the default). */
  readonly delta?: number;
  /** A fixed grid of the number not found (0..max by step), as dga's `Nmissing`; found automatically when absent. */
  readonly grid?: { readonly max: number; readonly step?: number };
  /** The chain's seed and length (more than five lists). */
  readonly seed?: number;
  readonly iterations?: number;
  /** Average over every decomposable graph whatever the number of lists (slow above six: 617,675 graphs for seven). */
  readonly exhaustive?: boolean;
}

export interface ModelWeight {
  /** The graph's edges as "A:B", in column order; empty for the lists independent. */
  readonly terms: readonly string[];
  readonly probability: number;
}

export interface ModelAverage {
  readonly observed: number;
  /** The posterior median of the total, and its 2.5% and 97.5% quantiles (a credible interval). */
  readonly total: number;
  readonly lower: number;
  readonly upper: number;
  readonly mean: number;
  readonly level: number;
  readonly delta: number;
  readonly search: 'exhaustive' | 'mcmc';
  /** Graphs averaged over (all of them, or those the chain visited). */
  readonly graphs: number;
  /** The most probable graphs, at most five. */
  readonly topModels: readonly ModelWeight[];
  /** The bound of the number not found and how many points of it were evaluated. */
  readonly grid: { readonly max: number; readonly points: number };
  /** The chain's settings and acceptance rate, when it ran. */
  readonly chain?: { readonly seed: number; readonly iterations: number; readonly acceptance: number };
}

/** The grid of the number not found: its points and the width of number each stands for (the integration weights). */
interface Grid {
  readonly missing: Float64Array;
  readonly width: Float64Array;
}

/** Every whole number up to max by step, each standing for step numbers (dga's `Nmissing`). */
function uniformGrid(max: number, step: number): Grid {
  const points = Math.floor(max / step) + 1;
  return { missing: Float64Array.from({ length: points }, (_, i) => i * step), width: new Float64Array(points).fill(step) };
}

/**
 * Every whole number up to FINE_POINTS, then numbers growing by GROWTH each up to max, each weighted by the width
 * of number it stands for: a few thousand points reach millions while the posterior's peak near small numbers keeps
 * full resolution.
 */
function adaptiveGrid(max: number): Grid {
  const points: number[] = [];
  for (let m = 0; m <= Math.min(max, FINE_POINTS); m++) points.push(m);
  for (let m = FINE_POINTS * GROWTH; m < max; m *= GROWTH) {
    const rounded = Math.round(m);
    if (rounded > (points[points.length - 1] ?? 0)) points.push(rounded);
  }
  if ((points[points.length - 1] ?? 0) < max) points.push(max);
  const width = points.map((m, i) => ((points[i + 1] ?? m + 0.5) - (points[i - 1] ?? m - 0.5)) / 2);
  return { missing: Float64Array.from(points), width: Float64Array.from(width) };
}

/**
 * The log marginal likelihoods that do not depend on the graph, and g(c) for each set c of lists: the log marginal
 * likelihood of the table collapsed onto c (the cell of nobody on c growing with the number not found), with the
 * Dirichlet normalising term, so that g(empty) = 0 and a graph's log likelihood is the sum of g(F_v + v) - g(F_v).
 */
class Likelihoods {
  private readonly cache = new Map<number, Float64Array>();
  readonly common: Float64Array;

  constructor(
    private readonly table: OverlapTable,
    private readonly grid: Grid,
    private readonly delta: number,
  ) {
    const k = table.lists.length;
    const n = table.observed;
    let factorials = 0;
    for (let mask = 1; mask < 1 << k; mask++) factorials += gammaln(el(table.counts, mask) + 1);
    // The multinomial coefficient, the prior 1/N and the width each point of the grid stands for.
    this.common = grid.missing.map((m, i) => gammaln(m + n + 1) - factorials - gammaln(m + 1) - Math.log(n + m) + Math.log(el(grid.width, i)));
  }

  /** g(c), computed once per set. */
  of(set: number): Float64Array {
    const cached = this.cache.get(set);
    if (cached) return cached;
    const k = this.table.lists.length;
    const size = popCount(set);
    const marginal = new Float64Array(1 << size);
    for (let mask = 1; mask < 1 << k; mask++) marginal[compress(mask, set)] = el(marginal, compress(mask, set)) + el(this.table.counts, mask);
    const cellDelta = this.delta * 2 ** (k - size);
    const alpha = this.delta * 2 ** k;
    let cells = -(1 << size) * gammaln(cellDelta);
    for (let cell = 1; cell < marginal.length; cell++) cells += gammaln(el(marginal, cell) + cellDelta);
    const nobodyOnSet = el(marginal, 0);
    const n = this.table.observed;
    const values = this.grid.missing.map((m) => gammaln(m + nobodyOnSet + cellDelta) + cells + gammaln(alpha) - gammaln(m + n + alpha));
    this.cache.set(set, values);
    return values;
  }

  /** The graph's log posterior (unnormalised) at each point of the grid. */
  graph(graphFactors: DecomposableGraph['factors']): Float64Array {
    const values = Float64Array.from(this.common);
    for (const { numerator, denominator } of graphFactors) {
      const plus = this.of(numerator);
      const minus = denominator === 0 ? null : this.of(denominator);
      for (let i = 0; i < values.length; i++) values[i] = el(values, i) + el(plus, i) - (minus ? el(minus, i) : 0);
    }
    return values;
  }
}

function popCount(value: number): number {
  let count = 0;
  for (let v = value; v !== 0; v &= v - 1) count++;
  return count;
}

/** The bits of mask that lie in set, packed together (bit order kept). */
function compress(mask: number, set: number): number {
  let packed = 0;
  let position = 0;
  for (let bit = 0; set >> bit !== 0; bit++) {
    if (!((set >> bit) & 1)) continue;
    if ((mask >> bit) & 1) packed |= 1 << position;
    position++;
  }
  return packed;
}

function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, el(values, i));
  if (max === -Infinity) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(el(values, i) - max);
  return max + Math.log(sum);
}

function termsOf(table: OverlapTable, edges: readonly boolean[]): string[] {
  return listPairs(table.lists.length).flatMap(([i, j], k) => (edges[k] ? [`${table.lists[i]}:${table.lists[j]}`] : []));
}

interface Averaged {
  readonly posterior: Float64Array;
  readonly models: ModelWeight[];
}

/** The posterior of the number not found, averaged over the graphs, and each graph's probability. */
/** A graph whose posterior probability is below e^-40 of the whole cannot move the average: it is left out. */
const NEGLIGIBLE = -40;

/**
 * The posterior of the number not found, averaged over the graphs, and each graph's probability. Each graph's mass
 * (its posterior summed over the grid) is known first (from the chain, or computed here), so that only the graphs
 * that can move the average are evaluated again on the grid: nothing of size graphs x grid is kept.
 */
function* average(table: OverlapTable, likelihoods: Likelihoods, graphs: readonly DecomposableGraph[], knownMasses?: readonly number[]): InTurns<Averaged> {
  let masses = knownMasses;
  if (!masses) {
    const computed: number[] = [];
    for (const graph of graphs) {
      computed.push(logSumExp(likelihoods.graph(graph.factors)));
      yield;
    }
    masses = computed;
  }
  const whole = logSumExp(masses);
  const posterior = new Float64Array(likelihoods.common.length);
  for (const [g, graph] of graphs.entries()) {
    if (el(masses, g) - whole < NEGLIGIBLE) continue;
    const values = likelihoods.graph(graph.factors);
    for (let i = 0; i < posterior.length; i++) posterior[i] = el(posterior, i) + Math.exp(el(values, i) - whole);
    yield;
  }
  const models = graphs.map((graph, g) => ({ terms: termsOf(table, graph.edges), probability: Math.exp(el(masses, g) - whole) }));
  return { posterior, models };
}

/**
 * Madigan and York's MC^3 over decomposable graphs: chains that toggle one edge at a time (a proposal that is not
 * decomposable is refused), accepting by the ratio of the graphs' posterior probabilities. One chain starts from the
 * graph without edges and one from the complete graph, since a posterior can have modes far apart (on the
 * Netherlands' six lists a chain from the empty graph alone stays in a mode of a quarter of the total); the distinct
 * graphs either visits are averaged exactly.
 */
function* searchGraphs(table: OverlapTable, likelihoods: Likelihoods, seed: number, iterations: number): InTurns<{ graphs: DecomposableGraph[]; masses: number[]; acceptance: number }> {
  const lists = table.lists.length;
  const pairs = listPairs(lists).length;
  const rng = xoroshiro128plus(seed | 0);
  const visited = new Map<string, { graph: DecomposableGraph; mass: number }>();
  const visit = (edges: boolean[]): { graph: DecomposableGraph; mass: number } | null => {
    const key = edges.map((e) => (e ? '1' : '0')).join('');
    const known = visited.get(key);
    if (known) return known;
    const found = factors(adjacencyOf(lists, edges));
    if (!found) return null;
    const entry = { graph: { edges, factors: found }, mass: logSumExp(likelihoods.graph(found)) };
    visited.set(key, entry);
    return entry;
  };
  let accepted = 0;
  const starts = [false, true];
  for (const start of starts) {
    let edges = new Array<boolean>(pairs).fill(start);
    let current = visit(edges);
    if (!current) throw new Error('the empty and the complete graphs are decomposable');
    for (let step = 0; step < iterations; step++) {
      const k = uniformInt(rng, 0, pairs - 1);
      const proposal = edges.slice();
      proposal[k] = !proposal[k];
      const next = visit(proposal);
      yield;
      if (!next) continue;
      if (Math.log(uniformFloat64(rng)) < next.mass - current.mass) {
        edges = proposal;
        current = next;
        accepted++;
      }
    }
  }
  const entries = [...visited.values()];
  return { graphs: entries.map((entry) => entry.graph), masses: entries.map((entry) => entry.mass), acceptance: accepted / (iterations * starts.length) };
}

function quantile(posterior: Float64Array, grid: Grid, observed: number, p: number): number {
  let cumulative = 0;
  for (let i = 0; i < posterior.length; i++) {
    cumulative += el(posterior, i);
    if (cumulative >= p) return observed + el(grid.missing, i);
  }
  return observed + el(grid.missing, grid.missing.length - 1);
}

/** The posterior mass above half the bound: large when the bound cuts the posterior off. */
function tail(posterior: Float64Array, grid: Grid, max: number): number {
  let mass = 0;
  for (let i = 0; i < posterior.length; i++) if (el(grid.missing, i) > max / 2) mass += el(posterior, i);
  return mass;
}

/** The model average, computed at once (a few lists, on a request's page or the command line). */
export function averageOverGraphs(table: OverlapTable, options: AverageOptions = {}): ModelAverage {
  return toTheEnd(averageInTurns(table, options));
}

/**
 * The model average computed in turns, the event loop free between them: for seven or eight lists the search takes
 * seconds to minutes of one core, which must not keep a server process (a job's) from answering its requests.
 */
export function averageOverGraphsInTurns(table: OverlapTable, options: AverageOptions = {}): Promise<ModelAverage> {
  return inTurns(averageInTurns(table, options));
}

function* averageInTurns(table: OverlapTable, options: AverageOptions): InTurns<ModelAverage> {
  const lists = table.lists.length;
  if (lists < 3) throw new EstimationError(`model averaging over graphs needs at least 3 lists; found ${lists}`, 'not-estimable');
  const delta = options.delta ?? 2 ** -lists;
  const exhaustive = options.exhaustive ?? lists <= EXACT_AVERAGE_MAX_LISTS;
  const seed = options.seed ?? 1;
  const iterations = options.iterations ?? 2000 * lists;
  const allGraphs = exhaustive ? allDecomposableGraphs(lists) : null;
  let max = options.grid?.max ?? Math.max(1000, INITIAL_BOUND_FACTOR * table.observed);
  for (;;) {
    const grid = options.grid ? uniformGrid(max, options.grid.step ?? 1) : adaptiveGrid(max);
    const likelihoods = new Likelihoods(table, grid, delta);
    const chain = allGraphs ? null : yield* searchGraphs(table, likelihoods, seed, iterations);
    const graphs = allGraphs ?? chain?.graphs ?? [];
    const { posterior, models } = yield* average(table, likelihoods, graphs, chain?.masses);
    if (!options.grid && tail(posterior, grid, max) > TAIL_MASS) {
      if (max >= MAX_BOUND_FACTOR * Math.max(table.observed, 1)) {
        throw new EstimationError(
          `the posterior of the number not found does not fall away below ${Math.round(max).toLocaleString('en-US')}: the lists overlap too little for the graphs to bound it`,
          'not-estimable',
        );
      }
      max *= BOUND_GROWTH;
      continue;
    }
    let mean = 0;
    for (let i = 0; i < posterior.length; i++) mean += el(posterior, i) * (table.observed + el(grid.missing, i));
    const topModels = models.sort((a, b) => b.probability - a.probability).slice(0, 5);
    return {
      observed: table.observed,
      total: quantile(posterior, grid, table.observed, 0.5),
      lower: quantile(posterior, grid, table.observed, 0.025),
      upper: quantile(posterior, grid, table.observed, 0.975),
      mean,
      level: 0.95,
      delta,
      search: exhaustive ? 'exhaustive' : 'mcmc',
      graphs: graphs.length,
      topModels,
      grid: { max, points: grid.missing.length },
      ...(chain ? { chain: { seed, iterations, acceptance: chain.acceptance } } : {}),
    };
  }
}
