import { ctdc2024Columns } from '@palermo/contracts';
import { stringify } from 'csv-stringify/sync';
import type { recordsOf } from './statistical-records.repo.js';

/**
 * Statistical records written in the CTDC layout of the Global Synthetic Dataset v2 (27 columns, data-standard.md
 * §2.3): alpha-3 countries, flags `1` or empty, empty for missing; the importer reads it back (the round-trip test).
 *
 * The country's record-level data never leaves the platform as this raw file: no route or command writes it (the raw
 * `export ctdc` was removed). Record-level files leave only through the release controls (modules/releases:
 * k-anonymous or differentially private synthetic, within a privacy budget, audited).
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
