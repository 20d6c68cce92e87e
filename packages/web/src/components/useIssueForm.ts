import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../app/api';
import { describeIssues, type FormFields, type FormState } from './formState';

/**
 * The form state of the sign-in page without the form library: the first page everyone loads stays small (the first
 * load's budget, scripts/bundle-size.mjs). It validates with the contract's schema through validate() as every form
 * does, and shows problems as useForm does; every other form uses useForm or useContractForm (react-hook-form).
 */
export function useIssueForm(fields: FormFields): FormState {
  const { t } = useTranslation();
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const busy = useRef(false);

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
        if (caught instanceof ApiError && caught.issues.length > 0) setIssues(caught.issues);
        else setError(caught);
        setAttempt((n) => n + 1);
        return false;
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [reset],
  );

  return { submitting, ...describeIssues(t, fields, issues, error), attempt, run, fail, reset };
}
