import { ImportError, type Anomaly } from './import-report.js';
import { findBrokenCharacters } from './text-checks.js';

/** A cell as a reader hands it over: CSV gives strings (empty for none), XLSX typed values or null. */
export type Cell = string | number | boolean | Date | null;

export interface CellAt {
  readonly row: number;
  readonly column: string;
  readonly cell: Cell;
}

/** The cell exactly as the file holds it, for the report. */
export function originalText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

/**
 * Reads a text cell: surrounding whitespace is removed and reported, broken characters are kept as they are and
 * reported. Returns null for an empty cell: a hard error when `required`, else reported as a missing value.
 */
export function readText(at: CellAt, report: Anomaly[], options: { required: boolean }): string | null {
  const original = originalText(at.cell);
  const text = original.trim();
  if (text === '') {
    if (options.required) {
      throw new ImportError('missing_required_value', `Row ${at.row}, column ${at.column}: a value is required`, {
        row: at.row,
        column: at.column,
        original,
      });
    }
    report.push({ kind: 'missing_value', row: at.row, column: at.column, original, readAs: 'stored as NULL' });
    return null;
  }
  if (text !== original) {
    report.push({ kind: 'surrounding_whitespace', row: at.row, column: at.column, original, readAs: `read as "${text}"` });
  }
  const broken = findBrokenCharacters(text);
  if (broken) {
    report.push({ kind: 'broken_characters', row: at.row, column: at.column, original, readAs: `kept as is: ${broken.problem}` });
  }
  return text;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** A year: four digits (text) or a whole number (spreadsheet), 1900–2100. Anything else stops the import. */
export function readYear(at: CellAt): number {
  const original = originalText(at.cell);
  let year: number | undefined;
  if (typeof at.cell === 'number' && Number.isInteger(at.cell)) year = at.cell;
  else if (typeof at.cell === 'string' && /^\s*\d{4}\s*$/.test(at.cell)) year = Number(at.cell.trim());
  if (year === undefined || year < MIN_YEAR || year > MAX_YEAR) {
    throw new ImportError('unreadable_year', `Row ${at.row}, column ${at.column}: "${original}" is not a year (${MIN_YEAR}–${MAX_YEAR})`, {
      row: at.row,
      column: at.column,
      original,
    });
  }
  return year;
}

export type ValueKind = 'exact' | 'less_than' | 'missing';

export interface ReadValue {
  readonly value: number | null;
  readonly valueText: string;
  readonly kind: ValueKind;
  readonly upperBound: number | null;
}

/** Notations for "no figure" in statistical tables; read as missing and reported. */
const MISSING_MARKERS = new Set(['..', '...', '-', '–', '—', ':', 'n/a', 'N/A', 'NA', 'na']);

/**
 * Reads a count: a whole number; with thousands commas (`1,282`: read as 1282, reported); `<N` (suppressed by the
 * source: value NULL, kind less_than, upper bound N-1, reported); empty or a missing-value notation (value NULL, kind
 * missing, reported). Anything else (decimals, negative numbers, words) stops the import: it is never guessed.
 */
export function readCount(at: CellAt, report: Anomaly[]): ReadValue {
  const original = originalText(at.cell);
  const where = { row: at.row, column: at.column, original };
  const unreadable = () =>
    new ImportError('unreadable_value', `Row ${at.row}, column ${at.column}: "${original}" is not a count`, where);
  if (typeof at.cell === 'number') {
    if (!Number.isInteger(at.cell) || at.cell < 0) throw unreadable();
    return { value: at.cell, valueText: original, kind: 'exact', upperBound: null };
  }
  if (typeof at.cell !== 'string' && at.cell !== null) throw unreadable();
  const text = original.trim();
  if (text !== original && text !== '') {
    report.push({ kind: 'surrounding_whitespace', ...where, readAs: `read as "${text}"` });
  }
  if (text === '' || MISSING_MARKERS.has(text)) {
    const marker = text === '' ? 'empty cell' : `notation "${text}"`;
    report.push({ kind: 'missing_value', ...where, readAs: `value NULL, kind missing (${marker})` });
    return { value: null, valueText: original, kind: 'missing', upperBound: null };
  }
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw unreadable();
    return { value, valueText: original, kind: 'exact', upperBound: null };
  }
  if (/^\d{1,3}(,\d{3})+$/.test(text)) {
    const value = Number(text.replace(/,/g, ''));
    if (!Number.isSafeInteger(value)) throw unreadable();
    report.push({ kind: 'thousands_separator', ...where, readAs: `read as ${value}` });
    return { value, valueText: original, kind: 'exact', upperBound: null };
  }
  const lessThan = /^<\s*(\d+)$/.exec(text);
  if (lessThan) {
    const limit = Number(lessThan[1]);
    if (limit < 1) throw unreadable();
    const upperBound = limit - 1;
    report.push({ kind: 'less_than', ...where, readAs: `value NULL, kind less_than, upper bound ${upperBound} (a count from 0 to ${upperBound}, suppressed by the source)` });
    return { value: null, valueText: original, kind: 'less_than', upperBound };
  }
  throw unreadable();
}
