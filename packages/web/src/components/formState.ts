import type { TFunction } from 'i18next';
import type { FieldIssue } from '../app/api';
import { describeError, translateProblem } from '../app/errors';
import { matchField } from '../app/validation';

export interface SummaryItem {
  /** The id of the input to focus, when the issue belongs to a field of this form. */
  targetId?: string;
  text: string;
}

export interface FormState {
  submitting: boolean;
  /** Translated error for a field, if it has one. */
  errorFor: (field: string) => string | undefined;
  /** Everything wrong, for the summary at the top of the form. */
  summary: SummaryItem[];
  /** Changes on every failed attempt, so a repeated error is announced again. */
  attempt: number;
  /** Run a submission: clears old errors, catches ApiErrors and shows them. Returns whether it succeeded. */
  run: (action: () => Promise<void>) => Promise<boolean>;
  /** Show issues found before sending anything. */
  fail: (issues: readonly FieldIssue[]) => void;
  reset: () => void;
}

/** Each field of a form: the contract's dotted path (e.g. "admin.email") to the id of its input and its visible label. */
export type FormFields = Record<string, { id: string; label: string }>;

/**
 * A form's problems in the reader's language: each issue on the field it names (the first per field), and every
 * issue in the summary, with a link to its field when it has one; an error that is not about fields last.
 */
export function describeIssues(
  t: TFunction,
  fields: FormFields,
  issues: readonly FieldIssue[],
  error: unknown,
): { errorFor: (field: string) => string | undefined; summary: SummaryItem[] } {
  const names = Object.keys(fields);
  const fieldErrors = new Map<string, string>();
  const summary: SummaryItem[] = [];
  for (const issue of issues) {
    const name = matchField(names, issue.field);
    const field = name === undefined ? undefined : fields[name];
    const problem = translateProblem(t, issue.problem);
    if (name !== undefined && field !== undefined) {
      if (fieldErrors.has(name)) continue;
      fieldErrors.set(name, problem);
      summary.push({ targetId: field.id, text: `${field.label}: ${problem}` });
    } else {
      summary.push({ text: issue.field ? `${issue.field}: ${problem}` : problem });
    }
  }
  if (error !== null && error !== undefined) summary.push({ text: describeError(t, error) });
  return { errorFor: (field) => fieldErrors.get(field), summary };
}
