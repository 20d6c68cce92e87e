import { ctdc2024AgeBroad, ctdc2024TraffickMonths, ctdcUnknownCountryCodes, ctdcDatasource } from '@palermo/contracts';
import { alpha3Of, isAlpha3 } from './country-codes.js';
import { canonicalColumn, columnReaders, editionOf, type ArrayField, type ColumnReader, type Edition } from './ctdc-columns.js';

/**
 * Reads the cells of a CTDC file into records, one row at a time. Missing (`-99`, blank, `NULL`, and `Unknown` for
 * gender and majority status) is read as NULL without comment: it is how CTDC writes "no value". Anything else that
 * is not a plain value of the vocabulary is read as missing or as the one value it unambiguously stands for, and
 * reported as an anomaly naming the row, the column, the cell and how it was read. Nothing is guessed.
 */

export const ctdcAnomalyKinds = [
  'unknown_column',
  'surrounding_whitespace',
  'unknown_code',
  'code_spelling',
  'not_a_country_code',
  'not_a_flag',
  'year_out_of_range',
  'inconsistent_value',
  'blank_row',
] as const;
export type CtdcAnomalyKind = (typeof ctdcAnomalyKinds)[number];

export interface CtdcAnomaly {
  readonly kind: CtdcAnomalyKind;
  readonly row: number;
  readonly column: string;
  readonly original: string;
  readonly readAs: string;
}

export interface CtdcRecord {
  source_row: number;
  year_of_registration: number | null;
  datasource: string | null;
  gender: string | null;
  age_broad: string | null;
  majority_status: 'Adult' | 'Minor' | null;
  citizenship: string | null;
  country_of_exploitation: string | null;
  traffick_months: string | null;
  means_of_control: string[];
  exploitation: string[];
  labour_sectors: string[];
  sex_types: string[];
  recruiter_relations: string[];
}

/**
 * A code as the code list has it, from a cell that differs from it only in letter case or spacing (the 2020 global
 * dataset writes "Case Management" where the list has "Case management"): such a cell is read as that code and
 * reported as `code_spelling`, never dropped as missing. Only exact matches are plain.
 */
const fold = (value: string): string => value.toLowerCase().replace(/\s+/g, '');

class CodeList {
  private readonly exact: ReadonlyMap<string, string>;
  private readonly folded = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]>) {
    this.exact = new Map(entries);
    for (const [spelling, code] of this.exact) if (!this.folded.has(fold(spelling))) this.folded.set(fold(spelling), code);
  }

  /** The code of an exactly matching cell. */
  get(value: string): string | undefined {
    return this.exact.get(value);
  }

  /** The code of a cell that matches only once letter case and spacing are ignored. */
  getRespelled(value: string): string | undefined {
    return this.folded.get(fold(value));
  }
}

const same = (codes: Iterable<string>) => [...codes].map((c) => [c, c] as const);

const MISSING = new Set(['', '-99', 'NULL', 'null', 'NA', 'N/A']);

const genderCodes: Readonly<Record<string, string>> = {
  Woman: 'Woman',
  Man: 'Man',
  'Trans/Transgender/NonConforming': 'Trans/Transgender/NonConforming',
  Female: 'Woman',
  Male: 'Man',
  'Transgender/NonConforming': 'Trans/Transgender/NonConforming',
};
const minorBands = new Set(['0--8', '09--17']);
/** The value that says "not known" in the gender and majority columns, read as missing. */
const UNKNOWN = 'Unknown';
const genders = new CodeList([...Object.entries(genderCodes), [UNKNOWN, UNKNOWN]]);
const ageBands = new CodeList([...same(ctdc2024AgeBroad.codes.map((c) => c.code)), ['9--17', '09--17']]);
const majorities = new CodeList(same(['Adult', 'Minor', UNKNOWN]));
const traffickMonths = new CodeList(same(ctdc2024TraffickMonths.codes.map((c) => c.code)));
const datasources = new CodeList(same(ctdcDatasource.codes.map((c) => c.code)));

