import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@palermo/contracts';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { CheckboxField } from '../cases/controls';
import type { FieldSpec } from './recordFields';
import { useVocab } from './vocab';

export type FieldValue = string | boolean | string[];
export type Values = Record<string, FieldValue>;

export const fieldId = (name: string) => `record-${name}`;

interface Props {
  fields: readonly FieldSpec[];
  values: Values;
  onChange: (name: string, value: FieldValue) => void;
  errorFor: (field: string) => string | undefined;
  organisations: readonly OrganisationView[];
  goals: readonly { id: string; label: string }[];
}

const text = (value: FieldValue | undefined) => (typeof value === 'string' ? value : '');

/** The inputs of one record kind, from its field table. */
export function RecordFieldInputs({ fields, values, onChange, errorFor, organisations, goals }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  return (
    <>
      {fields.map((field) => {
        const id = fieldId(field.name);
        const label = t(`recordFields.${field.label}`);
        const hint = field.hint ? t(`recordFields.${field.hint}`) : undefined;
        const error = errorFor(`data.${field.name}`);
        const common = { id, label, hint, error, optional: field.optional ?? false };
        switch (field.type) {
          case 'choice':
          case 'organisation':
          case 'goal':
          case 'scale': {
            const options =
              field.type === 'choice'
                ? field.options.map((code) => ({ value: code, label: vocab(field.vocab, code) }))
                : field.type === 'organisation'
                  ? organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))
                  : field.type === 'goal'
                    ? goals.map((goal) => ({ value: goal.id, label: goal.label }))
                    : ['1', '2', '3', '4', '5'].map((value) => ({ value, label: value }));
            return (
              <SelectField key={field.name} {...common} value={text(values[field.name])} onValueChange={(value) => onChange(field.name, value)}>
                <option value="">{field.optional ? t('records.notGiven') : t('records.choose')}</option>
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </SelectField>
            );
          }
          case 'choices': {
            const selected = values[field.name];
            return (
              <CheckboxGroup
                key={field.name}
                id={id}
                legend={label}
                error={error}
                options={field.options.map((code) => ({ value: code, label: vocab(field.vocab, code) }))}
                selected={Array.isArray(selected) ? selected : []}
                onChange={(next) => onChange(field.name, next)}
              />
            );
          }
          case 'flag':
            return (
              <CheckboxField key={field.name} id={id} label={label} hint={hint} checked={values[field.name] === true} onChange={(checked) => onChange(field.name, checked)} />
            );
          case 'date':
          case 'text':
            return (
              <TextField
                key={field.name}
                {...common}
                type={field.type === 'date' ? 'date' : 'text'}
                value={text(values[field.name])}
                onValueChange={(value) => onChange(field.name, value)}
                autoComplete="off"
              />
            );
        }
      })}
    </>
  );
}

/** The contract's `data` object from the form's values: empty optional fields are left out. */
export function dataFrom(fields: readonly FieldSpec[], values: Values): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === 'flag') data[field.name] = value === true;
    else if (field.type === 'choices') data[field.name] = Array.isArray(value) ? value : [];
    else if (field.type === 'scale') {
      if (typeof value === 'string' && value !== '') data[field.name] = { overall: Number(value) };
    } else if (typeof value === 'string' && value.trim() !== '') {
      data[field.name] = field.name === 'currency' ? value.trim().toUpperCase() : value.trim();
    }
  }
  return data;
}
