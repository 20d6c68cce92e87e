import { countCombinations, encodeRows, lengthOf, ValueDictionary } from './combinations.js';
import type { AttributeRow } from './release-attributes.js';

export interface UtilityByLength {
  readonly length: number;
  /** Distinct combinations of this length in the real records, and in the released ones. */
  readonly realCombinations: number;
  readonly releasedCombinations: number;
  /** Mean number of real records per real combination (to read the error against). */
  readonly meanRealCount: number;
  /** Mean |released count - real count| over every combination present in either. */
  readonly meanAbsoluteError: number;
  /** Share of real combinations absent from the release. */
  readonly suppressedShare: number;
  /** Share of released combinations absent from the real records. */
  readonly fabricatedShare: number;
}

export interface UtilityReport {
  readonly realRecords: number;
  readonly releasedRecords: number;
  readonly lengths: UtilityByLength[];
}

/**
 * How far the released records are from the real ones: counts of every combination of 1..length values, compared
 * one by one. Computed from the real records, so it is for the operator deciding whether to publish and is never
 * part of the published file.
 */
export function utilityReport(real: readonly AttributeRow[], released: readonly AttributeRow[], length: number): UtilityReport {
  const dictionary = new ValueDictionary();
  const realCounts = countCombinations(encodeRows(real, dictionary), length);
  const releasedCounts = countCombinations(encodeRows(released, dictionary), length);
  return utilityFromCounts(realCounts, releasedCounts, length, real.length, released.length);
}

/** The same report from counts already made (keys from one dictionary). */
export function utilityFromCounts(
  realCounts: ReadonlyMap<number, number>,
  releasedCounts: ReadonlyMap<number, number>,
  length: number,
  realRecords: number,
  releasedRecords: number,
): UtilityReport {
  const lengths: UtilityByLength[] = [];
  for (let k = 1; k <= length; k += 1) {
    let realCombinations = 0;
    let releasedCombinations = 0;
    let realTotal = 0;
    let errorSum = 0;
    let union = 0;
    let suppressed = 0;
    let fabricated = 0;
    for (const [key, count] of realCounts) {
      if (lengthOf(key) !== k) continue;
      realCombinations += 1;
      realTotal += count;
      union += 1;
      const other = releasedCounts.get(key);
      if (other === undefined) suppressed += 1;
      errorSum += Math.abs((other ?? 0) - count);
    }
    for (const [key, count] of releasedCounts) {
      if (lengthOf(key) !== k) continue;
      releasedCombinations += 1;
      if (realCounts.has(key)) continue;
      fabricated += 1;
      union += 1;
      errorSum += count;
    }
    lengths.push({
      length: k,
      realCombinations,
      releasedCombinations,
      meanRealCount: realCombinations === 0 ? 0 : realTotal / realCombinations,
      meanAbsoluteError: union === 0 ? 0 : errorSum / union,
      suppressedShare: realCombinations === 0 ? 0 : suppressed / realCombinations,
      fabricatedShare: releasedCombinations === 0 ? 0 : fabricated / releasedCombinations,
    });
  }
  return { realRecords, releasedRecords, lengths };
}