/** Set by readCode: the code it last returned when it was read from a respelled cell, else null (no closure per cell). */
let respelled: string | null = null;

/** Reads a coded cell: the code, exactly or respelled (then `respelled` holds it), else undefined. */
function readCode(list: CodeList, value: string): string | undefined {
  const exact = list.get(value);
  if (exact !== undefined) return exact;
  const code = list.getRespelled(value);
  if (code !== undefined) respelled = code;
  return code;
}
const unknownCountries = new Set<string>(ctdcUnknownCountryCodes);

/** A column of the file as the reader uses it. */
interface FileColumn {
  readonly index: number;
  readonly header: string;
  readonly reader: ColumnReader | undefined;
}

export interface CtdcHeader {
  readonly edition: Edition;
  readonly columns: readonly FileColumn[];
  /** Anomalies of the header itself (unknown columns), reported at the header row. */
  readonly anomalies: readonly CtdcAnomaly[];
}

export class CtdcHeaderError extends Error {
  constructor(
    readonly code: 'not_ctdc' | 'duplicate_column' | 'mixed_editions',
    message: string,
    readonly column?: string,
  ) {
    super(message);
  }
}

/** True when a row looks like a CTDC header (names a known column). */
export function isHeaderRow(cells: readonly string[]): boolean {
  return cells.some((c) => canonicalColumn(c) === 'yearOfRegistration') || cells.filter((c) => canonicalColumn(c) !== undefined).length >= 3;
}

