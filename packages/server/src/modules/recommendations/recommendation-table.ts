import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { format as formatDate } from 'date-fns';
import { badRequest } from '../../platform/http/errors.js';

/** A file read as text: its first row's headings and each later row's cells with the row number a spreadsheet shows. */
export interface TextTable {
  readonly headings: readonly string[];
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
}

/** A cell as text: a spreadsheet's date as its calendar day (yyyy-MM-dd), numbers as written, blanks as ''. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()), 'yyyy-MM-dd');
  return String(value).trim();
}

/**
 * Reads a CSV (UTF-8, comma separated) or the first sheet of an XLSX workbook. Rows with nothing in them are skipped,
 * their numbers kept for the rows after them.
 */
export async function readTextTable(bytes: Buffer, fileName: string): Promise<TextTable> {
  let grid: string[][];
  if (/\.xlsx$/iu.test(fileName)) {
    try {
      grid = ((await readSheet(bytes)) as unknown[][]).map((cells) => cells.map(cellText));
    } catch (error) {
      throw badRequest('content', `the workbook cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  } else {
    try {
      grid = (parse(bytes.toString('utf8'), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]).map((cells) => cells.map((c) => c.trim()));
    } catch (error) {
      throw badRequest('content', `not readable as CSV (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const [headings = [], ...rest] = grid;
  return {
    headings,
    rows: rest.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== '')),
  };
}
