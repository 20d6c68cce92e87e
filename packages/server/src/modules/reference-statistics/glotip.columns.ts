import {
  glotipAge,
  glotipColumns,
  glotipDimension,
  glotipFormCategory,
  glotipIndicator,
  glotipSex,
  glotipSource,
  glotipUnit,
  type Vocabulary,
} from '@palermo/contracts';
import type { Cell } from './cell-values.js';
import { ImportError, type Anomaly } from './import-report.js';

/** The GLOTIP export's columns (contracts: glotipColumns). A missing required column stops the import. */
export type GlotipColumn = (typeof glotipColumns)['codes'][number]['code'];
export const requiredColumns: readonly GlotipColumn[] = [
  'Iso3_code',
  'Country',
  'Indicator',
  'Dimension',
  'Category',
  'Sex',
  'Age',
  'Year',
  'Unit of measurement',
  'txtVALUE',
];
const knownColumns: readonly string[] = glotipColumns.codes.map((c) => c.code);

/** Columns whose values must come from a GLOTIP code list; other values are kept and reported as unknown codes. */
export const codedColumns: ReadonlyArray<readonly [GlotipColumn, Vocabulary]> = [
  ['Indicator', glotipIndicator],
  ['Dimension', glotipDimension],
  ['Sex', glotipSex],
  ['Age', glotipAge],
  ['Unit of measurement', glotipUnit],
  ['Source', glotipSource],
];

/** Dimensions whose categories are a code list (the others hold country names). */
export const codedCategoryDimensions: ReadonlyMap<string, readonly string[]> = new Map([
  ['Total', ['Total']],
  ['by form of exploitation', glotipFormCategory.codes.map((c) => c.code).filter((c) => c !== 'Total')],
]);

export interface Header {
  readonly row: number;
  /** Column index of each known column present. */
  readonly index: ReadonlyMap<GlotipColumn, number>;
  /** Column indexes of the GLOTIP columns present. */
  readonly named: ReadonlySet<number>;
  /** Column indexes of named columns that are not GLOTIP's (reported once, then ignored). */
  readonly ignored: ReadonlySet<number>;
  readonly width: number;
}

const HEADER_SEARCH_ROWS = 20;

function headerName(cell: Cell): string {
  return typeof cell === 'string' ? cell.trim() : '';
}

/**
 * Finds the header: the first row, among the first 20, naming at least three GLOTIP columns (the XLSX has two
 * preamble lines above it, the CSV none). Missing required columns or a column named twice stop the import.
 */
export function findHeader(
  rows: ReadonlyArray<{ row: number; cells: readonly Cell[] }>,
  report: Anomaly[],
): { header: Header; position: number } {
  const position = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.cells.filter((c) => knownColumns.includes(headerName(c))).length >= 3);
  const found = rows[position];
  if (position < 0 || !found) {
    throw new ImportError(
      'missing_column',
      `No header row naming the GLOTIP columns (${requiredColumns.join(', ')}) in the first ${HEADER_SEARCH_ROWS} rows`,
    );
  }
  const index = new Map<GlotipColumn, number>();
  const ignored = new Set<number>();
  found.cells.forEach((cell, i) => {
    const name = headerName(cell);
    if (name === '') return;
    const known = glotipColumns.codes.find((c) => c.code === name)?.code;
    if (!known) {
      ignored.add(i);
      report.push({ kind: 'unknown_column', row: found.row, column: name, original: String(cell), readAs: 'column ignored' });
      return;
    }
    if (index.has(known)) {
      throw new ImportError('duplicate_column', `Row ${found.row}: column ${known} appears twice in the header`, {
        row: found.row,
        column: known,
      });
    }
    index.set(known, i);
  });
  const missing = requiredColumns.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new ImportError(
      'missing_column',
      `Row ${found.row} (header): missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      { row: found.row, column: missing.join(', ') },
    );
  }
  return { header: { row: found.row, index, named: new Set(index.values()), ignored, width: found.cells.length }, position };
}
