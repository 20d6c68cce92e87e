/**
 * The overlap table: how many people appear on exactly each combination of lists. Input is a CSV with one 0/1
 * column per list and a last column with the count. Combinations absent from the file were observed zero times.
 * The all-zero combination (people on no list) is the unknown to be estimated and cannot be given.
 */
import { parse } from 'csv-parse/sync';
import { EstimationError, el } from './errors.js';

export const MIN_LISTS = 2;
/** 2^15 - 1 = 32,767 cells; beyond that the lists should be merged before estimating. */
export const MAX_LISTS = 15;

export interface OverlapTable {
  readonly lists: readonly string[];
  /** counts[mask] = people on exactly the lists whose bits are set in mask (bit i is lists[i]); counts[0] is 0. */
  readonly counts: Float64Array;
  /** Everyone observed on at least one list. */
  readonly observed: number;
  /** Things done to the rows that the result must mention (repeated combinations summed). */
  readonly warnings?: readonly string[];
  /** Combinations given more than once, summed: where each was given (e.g. "line 4") and the sum. */
  readonly repeats?: readonly { readonly lists: readonly string[]; readonly places: readonly string[]; readonly lines: readonly number[]; readonly total: number }[];
  /** The line of the file's header, when the table was read from a file. */
  readonly headerLine?: number;
}

export interface OverlapRow {
  /** One 0/1 value per list. */
  readonly combination: readonly number[];
  readonly count: number;
  /** Line in the source file, for error messages. */
  readonly line?: number;
}

function bad(message: string): EstimationError {
  return new EstimationError(message, 'bad-input');
}

/** "LA+NG" for the lists whose bits are set in mask. */
export function combinationName(lists: readonly string[], mask: number): string {
  return lists.filter((_, i) => (mask >> i) & 1).join('+');
}

function checkListNames(lists: readonly string[], headerLine?: number): void {
  const bad = (message: string): EstimationError => new EstimationError(headerLine === undefined ? message : `line ${headerLine} (the header): ${message}`, 'bad-input');
  if (lists.length < MIN_LISTS) {
    throw bad(`at least ${MIN_LISTS} lists are needed to estimate from their overlap; found ${lists.length}`);
  }
  if (lists.length > MAX_LISTS) {
    throw bad(`at most ${MAX_LISTS} lists are supported; found ${lists.length}. Merge related lists first`);
  }
  const seen = new Map<string, number>();
  lists.forEach((name, i) => {
    if (name === '') throw bad(`column ${i + 1} of the header has no list name`);
    if (/[:,\s]/.test(name)) throw bad(`list name "${name}" (column ${i + 1}) must not contain ':', ',' or spaces`);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw bad(`list name "${name}" appears twice in the header (columns ${earlier + 1} and ${i + 1})`);
    seen.set(name, i);
  });
}

