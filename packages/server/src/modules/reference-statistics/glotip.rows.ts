import { readCount, readText, readYear, type Cell, type ValueKind } from './cell-values.js';
import { codedCategoryDimensions, codedColumns, findHeader, type GlotipColumn, type Header } from './glotip.columns.js';
import { ImportError, type Anomaly } from './import-report.js';
import type { SourceTable } from './table-reader.js';

/** One value of the GLOTIP export, as stored in reference_statistics. */
export interface GlotipStatistic {
  readonly sourceRow: number;
  readonly iso3: string | null;
  readonly country: string | null;
  readonly region: string | null;
  readonly subregion: string | null;
  readonly indicator: string;
  readonly dimension: string;
  readonly category: string | null;
  readonly sex: string;
  readonly age: string;
  readonly year: number;
  readonly unit: string | null;
  readonly value: number | null;
  readonly valueText: string;
  readonly valueKind: ValueKind;
  readonly upperBound: number | null;
}

export interface ParsedGlotip {
  readonly format: 'csv' | 'xlsx';
  readonly headerRow: number;
  /** Non-empty rows above the header (publisher, export date), cells joined by " | ". */
  readonly preamble: string[];
  readonly statistics: GlotipStatistic[];
  /** In row order. */
  readonly anomalies: Anomaly[];
}

const ISO3 = /^[A-Z]{3}$/;

function checkShape(header: Header, format: 'csv' | 'xlsx', row: number, cells: readonly Cell[]): void {
  if (format === 'csv' && cells.length !== header.width) {
    throw new ImportError('malformed_row', `Row ${row}: ${cells.length} fields where the header has ${header.width}`, { row });
  }
  cells.forEach((cell, i) => {
    const empty = cell === null || (typeof cell === 'string' && cell.trim() === '');
    if (!empty && !header.named.has(i) && !header.ignored.has(i)) {
      throw new ImportError('malformed_row', `Row ${row}: a value in a column the header does not name`, {
        row,
        original: String(cell),
      });
    }
  });
}

function readRow(header: Header, row: number, cells: readonly Cell[], report: Anomaly[]): GlotipStatistic {
  const at = (column: GlotipColumn) => {
    const i = header.index.get(column);
    return { row, column, cell: i === undefined ? null : (cells[i] ?? null) };
  };
  const text = (column: GlotipColumn, required = false) => (header.index.has(column) ? readText(at(column), report, { required }) : null);
  const code = (column: GlotipColumn) => text(column, true) ?? '';

  const year = readYear(at('Year'));
  const count = readCount(at('txtVALUE'), report);
  const iso3 = text('Iso3_code');
  if (iso3 !== null && !ISO3.test(iso3)) {
    report.push({ kind: 'not_an_iso3_code', row, column: 'Iso3_code', original: iso3, readAs: 'kept as is' });
  }
  const statistic: GlotipStatistic = {
    sourceRow: row,
    iso3,
    country: text('Country'),
    region: text('Region'),
    subregion: text('Subregion'),
    indicator: code('Indicator'),
    dimension: code('Dimension'),
    category: text('Category'),
    sex: code('Sex'),
    age: code('Age'),
    year,
    unit: text('Unit of measurement'),
    value: count.value,
    valueText: count.valueText,
    valueKind: count.kind,
    upperBound: count.upperBound,
  };
  const source = text('Source');
  const values: Partial<Record<GlotipColumn, string | null>> = {
    Indicator: statistic.indicator,
    Dimension: statistic.dimension,
    Sex: statistic.sex,
    Age: statistic.age,
    'Unit of measurement': statistic.unit,
    Source: source,
  };
  for (const [column, vocabulary] of codedColumns) {
    const value = values[column];
    if (value && !vocabulary.codes.some((c) => c.code === value)) {
      report.push({ kind: 'unknown_code', row, column, original: value, readAs: `kept as is; not in ${vocabulary.id}` });
    }
  }
  const categories = codedCategoryDimensions.get(statistic.dimension);
  if (categories && statistic.category !== null && !categories.includes(statistic.category)) {
    report.push({
      kind: 'unknown_code',
      row,
      column: 'Category',
      original: statistic.category,
      readAs: `kept as is; not a category of the dimension "${statistic.dimension}"`,
    });
  }
  return statistic;
}

const KEY_COLUMNS = 'Iso3_code, Country, Indicator, Dimension, Category, Sex, Age and Year';

/** Two rows for the same statistic are both kept, and the later one is reported with the earlier one's row. */
function reportDuplicates(statistics: readonly GlotipStatistic[], report: Anomaly[]): void {
  const seen = new Map<string, GlotipStatistic>();
  for (const s of statistics) {
    // Empty cells are null, never '', so joining with a separator no cell holds keeps keys distinct.
    const key = [s.iso3, s.country, s.indicator, s.dimension, s.category, s.sex, s.age, s.year].join('\u001f');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, s);
      continue;
    }
    const same = first.valueText === s.valueText ? 'the same value' : `value "${first.valueText}"`;
    report.push({
      kind: 'duplicate_key',
      row: s.sourceRow,
      column: 'txtVALUE',
      original: s.valueText,
      readAs: `kept as its own row; row ${first.sourceRow} has the same ${KEY_COLUMNS}, with ${same}`,
    });
  }
}

/** Interprets a GLOTIP export read into rows: every value read or reported; any hard error stops everything. */
export function parseGlotip(table: SourceTable): ParsedGlotip {
  const anomalies: Anomaly[] = [];
  const { header, position } = findHeader(table.rows, anomalies);
  const preamble = table.rows
    .slice(0, position)
    .map((r) => r.cells.filter((c) => c !== null && String(c).trim() !== '').map(String).join(' | '));
  const statistics: GlotipStatistic[] = [];
  for (const { row, cells } of table.rows.slice(position + 1)) {
    checkShape(header, table.format, row, cells);
    statistics.push(readRow(header, row, cells, anomalies));
  }
  if (statistics.length === 0) throw new ImportError('no_data', `No data rows below the header (row ${header.row})`, { row: header.row });
  reportDuplicates(statistics, anomalies);
  anomalies.sort((a, b) => a.row - b.row);
  return { format: table.format, headerRow: header.row, preamble, statistics, anomalies };
}
