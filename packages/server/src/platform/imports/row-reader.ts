import { importProblemCode, type ColumnMapping, type ImportProblemCode, type ImportProblemParams, type ImportRowProblem } from '@palermo/contracts';
import { readImportDate } from './import-dates.js';
import type { ImportTable } from './read-table.js';

const separators: Record<ColumnMapping['listSeparator'], RegExp> = {
  semicolon_or_newline: /[;\r\n]+/u,
  semicolon: /;/u,
  newline: /\r\n|\r|\n/u,
  comma: /,/u,
  pipe: /\|/u,
};

/**
 * The code of a contract's refusal of a value: the code a refinement names in its params (a date in the future names
 * `future-date` and the step), with the params' strings and numbers; `invalid-value` otherwise.
 */
export function contractIssueCode(issue: object): { code: ImportProblemCode; params: ImportProblemParams } {
  const given: unknown = 'params' in issue ? issue.params : undefined;
  const { code, ...rest } = typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : {};
  const known = importProblemCode.safeParse(code);
  if (!known.success) return { code: 'invalid-value', params: {} };
  const params = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
  return { code: known.data, params };
}

/** Letters and digits only, lower case: how a word in a cell is compared with a vocabulary's codes. */
export const vocabularyKey = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Which column of the file each mapped field reads, checked against the file's headings and the kind's fields: a
 * mapping naming a field the kind does not have, or a column the file does not have, is refused naming it.
 */
export function mappingProblems(mapping: ColumnMapping, table: ImportTable, fields: readonly string[]): ImportRowProblem[] {
  const problems: ImportRowProblem[] = [];
  const known = new Set(fields);
  const headings = new Set(table.columns);
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!known.has(field)) problems.push({ row: 1, column, field, problem: 'is not a field of this import', code: 'not-a-field', params: {} });
    else if (!headings.has(column)) problems.push({ row: 1, column, field, problem: `the file has no column "${column}"`, code: 'no-such-column', params: { column } });
  }
  for (const field of Object.keys(mapping.constants)) {
    if (!known.has(field)) problems.push({ row: 1, column: null, field, problem: 'is not a field of this import', code: 'not-a-field', params: {} });
  }
  return problems;
}

/**
 * Reads one row's fields through a mapping: each reader returns the value, or undefined when the cell is blank (and no
 * constant fills it), or records why the cell cannot be read (row, column, field, reason) and returns undefined. The
 * caller reads every field it needs and then looks at `problems`: a row is imported only when it has none.
 */
export class RowReader {
  readonly problems: ImportRowProblem[] = [];
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    private readonly mapping: ColumnMapping,
    columns: readonly string[],
    readonly row: number,
    private readonly cells: readonly string[],
  ) {
    this.index = new Map(columns.map((c, i) => [c, i] as const));
  }

  /** The column a field reads (null when a constant or nothing fills it). */
  columnOf(field: string): string | null {
    return this.mapping.columns[field] ?? null;
  }

  /** Whether the mapping fills the field at all (a column or a constant). */
  isMapped(field: string): boolean {
    return field in this.mapping.columns || field in this.mapping.constants;
  }

  /** Records why a field cannot be read: in English, and as a code with what its wording needs (importProblemCodes). */
  problem(field: string, problem: string, code: ImportProblemCode, params: ImportProblemParams = {}): undefined {
    this.problems.push({ row: this.row, column: this.columnOf(field), field, problem, code, params });
    return undefined;
  }

  /** The cell's text, trimmed; the mapping's constant when the cell is blank or unmapped; undefined when neither. */
  text(field: string, required = false): string | undefined {
    const column = this.mapping.columns[field];
    const position = column === undefined ? undefined : this.index.get(column);
    const cell = position === undefined ? '' : (this.cells[position] ?? '').trim();
    const value = cell !== '' ? cell : this.mapping.constants[field];
    if (value === undefined && required) {
      return this.isMapped(field) ? this.problem(field, 'is blank; a value is required', 'blank') : this.problem(field, 'is required; map a column or give a value for every row', 'unmapped');
    }
    return value;
  }

  date(field: string, required = false): string | undefined {
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    const reading = readImportDate(text, this.mapping.dateFormats);
    return 'date' in reading ? reading.date : this.problem(field, reading.problem, reading.code, reading.params);
  }

  integer(field: string, required = false): number | undefined {
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    if (!/^[+-]?\d+$/u.test(text)) return this.problem(field, `"${text}" is not a whole number`, 'not-a-whole-number', { value: text });
    return Number(text);
  }

  /** A number written with a decimal point or comma, thousands separated by spaces or not at all. */
  number(field: string, required = false): number | undefined {
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    const plain = text.replace(/[\s\u00a0\u202f]/gu, '').replace(',', '.');
    if (!/^[+-]?\d+(\.\d+)?$/u.test(plain)) return this.problem(field, `"${text}" is not a number`, 'not-a-number', { value: text });
    return Number(plain);
  }

  yesNo(field: string, required = false): boolean | undefined {
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    const key = vocabularyKey(text);
    if (['yes', 'y', 'true', '1', 'oui', 'نعم'].includes(key)) return true;
    if (['no', 'n', 'false', '0', 'non', 'لا'].includes(key)) return false;
    return this.problem(field, `"${text}" is neither yes nor no`, 'not-yes-no', { value: text });
  }

  /** Several values in one cell, split on the mapping's separator; blanks between separators dropped. */
  list(field: string, required = false): string[] | undefined {
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    return text.split(separators[this.mapping.listSeparator]).map((v) => v.trim()).filter((v) => v !== '');
  }

  /** One code of a vocabulary, written as the code or in words (letter case, spaces and punctuation ignored), or an abbreviation the kind accepts (M, F). */
  choice<T extends string>(field: string, codes: readonly T[], required = false, abbreviations: Readonly<Record<string, T>> = {}): T | undefined {
    const text = this.text(field, required);
    if (text === undefined) return undefined;
    return abbreviations[vocabularyKey(text)] ?? this.code(field, text, codes);
  }

  choices<T extends string>(field: string, codes: readonly T[], required = false): T[] | undefined {
    const values = this.list(field, required);
    if (values === undefined) return undefined;
    const read = values.map((v) => this.code(field, v, codes));
    return read.every((v) => v !== undefined) ? (read as T[]) : undefined;
  }

  private code<T extends string>(field: string, text: string, codes: readonly T[]): T | undefined {
    const key = vocabularyKey(text);
    const found = codes.find((c) => vocabularyKey(c) === key);
    const options = codes.map((c) => c.replace(/_/gu, ' ')).join(', ');
    return found ?? this.problem(field, `"${text}" is not one of: ${options}`, 'not-an-option', { value: text, options });
  }
}
