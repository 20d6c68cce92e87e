import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { Cell } from './cell-values.js';
import { ImportError } from './import-report.js';

/** A file read as rows of cells, before any column is interpreted. */
export interface SourceTable {
  readonly format: 'csv' | 'xlsx';
  /** Non-blank rows, in file order. */
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly Cell[] }>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function isBlank(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return String(value);
}

/** The format from the content (a ZIP container is XLSX), the name only breaking ties for text. */
export function detectFormat(bytes: Uint8Array, fileName: string): 'csv' | 'xlsx' {
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, OLE2)) {
    throw new ImportError('unsupported_file', `${fileName}: a legacy Excel (.xls) workbook; save it as .xlsx or .csv first`);
  }
  if (/\.xlsx$/i.test(fileName)) throw new ImportError('unreadable_file', `${fileName}: not a valid .xlsx workbook`);
  if (bytes.includes(0)) throw new ImportError('unsupported_file', `${fileName}: binary content, neither .xlsx nor .csv`);
  return 'csv';
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<SourceTable> {
  let data: unknown[][];
  try {
    // The first sheet, strings untrimmed: surrounding whitespace is reported, not hidden.
    data = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { trim: false })) as unknown[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportError('unreadable_file', `${fileName}: the workbook cannot be read (${reason})`);
  }
  // read-excel-file keeps empty rows in place, so index + 1 is the spreadsheet row number.
  const rows = data
    .map((cells, index) => ({ row: index + 1, cells: cells.map(toCell) }))
    .filter((r) => !isBlank(r.cells));
  return { format: 'xlsx', rows };
}

function readCsv(bytes: Uint8Array, fileName: string): SourceTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, csv-parse returns { record, info } objects; its typings only describe plain records.
    records = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      bom: true,
      encoding: 'utf8',
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const failure = error as { message?: string; lines?: number };
    throw new ImportError(
      'unreadable_file',
      `${fileName}: not readable as CSV${failure.lines ? ` near line ${failure.lines}` : ''} (${failure.message ?? String(error)})`,
      failure.lines ? { row: failure.lines } : {},
    );
  }
  const rows = records
    .map(({ record, info }) => {
      // info.lines is the line on which the record ends; a quoted field may span lines.
      const inner = record.reduce((n, field) => n + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      return { row: info.lines - inner, cells: record as Cell[] };
    })
    .filter((r) => !isBlank(r.cells));
  return { format: 'csv', rows };
}

/** Reads an XLSX workbook's first sheet or a UTF-8 CSV into rows of cells (invalid UTF-8 bytes become U+FFFD). */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<SourceTable> {
  return detectFormat(bytes, fileName) === 'xlsx' ? readXlsx(bytes, fileName) : readCsv(bytes, fileName);
}
