import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { StatisticsLabelLanguage, StatisticsReport, SuppressedValueView } from '@palermo/contracts';
import { downloadLabeller, type Labeller } from './statistics.labels.js';
import { must } from './must.js';

/**
 * The download of what the page shows, from the same perturbed report: one line per published figure, with what it
 * counts, and a line saying how the counts are protected. (A count withheld by suppression, in tables that use it, is
 * written `<threshold` or `[c]`.)
 */

/** What each figure counts, in words (the report carries the code). */
export const populations: Record<string, string> = {
  registered: 'persons registered',
  registered_by_stage: 'persons registered, by the furthest NRM stage reached',
  registered_by_status: 'persons registered, by identification decision (trafficking status)',
  registered_by_form: 'persons registered, by each form of exploitation recorded (a person may have several)',
  reasonable_grounds: 'persons with a reasonable-grounds decision, and of them those decided after the day it was due',
  reflection: 'persons whose recovery and reflection period has a start and an end',
  referred: 'persons referred to at least one service',
  referrals: 'referrals to services sent, accepted and completed (counted as referrals, not persons)',
  follow_up: 'persons with a follow-up, by the outcome of their latest follow-up',
};

export const downloadColumns = ['dataset', 'table', 'counts', 'population', 'period', 'row', 'column', 'value'] as const;
/** With labels: the same columns, then the table, row and column in words. */
export const labelColumns = ['table_label', 'row_label', 'column_label'] as const;

/** How a download writes values: codes only, or labels in a language beside them. */
export type DownloadValues = { readonly values: 'codes' } | { readonly values: 'labels'; readonly language: StatisticsLabelLanguage };

function shown(v: SuppressedValueView | null, threshold: number): string {
  if (v === null) return '';
  if (v.value !== null) return String(v.value);
  return v.state === 'primary' ? `<${threshold}` : '[c]';
}

/** What the reader must know about the figures, in words. */
export function perturbationNote(report: StatisticsReport): string {
  return `Every count is slightly perturbed to protect the persons counted (cell-key method): a value may differ from the exact count by up to ${report.perturbation.maximumChange}, never below zero, and the same persons always give the same value. Totals are perturbed on their own, so cells need not add up to them exactly. Figures over several years are the sums of the years' figures.`;
}

export function downloadRows(report: StatisticsReport, labeller?: Labeller): string[][] {
  const { threshold } = report;
  const lines: string[][] = [];
  const dimensions = new Map(report.tables.map((t) => [t.id, { row: t.rowDimension, column: t.columnDimension ?? 'measure' }]));
  const labelled = (line: string[]): string[] => {
    if (!labeller) return line;
    const [, table = '', , , , row = '', column = ''] = line;
    const title = labeller.table(table, report.performance.reasonableGroundsDeadlineDays);
    const of = dimensions.get(table);
    if (of) return [...line, title, labeller.value(of.row, row), labeller.value(of.column, column)];
    // Rates and reference figures by year (the title says what the value is); the protection note has no row.
    if (table === 'disclosure_control') return [...line, title, '', ''];
    return [...line, title, labeller.value('year', row), ''];
  };
  const dataset = `${report.dataset.name}${report.dataset.synthetic ? ' (SYNTHETIC)' : ''}`;
  const period = (from: number | null, to: number | null) => (from === null && to === null ? 'all years' : `${from ?? '…'}–${to ?? '…'}`);
  for (const t of report.tables) {
    const base = [dataset, t.id, t.counting.unit, populations[t.counting.population] ?? t.counting.population, period(t.counting.yearFrom, t.counting.yearTo)];
    for (const row of t.rows) {
      row.cells.forEach((cell, i) => lines.push([...base, row.key, must(t.columns[i]), shown(cell, threshold)]));
      if (row.total) lines.push([...base, row.key, 'total', shown(row.total, threshold)]);
    }
    t.columnTotals?.forEach((cell, i) => lines.push([...base, 'total', must(t.columns[i]), shown(cell, threshold)]));
    if (t.grandTotal) lines.push([...base, 'total', 'total', shown(t.grandTotal, threshold)]);
  }
  const p = report.performance;
  const f = report.filters;
  const rates: Array<[string, string, Array<{ key: string; value: number | null }>, number]> = [
    ['mean_days_to_reasonable_grounds', 'days (mean)', p.meanDaysToReasonableGrounds, 1],
    ['share_overdue', 'share of decisions', p.shareOverdue, 3],
    ['mean_reflection_days', 'days (mean)', p.meanReflectionDays, 1],
    ['share_referrals_accepted', 'share of referrals', p.shareReferralsAccepted, 3],
    ['share_referrals_completed', 'share of referrals', p.shareReferralsCompleted, 3],
  ];
  for (const [id, unit, values, digits] of rates) {
    for (const v of values) lines.push([dataset, id, unit, 'derived from the published counts above', period(f.yearFrom ?? null, f.yearTo ?? null), v.key, 'value', v.value === null ? '[c]' : v.value.toFixed(digits)]);
  }
  lines.push([dataset, 'disclosure_control', 'note', perturbationNote(report), period(f.yearFrom ?? null, f.yearTo ?? null), 'all', 'all', report.perturbation.method]);
  for (const r of report.reference.rows) {
    lines.push([dataset, 'glotip_reference', 'persons', `${report.reference.indicator} (UNODC GLOTIP, ${report.reference.iso3 ?? ''})`, String(r.year), String(r.year), 'glotip', r.glotip ?? '']);
  }
  return lines.map(labelled);
}

function table(report: StatisticsReport, values: DownloadValues): string[][] {
  if (values.values === 'codes') return [[...downloadColumns], ...downloadRows(report)];
  return [[...downloadColumns, ...labelColumns], ...downloadRows(report, downloadLabeller(values.language))];
}

export function toCsv(report: StatisticsReport, values: DownloadValues = { values: 'codes' }): string {
  return stringify(table(report, values));
}

export async function toXlsx(report: StatisticsReport, values: DownloadValues = { values: 'codes' }): Promise<Buffer> {
  const data = table(report, values).map((row) => row.map((value) => ({ value, type: String })));
  const notes = [
    [{ value: 'Dataset', type: String }, { value: `${report.dataset.name} (${report.dataset.kind})${report.dataset.synthetic ? ' - SYNTHETIC DATA' : ''}`, type: String }],
    [{ value: 'Counts', type: String }, { value: 'Persons (one per person however many organisations know them), unless the row says referrals', type: String }],
    [{ value: 'Protection', type: String }, { value: perturbationNote(report), type: String }],
    [{ value: 'Built at', type: String }, { value: report.builtAt, type: String }],
  ];
  return writeXlsxFile([
    { data, sheet: 'Statistics' },
    { data: notes, sheet: 'About' },
  ]).toBuffer();
}
