import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm as useHookForm, type DefaultValues, type FieldValues, type Path, type PathValue, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ApiError, type FieldIssue } from '../app/api';
import { describeIssues, type FormFields, type FormState } from './formState';
import { fieldProblems, matchField, problemOf } from '../app/validation';

export type { FormFields, FormState, SummaryItem } from './formState';

/**
 * Form errors in one place, kept by react-hook-form: a field's problem (from the contract's schema in the browser, or
 * from the server's answer) is that field's error there; what belongs to no field is kept beside it.
 */
export function useForm(fields: FormFields): FormState {
  const form = useHookForm({ reValidateMode: 'onSubmit' });
  return useFormState(form, fields);
}

/** The FormState of a react-hook-form form: its errors, and the server's answers put on the fields they name. */
export function useFormState<T extends FieldValues, C, O>(form: UseFormReturn<T, C, O>, fields: FormFields): FormState {
  const { t } = useTranslation();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const busy = useRef(false);
  const names = Object.keys(fields);
  const { clearErrors, setError: setFieldError } = form;

  const reset = useCallback(() => {
    clearErrors();
    setUnplaced([]);
    setError(null);
  }, [clearErrors]);

  const place = useCallback(
    (issues: readonly FieldIssue[]) => {
      const elsewhere: FieldIssue[] = [];
      const placed = new Set<string>();
      for (const issue of issues) {
        const name = matchField(names, issue.field);
        if (name === undefined) elsewhere.push(issue);
        else if (!placed.has(name)) {
          placed.add(name);
          setFieldError(name as Path<T>, { type: 'problem', message: issue.problem });
        }
      }
      setUnplaced(elsewhere);
    },
    // The field names, not the object rebuilt on every render.
    [names.join('\0'), setFieldError],
  );

  const fail = useCallback(
    (issues: readonly FieldIssue[]) => {
      reset();
      place(issues);
      setAttempt((n) => n + 1);
    },
    [reset, place],
  );

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
        if (caught instanceof ApiError && caught.issues.length > 0) place(caught.issues);
        else setError(caught);
        setAttempt((n) => n + 1);
        return false;
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [reset, place],
  );

  const { errorFor, summary } = describeIssues(t, fields, [...fieldProblems(form.formState.errors), ...unplaced], error);
  return { submitting, errorFor, summary, attempt, run, fail, reset };
}

/** The part of a contract's zod schema the form needs (the shape @hookform/resolvers' zod resolver takes). */
export interface ContractSchema<Input, Output> {
  _zod: { input: Input; output: Output };
}

export interface ContractForm<Input extends FieldValues, Output> extends FormState {
  /** The react-hook-form form, for what the helpers below do not cover. */
  form: UseFormReturn<Input, unknown, Output>;
  /** A text input's value, change handler and translated error, for TextField and SelectField. */
  text: (name: Path<Input>) => { value: string; onValueChange: (value: string) => void; error: string | undefined };
  /** A field's value and its setter, for other controls (checkbox groups). */
  value: <N extends Path<Input>>(name: N) => PathValue<Input, N>;
  set: <N extends Path<Input>>(name: N, value: PathValue<Input, N>) => void;
  /**
   * The form's submit handler: validates with the contract's schema (issues shown on their fields and in the summary,
   * nothing sent), then runs `action` with the parsed values as `run` does.
   */
  submit: (action: (values: Output) => Promise<void>) => (event?: { preventDefault: () => void }) => Promise<boolean>;
}

/**
 * A form validated by a contract's zod schema through react-hook-form's zod resolver, so that the browser and the
 * server apply the same rules; problems are phrased as the server phrases them (validation.ts) and translated.
 */
export function useContractForm<Input extends FieldValues, Output>(
  schema: ContractSchema<Input, Output>,
  fields: FormFields,
  defaultValues: DefaultValues<Input>,
): ContractForm<Input, Output> {
  const form = useHookForm<Input, unknown, Output>({
    resolver: zodResolver(schema, { error: (issue) => problemOf(issue) }),
    defaultValues,
    reValidateMode: 'onSubmit',
  });
  const state = useFormState(form, fields);
  const { setValue, watch, handleSubmit } = form;
  const { run } = state;

  const submit = useCallback(
    (action: (values: Output) => Promise<void>) => async (event?: { preventDefault: () => void }) => {
      event?.preventDefault();
      let outcome = false;
      await handleSubmit(async (values) => {
        outcome = await run(() => action(values));
      })();
      return outcome;
    },
    [handleSubmit, run],
  );

  return {
    ...state,
    // A failed check in the browser is an attempt too, so that the summary takes focus again.
    attempt: state.attempt + form.formState.submitCount,
    form,
    text: (name) => ({
      value: String((watch(name) as unknown) ?? ''),
      onValueChange: (value) => setValue(name, value as PathValue<Input, typeof name>),
      error: state.errorFor(name),
    }),
    value: (name) => watch(name),
    set: (name, value) => setValue(name, value),
    submit,
  };
}
