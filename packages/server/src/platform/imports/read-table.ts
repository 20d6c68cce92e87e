import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { format as formatDate } from 'date-fns';
import { HttpError } from '../http/errors.js';

/** A spreadsheet read as text: the headings of its first row and each later row's cells, with its row number. */
export interface ImportTable {
  readonly format: 'csv' | 'xlsx';
  readonly columns: readonly string[];
  /** Rows after the heading that hold something; `row` is the row number a spreadsheet shows (the heading is 1). */
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
}

const unreadable = (fileName: string, why: string) => new HttpError(422, 'unreadable_file', `${fileName}: ${why}`, [{ field: 'file', problem: why }]);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** A cell as text: dates written by a spreadsheet as its calendar day (yyyy-MM-dd), numbers as written, blanks as ''. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()), 'yyyy-MM-dd');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** The separator of a CSV file: the one of comma, semicolon and tab that its first line uses most, outside quotes. */
function delimiterOf(text: string): string {
  const firstLine = (text.split(/\r\n|\r|\n/u, 1)[0] ?? '').replace(/"[^"]*"/gu, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function readCsv(bytes: Uint8Array, fileName: string): string[][] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return parse(text, { bom: true, delimiter: delimiterOf(text.replace(/^\uFEFF/u, '')), relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const failure = error as { message?: string; lines?: number };
    throw unreadable(fileName, `not readable as CSV${failure.lines ? ` near line ${failure.lines}` : ''} (${failure.message ?? String(error)})`);
  }
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  try {
    const data = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as unknown[][];
    return data.map((cells) => cells.map(cellText));
  } catch (error) {
    throw unreadable(fileName, `the workbook cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Reads a CSV (comma, semicolon or tab separated, UTF-8) or the first sheet of an XLSX workbook into text: the first
 * row gives the column headings, blank rows are skipped (their numbers kept for the rows after them).
 */
export async function readImportTable(bytes: Uint8Array, fileName: string): Promise<ImportTable> {
  if (bytes.byteLength === 0) throw unreadable(fileName, 'the file is empty');
  if (startsWith(bytes, OLE2)) throw unreadable(fileName, 'a legacy Excel (.xls) workbook; save it as .xlsx or .csv first');
  const xlsx = startsWith(bytes, ZIP);
  if (!xlsx && bytes.includes(0)) throw unreadable(fileName, 'binary content, neither .xlsx nor .csv');
  const grid = xlsx ? await readXlsx(bytes, fileName) : readCsv(bytes, fileName);
  const headingIndex = grid.findIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (headingIndex < 0) throw unreadable(fileName, 'the file has no rows');
  const columns = (grid[headingIndex] ?? []).map((c) => c.trim());
  const seen = new Set<string>();
  for (const [i, column] of columns.entries()) {
    if (column === '') continue;
    if (seen.has(column)) throw unreadable(fileName, `the column heading "${column}" appears twice (column ${i + 1})`);
    seen.add(column);
  }
  const rows = grid
    .map((cells, index) => ({ row: index + 1, cells }))
    .slice(headingIndex + 1)
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { format: xlsx ? 'xlsx' : 'csv', columns, rows };
}
