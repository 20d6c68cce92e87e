import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../app/api';
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

/**
 * Form errors in one place. `fields` maps each field name (the contract's dotted path, e.g. "admin.email") to the
 * id of its input and its visible label.
 */
export function useForm(fields: Record<string, { id: string; label: string }>): FormState {
  const { t } = useTranslation();
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const busy = useRef(false);
  const names = Object.keys(fields);

  const reset = useCallback(() => {
    setIssues([]);
    setError(null);
  }, []);

  const fail = useCallback((next: readonly FieldIssue[]) => {
    setError(null);
    setIssues(next);
    setAttempt((n) => n + 1);
  }, []);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (busy.current) return false;
      busy.current = true;
      setSubmitting(true);
      reset();
      try {
        await action();
        return true;
      } catch (caught) {
        if (caught instanceof ApiError && caught.issues.length > 0) {
          setIssues(caught.issues);
        } else {
          setError(caught);
        }
        setAttempt((n) => n + 1);
        return false;
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [reset],
  );

  const fieldErrors = new Map<string, string>();
  const summary: SummaryItem[] = [];
  for (const issue of issues) {
    const name = matchField(names, issue.field);
    const field = name === undefined ? undefined : fields[name];
    const problem = translateProblem(t, issue.problem);
    if (name !== undefined && field !== undefined) {
      if (!fieldErrors.has(name)) fieldErrors.set(name, problem);
      summary.push({ targetId: field.id, text: `${field.label}: ${problem}` });
    } else {
      summary.push({ text: issue.field ? `${issue.field}: ${problem}` : problem });
    }
  }
  if (error !== null) summary.push({ text: describeError(t, error) });

  return {
    submitting,
    errorFor: (field) => fieldErrors.get(field),
    summary,
    attempt,
    run,
    fail,
    reset,
  };
}
