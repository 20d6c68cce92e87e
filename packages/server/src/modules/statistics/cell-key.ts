import { RECORD_KEY_RANGE } from '../../platform/crypto/record-keys.js';
import { must } from './must.js';

/**
 * The cell-key method's perturbation table (ptable), after the design of the Australian Bureau of Statistics'
 * TableBuilder and of the 2021 census tables of England and Wales; parameters and reasons in
 * docs/decisions/0005-cell-key-perturbation.md. Pure functions, no I/O.
 *
 * A cell's key is the sum of its records' keys modulo 256, so the same set of persons always has the same key, from
 * any route and in any filter order. The published value of a cell of count n and key k is n + d, where d is read
 * from row min(n, 2) of the table at position k: each row gives every change d a run of keys whose length is its
 * probability times 256.
 *
 *  - Zeros stay zeros (an empty cell has no key to perturb it).
 *  - Changes of at most 2 (D = 2), never below zero, unbiased (the mean change of every row is 0), variance 1.
 *  - Every count from 1 up is left exact for 102 keys of 256 (probability 0.398): a published value never says
 *    whether it is exact.
 */

export const MAX_CHANGE = 2;

/** A row of the table: for each change, how many of the 256 cell keys give it (the counts add up to 256). */
interface PtableRow {
  readonly changes: readonly number[];
  readonly keys: readonly number[];
}

/** Counts of 2 and more: -2, -1, 0, +1, +2 for 17, 60, 102, 60, 17 keys (mean 0, variance 1). */
const symmetric: PtableRow = { changes: [-2, -1, 0, 1, 2], keys: [17, 60, 102, 60, 17] };
/** A count of 1 cannot lose 2: -1, 0, +1, +2 for 94, 102, 26, 34 keys (mean 0, variance 1). */
const one: PtableRow = { changes: [-1, 0, 1, 2], keys: [94, 102, 26, 34] };

const rows = [one, symmetric];

/** The change for each of the 256 keys, per row: looked up, never searched. */
const lookup: Int8Array[] = rows.map((row) => {
  const table = new Int8Array(RECORD_KEY_RANGE);
  let at = 0;
  row.changes.forEach((change, i) => {
    for (let k = 0; k < must(row.keys[i]); k++) table[at++] = change;
  });
  if (at !== RECORD_KEY_RANGE) throw new Error('A ptable row must cover every cell key once');
  return table;
});

/** A key sum (possibly negative after rows were taken away, possibly fractional never) as a cell key 0..255. */
export function cellKeyOf(keySum: number): number {
  const k = keySum % RECORD_KEY_RANGE;
  return k < 0 ? k + RECORD_KEY_RANGE : k;
}

/** The change the table gives a cell of `count` persons and key `cellKey`. */
export function perturbationOf(count: number, cellKey: number): number {
  if (count <= 0) return 0;
  return must(must(lookup[count === 1 ? 0 : 1])[cellKeyOf(cellKey)]);
}

/** The published value of a cell: its count changed by the table (never below zero; zero stays zero). */
export function perturb(count: number, keySum: number): number {
  return count + perturbationOf(count, keySum);
}

/** The probability that a cell of `count` persons is published exactly (the share of keys whose change is 0). */
export function exactShare(count: number): number {
  if (count <= 0) return 1;
  const row = must(rows[count === 1 ? 0 : 1]);
  return must(row.keys[row.changes.indexOf(0)]) / RECORD_KEY_RANGE;
}

/** The table's probabilities for a count (for the decision record, the tests and the benchmark). */
export function distributionOf(count: number): Array<{ change: number; probability: number }> {
  if (count <= 0) return [{ change: 0, probability: 1 }];
  const row = must(rows[count === 1 ? 0 : 1]);
  return row.changes.map((change, i) => ({ change, probability: must(row.keys[i]) / RECORD_KEY_RANGE }));
}

/**
 * Keys of the other counts of the same persons (NRM measures of a year: decided, overdue, referred...): the persons'
 * key moved by a fixed step per measure, so that two counts of one group of persons are not changed alike.
 */
export function measureKey(keySum: number, measure: number): number {
  return cellKeyOf(keySum + 97 * (measure + 1));
}
