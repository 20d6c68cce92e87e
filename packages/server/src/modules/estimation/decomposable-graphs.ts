/**
 * Decomposable (chordal) graphs over the lists, the model space of Bayesian model averaging as Madigan and York
 * (1997) and R's dga use it: an edge between two lists lets them depend on each other; a graph is decomposable when
 * every cycle of four or more lists has a chord.
 *
 * A decomposable graph's marginal likelihood is a product over its cliques divided by a product over its separators.
 * The same product is reached vertex by vertex along a perfect elimination order: eliminating v with its neighbours
 * still present, F_v, contributes m({v} + F_v) / m(F_v) (with m of the empty set 1). The terms of non-maximal sets
 * cancel, so this needs neither the cliques nor a junction tree; `factors` gives the pairs of sets.
 */

/** Neighbours of each list as a bit set: adjacency[i] has bit j when lists i and j are joined. */
export type Adjacency = readonly number[];

/** The pairs of lists in a fixed order: (0,1), (0,2), (1,2), (0,3), ... as in the overlap table's columns. */
export function listPairs(lists: number): readonly (readonly [number, number])[] {
  const pairs: [number, number][] = [];
  for (let j = 1; j < lists; j++) for (let i = 0; i < j; i++) pairs.push([i, j]);
  return pairs;
}

export function adjacencyOf(lists: number, edges: readonly boolean[]): number[] {
  const adjacency = new Array<number>(lists).fill(0);
  listPairs(lists).forEach(([i, j], k) => {
    if (!edges[k]) return;
    adjacency[i] = (adjacency[i] ?? 0) | (1 << j);
    adjacency[j] = (adjacency[j] ?? 0) | (1 << i);
  });
  return adjacency;
}

const isClique = (adjacency: Adjacency, members: number): boolean => {
  for (let v = 0; v < adjacency.length; v++) {
    if (!((members >> v) & 1)) continue;
    const others = members & ~(1 << v);
    if (((adjacency[v] ?? 0) & others) !== others) return false;
  }
  return true;
};

/**
 * A perfect elimination order (each list, when removed, has its remaining neighbours all joined), or null when the
 * graph is not decomposable. Removing simplicial vertices one at a time succeeds exactly on chordal graphs.
 */
export function eliminationOrder(adjacency: Adjacency): number[] | null {
  const lists = adjacency.length;
  let remaining = (1 << lists) - 1;
  const order: number[] = [];
  while (remaining !== 0) {
    let found = -1;
    for (let v = 0; v < lists && found < 0; v++) {
      if ((remaining >> v) & 1 && isClique(adjacency, (adjacency[v] ?? 0) & remaining)) found = v;
    }
    if (found < 0) return null;
    order.push(found);
    remaining &= ~(1 << found);
  }
  return order;
}

/** One factor of the marginal likelihood: m(numerator) / m(denominator), sets of lists as bit masks (0 = empty). */
export interface Factor {
  readonly numerator: number;
  readonly denominator: number;
}

/** The factors of a decomposable graph along its elimination order; null when the graph is not decomposable. */
export function factors(adjacency: Adjacency): Factor[] | null {
  const order = eliminationOrder(adjacency);
  if (!order) return null;
  let remaining = (1 << adjacency.length) - 1;
  return order.map((v) => {
    const later = (adjacency[v] ?? 0) & remaining & ~(1 << v);
    remaining &= ~(1 << v);
    return { numerator: later | (1 << v), denominator: later };
  });
}

export interface DecomposableGraph {
  /** One flag per pair of lists, in `listPairs` order. */
  readonly edges: readonly boolean[];
  readonly factors: readonly Factor[];
}

/** Every decomposable graph over the lists (8 for three lists, 61 for four, 822 for five, 18,154 for six). */
export function allDecomposableGraphs(lists: number): DecomposableGraph[] {
  const pairs = listPairs(lists).length;
  const graphs: DecomposableGraph[] = [];
  for (let model = 0; model < 2 ** pairs; model++) {
    const edges = Array.from({ length: pairs }, (_, k) => ((model >> k) & 1) === 1);
    const found = factors(adjacencyOf(lists, edges));
    if (found) graphs.push({ edges, factors: found });
  }
  return graphs;
}
