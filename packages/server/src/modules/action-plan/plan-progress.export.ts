import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { PlanProgress } from '@palermo/contracts';

/**
 * The progress page as a file: one row per activity and one per indicator period, with codes as the API gives them
 * (the indicator's IATI type says which rows are outputs and which outcomes; flags as codes separated by spaces).
 * Amounts are in minor units of the plan's currency; computed values are perturbed as on the page.
 */
export function progressRows(progress: PlanProgress): string[][] {
  const header = ['row', 'code', 'title', 'pillar', 'organisation', 'type', 'computed', 'status', 'ends_on', 'period_start', 'period_end', 'value', 'target',
    `planned_minor_${progress.currency}`, `spent_minor_${progress.currency}`, `funded_minor_${progress.currency}`, 'flags'];
  const rows: string[][] = [header];
  for (const a of progress.activities) {
    rows.push(['activity', a.code, a.title, a.pillar, a.organisationName, '', '', a.status, a.endsOn, '', '', '', '', String(a.plannedMinor), String(a.spentMinor), String(a.fundedMinor), a.flags.join(' ')]);
  }
  for (const i of progress.indicators) {
    const points = i.series.length > 0 ? i.series : [null];
    for (const p of points) {
      rows.push([
        'indicator', i.code, i.title, i.pillar ?? '', i.organisationName ?? '', i.type, i.computed ? 'yes' : 'no', '', '', p?.periodStart ?? '', p?.periodEnd ?? '',
        p?.value === null || p?.value === undefined ? '' : String(p.value), p?.target === null || p?.target === undefined ? '' : String(p.target), '', '', '', i.flags.join(' '),
      ]);
    }
  }
  return rows;
}

export function progressCsv(progress: PlanProgress): string {
  return stringify(progressRows(progress));
}

export async function progressXlsx(progress: PlanProgress): Promise<Buffer> {
  const data = progressRows(progress).map((row) => row.map((value) => ({ value, type: String })));
  const about = [
    [{ value: 'Plan', type: String }, { value: progress.title, type: String }],
    [{ value: 'As of', type: String }, { value: progress.asOf, type: String }],
    [{ value: 'Protection', type: String }, { value: 'Computed indicators count persons and their case events through the cell-key method of the statistics page: each count may differ from the exact count by up to 2.', type: String }],
  ];
  return writeXlsxFile([
    { data, sheet: 'Progress' },
    { data: about, sheet: 'About' },
  ]).toBuffer();
}
