import { filterDims, measureColumns, setDims, sets, type CubeColumns, type Dim, type FilterDim } from './statistics.cube-columns.js';
import type { GroupingSet } from './statistics.queries.js';
import { must } from './must.js';

/**
 * The cube's index: what makes a request cheap.
 *  - Accumulators (every breakdown by year, see `layoutOf`) already summed for the whole dataset, for each value of
 *    each filter dimension, and for each pair of common values of two dimensions: a request with one filter besides
 *    the years (or two common ones) only adds up years.
 *  - Per value, the rows holding it as a bitmap: a request with several filters finds its rows by AND-ing bitmaps,
 *    then starts from the precomputed accumulator nearest to them and adds or takes away the rows that differ
 *    (severalFilters), touching at most half the rows of its rarest filter or pair.
 */
export interface CubeIndex {
  readonly layout: Layout;
  /** Per row, its slot in each accumulator section (year x value). */
  readonly slots: Uint32Array[];
  /** Per row, its key sum (the cube's). */
  readonly keySums: Float32Array;
  readonly all: Float64Array;
  readonly single: Map<string, Float64Array>;
  /** Per value: bit i of word i >>> 5 is set when row i holds it. */
  readonly bitmaps: Map<string, Uint32Array>;
  /** Per value: how many rows hold it. */
  readonly rowCounts: Map<string, number>;
  /** Values held by at least this many rows have accumulators for their pairs (see PAIR_MIN_ROWS). */
  readonly pairMinRows: number;
  /** Accumulators (and row counts) of two common values of different filter dimensions (see `pairKey`). */
  readonly pairs: Map<string, { readonly acc: Float64Array; rows: number }>;
}

/**
 * Values held by fewer rows than this have no pair accumulators: a request with such a value scans at most this
 * many rows. Pairs of the more common values (some hundreds at a million records, about 10 MB) are summed at load.
 */
export const PAIR_MIN_ROWS = 20_000;
const pairKey = (a: string, b: string) => `${a}&${b}`;

/**
 * Accumulator layout: one section per grouping set, each by year (year x stage, year x status, year x sex...), then
 * the NRM measures by year x stage, then the record-key sums of every section's slot (the slot's offset plus
 * `keyOffset`), for the cell-key method. A request sums the sections over the years it asks for.
 */
export interface Layout {
  readonly years: number;
  readonly sections: Array<{ set: GroupingSet; dim: Dim; offset: number; width: number }>;
  readonly measureOffset: number;
  readonly stageWidth: number;
  /** Where the key sums start: the key sum of slot s is at keyOffset + s. */
  readonly keyOffset: number;
  readonly size: number;
}

function layoutOf(cube: CubeColumns): Layout {
  const years = cube.dictionaries.year.length;
  let offset = 0;
  const sections = sets.map((set) => {
    const dim = must(setDims[set][setDims[set].length - 1]);
    const width = cube.dictionaries[dim].length;
    const section = { set, dim, offset, width };
    offset += years * width;
    return section;
  });
  const stageWidth = cube.dictionaries.stage.length;
  const measureOffset = offset;
  const keyOffset = offset + measureColumns.length * years * stageWidth;
  return { years, sections, measureOffset, stageWidth, keyOffset, size: keyOffset + measureOffset };
}

export function add(into: Float64Array, index: number, value: number): void {
  into[index] = must(into[index]) + value;
}


/** Adds (sign 1) or removes (sign -1) one cube row's persons, measures and key sum to or from an accumulator. */
export function accumulate(p: { slots: Uint32Array[]; layout: Layout; keySums: Float32Array }, measures: Array<Float32Array | Float64Array>, into: Float64Array, row: number, sign = 1): void {
  const n = must(must(measures[0])[row]) * sign;
  const key = must(p.keySums[row]) * sign;
  const { slots } = p;
  const keyOffset = p.layout.keyOffset;
  for (let s = 0; s < slots.length; s++) {
    const slot = must(must(slots[s])[row]);
    add(into, slot, n);
    add(into, keyOffset + slot, key);
  }
  const ys = must(must(slots[0])[row]) - must(p.layout.sections[0]).offset;
  const block = p.layout.years * p.layout.stageWidth;
  for (let m = 0; m < measures.length; m++) add(into, p.layout.measureOffset + m * block + ys, must(must(measures[m])[row]) * sign);
}

