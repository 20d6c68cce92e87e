import { BASE, CountTable, keyOf, idsOf, type ValueDictionary } from './combinations.js';
import type { NoisyAggregates } from './dp-marginals.js';
import type { ReleaseRandom } from './noise.js';
import type { AttributeRow } from './release-attributes.js';

/** The most a value's weight is raised to catch up with its noisy count. */
const MAX_BALANCE = 4;

/**
 * Aggregate-seeded synthesis: records are drawn from the noisy counts alone (never from the real records), so they
 * carry no more privacy loss than the counts.
 *
 * Each synthetic record visits the attributes in a random order and, for each, draws a value or leaves it missing
 * from the distribution the counts imply given a context of up to (reporting length - 1) attributes already visited:
 * P(v | context) = n(context + v) / n(context). A context holds values and also attributes found missing: counts of
 * "attribute b missing" come from the counts by inclusion-exclusion, n(S, b missing) = n(S) - sum over values w of b
 * of n(S + w), so a record that lacks a flag is completed like the people who lack it. Contexts are drawn at random
 * among the visited attributes, one per step. Where the threshold dropped the combinations of a
 * rare context, the context backs off to a broader one (see `distribution` below). Finally each value's weight is
 * scaled by how far its use so far is behind or ahead of its noisy count (the counts are "spent" as records are drawn),
 * which keeps single-value counts close to the noisy ones whatever bias the conditional estimates have.
 */
