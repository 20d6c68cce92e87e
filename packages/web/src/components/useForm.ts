import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm as useHookForm, type DefaultValues, type FieldError, type FieldValues, type Path, type PathValue, type Resolver, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ApiError, type FieldIssue, type Schema } from '../app/api';
import { describeIssues, type FormFields, type FormState } from './formState';
import { fieldProblems, matchField, problemOf, validate, type LooseIssue } from '../app/validation';

export type { FormFields, FormState, SummaryItem } from './formState';

/**
 * Form errors in one place, kept by react-hook-form: a field's problem (from the contract's schema in the browser, or
 * from the server's answer) is that field's error there; what belongs to no field is kept beside it.
 */
export function useForm(fields: FormFields): FormState {
  const form = useHookForm({ reValidateMode: 'onSubmit' });
  return useFormState(form, fields);
}

/**
 * The FormState of a react-hook-form form: its errors, and the server's answers put on the fields they name. `localise`
 * gives an area's own words for its problems (the browser's and the server's alike) before they are translated.
 */
export function useFormState<T extends FieldValues, C, O>(
  form: UseFormReturn<T, C, O>,
  fields: FormFields,
  localise?: (issues: FieldIssue[]) => FieldIssue[],
): FormState {
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
          setFieldError(name as Path<T>, fieldError(issue));
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

  const issues = [...fieldProblems(form.formState.errors), ...unplaced];
  const { errorFor, summary } = describeIssues(t, fields, localise ? localise(issues) : issues, error);
  return { submitting, errorFor, summary, attempt, run, fail, reset };
}

/**
 * The part of a contract's zod schema the form needs: the shape @hookform/resolvers' zod resolver takes, and the
 * schema's own check, read again when it fails for the codes its refinements name.
 */
export interface ContractSchema<Input, Output> extends Schema<Output> {
  _zod: { input: Input; output: Output };
}

export interface ContractFormOptions<Values> {
  /**
   * The request the contract checks, built from the form's values and what the page knows (a record's version, an
   * empty choice as no value); the values themselves when not given. Its paths are the ones the fields name.
   */
  request?: (values: Values) => unknown;
  /**
   * Checks the contract cannot make (a password typed twice) or better words for one it makes: issues on the form's
   * fields, given the values and the fields the contract already found wrong; each replaces the contract's on its field.
   */
  also?: (values: Values, invalid: ReadonlySet<string>) => FieldIssue[];
  /**
   * An area's own words for its problems (cases/problems.ts), for the browser's and the server's alike. An issue keeps
   * the stable `code` and `params` a contract's refinement or the server's refusal names (prosecution/problems.ts).
   */
  localise?: (issues: FieldIssue[]) => FieldIssue[];
}

export interface ContractForm<Values extends FieldValues, Output> extends FormState {
  /** The react-hook-form form, for what the helpers below do not cover. */
  form: UseFormReturn<Values, unknown, Output>;
  /** A text input's value, change handler and translated error, for TextField, SelectField and TextAreaField. */
  text: (name: Path<Values>) => { value: string; onValueChange: (value: string) => void; error: string | undefined };
  /** A field's value and its setter, for other controls (checkboxes, checkbox groups). */
  value: <N extends Path<Values>>(name: N) => PathValue<Values, N>;
  set: <N extends Path<Values>>(name: N, value: PathValue<Values, N>) => void;
  /** All the values now, for a form whose controls depend on each other. */
  values: () => Values;
  /** Back to the first values (or those given), without problems: after a record is added. */
  clear: (values?: Values) => void;
  /**
   * The form's submit handler: validates with the contract's schema (issues shown on their fields and in the summary,
   * nothing sent), then runs `action` with the parsed request as `run` does.
   */
  submit: (action: (request: Output) => Promise<void>) => (event?: { preventDefault: () => void }) => Promise<boolean>;
  /**
   * As submit, for an action that runs the submission itself (a case's change goes through useCaseChange, which calls
   * `run`): validates, then hands the parsed request over.
   */
  check: <R>(action: (request: Output) => Promise<R>) => (event?: { preventDefault: () => void }) => Promise<R | undefined>;
}

/**
 * A form validated by a contract's zod schema through react-hook-form's zod resolver, so that the browser and the
 * server apply the same rules; problems are phrased as the server phrases them (validation.ts) and translated. The
 * form keeps its values in react-hook-form; `options.request` builds the request from them when the two differ.
 */