/** Set bits in a 32-bit word. */
function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Calls `visit` with the index of every set bit, in order. */
function forEachBit(bitmap: Uint32Array, visit: (row: number) => void): void {
  for (let w = 0; w < bitmap.length; w++) {
    let word = must(bitmap[w]);
    while (word !== 0) {
      const lowest = word & -word;
      visit(w * 32 + 31 - Math.clz32(lowest));
      word ^= lowest;
    }
  }
}

export const postingKey = (dim: Dim, code: number) => `${dim}:${code}`;

/** The cube's index, built on first use (pairs of values held by at least `pairMinRows` rows get accumulators). */
export function indexOf(cube: CubeColumns, pairMinRows = PAIR_MIN_ROWS): CubeIndex {
  if (cube.index) return cube.index;
  const layout = layoutOf(cube);
  const year = cube.codes.year;
  const slots = layout.sections.map(({ dim, offset, width }) => {
    const codes = cube.codes[dim];
    const slot = new Uint32Array(cube.rows);
    for (let i = 0; i < cube.rows; i++) slot[i] = offset + must(year[i]) * width + must(codes[i]);
    return slot;
  });
  const base = { slots, layout, keySums: cube.keySums };
  const all = new Float64Array(layout.size);
  const single = new Map<string, Float64Array>();
  const counts = new Map<string, number>();
  for (const dim of filterDims) cube.dictionaries[dim].forEach((_, code) => single.set(postingKey(dim, code), new Float64Array(layout.size)));
  const singles = filterDims.map((dim) => cube.dictionaries[dim].map((_, code) => must(single.get(postingKey(dim, code)))));
  for (let i = 0; i < cube.rows; i++) {
    accumulate(base, cube.measures, all, i);
    filterDims.forEach((dim, d) => {
      const code = must(cube.codes[dim][i]);
      accumulate(base, cube.measures, must(must(singles[d])[code]), i);
      const key = postingKey(dim, code);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  const words = Math.ceil(cube.rows / 32);
  const bitmaps = new Map<string, Uint32Array>();
  for (const key of counts.keys()) bitmaps.set(key, new Uint32Array(words));
  for (let i = 0; i < cube.rows; i++) {
    for (const dim of filterDims) {
      const bitmap = must(bitmaps.get(postingKey(dim, must(cube.codes[dim][i]))));
      bitmap[i >>> 5] = must(bitmap[i >>> 5]) | (1 << (i & 31));
    }
  }
  const pairs = pairAccumulators(cube, base, (key) => (counts.get(key) ?? 0) >= pairMinRows);
  cube.index = { layout, slots, keySums: cube.keySums, all, single, bitmaps, rowCounts: counts, pairMinRows, pairs };
  return cube.index;
}

/** The accumulators of every pair of common values (of two different filter dimensions) that some row holds. */
function pairAccumulators(cube: CubeColumns, base: { slots: Uint32Array[]; layout: Layout; keySums: Float32Array }, paired: (key: string) => boolean) {
  const pairs = new Map<string, { acc: Float64Array; rows: number }>();
  const common = filterDims.map((dim) => cube.dictionaries[dim].map((_, code) => paired(postingKey(dim, code))));
  const tables = filterDims.map((a, d) =>
    filterDims.map((b, e) => (e <= d ? [] : cube.dictionaries[a].flatMap((_, ca) => cube.dictionaries[b].map((__, cb) => pairKey(postingKey(a, ca), postingKey(b, cb)))))),
  );
  const codes = filterDims.map((dim) => cube.codes[dim]);
  for (let i = 0; i < cube.rows; i++) {
    for (let d = 0; d < filterDims.length; d++) {
      const ca = must(must(codes[d])[i]);
      if (!must(common[d])[ca]) continue;
      for (let e = d + 1; e < filterDims.length; e++) {
        const cb = must(must(codes[e])[i]);
        if (!must(common[e])[cb]) continue;
        const key = must(must(must(tables[d])[e])[ca * cube.dictionaries[must(filterDims[e])].length + cb]);
        let pair = pairs.get(key);
        if (!pair) {
          pair = { acc: new Float64Array(base.layout.size), rows: 0 };
          pairs.set(key, pair);
        }
        pair.rows += 1;
        accumulate(base, cube.measures, pair.acc, i);
      }
    }
  }
  return pairs;
}


/** The precomputed accumulators of a filter's allowed values, added up. */
export function sumOfSingles(p: CubeIndex, filter: { dim: FilterDim; ok: Uint8Array }): Float64Array {
  const acc = new Float64Array(p.layout.size);
  filter.ok.forEach((yes, code) => {
    if (!yes) return;
    const part = must(p.single.get(postingKey(filter.dim, code)));
    for (let k = 0; k < acc.length; k++) acc[k] = must(acc[k]) + must(part[k]);
  });
  return acc;
}

/**
 * Two filters or more: the matching rows are the AND of each filter's bitmap (the OR of its allowed values'). The
 * answer starts from a precomputed accumulator holding every matching row - one filter's, or two filters' when both
 * are common values (`pairs`) - and takes away its rows that do not match; or, when the matching rows are fewer
 * than that, starts from zero and adds them up. Whichever touches fewer rows.
 */
export function severalFilters(p: CubeIndex, measures: Array<Float32Array | Float64Array>, active: ReadonlyArray<{ dim: FilterDim; ok: Uint8Array }>): Float64Array {
  const words = Math.ceil(must(p.slots[0]).length / 32);
  const filters = active.map((f) => {
    const keys = [...f.ok].flatMap((yes, code) => (yes ? [postingKey(f.dim, code)] : []));
    // One value: its own bitmap (read only). Several: a new bitmap, their OR.
    const bitmaps = keys.flatMap((key) => p.bitmaps.get(key) ?? []);
    let mask = bitmaps.length === 1 ? bitmaps[0] : undefined;
    if (bitmaps.length > 1) {
      mask = new Uint32Array(words);
      for (const bitmap of bitmaps) for (let w = 0; w < words; w++) mask[w] = must(mask[w]) | must(bitmap[w]);
    }
    const rows = keys.reduce((n, key) => n + (p.rowCounts.get(key) ?? 0), 0);
    return { keys, rows, mask: mask ?? new Uint32Array(words), sum: () => sumOfSingles(p, f) };
  });
  const match = Uint32Array.from(must(filters[0]).mask);
  for (const f of filters.slice(1)) for (let w = 0; w < words; w++) match[w] = must(match[w]) & must(f.mask[w]);
  let matching = 0;
  for (let w = 0; w < words; w++) matching += bitCount(must(match[w]));

  // The starting points: each filter alone, and each two filters whose values all have pair accumulators.
  const starts: Array<{ rows: number; sum: () => Float64Array; mask: () => Uint32Array }> = filters.map((f) => ({ rows: f.rows, sum: f.sum, mask: () => f.mask }));
  for (let a = 0; a < filters.length; a++) {
    for (let b = a + 1; b < filters.length; b++) {
      const fa = must(filters[a]);
      const fb = must(filters[b]);
      if (![...fa.keys, ...fb.keys].every((key) => (p.rowCounts.get(key) ?? 0) >= p.pairMinRows)) continue;
      const parts = fa.keys.flatMap((ka) => fb.keys.map((kb) => p.pairs.get(pairKey(ka, kb)) ?? p.pairs.get(pairKey(kb, ka))));
      starts.push({
        rows: parts.reduce((n, part) => n + (part?.rows ?? 0), 0),
        sum: () => {
          const acc = new Float64Array(p.layout.size);
          for (const part of parts) if (part) for (let k = 0; k < acc.length; k++) acc[k] = must(acc[k]) + must(part.acc[k]);
          return acc;
        },
        mask: () => {
          const both = Uint32Array.from(fa.mask);
          for (let w = 0; w < words; w++) both[w] = must(both[w]) & must(fb.mask[w]);
          return both;
        },
      });
    }
  }
  const start = starts.reduce((best, s) => (s.rows < best.rows ? s : best));
  if (matching <= start.rows - matching) {
    const acc = new Float64Array(p.layout.size);
    forEachBit(match, (row) => accumulate(p, measures, acc, row));
    return acc;
  }
  const acc = start.sum();
  // (A new bitmap: the start's mask may be the index's own.)
  const startMask = start.mask();
  const rest = new Uint32Array(words);
  for (let w = 0; w < words; w++) rest[w] = must(startMask[w]) & ~must(match[w]);
  forEachBit(rest, (row) => accumulate(p, measures, acc, row, -1));
  return acc;
}
