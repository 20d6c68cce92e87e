import { regionOf } from './country-regions.js';
import type { AttributeRow } from './release-attributes.js';

/** What a generalised or suppressed value is written as. */
export const SUPPRESSED = '*';

type Generalise = (value: string) => string;

const MINORS = new Set(['0--8', '09--17', '9--17']);
const ageGroup: Generalise = (band) => (MINORS.has(band) ? 'Minor' : 'Adult');
const period: Generalise = (year) => {
  const start = Math.floor(Number(year) / 5) * 5;
  return Number.isFinite(start) ? `${start}--${start + 4}` : SUPPRESSED;
};
const subregion: Generalise = (country) => regionOf(country)?.subregion ?? SUPPRESSED;
const region: Generalise = (country) => regionOf(country)?.region ?? SUPPRESSED;
/** CTDC's three duration bands -> up to two years, or more. */
const upToTwoYears: Generalise = (band) => (band === '25+ (2+ yrs)' ? band : '0--24 (0-2 yrs)');

/**
 * Generalisation hierarchies, lowest level first; the level above the last is always "suppressed" (*). Age band ->
 * minor/adult; year -> five-year period; country -> M49 subregion -> region; duration -> up to two years or more.
 * Every other attribute goes straight to *.
 * A missing value stays missing at every level (missing is already the least specific answer).
 */
export const hierarchies: Readonly<Record<string, readonly Generalise[]>> = {
  ageBroad: [ageGroup],
  yearOfRegistration: [period],
  citizenship: [subregion, region],
  CountryOfExploitation: [subregion, region],
  traffickMonths: [upToTwoYears],
};

/** The highest level of an attribute: its number of generalisations + 1 (suppressed). */
export const topLevel = (attribute: string): number => (hierarchies[attribute]?.length ?? 0) + 1;

export function generalise(attribute: string, value: string | null, level: number): string | null {
  if (value === null || level === 0) return value;
  const steps = hierarchies[attribute] ?? [];
  const step = steps[level - 1];
  return step ? step(value) : SUPPRESSED;
}

export interface KAnonymityParameters {
  readonly k: number;
  /** Indexes (into the row) of the quasi-identifiers. */
  readonly quasiIdentifiers: readonly number[];
  /** Names of every column of the rows (to find hierarchies). */
  readonly attributeNames: readonly string[];
  /** Share of records that may be suppressed before generalising further (default 0.05). */
  readonly maxSuppressedShare?: number;
}

export interface KAnonymousResult {
  readonly rows: AttributeRow[];
  /** Level reached per quasi-identifier, by attribute name. */
  readonly levels: Record<string, number>;
  readonly recordsSuppressed: number;
  readonly classes: number;
  readonly smallestClass: number;
}

const classKey = (row: AttributeRow, columns: readonly number[]): string => columns.map((column) => row[column] ?? '\u0000').join('\u0001');

function generaliseRows(rows: readonly AttributeRow[], parameters: KAnonymityParameters, levels: readonly number[]): AttributeRow[] {
  return rows.map((row) => {
    const copy = [...row];
    parameters.quasiIdentifiers.forEach((column, index) => {
      copy[column] = generalise(parameters.attributeNames[column] as string, row[column] ?? null, levels[index] as number);
    });
    return copy;
  });
}

function classSizes(rows: readonly AttributeRow[], columns: readonly number[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = classKey(row, columns);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/**
 * k-anonymity by full-domain generalisation and record suppression (the Datafly heuristic): while more than the
 * allowed share of records sit in equivalence classes (same quasi-identifier values) smaller than k, generalise the
 * quasi-identifier with the most distinct values one level; then suppress (remove) every record still in a class
 * smaller than k. Every class of the result has at least k records, whatever the data.
 */
export function kAnonymise(rows: readonly AttributeRow[], parameters: KAnonymityParameters): KAnonymousResult {
  const { k, quasiIdentifiers, attributeNames } = parameters;
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer of at least 2');
  const maxSuppressed = Math.floor((parameters.maxSuppressedShare ?? 0.05) * rows.length);
  const levels = quasiIdentifiers.map(() => 0);
  const tops = quasiIdentifiers.map((column) => topLevel(attributeNames[column] as string));
  let current = generaliseRows(rows, parameters, levels);
  for (;;) {
    const sizes = classSizes(current, quasiIdentifiers);
    let small = 0;
    for (const size of sizes.values()) if (size < k) small += size;
    if (small <= maxSuppressed) break;
    let widest = -1;
    let widestDistinct = -1;
    quasiIdentifiers.forEach((column, index) => {
      if ((levels[index] as number) >= (tops[index] as number)) return;
      const distinct = new Set(current.map((row) => row[column])).size;
      if (distinct > widestDistinct) {
        widest = index;
        widestDistinct = distinct;
      }
    });
    if (widest < 0) break;
    levels[widest] = (levels[widest] as number) + 1;
    current = generaliseRows(rows, parameters, levels);
  }
  const sizes = classSizes(current, quasiIdentifiers);
  const kept = current.filter((row) => (sizes.get(classKey(row, quasiIdentifiers)) ?? 0) >= k);
  const keptSizes = [...sizes.values()].filter((size) => size >= k);
  return {
    rows: kept,
    levels: Object.fromEntries(quasiIdentifiers.map((column, index) => [attributeNames[column] as string, levels[index] as number])),
    recordsSuppressed: rows.length - kept.length,
    classes: keptSizes.length,
    smallestClass: keptSizes.reduce((smallest, size) => Math.min(smallest, size), keptSizes.length === 0 ? 0 : Infinity),
  };
}
