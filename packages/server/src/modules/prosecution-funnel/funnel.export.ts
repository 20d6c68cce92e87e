import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { funnelLabels, type FunnelFilters, type FunnelLanguage, type FunnelReport } from '@palermo/contracts';

/**
 * The funnel as downloaded: one line per published figure (table, row, column, value), each code with its words in
 * the chosen language beside it, and the filters and the protection note first. The figures are the page's.
 */
export const funnelDownloadColumns = ['table', 'table_label', 'row', 'row_label', 'column', 'column_label', 'value'] as const;

type Line = [string, string, string, string, string, string, string];

export function funnelLines(report: FunnelReport, language: FunnelLanguage): Line[] {
  const words = funnelLabels[language];
  const word = (code: string) => words.values[code] ?? code;
  const lines: Line[] = [];
  const line = (table: keyof typeof words.tables, row: string, rowLabel: string, column: string, columnLabel: string, value: number | string | null) =>
    lines.push([table, words.tables[table], row, rowLabel, column, columnLabel, value === null ? '' : String(value)]);
  for (const stage of report.stages) {
    for (const { year, value } of stage.byYear) line('stages', stage.stage, word(stage.stage), String(year), String(year), value);
    line('stages', stage.stage, word(stage.stage), 'total', word('total'), stage.total);
  }
  for (const d of report.dropOuts) line('drop_outs', d.reason, word(d.reason), d.after, word(d.after), d.total);
  line('drop_outs', 'downgraded', word('downgraded'), 'convicted', word('convicted'), report.downgraded);
  for (const i of report.intervals) {
    for (const measure of ['persons', 'q1', 'median', 'q3'] as const) line('intervals', i.interval, word(i.interval), measure, word(measure), i[measure]);
  }
  for (const g of report.glotip.rows) {
    line('glotip', String(g.year), String(g.year), 'country_prosecuted', word('country_prosecuted'), g.prosecuted);
    line('glotip', String(g.year), String(g.year), 'glotip_prosecuted', word('glotip_prosecuted'), g.glotipProsecuted);
    line('glotip', String(g.year), String(g.year), 'country_convicted', word('country_convicted'), g.convicted);
    line('glotip', String(g.year), String(g.year), 'glotip_convicted', word('glotip_convicted'), g.glotipConvicted);
  }
  return lines;
}

/** What the figures are, in words: the filters and the protection. */
function preamble(filters: FunnelFilters, language: FunnelLanguage): string[] {
  const shown = Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
  return [`# ${funnelLabels[language].note}`, `# filters: ${shown.join('; ') || 'none'}`];
}

export function funnelCsv(report: FunnelReport, filters: FunnelFilters, language: FunnelLanguage): string {
  return `${preamble(filters, language).join('\n')}\n${stringify([[...funnelDownloadColumns], ...funnelLines(report, language)], { record_delimiter: '\n' })}`;
}

export async function funnelXlsx(report: FunnelReport, filters: FunnelFilters, language: FunnelLanguage): Promise<Buffer> {
  const header = funnelDownloadColumns.map((value) => ({ value, type: String, fontWeight: 'bold' as const }));
  const cell = (value: string, column: number) => (column === 6 && value !== '' && !Number.isNaN(Number(value)) ? { value: Number(value), type: Number } : { value, type: String });
  const data = [header, ...funnelLines(report, language).map((l) => l.map(cell))];
  const notes = preamble(filters, language).map((value) => [{ value: value.replace(/^# /u, ''), type: String }]);
  return writeXlsxFile([
    { data, sheet: 'Funnel' },
    { data: notes, sheet: 'About' },
  ]).toBuffer();
}