/** Builds and validates a table from rows already split into numbers. */
export function buildOverlapTable(lists: readonly string[], rows: readonly OverlapRow[], headerLine?: number): OverlapTable {
  checkListNames(lists, headerLine);
  if (rows.length === 0) throw bad('the table has no rows: give at least one combination of lists with its count');
  const k = lists.length;
  const counts = new Float64Array(2 ** k);
  /** Where each combination was given, in order, for the warning when it is given more than once. */
  const givenAt = new Map<number, string[]>();
  const linesOf = new Map<number, number[]>();
  let observed = 0;
  rows.forEach((row, index) => {
    const where = row.line !== undefined ? `line ${row.line}` : `row ${index + 1}`;
    if (row.combination.length !== k) {
      throw bad(`${where}: expected ${k} list values, found ${row.combination.length}`);
    }
    let mask = 0;
    row.combination.forEach((value, i) => {
      if (value !== 0 && value !== 1) throw bad(`${where}, column "${lists[i] ?? i}": expected 0 or 1, found ${value}`);
      if (value === 1) mask |= 1 << i;
    });
    const count = row.count;
    if (!Number.isFinite(count)) throw bad(`${where}, count: expected a whole number, found ${count}`);
    if (count < 0) throw bad(`${where}, count: must not be negative (found ${count})`);
    if (!Number.isInteger(count)) throw bad(`${where}, count: must be a whole number of people (found ${count})`);
    if (!Number.isSafeInteger(count)) throw bad(`${where}, count: ${count} is too large`);
    if (mask === 0) {
      throw bad(`${where}: every list is 0. People on no list are the unknown being estimated; remove this row`);
    }
    const places = givenAt.get(mask) ?? [];
    places.push(where);
    givenAt.set(mask, places);
    if (row.line !== undefined) linesOf.set(mask, [...(linesOf.get(mask) ?? []), row.line]);
    // A combination given more than once (files assembled from several offices) is summed, as SparseMSE does.
    counts[mask] = el(counts, mask) + count;
    observed += count;
  });
  if (!Number.isSafeInteger(observed)) throw bad('the counts add up to more than can be represented exactly');
  const repeats = [...givenAt]
    .filter(([, places]) => places.length > 1)
    .map(([mask, places]) => ({ lists: combinationName(lists, mask).split('+'), places, lines: linesOf.get(mask) ?? [], total: el(counts, mask) }));
  const warnings = repeats.map(
    (repeat) => `the combination ${repeat.lists.join('+')} is given ${repeat.places.length} times (${repeat.places.join(', ')}); their counts were added up to ${repeat.total}`,
  );
  return {
    lists: [...lists],
    counts,
    observed,
    ...(repeats.length > 0 ? { warnings, repeats } : {}),
    ...(headerLine !== undefined ? { headerLine } : {}),
  };
}

export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function numberField(text: string, where: string): number {
  if (!NUMBER.test(text)) throw bad(`${where}: expected a number, found ${text === '' ? 'an empty value' : `"${text}"`}`);
  return Number(text);
}

export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (fields: string[], context) => {
        records.push({ line: context.lines, fields });
        return null;
      },
    });
  } catch (error) {
    throw bad(`the file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  return records;
}

/** Parses the overlap CSV: a header naming the lists and the count column, then one row per combination. */
export function parseOverlapTable(text: string): OverlapTable {
  if (text.trim() === '') throw bad('the file is empty');
  const records = readCsv(text);
  const header = records[0];
  if (!header) throw bad('the file is empty');
  if (header.fields.every((field) => NUMBER.test(field))) {
    throw bad(`line ${header.line}: the first line must be a header naming the lists and the count column (e.g. "LA,NG,PF,count"), found "${header.fields.join(',')}"`);
  }
  const width = header.fields.length;
  const lists = header.fields.slice(0, width - 1);
  if (width < MIN_LISTS + 1) {
    throw bad(`the header has ${width} column(s): at least ${MIN_LISTS} lists are needed (one 0/1 column each), followed by a count column`);
  }
  checkListNames(lists, header.line);
  const rows = records.slice(1).map(({ line, fields }): OverlapRow => {
    if (fields.length !== width) {
      throw bad(`line ${line}: expected ${width} values (${lists.length} lists and a count), found ${fields.length}`);
    }
    const combination = lists.map((name, i) => numberField(fields[i] ?? '', `line ${line}, column "${name}"`));
    const count = numberField(fields[width - 1] ?? '', `line ${line}, count`);
    return { combination, count, line };
  });
  if (rows.length === 0) throw bad('the file has a header but no rows of counts');
  return buildOverlapTable(lists, rows, header.line);
}

/** People on both lists a and b, whatever other lists they are on. */
export function overlapCount(table: OverlapTable, a: number, b: number): number {
  const both = (1 << a) | (1 << b);
  let sum = 0;
  for (let mask = 1; mask < table.counts.length; mask++) if ((mask & both) === both) sum += el(table.counts, mask);
  return sum;
}

/** People on list i, whatever other lists they are on. */
export function listTotal(table: OverlapTable, i: number): number {
  let sum = 0;
  for (let mask = 1; mask < table.counts.length; mask++) if ((mask >> i) & 1) sum += el(table.counts, mask);
  return sum;
}