export function useContractForm<Values extends FieldValues, Output>(
  schema: ContractSchema<unknown, Output>,
  fields: FormFields | ((values: Values) => FormFields),
  defaultValues: Values,
  options: ContractFormOptions<Values> = {},
): ContractForm<Values, Output> {
  const latest = useRef(options);
  latest.current = options;
  const [resolver] = useState(() => {
    const checkRequest = zodResolver(schema as never, { error: (issue: LooseIssue) => problemOf(issue) }) as unknown as Resolver<FieldValues, unknown, Output>;
    const resolve: Resolver<Values, unknown, Output> = async (values, context, resolverOptions) => {
      const { request, also } = latest.current;
      const input = request ? request(values) : values;
      const result = await checkRequest(input as FieldValues, context, resolverOptions as never);
      const invalid = fieldProblems(result.errors);
      const coded = invalid.length > 0 ? codedIssues(schema, input, invalid) : [];
      const more = also?.(values, new Set(invalid.map((issue) => issue.field))) ?? [];
      if (coded.length === 0 && more.length === 0) return result as Awaited<ReturnType<Resolver<Values, unknown, Output>>>;
      const errors: Record<string, unknown> = { ...result.errors };
      for (const issue of [...coded, ...more]) placeError(errors, issue.field.split('.'), fieldError(issue));
      return { values: {}, errors } as Awaited<ReturnType<Resolver<Values, unknown, Output>>>;
    };
    return resolve;
  });
  const form = useHookForm<Values, unknown, Output>({
    resolver,
    defaultValues: defaultValues as DefaultValues<Values>,
    reValidateMode: 'onSubmit',
  });
  // A form whose fields depend on a choice (a record's kind) names them from its values.
  const state = useFormState(form, typeof fields === 'function' ? fields(form.watch()) : fields, options.localise);
  const { setValue, watch, handleSubmit, reset: resetForm } = form;
  const { run, reset } = state;

  const check = useCallback(
    <R,>(action: (values: Output) => Promise<R>) =>
      async (event?: { preventDefault: () => void }) => {
        event?.preventDefault();
        let outcome: R | undefined;
        await handleSubmit(async (values) => {
          outcome = await action(values);
        })();
        return outcome;
      },
    [handleSubmit],
  );

  const submit = useCallback(
    (action: (values: Output) => Promise<void>) => async (event?: { preventDefault: () => void }) =>
      (await check((values) => run(() => action(values)))(event)) ?? false,
    [check, run],
  );

  const clear = useCallback(
    (values?: Values) => {
      resetForm(values as DefaultValues<Values> | undefined, { keepSubmitCount: true });
      reset();
    },
    [resetForm, reset],
  );

  return {
    ...state,
    // A failed check in the browser is an attempt too, so that the summary takes focus again.
    attempt: state.attempt + form.formState.submitCount,
    form,
    text: (name) => ({
      value: String((watch(name) as unknown) ?? ''),
      onValueChange: (value) => setValue(name, value as PathValue<Values, typeof name>),
      error: state.errorFor(name),
    }),
    value: (name) => watch(name),
    set: (name, value) => setValue(name, value),
    values: () => watch(),
    clear,
    submit,
    check,
  };
}

/**
 * The zod resolver keeps only each issue's message; a refinement's stable code and params (`params: { code, ... }`, a
 * step dated in the future) are read from the contract's own check, for the fields whose message is that issue's.
 */
function codedIssues(schema: Schema<unknown>, input: unknown, invalid: readonly FieldIssue[]): FieldIssue[] {
  const checked = validate(schema, input);
  if (checked.ok) return [];
  return checked.issues.filter((issue) => issue.code !== undefined && invalid.some((shown) => shown.field === issue.field && shown.problem === issue.problem));
}

/** A field's error as react-hook-form keeps it, with the issue's code and params beside its message (validation.ts reads them back). */
function fieldError({ problem, code, params }: FieldIssue): FieldError {
  const error: FieldError & Pick<FieldIssue, 'code' | 'params'> = { type: 'problem', message: problem };
  if (code !== undefined) error.code = code;
  if (params !== undefined) error.params = params;
  return error;
}

/** Puts an error at a dotted path of react-hook-form's nested errors, in place of the one that field had. */
function placeError(errors: Record<string, unknown>, path: readonly string[], error: FieldError) {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    errors[head] = error;
    return;
  }
  const inner = errors[head];
  const next: Record<string, unknown> = typeof inner === 'object' && inner !== null ? { ...(inner as Record<string, unknown>) } : {};
  placeError(next, rest, error);
  errors[head] = next;
}
