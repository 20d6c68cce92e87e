import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { FunnelLanguage } from '@palermo/contracts';
import { offenderLabels } from './funnel.glotip-offenders.labels.js';
import type { OffenderTables } from './funnel.glotip-offenders.js';

/**
 * The GLOTIP offender tables as the web app downloads them: one line per published figure, each GLOTIP code with its
 * words in the chosen language beside it, the source and legal provision on every line, and the methodology first
 * (CSV comment lines) or on its own sheet (XLSX). The figures are the CLI's (`export glotip`).
 */
export const offenderDownloadColumns = [
  'indicator', 'indicator_label', 'dimension', 'dimension_label', 'category', 'category_label',
  'sex', 'sex_label', 'age', 'age_label', 'year', 'value', 'source',
] as const;

type Line = string[];

export function offenderLines(tables: OffenderTables, language: FunnelLanguage): Line[] {
  const words = offenderLabels[language];
  const word = (code: string) => words.values[code] ?? code;
  // A country of citizenship by its name in the chosen language (GLOTIP's column keeps the English name).
  const regions = new Intl.DisplayNames([language], { type: 'region' });
  const category = (f: OffenderTables['figures'][number]) => (f.country === undefined ? word(f.category) : (regions.of(f.country) ?? f.category));
  const source = (provisions: readonly string[]) => words.source(provisions.join(', ') || words.noProvision);
  return tables.figures.map((f) => [
    f.indicator, word(f.indicator), f.dimension, word(f.dimension), f.category, category(f),
    f.sex, word(f.sex), f.age, word(f.age), String(f.year), String(f.value),
    source(f.indicator === 'Persons convicted' ? tables.provisions.convicted : tables.provisions.charged),
  ]);
}

export function offenderCsv(tables: OffenderTables, language: FunnelLanguage): string {
  const preamble = offenderLabels[language].methodology.map((line) => `# ${line}`).join('\n');
  return `${preamble}\n${stringify([[...offenderDownloadColumns], ...offenderLines(tables, language)], { record_delimiter: '\n' })}`;
}

export async function offenderXlsx(tables: OffenderTables, language: FunnelLanguage): Promise<Buffer> {
  const header = offenderDownloadColumns.map((value) => ({ value, type: String, fontWeight: 'bold' as const }));
  const valueColumn = offenderDownloadColumns.indexOf('value');
  const cell = (value: string, column: number) => (column === valueColumn ? { value: Number(value), type: Number } : { value, type: String });
  const data = [header, ...offenderLines(tables, language).map((l) => l.map(cell))];
  const notes = offenderLabels[language].methodology.map((value) => [{ value, type: String }]);
  return writeXlsxFile([
    { data, sheet: 'GLOTIP offenders' },
    { data: notes, sheet: 'Methodology' },
  ]).toBuffer();
}