export function synthesize(aggregates: NoisyAggregates, dictionary: ValueDictionary, attributeCount: number, random: ReleaseRandom): AttributeRow[] {
  const { counts, reportingLength, total } = aggregates;
  const size = dictionary.size;
  if (size + attributeCount >= BASE) throw new RangeError('too many distinct values to synthesise');
  const attributeOf = (id: number) => dictionary.attributeOf[id] as number;
  const isWildcard = (id: number) => id >= size;

  // Values extending the empty set or one value, by attribute; and sums of counts over "any value of attribute b"
  // (a wildcard id, size + b, stands for it in a key).
  const extensions = new Map<number, Map<number, number[]>>();
  const sums = new CountTable();
  for (const [key, count] of counts) {
    const ids = idsOf(key);
    if (ids.length <= 2) {
      for (let drop = 0; drop < ids.length; drop += 1) {
        const base = ids.length === 1 ? 0 : (ids[1 - drop] as number);
        const value = ids[drop] as number;
        let byAttribute = extensions.get(base);
        if (!byAttribute) extensions.set(base, (byAttribute = new Map()));
        const list = byAttribute.get(attributeOf(value));
        if (list) list.push(value);
        else byAttribute.set(attributeOf(value), [value]);
      }
    }
    for (let mask = 0; mask < 1 << ids.length; mask += 1) {
      const pattern = ids.map((id, index) => (mask & (1 << index) ? size + attributeOf(id) : id)).sort((a, b) => a - b);
      sums.add(keyOf(pattern), count);
    }
  }

  /** The summed count of up to three ids (values or wildcards; 0 = none), in any order. */
  const sumOf = (x: number, y: number, z: number): number => {
    let a = x;
    let b = y;
    let c = z;
    let swap: number;
    if (a > b) {
      swap = a;
      a = b;
      b = swap;
    }
    if (b > c) {
      swap = b;
      b = c;
      c = swap;
    }
    if (a > b) {
      swap = a;
      a = b;
      b = swap;
    }
    const key = (a * BASE + b) * BASE + c;
    return key === 0 ? total : sums.get(key);
  };
  /** Packs up to five ids of which at most three are not 0 into sumOf. */
  const sumOfFive = (p: number, q: number, r: number, t: number, u: number): number => {
    let x = 0;
    let y = 0;
    let z = 0;
    for (const id of [p, q, r, t, u]) {
      if (id === 0) continue;
      if (x === 0) x = id;
      else if (y === 0) y = id;
      else z = id;
    }
    return sumOf(x, y, z);
  };
  /** n(values g1, g2, v; none of the wildcards' attributes), by inclusion-exclusion over the wildcards w1, w2. */
  const joint = (g1: number, g2: number, v: number, w1: number, w2: number): number => {
    let result = sumOfFive(g1, g2, v, 0, 0);
    if (w1 !== 0) result -= sumOfFive(g1, g2, v, w1, 0);
    if (w2 !== 0) result -= sumOfFive(g1, g2, v, w2, 0);
    if (w1 !== 0 && w2 !== 0) result += sumOfFive(g1, g2, v, w1, w2);
    return result;
  };

  /**
   * P(value of the attribute | context of at most two ids a <= b, values or wildcards; 0 = none), cached per context.
   * Values whose combination with the context was dropped by the threshold get, together, the share the context's
   * parent (the context less one element, a wildcard first) gives them beyond what the context's own counts explain,
   * spread as the parent spreads it: a rare context backs off towards a broader one instead of leaving the attribute
   * missing.
   */
  // Keys stay small integers (span^2 * attributes), which a Map hashes without boxing.
  const span = size + attributeCount;
  const cache = new Map<number, Distribution | null>();
  const marked = new Uint8Array(size);
  const distribution = (a: number, b: number, attribute: number): Distribution | null => {
    const cacheKey = (a * span + b) * attributeCount + attribute;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    // Wildcards sort after values, so dropping b drops a wildcard when there is one, else the second value.
    const parent = b !== 0 ? distribution(0, a, attribute) : null;
    const given1 = a !== 0 && !isWildcard(a) ? a : 0;
    const given2 = b !== 0 && !isWildcard(b) ? b : 0;
    const wild1 = isWildcard(a) ? a : 0;
    const wild2 = isWildcard(b) ? b : 0;
    const base = joint(given1, given2, 0, wild1, wild2);
    let result: Distribution | null = parent;
    if (base > 0) {
      const own: Distribution = { values: [], shares: [] };
      let ownMass = 0;
      for (const value of extensions.get(given1 || given2)?.get(attribute) ?? []) {
        const share = Math.min(1, joint(given1, given2, value, wild1, wild2) / base);
        if (!(share > 0)) continue;
        own.values.push(value);
        own.shares.push(share);
        ownMass += share;
      }
      for (const value of own.values) marked[value] = 1;
      if (parent) {
        let parentMass = 0;
        let uncovered = 0;
        parent.values.forEach((value, index) => {
          parentMass += parent.shares[index] as number;
          if (marked[value] === 0) uncovered += parent.shares[index] as number;
        });
        const scale = uncovered > 0 ? Math.min(1, Math.max(0, parentMass - ownMass) / uncovered) : 0;
        if (scale > 0) {
          parent.values.forEach((value, index) => {
            if (marked[value] === 1) return;
            own.values.push(value);
            own.shares.push((parent.shares[index] as number) * scale);
          });
        }
      }
      for (const value of own.values) marked[value] = 0;
      result = own;
    }
    cache.set(cacheKey, result);
    return result;
  };
  // Single values used so far against their noisy counts: a value drawn more often than its count says so far is
  // damped, one drawn less often boosted, so the synthetic single-value counts follow the noisy ones.
  const target = new Float64Array(size);
  const used = new Float64Array(size);
  for (const [key, count] of counts) if (key < size && key > 0) target[key] = count;
  const balance = (value: number, left: number): number => {
    const expected = (target[value] as number) * left;
    if (expected < 1) return (target[value] as number) > (used[value] as number) ? 1 : 0;
    return Math.min(MAX_BALANCE, Math.max(0, ((target[value] as number) - (used[value] as number)) / expected));
  };

  const order = Array.from({ length: attributeCount }, (_, index) => index);
  const rows: AttributeRow[] = [];
  const visited = new Int32Array(attributeCount);
  const states = new Int32Array(attributeCount); // value id, or the attribute's wildcard when missing
  const candidates: number[] = [];
  const weights: number[] = [];
  const contextSize = reportingLength - 1;
  /** The context of the given visited attributes (indexes into `visited`; -1 = none), as a sorted pair. */
  const contextOf = (i: number, j: number, attribute: number): Distribution | null => {
    const x = i < 0 ? 0 : (states[visited[i] as number] as number);
    const y = j < 0 ? 0 : (states[visited[j] as number] as number);
    return x <= y ? distribution(x, y, attribute) : distribution(y, x, attribute);
  };
  for (let r = 0; r < total; r += 1) {
    const left = 1 - r / total;
    shuffle(order, random);
    const row: AttributeRow = new Array<string | null>(attributeCount).fill(null);
    let seen = 0;
    for (const attribute of order) {
      let context: Distribution | null;
      if (contextSize === 0 || seen === 0) context = contextOf(-1, -1, attribute);
      else if (contextSize === 1 || seen === 1) context = contextOf(-1, seen === 1 ? 0 : random.index(seen), attribute);
      else if (seen === 2) context = contextOf(0, 1, attribute);
      else {
        const i = random.index(seen);
        let j = random.index(seen - 1);
        if (j >= i) j += 1;
        context = contextOf(i, j, attribute);
      }
      visited[seen++] = attribute;
      states[attribute] = size + attribute;
      const chosen = context ?? distribution(0, 0, attribute);
      if (!chosen) continue;
      candidates.length = 0;
      weights.length = 0;
      let sum = 0;
      for (let i = 0; i < chosen.values.length; i += 1) {
        const value = chosen.values[i] as number;
        const weight = (chosen.shares[i] as number) * balance(value, left);
        if (weight <= 0) continue;
        candidates.push(value);
        weights.push(weight);
        sum += weight;
      }
      // Missing has probability 1 - sum when the shares leave room; otherwise one of the values is drawn.
      let roll = random.float() * Math.max(1, sum);
      if (candidates.length === 0 || roll >= sum) continue;
      let index = 0;
      while (index < candidates.length - 1 && roll >= (weights[index] as number)) {
        roll -= weights[index] as number;
        index += 1;
      }
      const value = candidates[index] as number;
      states[attribute] = value;
      used[value] = (used[value] as number) + 1;
      row[attribute] = dictionary.valueOf[value] as string;
    }
    rows.push(row);
  }
  return rows;
}

interface Distribution {
  readonly values: number[];
  readonly shares: number[];
}

function shuffle(items: number[], random: ReleaseRandom): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.index(i + 1);
    const item = items[i] as number;
    items[i] = items[j] as number;
    items[j] = item;
  }
}
