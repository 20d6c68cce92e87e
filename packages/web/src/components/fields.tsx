import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrame {
  id: string;
  label: string;
  hint?: string | undefined;
  /** Already-translated error text. */
  error?: string | undefined;
  /** Marks the label "(optional)". Fields are required unless optional or `required={false}`. */
  optional?: boolean;
}

/** The ids of a control's hint and error, for aria-describedby. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A control's hint and error message, with the ids describedBy() names. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Frame({ id, label, hint, error, optional, children }: FieldFrame & { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t('form.optional')}</span> : null}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

type TextFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange: (value: string) => void;
  };

export function TextField({ id, label, hint, error, optional, required, value, onValueChange, ...input }: TextFieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} optional={optional ?? false}>
      <input
        id={id}
        type="text"
        {...input}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={optional ? false : (required ?? true)}
      />
    </Frame>
  );
}

type SelectFieldProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange: (value: string) => void;
    children: ReactNode;
  };

export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  required,
  value,
  onValueChange,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} optional={optional ?? false}>
      <select
        id={id}
        {...select}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={optional ? false : (required ?? true)}
      >
        {children}
      </select>
    </Frame>
  );
}

interface CheckboxGroupProps<T extends string> {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}

/** A set of checkboxes in a fieldset; the group's hint and error are read with the legend. */
export function CheckboxGroup<T extends string>({ id, legend, hint, error, options, selected, onChange }: CheckboxGroupProps<T>) {
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={error ? 'field checkbox-group field-invalid' : 'field checkbox-group'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        const checked = selected.includes(option.value);
        return (
          <div className="checkbox" key={option.value}>
            <input
              id={optionId}
              type="checkbox"
              checked={checked}
              onChange={() =>
                onChange(checked ? selected.filter((value) => value !== option.value) : [...selected, option.value])
              }
            />
            <label htmlFor={optionId}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
