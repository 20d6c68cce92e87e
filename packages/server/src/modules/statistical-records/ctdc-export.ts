import { ctdc2024Columns } from '@palermo/contracts';
import { stringify } from 'csv-stringify/sync';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Db } from '../../platform/db/database.js';
import { refreshCountryDataset } from './country-dataset.js';
import { recordsOf } from './statistical-records.repo.js';

/**
 * The country's own case data as a CTDC file in the layout of the Global Synthetic Dataset v2 (27 columns,
 * data-standard.md §2.3): alpha-3 countries, flags `1` or empty, empty for missing. It holds de-identified records only
 * (no name, identifier, free text, exact date or NRM detail), one per person who consented to statistics; persons
 * found not to be victims are always left out (§4.9), possible victims are included as CTDC does.
 */

export const ctdcExportColumns = ctdc2024Columns.codes.map((c) => c.code as string);

type ExportRecord = Awaited<ReturnType<typeof recordsOf>>[number];

const scalar: Readonly<Record<string, (r: ExportRecord) => string | number | null>> = {
  yearOfRegistration: (r) => r.year_of_registration,
  gender: (r) => r.gender,
  ageBroad: (r) => r.age_broad,
  citizenship: (r) => r.citizenship,
  CountryOfExploitation: (r) => r.country_of_exploitation,
  traffickMonths: (r) => r.traffick_months,
};

/** One CSV line's cells for a record, in ctdcExportColumns order. */
export function ctdcCells(r: ExportRecord): string[] {
  const flags = new Set([...r.means_of_control, ...r.exploitation, ...r.labour_sectors, ...r.sex_types, ...r.recruiter_relations]);
  return ctdcExportColumns.map((column) => {
    const read = scalar[column];
    if (read) {
      const value = read(r);
      return value === null ? '' : String(value);
    }
    return flags.has(column) ? '1' : '';
  });
}

/** Writes records as a CTDC v2 CSV (header row, then one row per record). */
export function writeCtdcCsv(records: readonly ExportRecord[]): string {
  return stringify([ctdcExportColumns, ...records.map(ctdcCells)], { record_delimiter: '\n' });
}

export interface CtdcExport {
  readonly csv: string;
  readonly datasetId: string;
  readonly records: number;
  readonly excludedWithoutConsent: number;
  readonly excludedNotVictims: number;
}

/**
 * Refreshes the country dataset from the case records (so the file is current), then writes it. Audited with counts.
 */
export async function exportCountryCtdc(db: Db, actor: Actor, options: { cipher?: FieldCipher } = {}): Promise<CtdcExport> {
  return db.transaction().execute(async (tx) => {
    const refreshed = await refreshCountryDataset(tx, actor, options);
    const all = await recordsOf(tx, refreshed.datasetId);
    const records = all.filter((r) => r.trafficking_status !== 'NotAVictimOfTrafficking');
    const excludedNotVictims = all.length - records.length;
    await appendAudit(tx, actor, {
      action: 'statistical_records.export',
      recordType: 'statistical_dataset',
      recordId: refreshed.datasetId,
      purpose: 'statistics',
      summary: `ctdc export (synthetic v2 layout): ${records.length} de-identified records; ${excludedNotVictims} not victims and ${refreshed.excludedWithoutConsent} without consent left out`,
    });
    return { csv: writeCtdcCsv(records), datasetId: refreshed.datasetId, records: records.length, excludedWithoutConsent: refreshed.excludedWithoutConsent, excludedNotVictims };
  });
}
