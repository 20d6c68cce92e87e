import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { accumulate, foldedTrees, withPaths, type FlatGraph, type Folded } from './network.betweenness.js';

/**
 * Betweenness (network.betweenness.ts) computed on two cores for an operation's larger networks, and remembered by
 * the graph's structure. Half the sources are searched from in a helper thread while this one searches from the
 * other half; the two parts are added. The helper runs the very function this thread runs (its source text), so the
 * figures are the same; if it cannot run (or fails), this thread searches from its half too.
 */

/** Below this many nodes left after folding, one thread is quicker than handing half to the helper. */
const PARALLEL_FROM = 300;

interface Helper {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (figures: Float64Array) => void; reject: (error: Error) => void }>;
}

let helper: Helper | 'unavailable' | undefined;
let nextRequest = 0;

/** The helper's program: `accumulate` and nothing else (no module is loaded; the arrays come with each request). */
const helperSource = `
const { parentPort } = require('node:worker_threads');
var __name = (f) => f;
const accumulate = (${accumulate.toString()});
parentPort.on('message', (m) => {
  try {
    const centrality = new Float64Array(m.offsets.length - 1);
    accumulate({ offsets: m.offsets, neighbours: m.neighbours }, m.weight, centrality, m.from, m.to);
    parentPort.postMessage({ id: m.id, centrality }, [centrality.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error) });
  }
});`;

function helperThread(): Helper | undefined {
  if (helper === 'unavailable') return undefined;
  if (helper) return helper;
  try {
    const worker = new Worker(helperSource, { eval: true });
    const pending: Helper['pending'] = new Map();
    const created: Helper = { worker, pending };
    const fail = (error: Error) => {
      helper = 'unavailable';
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('message', (message: { id: number; centrality?: Float64Array; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      if (!waiting) return;
      if (message.centrality) waiting.resolve(message.centrality);
      else waiting.reject(new Error(message.error ?? 'the helper thread gave no figures'));
    });
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the helper thread stopped')));
    // An idle helper never keeps the process running.
    worker.unref();
    helper = created;
    return created;
  } catch {
    helper = 'unavailable';
    return undefined;
  }
}

function inHelper(h: Helper, { reduced, weight }: Folded, from: number, to: number): Promise<Float64Array> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    h.pending.set(id, { resolve, reject });
    h.worker.ref();
    h.worker.postMessage({ id, offsets: reduced.offsets, neighbours: reduced.neighbours, weight, from, to });
  });
}

/** The same figures as `betweenness`, on two cores when the graph is large enough and the machine has them. */
export async function parallelBetweenness(graph: FlatGraph): Promise<Float64Array> {
  const folded = foldedTrees(graph);
  const m = folded.weight.length;
  const ours = new Float64Array(m);
  const h = m >= PARALLEL_FROM && availableParallelism() > 1 ? helperThread() : undefined;
  if (!h) {
    accumulate(folded.reduced, folded.weight, ours);
    return withPaths(folded, ours);
  }
  const half = Math.floor(m / 2);
  const theirs = inHelper(h, folded, half, m).catch(() => null);
  accumulate(folded.reduced, folded.weight, ours, 0, half);
  let rest = await theirs;
  if (!rest) {
    rest = new Float64Array(m);
    accumulate(folded.reduced, folded.weight, rest, half, m);
  }
  for (let i = 0; i < m; i += 1) ours[i] = (ours[i] ?? 0) + (rest[i] ?? 0);
  return withPaths(folded, ours);
}

/** How many graphs, and how many nodes in all, the figures are remembered for. */
const REMEMBERED_GRAPHS = 64;
const REMEMBERED_NODES = 500_000;
const remembered = new Map<string, Float64Array>();
let rememberedNodes = 0;
const computing = new Map<string, Promise<Float64Array>>();

/**
 * The betweenness of this graph, remembered by the graph itself (a SHA-256 of its flat arrays), least recently used
 * first forgotten. Nothing needs invalidating: a link or node added or removed is another graph, so another key, and
 * the figures depend on nothing else. They are only positions in the graph (no record, no key), the same for every
 * reader of the same structure. Each call gets its own copy.
 */
export async function rememberedBetweenness(graph: FlatGraph): Promise<Float64Array> {
  const key = createHash('sha256').update(graph.offsets).update(graph.neighbours).digest('base64');
  let figures = remembered.get(key);
  if (figures) remembered.delete(key);
  else {
    // Two readers of the same new graph at once wait for one computation.
    let pending = computing.get(key);
    if (!pending) {
      pending = parallelBetweenness(graph).finally(() => computing.delete(key));
      computing.set(key, pending);
    }
    figures = await pending;
    if (remembered.has(key)) remembered.delete(key);
    else rememberedNodes += figures.length;
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

/** Whether the helper thread ran (for tests): not yet started, running, or unavailable (this thread does it all). */
export const helperState = (): 'not started' | 'running' | 'unavailable' => (helper === undefined ? 'not started' : helper === 'unavailable' ? 'unavailable' : 'running');
