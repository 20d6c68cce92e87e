import { glotipColumns, glotipSuppressionThreshold } from '@palermo/contracts';
import { stringify } from 'csv-stringify/sync';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Db } from '../../platform/db/database.js';
import { refreshCountryDataset } from '../statistical-records/country-dataset.js';
import { alpha2Of, alpha3Of, countryNameOf } from '../statistical-records/country-codes.js';
import { recordsOf } from '../statistical-records/statistical-records.repo.js';
import { offenderSource, offenderTables, type OffenderTables } from '../prosecution-funnel/funnel.glotip-offenders.js';
import { offenderLabels } from '../prosecution-funnel/funnel.glotip-offenders.labels.js';

/**
 * The country's GLOTIP / SDG 16.2.2 tables from its own statistical records, in the layout of the UNODC data_glotip
 * export (data-standard.md §3.2), so they can be compared with, or sent beside, what UNODC publishes:
 *
 * - Who is counted: detected victims, i.e. trafficking status ActualVictimOfTrafficking (crosswalk
 *   statusToGlotipCounting), by year of registration (the year the person entered the NRM).
 * - Sex from the CTDC gender of the record (Woman → Female, Man → Male, Trans... → Other, missing → Unknown; crosswalk
 *   htcdsGenderToGlotipSex); age group from the majority status at registration.
 * - Form of exploitation: one per victim so forms add up to the total (decision exploitation.multiple-forms): sexual
 *   exploitation, forced labour, or other forms; a victim with several forms, or with forced begging (labour sector
 *   typeOfLabourBegging: GLOTIP counts begging among other forms), is counted under other forms; a victim with no
 *   recorded form appears in the Total dimension only.
 * - Citizenship: `Nationals` for the reporting country's citizens, the English country name otherwise, `Unknown`.
 * - Small counts are masked as `<5` (decision disclosure.small-cells); a rate is not given for a masked count.
 * - Per 100,000 population: rows with unit `Per 100,000 population` for the totals, where the population of the year
 *   is given.
 *
 * After the victims, the offender tables from the prosecution records (persons brought into formal contact,
 * prosecuted, convicted, by sex and age, by citizenship and country, by form of exploitation): perturbed by the cell-key method as the funnel is, not
 * masked; their methodology and legal provisions in prosecution-funnel/funnel.glotip-offenders.ts.
 */

export interface GlotipRecord {
  readonly year_of_registration: number | null;
  readonly gender: string | null;
  readonly majority_status: string | null;
  readonly citizenship: string | null;
  readonly exploitation: readonly string[];
  readonly labour_sectors: readonly string[];
  readonly trafficking_status: string | null;
}

export interface GlotipExportOptions {
  /** The reporting country, ISO alpha-2 or alpha-3. */
  readonly country: string;
  /** Resident population by year (a year without one gets no rate). */
  readonly population?: ReadonlyMap<number, number>;
  /** Mask counts below 5 as `<5` (default true). */
  readonly mask?: boolean;
}

export type GlotipRow = Record<(typeof glotipColumns)['codes'][number]['code'], string>;

const INDICATOR = 'Detected trafficking victims';
const RATE_UNIT = 'Per 100,000 population';
const SEXES = ['Total', 'Female', 'Male', 'Other', 'Unknown'] as const;
const AGES = ['Total', '0 to 17 years', '18 years or over', 'Unknown'] as const;

export function glotipSexOfRecord(gender: string | null): string {
  if (gender === 'Woman') return 'Female';
  if (gender === 'Man') return 'Male';
  if (gender === 'Trans/Transgender/NonConforming') return 'Other';
  return 'Unknown';
}

function ageOf(majority: string | null): string {
  if (majority === 'Minor') return '0 to 17 years';
  if (majority === 'Adult') return '18 years or over';
  return 'Unknown';
}

/** The one GLOTIP form of a victim, or null when none is recorded. */
export function glotipFormOfRecord(r: Pick<GlotipRecord, 'exploitation' | 'labour_sectors'>): string | null {
  const forms = new Set<string>();
  if (r.exploitation.includes('isSexualExploit')) forms.add('Sexual exploitation');
  if (r.exploitation.includes('isForcedLabour')) forms.add(r.labour_sectors.includes('typeOfLabourBegging') ? 'Other forms of exploitation' : 'Forced labour');
  if (r.exploitation.includes('isOtherExploit')) forms.add('Other forms of exploitation');
  if (forms.size === 0) return null;
  return forms.size > 1 ? 'Other forms of exploitation' : [...forms][0] ?? null;
}

function formatCount(n: number, mask: boolean): string {
  if (mask && n > 0 && n < glotipSuppressionThreshold) return `<${glotipSuppressionThreshold}`;
  return n.toLocaleString('en-US');
}

/** Builds the rows of the tables (pure: tested without a database). */
/** The reporting country's ISO alpha-3 code and English name. */
function reportingCountry(country: string): { iso3: string; name: string } {
  const iso3 = country.length === 2 ? alpha3Of(country) : country.toUpperCase();
  if (!iso3 || !alpha2Of(iso3)) throw new Error(`country: ${country} is not an ISO 3166-1 country code`);
  return { iso3, name: countryNameOf(iso3) ?? iso3 };
}

/** The offender tables' figures as rows of the same layout, each with its source and legal provision. */
export function glotipOffenderRows(tables: OffenderTables, country: string): GlotipRow[] {
  const { iso3, name } = reportingCountry(country);
  return tables.figures.map((f) => ({
    Iso3_code: iso3,
    Country: name,
    Region: '',
    Subregion: '',
    Indicator: f.indicator,
    Dimension: f.dimension,
    Category: f.category,
    Sex: f.sex,
    Age: f.age,
    Year: String(f.year),
    'Unit of measurement': 'Counts',
    txtVALUE: f.value.toLocaleString('en-US'),
    Source: offenderSource(tables, f.indicator),
  }));
}

