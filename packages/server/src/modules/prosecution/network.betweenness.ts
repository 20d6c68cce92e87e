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
 * Betweenness centrality of every node (Brandes 2001): for each pair of other nodes, the share of their shortest paths
 * that pass through the node, each pair counted once, unnormalised; the same figures as graphology-metrics'
 * betweenness with `getEdgeWeight: null` (network.test.ts compares them). Predecessors are found again by distance
 * instead of being kept in a list per node, and only the nodes a search reached are reset after it, so that an
 * operation of 2,000 nodes allocates a few arrays instead of millions of lists.
 */
export function betweenness({ offsets, neighbours }: FlatGraph): Float64Array {
  const n = offsets.length - 1;
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const centrality = new Float64Array(n);
  for (let source = 0; source < n; source += 1) {
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
        } else if (known === next) sigma[w] = (sigma[w] ?? 0) + paths;
      }
    }
    for (let i = tail - 1; i > 0; i -= 1) {
      const w = order[i] ?? 0;
      const share = (1 + (delta[w] ?? 0)) / (sigma[w] ?? 1);
      const before = (distance[w] ?? 0) - 1;
      for (let at = offsets[w] ?? 0, end = offsets[w + 1] ?? 0; at < end; at += 1) {
        const v = neighbours[at] ?? 0;
        if (distance[v] === before) delta[v] = (delta[v] ?? 0) + (sigma[v] ?? 0) * share;
      }
      centrality[w] = (centrality[w] ?? 0) + (delta[w] ?? 0);
    }
    for (let i = 0; i < tail; i += 1) {
      const w = order[i] ?? 0;
      distance[w] = -1;
      sigma[w] = 0;
      delta[w] = 0;
    }
  }
  // Every pair was counted from both ends.
  for (let i = 0; i < n; i += 1) centrality[i] = (centrality[i] ?? 0) / 2;
  return centrality;
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
