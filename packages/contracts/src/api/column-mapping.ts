import { z } from 'zod';
import { isoDateTime, uuid } from './common.js';
import { stepRefusalCodes } from './prosecution-refusals.js';

/**
 * Imports with a column mapping: which column of a spreadsheet fills which field of a kind of import, constants for
 * the fields the file lacks, how dates are written and how a cell lists several values. The user builds it in the app
 * from the file's columns, may save it under a name and use it again; each kind of import lists its own fields.
 */

/**
 * Date formats a mapping may accept, as date-fns patterns. The month-first American form is read only when a mapping
 * lists it; a value that two listed formats read as different dates (03/04/2020 with both day-first and month-first)
 * is reported as ambiguous, never guessed.
 */
export const importDateFormats = ['dd/MM/yyyy', 'yyyy-MM-dd', 'd.M.yyyy', 'dd-MM-yyyy', 'MM/dd/yyyy', 'yyyy/MM/dd', 'd MMMM yyyy'] as const;
export type ImportDateFormat = (typeof importDateFormats)[number];
export const defaultImportDateFormats: readonly ImportDateFormat[] = ['dd/MM/yyyy', 'yyyy-MM-dd', 'd.M.yyyy'];

/** How one cell lists several values (statutes, counts, roles). */
export const importListSeparators = ['semicolon_or_newline', 'semicolon', 'newline', 'comma', 'pipe'] as const;
export type ImportListSeparator = (typeof importListSeparators)[number];

const fieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/u, 'must be the name of a field');
const columnName = z.string().trim().min(1, 'must name a column').max(200, 'must be at most 200 characters');
const constant = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

export const columnMapping = z.object({
  /** Field -> the column (its heading in the first row) that fills it. */
  columns: z.record(fieldName, columnName).default({}),
  /** Field -> the value every row takes when no column fills the field (or the cell is blank). */
  constants: z.record(fieldName, constant).default({}),
  dateFormats: z
    .array(z.enum(importDateFormats, { error: 'must be one of the date formats offered' }))
    .min(1, 'must name at least one date format')
    .max(importDateFormats.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a format')
    .default([...defaultImportDateFormats]),
  listSeparator: z.enum(importListSeparators).default('semicolon_or_newline'),
});
export type ColumnMapping = z.output<typeof columnMapping>;
export type ColumnMappingInput = z.input<typeof columnMapping>;

export const saveImportMappingRequest = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  mapping: columnMapping,
});
export type SaveImportMappingRequest = z.input<typeof saveImportMappingRequest>;

export const importMappingView = z.object({ id: uuid, name: z.string(), mapping: columnMapping, createdAt: isoDateTime, updatedAt: isoDateTime });
export type ImportMappingView = z.infer<typeof importMappingView>;
export const importMappingList = z.object({ mappings: z.array(importMappingView) });
export type ImportMappingList = z.infer<typeof importMappingList>;

/** A file as the mapping screen shows it: its columns and its first rows, before any mapping. */
export const importFilePreview = z.object({
  format: z.enum(['csv', 'xlsx']),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  rowCount: z.number().int(),
});
export type ImportFilePreview = z.infer<typeof importFilePreview>;

/**
 * Why a cell or a row of an import was refused, as a stable code a client words in its reader's language (the
 * `problem` stays in English for API users and the command line); `params` name what the wording needs:
 * - `not-a-field` (a mapping names a field the import does not have), `no-such-column` (`column`).
 * - `blank` (a required cell is blank), `unmapped` (a required field has no column nor constant), `no-rows` (a file
 *   with headings only).
 * - `not-a-date` (`value`, `formats`), `ambiguous-date` (`value`, `dates`), `not-a-whole-number`, `not-a-number`,
 *   `not-yes-no`, `not-an-option` (`value`, `options`), `not-a-country-code` (`value`).
 * - `no-such-organisation` (`value`), `wrong-organisation-type` (`value`, `expected`: law_enforcement, prosecutor, court).
 * - `list-length` (`count` values for `expected` items of kind `items`).
 * - `required-with` (the field is needed because `other` is given; `value` when it is about one item).
 * - `needs` (the field's value needs `other`, which is missing).
 * - `agency-required`, `own-agency-only`, `own-office-only`.
 * - `referral-before-opening` (`date`, `opened`), `duplicate-defendant` (`operation`, `earlierRow`).
 * - `step-not-allowed` (`step`, `owner`: agency or office).
 * - `invalid-value` (a contract refused the value; the English problem says how), `unreadable-row`.
 * - the step refusals of prosecution-refusals.ts, with their params, when a row's steps are out of order.
 */
export const importProblemCodes = [
  'not-a-field',
  'no-such-column',
  'blank',
  'unmapped',
  'no-rows',
  'not-a-date',
  'ambiguous-date',
  'not-a-whole-number',
  'not-a-number',
  'not-yes-no',
  'not-an-option',
  'not-a-country-code',
  'no-such-organisation',
  'wrong-organisation-type',
  'list-length',
  'required-with',
  'needs',
  'agency-required',
  'own-agency-only',
  'own-office-only',
  'referral-before-opening',
  'duplicate-defendant',
  'step-not-allowed',
  'invalid-value',
  'unreadable-row',
  ...stepRefusalCodes,
] as const;
export const importProblemCode = z.enum(importProblemCodes);
export type ImportProblemCode = z.infer<typeof importProblemCode>;
export const importProblemParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ImportProblemParams = z.infer<typeof importProblemParams>;

/** One cell that could not be read: its row in the file (the heading is row 1), its column, the field and why. */
export const importRowProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string(),
  problem: z.string(),
  code: importProblemCode.optional(),
  params: importProblemParams.optional(),
});
export type ImportRowProblem = z.infer<typeof importRowProblem>;
