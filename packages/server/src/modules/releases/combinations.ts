import type { AttributeRow } from './release-attributes.js';

/** Reporting lengths supported: combinations of one, two or three attribute values. */
export const MAX_REPORTING_LENGTH = 3;

/** Value ids are below this base, so a combination of up to three ids packs exactly into one double (< 2^53). */
export const BASE = 2 ** 17;

/**
 * Every attribute value seen, as a small integer id (1, 2, ...). A record becomes the sorted ids of its non-missing
 * values, and a combination of values one number: the key of a combination of length 1 is below BASE, of length 2
 * below BASE^2, of length 3 above, so keys of different lengths never collide.
 */
export class ValueDictionary {
  private readonly ids = new Map<string, number>();
  /** id -> attribute index (position in the release's attribute list); index 0 unused. */
  readonly attributeOf: number[] = [-1];
  /** id -> value. */
  readonly valueOf: string[] = [''];

  id(attribute: number, value: string): number {
    const name = `${attribute}\u0000${value}`;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.valueOf.length;
      if (id >= BASE) throw new RangeError(`more than ${BASE - 1} distinct attribute values`);
      this.ids.set(name, id);
      this.attributeOf.push(attribute);
      this.valueOf.push(value);
    }
    return id;
  }

  find(attribute: number, value: string): number | undefined {
    return this.ids.get(`${attribute}\u0000${value}`);
  }

  /** Number of ids handed out plus one (ids run from 1 to size - 1). */
  get size(): number {
    return this.valueOf.length;
  }
}

/** Rows as sorted value ids. */
export function encodeRows(rows: readonly AttributeRow[], dictionary: ValueDictionary): Int32Array[] {
  return rows.map((row) => {
    const ids: number[] = [];
    row.forEach((value, attribute) => {
      if (value !== null) ids.push(dictionary.id(attribute, value));
    });
    return Int32Array.from(ids).sort();
  });
}

export function keyOf(ids: ArrayLike<number>): number {
  let key = 0;
  for (let i = 0; i < ids.length; i += 1) key = key * BASE + (ids[i] as number);
  return key;
}

/** The sorted ids of a combination key. */
export function idsOf(key: number): number[] {
  const ids: number[] = [];
  let rest = key;
  while (rest > 0) {
    ids.unshift(rest % BASE);
    rest = Math.floor(rest / BASE);
  }
  return ids;
}

export function lengthOf(key: number): number {
  if (key === 0) return 0;
  if (key < BASE) return 1;
  return key < BASE * BASE ? 2 : 3;
}

export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/** Draws an integer in [0, n). */
export type IndexSource = (n: number) => number;

/** Calls visit(key) for every combination of `length` values of the record (sorted ids). */
function forEachCombination(ids: Int32Array, length: number, visit: (key: number) => void): void {
  const m = ids.length;
  if (length === 1) {
    for (let i = 0; i < m; i += 1) visit(ids[i] as number);
  } else if (length === 2) {
    for (let i = 0; i < m; i += 1) {
      const a = (ids[i] as number) * BASE;
      for (let j = i + 1; j < m; j += 1) visit(a + (ids[j] as number));
    }
  } else if (length === 3) {
    for (let i = 0; i < m; i += 1) {
      const a = (ids[i] as number) * BASE;
      for (let j = i + 1; j < m; j += 1) {
        const ab = (a + (ids[j] as number)) * BASE;
        for (let k = j + 1; k < m; k += 1) visit(ab + (ids[k] as number));
      }
    }
  } else {
    throw new RangeError(`combination length must be 1 to ${MAX_REPORTING_LENGTH}`);
  }
}

/**
 * Counts by combination key in an open-addressing hash table over typed arrays: counting tens of millions of
 * combinations this way avoids a Map's boxing of keys above 2^31. Key 0 (the empty combination) marks a free slot.
 */