/** Interprets the header row (file row `row`). Throws CtdcHeaderError for a header that cannot be read. */
export function readHeader(cells: readonly string[], row: number): CtdcHeader {
  const seen = new Map<string, string>();
  const anomalies: CtdcAnomaly[] = [];
  const columns = cells.map((header, index): FileColumn => {
    const name = canonicalColumn(header);
    if (name === undefined) {
      const readAs = /^by using this data/i.test(header.trim()) ? 'ignored: a terms-of-use notice, not a column' : 'ignored: not a CTDC column';
      anomalies.push({ kind: 'unknown_column', row, column: header || `column ${index + 1}`, original: header, readAs });
      return { index, header, reader: undefined };
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new CtdcHeaderError('duplicate_column', `columns "${earlier}" and "${header}" are the same CTDC column ${name}`, header);
    seen.set(name, header);
    return { index, header, reader: columnReaders[name] };
  });
  if (seen.size === 0) throw new CtdcHeaderError('not_ctdc', 'no CTDC column in the header');
  const edition = editionOf([...seen.keys()]);
  if (!edition) throw new CtdcHeaderError('mixed_editions', 'the header mixes columns of the 2017 and 2024 editions');
  return { edition, columns, anomalies };
}

function emptyRecord(row: number): CtdcRecord {
  return {
    source_row: row,
    year_of_registration: null,
    datasource: null,
    gender: null,
    age_broad: null,
    majority_status: null,
    citizenship: null,
    country_of_exploitation: null,
    traffick_months: null,
    means_of_control: [],
    exploitation: [],
    labour_sectors: [],
    sex_types: [],
    recruiter_relations: [],
  };
}

function addFlag(record: CtdcRecord, field: ArrayField, names: readonly string[]): void {
  const list = record[field];
  for (const name of names) if (!list.includes(name)) list.push(name);
}

/** The alpha-3 code a country cell stands for, and how it was read when that was not plain. */
function readCountry(value: string): { code: string | null; odd?: [CtdcAnomalyKind, string] } {
  if (unknownCountries.has(value)) return { code: null };
  const upper = value.toUpperCase();
  if (upper.length === 3 && isAlpha3(upper)) return upper === value ? { code: upper } : { code: upper, odd: ['unknown_code', `read as ${upper} (lower case)`] };
  if (upper.length === 2) {
    const three = alpha3Of(upper);
    if (three) return upper === value ? { code: three } : { code: three, odd: ['unknown_code', `read as ${three} (lower case alpha-2 ${upper})`] };
  }
  return { code: null, odd: ['not_a_country_code', 'missing: not an ISO 3166-1 alpha-2 or alpha-3 code'] };
}

/**
 * Reads one data row into a record. `note` receives what was not plain. Cells beyond the header are the
 * caller's concern (a row of the wrong length stops the import).
 */
export function readRow(header: CtdcHeader, cells: readonly string[], row: number, note: (anomaly: CtdcAnomaly) => void): CtdcRecord {
  const record = emptyRecord(row);
  let majorityFromFile: { value: 'Adult' | 'Minor'; original: string; column: string } | undefined;
  for (const column of header.columns) {
    const reader = column.reader;
    if (!reader || reader.kind === 'notStored') continue;
    const original = cells[column.index] ?? '';
    let value = original;
    if (value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32)) {
      value = value.trim();
      if (value !== '') note({ kind: 'surrounding_whitespace', row, column: column.header, original, readAs: `read as "${value}"` });
    }
    if (MISSING.has(value)) continue;
    // No closure per cell here: this loop runs for every cell of files of a million rows.
    let odd: [CtdcAnomalyKind, string] | undefined;
    respelled = null;
    switch (reader.kind) {
      case 'flag':
        if (value === '1') addFlag(record, reader.field, reader.names);
        else if (value !== '0') odd = ['not_a_flag', 'missing: a flag is 1, 0, -99 or empty'];
        break;
      case 'year': {
        const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
        if (Number.isInteger(year) && year >= 1900 && year <= 2100) record.year_of_registration = year;
        else odd = ['year_out_of_range', 'missing: not a year between 1900 and 2100'];
        break;
      }
      case 'gender': {
        const code = readCode(genders, value);
        if (code === UNKNOWN) break;
        if (code) record.gender = code;
        else odd = ['unknown_code', 'missing: not a CTDC gender'];
        break;
      }
      case 'ageBroad': {
        const band = readCode(ageBands, value);
        if (band) record.age_broad = band;
        else odd = ['unknown_code', 'missing: not a CTDC age band'];
        break;
      }
      case 'majority': {
        const code = readCode(majorities, value);
        if (code === UNKNOWN) break;
        if (code === 'Adult' || code === 'Minor') majorityFromFile = { value: code, original, column: column.header };
        else odd = ['unknown_code', 'missing: not Minor, Adult or Unknown'];
        break;
      }
      case 'datasource': {
        const code = readCode(datasources, value);
        if (code) record.datasource = code;
        else odd = ['unknown_code', 'missing: not Case management or Hotline'];
        break;
      }
      case 'traffickMonths': {
        const code = readCode(traffickMonths, value);
        if (code) record.traffick_months = code;
        else odd = ['unknown_code', 'missing: not a CTDC duration band'];
        break;
      }
      case 'citizenship': {
        const country = readCountry(value);
        record.citizenship = country.code;
        odd = country.odd;
        break;
      }
      case 'countryOfExploitation': {
        const country = readCountry(value);
        record.country_of_exploitation = country.code;
        odd = country.odd;
        break;
      }
    }
    if (respelled !== null) {
      const readAs = respelled === UNKNOWN ? 'missing ("Unknown")' : `"${respelled}"`;
      odd = ['code_spelling', `read as ${readAs}: differs from the code list only in letter case or spacing`];
    }
    if (odd) note({ kind: odd[0], row, column: column.header, original, readAs: odd[1] });
  }
  // Majority status: the file's, else derived from the age band (both are the age at registration).
  const fromBand = record.age_broad === null ? null : minorBands.has(record.age_broad) ? 'Minor' : 'Adult';
  if (majorityFromFile) {
    record.majority_status = majorityFromFile.value;
    if (fromBand !== null && fromBand !== majorityFromFile.value) {
      note({
        kind: 'inconsistent_value',
        row,
        column: majorityFromFile.column,
        original: majorityFromFile.original,
        readAs: `kept as ${majorityFromFile.value}, although the age band ${record.age_broad} says ${fromBand}`,
      });
    }
  } else {
    record.majority_status = fromBand;
  }
  return record;
}
