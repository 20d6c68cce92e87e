import { z } from 'zod';
import { importRowProblem } from './column-mapping.js';

/**
 * The prosecution history import: one row per defendant, naming the operation, the investigation, the defendant under
 * a pseudonym (identity only where mapped), the charges (several provisions in one cell), the verdict per charge, the
 * sentence and the appeal. Each field says what it holds; labels are in the web app's locales under
 * `prosecutionImport.fields.<field>`.
 */
export const prosecutionImportFieldTypes = ['text', 'date', 'integer', 'number', 'yesNo', 'choice', 'choices', 'texts', 'countries', 'organisation'] as const;
export type ProsecutionImportFieldType = (typeof prosecutionImportFieldTypes)[number];

export interface ProsecutionImportField {
  readonly type: ProsecutionImportFieldType;
  /** A row needs a value (from its column or the mapping's constant). */
  readonly required?: boolean;
  /** Holds identity: read only when mapped, encrypted. */
  readonly identity?: boolean;
}

export const prosecutionImportFields = {
  operationReference: { type: 'text', required: true },
  operationName: { type: 'text' },
  operationStartedOn: { type: 'date', required: true },
  agency: { type: 'organisation' },
  origin: { type: 'choice', required: true },
  approach: { type: 'choice', required: true },
  formsOfExploitation: { type: 'choices' },
  investigationReference: { type: 'text' },
  investigationOpenedOn: { type: 'date' },
  prosecutionOffice: { type: 'organisation' },
  referredOn: { type: 'date' },
  defendantReference: { type: 'text' },
  pseudonym: { type: 'text', required: true },
  givenName: { type: 'text', identity: true },
  familyName: { type: 'text', identity: true },
  birthDate: { type: 'date', identity: true },
  identityNumber: { type: 'text', identity: true },
  roles: { type: 'choices', required: true },
  sex: { type: 'choice', required: true },
  citizenships: { type: 'countries' },
  ageAtOffence: { type: 'integer' },
  arrestedOn: { type: 'date' },
  chargedOn: { type: 'date' },
  chargeProvisions: { type: 'texts' },
  chargeCategories: { type: 'choices' },
  court: { type: 'organisation' },
  prosecutedOn: { type: 'date' },
  verdictOn: { type: 'date' },
  verdicts: { type: 'choices' },
  convictedProvisions: { type: 'texts' },
  convictedCategories: { type: 'choices' },
  sentencedOn: { type: 'date' },
  custodialMonths: { type: 'integer' },
  suspended: { type: 'yesNo' },
  fineAmount: { type: 'number' },
  currency: { type: 'text' },
  appealedOn: { type: 'date' },
  appellant: { type: 'choice' },
  appealDecidedOn: { type: 'date' },
  appealOutcome: { type: 'choice' },
} as const satisfies Record<string, ProsecutionImportField>;
export type ProsecutionImportFieldName = keyof typeof prosecutionImportFields;
export const prosecutionImportFieldNames = Object.keys(prosecutionImportFields) as ProsecutionImportFieldName[];

/** What an import did: counts of what it added and of the rows it found already imported. */
export const prosecutionImportSummary = z.object({
  fileName: z.string(),
  sha256: z.string(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsAlreadyImported: z.number().int(),
  operations: z.number().int(),
  investigations: z.number().int(),
  suspects: z.number().int(),
  steps: z.number().int(),
});
export type ProsecutionImportSummary = z.infer<typeof prosecutionImportSummary>;

/** The answer when any row cannot be read (422): every problem (the first thousand listed), and nothing stored. */
export const prosecutionImportRejected = z.object({
  error: z.literal('rows_rejected'),
  message: z.string(),
  details: z.object({ rowsRead: z.number().int(), problems: z.array(importRowProblem) }),
});
export type ProsecutionImportRejected = z.infer<typeof prosecutionImportRejected>;
