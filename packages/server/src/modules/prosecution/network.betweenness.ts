import { createHash } from 'node:crypto';

/**
 * An undirected graph without loops or repeated links as flat arrays (compressed rows): the neighbours of node i are
 * `neighbours[offsets[i]]` up to `neighbours[offsets[i + 1]]`, so node i's degree is `offsets[i + 1] - offsets[i]`.
 */
export interface FlatGraph {
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
}

/** The flat graph of nodes 0..n-1 joined by these pairs of indices: each link taken both ways once, loops dropped. */
export function flatGraph(n: number, pairs: ReadonlyArray<readonly [number, number]>): FlatGraph {
  const seen = new Set<number>();
  const from: number[] = [];
  const to: number[] = [];
  const offsets = new Int32Array(n + 1);
  for (const [a, b] of pairs) {
    if (a === b) continue;
    const id = a < b ? a * n + b : b * n + a;
    if (seen.has(id)) continue;
    seen.add(id);
    from.push(a);
    to.push(b);
    offsets[a + 1] = (offsets[a + 1] ?? 0) + 1;
    offsets[b + 1] = (offsets[b + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i += 1) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
  const neighbours = new Int32Array(offsets[n] ?? 0);
  const fill = offsets.slice(0, n);
  for (let i = 0; i < from.length; i += 1) {
    const a = from[i] ?? 0;
    const b = to[i] ?? 0;
    const atA = fill[a] ?? 0;
    const atB = fill[b] ?? 0;
    neighbours[atA] = b;
    neighbours[atB] = a;
    fill[a] = atA + 1;
    fill[b] = atB + 1;
  }
  return { offsets, neighbours };
}

/**
 * Brandes' accumulation (2001) over the nodes of `graph`, each standing for `weight[i]` nodes of the whole graph (itself
 * and the trees folded into it): adds to `centrality[v]`, for every ordered pair of distinct nodes s, t other than v,
 * weight[s] * weight[t] * (the share of the shortest s-t paths that pass through v). With every weight 1 this is plain
 * Brandes counting each pair from both ends. A node's predecessors on the search are written in its own slice of one
 * flat array (at its offset: never more than its degree), so that the way back follows only the links of shortest
 * paths; only the nodes a search reached are reset after it. An operation of 2,000 nodes allocates a few arrays.
 */
function accumulate({ offsets, neighbours }: FlatGraph, weight: Float64Array | null, centrality: Float64Array): void {
  const n = offsets.length - 1;
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const predecessors = new Int32Array(neighbours.length);
  const predecessorCount = new Int32Array(n);
  for (let source = 0; source < n; source += 1) {
    // A node without links lies on no path and ends none through others.
    if (offsets[source] === offsets[source + 1]) continue;
    distance[source] = 0;
    sigma[source] = 1;
    order[0] = source;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = order[head++] ?? 0;
      const next = (distance[v] ?? 0) + 1;
      const paths = sigma[v] ?? 0;
      for (let at = offsets[v] ?? 0, end = offsets[v + 1] ?? 0; at < end; at += 1) {
        const w = neighbours[at] ?? 0;
        const known = distance[w] ?? 0;
        if (known < 0) {
          distance[w] = next;
          sigma[w] = paths;
          order[tail++] = w;
          predecessors[offsets[w] ?? 0] = v;
          predecessorCount[w] = 1;
        } else if (known === next) {
          sigma[w] = (sigma[w] ?? 0) + paths;
          const count = predecessorCount[w] ?? 0;
          predecessors[(offsets[w] ?? 0) + count] = v;
          predecessorCount[w] = count + 1;
        }
      }
    }
    const sourceWeight = weight ? (weight[source] ?? 1) : 1;
    for (let i = tail - 1; i > 0; i -= 1) {
      const w = order[i] ?? 0;
      const share = ((weight ? (weight[w] ?? 1) : 1) + (delta[w] ?? 0)) / (sigma[w] ?? 1);
      for (let at = offsets[w] ?? 0, end = at + (predecessorCount[w] ?? 0); at < end; at += 1) {
        const v = predecessors[at] ?? 0;
        delta[v] = (delta[v] ?? 0) + (sigma[v] ?? 0) * share;
      }
      centrality[w] = (centrality[w] ?? 0) + sourceWeight * (delta[w] ?? 0);
    }
    for (let i = 0; i < tail; i += 1) {
      const w = order[i] ?? 0;
      distance[w] = -1;
      sigma[w] = 0;
      delta[w] = 0;
    }
  }
}

/**
 * Figures rounded to nine decimals: two nodes whose betweenness is equal get equal figures whatever order the shares
 * were added in (the ranking then decides by degree, not by a rounding error). Below 2^53 for any operation's graph.
 */
function rounded(centrality: Float64Array): Float64Array {
  for (let i = 0; i < centrality.length; i += 1) centrality[i] = Math.round((centrality[i] ?? 0) * 1e9) / 1e9;
  return centrality;
}

/** Plain Brandes over the whole graph, each pair counted once: the reference `betweenness` must equal (tests). */
export function unfoldedBetweenness(graph: FlatGraph): Float64Array {
  const centrality = new Float64Array(graph.offsets.length - 1);
  accumulate(graph, null, centrality);
  for (let i = 0; i < centrality.length; i += 1) centrality[i] = (centrality[i] ?? 0) / 2;
  return rounded(centrality);
}

/**
 * Betweenness centrality of every node: for each pair of other nodes, the share of their shortest paths that pass
 * through the node, each pair counted once, unnormalised; the same figures as graphology-metrics' betweenness with
 * `getEdgeWeight: null` and as plain Brandes (network.test.ts compares them).
 *
 * Exact, with the trees folded first (Baglioni, Geraci, Pellegrini and Lastres 2012): a node of degree 1 is removed and
 * counted in its neighbour's weight, again until none is left, since every path from a hanging tree to the rest of its
 * component passes through the tree's root and then the node it hangs from. A node x that stands for p nodes (itself
 * and the trees folded into it, of sizes c1..ck) in a component of N nodes lies on the paths of sum(ci * cj, i < j)
 * pairs inside its trees and of (p - 1)(N - p) pairs between its trees and the rest: integers, added exactly. Brandes
 * then runs on what remains, each node weighted by the nodes it stands for, and gives the paths between trees of
 * different roots. Operations' networks have many suspects or entities named once (a phone, an account).
 */
export function betweenness(graph: FlatGraph): Float64Array {
  const folded = foldedTrees(graph);
  const between = new Float64Array(folded.weight.length);
  accumulate(folded.reduced, folded.weight, between);
  return withPaths(folded, between);
}

/** A graph with its trees folded: what they give every node, and the graph that remains with its weights. */
interface Folded {
  /** Per node of the whole graph: the pairs inside and from its trees it lies between (integers). */
  readonly centrality: Float64Array;
  /** What remains, its nodes renumbered from 0; `kept[i]` is the whole graph's number of node i. */
  readonly reduced: FlatGraph;
  readonly weight: Float64Array;
  readonly kept: Int32Array;
}

/** The figures: the trees' shares plus half the remaining graph's (every pair was counted from both ends), rounded. */
function withPaths({ centrality: trees, kept }: Folded, between: Float64Array): Float64Array {
  const centrality = trees.slice();
  for (let i = 0; i < kept.length; i += 1) {
    const v = kept[i] ?? 0;
    centrality[v] = (centrality[v] ?? 0) + (between[i] ?? 0) / 2;
  }
  return rounded(centrality);
}

/** Folds the trees (see `betweenness`). */
function foldedTrees(graph: FlatGraph): Folded {
  const { offsets, neighbours } = graph;
  const n = offsets.length - 1;
  const centrality = new Float64Array(n);
  // Component sizes.
  const component = new Int32Array(n).fill(-1);
  const componentSize: number[] = [];
  const queue = new Int32Array(n);
  for (let start = 0; start < n; start += 1) {
    if ((component[start] ?? 0) >= 0) continue;
    const id = componentSize.length;
    component[start] = id;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++] ?? 0;
      for (let at = offsets[v] ?? 0, end = offsets[v + 1] ?? 0; at < end; at += 1) {
        const w = neighbours[at] ?? 0;
        if ((component[w] ?? 0) < 0) {
          component[w] = id;
          queue[tail++] = w;
        }
      }
    }
    componentSize.push(tail);
  }
  // Fold the leaves, again until none is left.
  const degree = new Int32Array(n);
  const size = new Float64Array(n).fill(1);
  const squares = new Float64Array(n);
  const folded = new Uint8Array(n);
  let tail = 0;
  for (let v = 0; v < n; v += 1) {
    degree[v] = (offsets[v + 1] ?? 0) - (offsets[v] ?? 0);
    if (degree[v] === 1) queue[tail++] = v;
  }
  const treeShare = (x: number) => {
    const p = size[x] ?? 1;
    const total = componentSize[component[x] ?? 0] ?? 1;
    return ((p - 1) * (p - 1) - (squares[x] ?? 0)) / 2 + (p - 1) * (total - p);
  };
  let remaining = n;
  for (let head = 0; head < tail; head += 1) {
    const u = queue[head] ?? 0;
    // Its neighbour may have been folded into it meanwhile (the last two nodes of a tree).
    if (degree[u] !== 1) continue;
    let v = -1;
    for (let at = offsets[u] ?? 0, end = offsets[u + 1] ?? 0; at < end && v < 0; at += 1) {
      const w = neighbours[at] ?? 0;
      if (!folded[w]) v = w;
    }
    folded[u] = 1;
    degree[u] = 0;
    remaining -= 1;
    centrality[u] = treeShare(u);
    const p = size[u] ?? 1;
    size[v] = (size[v] ?? 1) + p;
    squares[v] = (squares[v] ?? 0) + p * p;
    degree[v] = (degree[v] ?? 0) - 1;
    if (degree[v] === 1) queue[tail++] = v;
  }
  // What remains, renumbered, with its weights.
  const index = new Int32Array(n).fill(-1);
  const kept = new Int32Array(remaining);
  let m = 0;
  for (let v = 0; v < n; v += 1) {
    if (folded[v]) continue;
    centrality[v] = treeShare(v);
    index[v] = m;
    kept[m++] = v;
  }
  const reducedOffsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i += 1) reducedOffsets[i + 1] = (reducedOffsets[i] ?? 0) + (degree[kept[i] ?? 0] ?? 0);
  const reducedNeighbours = new Int32Array(reducedOffsets[m] ?? 0);
  const weight = new Float64Array(m);
  for (let i = 0, fill = 0; i < m; i += 1) {
    const v = kept[i] ?? 0;
    weight[i] = size[v] ?? 1;
    for (let at = offsets[v] ?? 0, end = offsets[v + 1] ?? 0; at < end; at += 1) {
      const w = neighbours[at] ?? 0;
      if (!folded[w]) reducedNeighbours[fill++] = index[w] ?? 0;
    }
  }
  return { centrality, reduced: { offsets: reducedOffsets, neighbours: reducedNeighbours }, weight, kept };
}

/** How many graphs, and how many nodes in all, the figures are remembered for. */
const REMEMBERED_GRAPHS = 64;
const REMEMBERED_NODES = 500_000;
const remembered = new Map<string, Float64Array>();
let rememberedNodes = 0;

/**
 * The betweenness of this graph, remembered by the graph itself (a SHA-256 of its flat arrays), least recently used
 * first forgotten. Nothing needs invalidating: a link or node added or removed is another graph, so another key, and
 * the figures depend on nothing else. They are only positions in the graph (no record, no key), the same for every
 * reader of the same structure. Each call gets its own copy.
 */
export function rememberedBetweenness(graph: FlatGraph): Float64Array {
  const key = createHash('sha256').update(graph.offsets).update(graph.neighbours).digest('base64');
  let figures = remembered.get(key);
  if (figures) remembered.delete(key);
  else {
    figures = betweenness(graph);
    rememberedNodes += figures.length;
  }
  remembered.set(key, figures);
  for (const [oldest, old] of remembered) {
    if (remembered.size <= REMEMBERED_GRAPHS && rememberedNodes <= REMEMBERED_NODES) break;
    if (oldest === key) break;
    remembered.delete(oldest);
    rememberedNodes -= old.length;
  }
  return figures.slice();
}