export function glotipTables(records: readonly GlotipRecord[], options: GlotipExportOptions): GlotipRow[] {
  const { iso3, name } = reportingCountry(options.country);
  const mask = options.mask ?? true;
  const counted = records.filter((r) => r.trafficking_status === 'ActualVictimOfTrafficking' && r.year_of_registration !== null);
  const years = [...new Set(counted.map((r) => r.year_of_registration as number))].sort((a, b) => a - b);
  const rows: GlotipRow[] = [];
  const row = (dimension: string, category: string, sex: string, age: string, year: number, unit: string, value: string): GlotipRow => ({
    Iso3_code: iso3,
    Country: name,
    Region: '',
    Subregion: '',
    Indicator: INDICATOR,
    Dimension: dimension,
    Category: category,
    Sex: sex,
    Age: age,
    Year: String(year),
    'Unit of measurement': unit,
    txtVALUE: value,
    Source: 'Palermo',
  });
  for (const year of years) {
    const ofYear = counted.filter((r) => r.year_of_registration === year);
    const population = options.population?.get(year);
    const cross = (dimension: string, category: string, group: readonly GlotipRecord[], withRate: boolean) => {
      for (const sex of SEXES) {
        for (const age of AGES) {
          const n = group.filter((r) => (sex === 'Total' || glotipSexOfRecord(r.gender) === sex) && (age === 'Total' || ageOf(r.majority_status) === age)).length;
          const isTotal = sex === 'Total' && age === 'Total';
          if (n === 0 && !isTotal) continue;
          rows.push(row(dimension, category, sex, age, year, 'Counts', formatCount(n, mask)));
          if (withRate && isTotal && population && population > 0 && !(mask && n > 0 && n < glotipSuppressionThreshold)) {
            rows.push(row(dimension, category, sex, age, year, RATE_UNIT, ((n / population) * 100_000).toFixed(3)));
          }
        }
      }
    };
    cross('Total', 'Total', ofYear, true);
    for (const form of ['Sexual exploitation', 'Forced labour', 'Other forms of exploitation']) {
      const group = ofYear.filter((r) => glotipFormOfRecord(r) === form);
      if (group.length > 0) cross('by form of exploitation', form, group, true);
    }
    const byCitizenship = new Map<string, number>();
    for (const r of ofYear) {
      const category = r.citizenship === null ? 'Unknown' : r.citizenship === iso3 ? 'Nationals' : (countryNameOf(r.citizenship) ?? r.citizenship);
      byCitizenship.set(category, (byCitizenship.get(category) ?? 0) + 1);
    }
    for (const [category, n] of [...byCitizenship].sort(([a], [b]) => a.localeCompare(b))) {
      rows.push(row('by citizenship', category, 'Total', 'Total', year, 'Counts', formatCount(n, mask)));
    }
  }
  return rows;
}

export function writeGlotipCsv(rows: readonly GlotipRow[]): string {
  const columns = glotipColumns.codes.map((c) => c.code);
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c]))], { record_delimiter: '\n' });
}

export interface GlotipExport {
  readonly csv: string;
  /** Rows of the victims' tables. */
  readonly rows: number;
  readonly years: number[];
  readonly victimsCounted: number;
  readonly datasetId: string;
  /** The offender tables written after them (when the platform's keys were given). */
  readonly offenders: { readonly rows: number; readonly years: number[]; readonly provisions: OffenderTables['provisions']; readonly methodology: readonly string[] } | null;
}

/** Refreshes the country dataset, builds the tables and audits the export (counts only). */
export async function exportGlotip(db: Db, actor: Actor, options: GlotipExportOptions & { cipher?: FieldCipher }): Promise<GlotipExport> {
  // The offender tables first, outside the transaction: the funnel's facts are read (and cached) on the database.
  const offenders = options.cipher ? await offenderTables(db, options.cipher.recordKeys, reportingCountry(options.country).iso3) : null;
  const offenderRows = offenders ? glotipOffenderRows(offenders, options.country) : [];
  return db.transaction().execute(async (tx) => {
    const refreshed = await refreshCountryDataset(tx, actor, options.cipher ? { cipher: options.cipher } : {});
    const records = await recordsOf(tx, refreshed.datasetId);
    const rows = glotipTables(records, options);
    const years = [...new Set(rows.map((r) => Number(r.Year)))];
    const victimsCounted = records.filter((r) => r.trafficking_status === 'ActualVictimOfTrafficking' && r.year_of_registration !== null).length;
    await appendAudit(tx, actor, {
      action: 'statistical_records.export',
      recordType: 'statistical_dataset',
      recordId: refreshed.datasetId,
      purpose: 'statistics',
      summary: `official glotip submission: ${rows.length} table rows for ${years.length} years, ${victimsCounted} detected victims counted${options.mask === false ? ', small counts not masked' : ''}; ${offenderRows.length} offender table rows, perturbed`,
    });
    return {
      csv: writeGlotipCsv([...rows, ...offenderRows]),
      rows: rows.length,
      years,
      victimsCounted,
      datasetId: refreshed.datasetId,
      offenders: offenders ? { rows: offenderRows.length, years: offenders.years, provisions: offenders.provisions, methodology: offenderLabels.en.methodology } : null,
    };
  });
}