export class CountTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let slots = 1;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  private slot(key: number): number {
    const low = key >>> 0;
    const high = (key / 4294967296) >>> 0;
    let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    hash ^= hash >>> 15;
    let index = hash & this.mask;
    const keys = this.keys;
    while (keys[index] !== 0 && keys[index] !== key) index = (index + 1) & this.mask;
    return index;
  }

  add(key: number, amount = 1): void {
    const index = this.slot(key);
    if (this.keys[index] === 0) {
      this.keys[index] = key;
      this.size += 1;
      this.values[index] = amount;
      if (this.size * 2 > this.mask) this.grow();
      return;
    }
    this.values[index] = (this.values[index] as number) + amount;
  }

  get(key: number): number {
    const index = this.slot(key);
    return this.keys[index] === 0 ? 0 : (this.values[index] as number);
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as number;
      if (key === 0) continue;
      const index = this.slot(key);
      this.keys[index] = key;
      this.values[index] = values[i] as number;
    }
  }

  toMap(): Map<number, number> {
    const map = new Map<number, number>();
    for (let i = 0; i < this.keys.length; i += 1) {
      const key = this.keys[i] as number;
      if (key !== 0) map.set(key, this.values[i] as number);
    }
    return map;
  }
}

/** Adds every combination of 1..length values of the record (sorted ids) to the table. */
function addAll(table: CountTable, ids: Int32Array, length: number): void {
  const m = ids.length;
  for (let i = 0; i < m; i += 1) {
    const a = ids[i] as number;
    table.add(a);
    if (length < 2) continue;
    const aKey = a * BASE;
    for (let j = i + 1; j < m; j += 1) {
      const ab = aKey + (ids[j] as number);
      table.add(ab);
      if (length < 3) continue;
      const abKey = ab * BASE;
      for (let k = j + 1; k < m; k += 1) table.add(abKey + (ids[k] as number));
    }
  }
}

export interface CountOptions {
  /** Largest number of combinations of each length (index 1..L) one record may add to; more are sampled down. */
  readonly caps?: readonly number[];
  /** Needed when caps are given: the sampling source. */
  readonly pick?: IndexSource;
}

/**
 * Counts every combination of 1..length values over the records: key -> number of records holding all its values.
 * With caps, a record with more combinations of a length than its cap adds to a uniformly sampled subset of `cap` of
 * them (this is what bounds one person's influence on the counts).
 */
export function countCombinations(records: readonly Int32Array[], length: number, options: CountOptions = {}): Map<number, number> {
  if (length < 1 || length > MAX_REPORTING_LENGTH) throw new RangeError(`combination length must be 1 to ${MAX_REPORTING_LENGTH}`);
  const table = new CountTable();
  const buffer: number[] = [];
  const collect = (key: number) => buffer.push(key);
  for (const ids of records) {
    const caps = options.caps;
    let capped = false;
    if (caps) for (let k = 1; k <= length; k += 1) if (binomial(ids.length, k) > (caps[k] ?? Infinity)) capped = true;
    if (!capped) {
      addAll(table, ids, length);
      continue;
    }
    for (let k = 1; k <= length; k += 1) {
      const cap = caps?.[k];
      if (cap === undefined || binomial(ids.length, k) <= cap) {
        forEachCombination(ids, k, (key) => table.add(key));
        continue;
      }
      const pick = options.pick;
      if (!pick) throw new Error('sampling combinations needs a random source');
      buffer.length = 0;
      forEachCombination(ids, k, collect);
      // Partial Fisher-Yates: the first `cap` entries become a uniform sample without replacement.
      for (let i = 0; i < cap; i += 1) {
        const j = i + pick(buffer.length - i);
        const chosen = buffer[j] as number;
        buffer[j] = buffer[i] as number;
        buffer[i] = chosen;
        table.add(chosen);
      }
    }
  }
  return table.toMap();
}

/**
 * What the caps take away from exact counts: for every record with more combinations of a length than its cap, a
 * uniformly drawn set of (combinations - cap) of them, as key -> number of records that lose it. Exact counts minus
 * these are distributed exactly like countCombinations with the same caps, from one counting pass over the records.
 */
export function capRemovals(records: readonly Int32Array[], length: number, caps: readonly number[], pick: IndexSource): Map<number, number> {
  const removals = new Map<number, number>();
  const buffer: number[] = [];
  const collect = (key: number) => buffer.push(key);
  for (const ids of records) {
    for (let k = 1; k <= length; k += 1) {
      const cap = caps[k];
      const all = binomial(ids.length, k);
      if (cap === undefined || all <= cap) continue;
      buffer.length = 0;
      forEachCombination(ids, k, collect);
      const drop = all - cap;
      for (let i = 0; i < drop; i += 1) {
        const j = i + pick(buffer.length - i);
        const chosen = buffer[j] as number;
        buffer[j] = buffer[i] as number;
        buffer[i] = chosen;
        removals.set(chosen, (removals.get(chosen) ?? 0) + 1);
      }
    }
  }
  return removals;
}
