import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, HintAndError } from '../../components/fields';
import { describeCaseError } from './problems';

/**
 * Controls the shared components (components/fields.tsx) do not have yet, built the same way: a visible label, hint
 * and error read with the control, `aria-invalid` when wrong.
 */

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'> & {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  value: string;
  onValueChange: (value: string) => void;
};

export function TextAreaField({ id, label, hint, error, optional, value, onValueChange, rows, ...rest }: TextAreaProps) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t('form.optional')}</span> : null}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        {...rest}
        rows={rows ?? 4}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={!optional}
      />
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  id: string;
  legend: ReactNode;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly { value: T; label: string }[];
  value: T | '';
  onChange: (value: T) => void;
  /** Options side by side (short answers such as present / absent / unknown). */
  inline?: boolean;
}

/** A set of radio buttons in a fieldset whose legend names the question. */
export function RadioGroup<T extends string>({ id, legend, hint, error, options, value, onChange, inline }: RadioGroupProps<T>) {
  const classes = ['field', 'radio-group', inline ? 'radio-group-inline' : '', error ? 'field-invalid' : ''].filter(Boolean);
  return (
    <fieldset id={id} tabIndex={-1} className={classes.join(' ')} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="radio-options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="radio"
                name={id}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** One checkbox with its label (and an optional hint under it). */
export function CheckboxField({ id, label, hint, checked, onChange }: CheckboxFieldProps) {
  return (
    <div className="field">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="hint checkbox-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** An error from a button's action (not a form), said at once, with the case API's refusals translated. */
export function CaseErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert">
      {describeCaseError(t, error)}
    </div>
  );
}
