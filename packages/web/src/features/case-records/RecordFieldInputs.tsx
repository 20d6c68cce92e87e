import { useTranslation } from 'react-i18next';
import { wellbeingDomains, type OrganisationView } from '@palermo/contracts';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { CheckboxField } from '../cases/controls';
import type { FieldSpec } from './recordFields';
import { useVocab } from './vocab';

export type FieldValue = string | boolean | string[];
export type Values = Record<string, FieldValue>;

export const fieldId = (name: string, prefix = 'record') => `${prefix}-${name}`;

interface Props {
  fields: readonly FieldSpec[];
  values: Values;
  onChange: (name: string, value: FieldValue) => void;
  errorFor: (field: string) => string | undefined;
  organisations: readonly OrganisationView[];
  goals: readonly { id: string; label: string }[];
  /** Prefix of the inputs' ids, so that two forms on one page never share an id. */
  idPrefix?: string | undefined;
}

const text = (value: FieldValue | undefined) => (typeof value === 'string' ? value : '');

/** The inputs of one record kind, from its field table. */
export function RecordFieldInputs({ fields, values, onChange, errorFor, organisations, goals, idPrefix }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  return (
    <>
      {fields.map((field) => {
        const id = fieldId(field.name, idPrefix);
        const label = t(`recordFields.${field.label}`);
        const hint = field.hint ? t(`recordFields.${field.hint}`) : undefined;
        const error = errorFor(`data.${field.name}`);
        const common = { id, label, hint, error, optional: field.optional ?? false };
        if (field.type === 'scale') {
          return (
            <WellbeingInputs key={field.name} id={id} name={field.name} label={label} hint={hint} error={error} values={values} onChange={onChange} />
          );
        }
        switch (field.type) {
          case 'choice':
          case 'organisation':
          case 'goal': {
            const options =
              field.type === 'choice'
                ? field.options.map((code) => ({ value: code, label: vocab(field.vocab, code) }))
                : field.type === 'organisation'
                  ? organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))
                  : goals.map((goal) => ({ value: goal.id, label: goal.label }));
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

const scaleOptions = ['1', '2', '3', '4', '5'];
/** The form value of one wellbeing area of a scale field. */
export const areaValueName = (name: string, domain: string) => `${name}.${domain}`;

interface WellbeingProps {
  id: string;
  name: string;
  label: string;
  hint: string | undefined;
  error: string | undefined;
  values: Values;
  onChange: (name: string, value: FieldValue) => void;
}

/** Wellbeing at a follow-up: overall, then each area the person wants to rate (1 very poor to 5 very good). */
function WellbeingInputs({ id, name, label, hint, error, values, onChange }: WellbeingProps) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const select = (id: string, caption: string, valueName: string, fieldError?: string, fieldHint?: string) => (
    <SelectField key={id} id={id} label={caption} hint={fieldHint} error={fieldError} optional value={text(values[valueName])} onValueChange={(value) => onChange(valueName, value)}>
      <option value="">{t('records.notGiven')}</option>
      {scaleOptions.map((value) => (
        <option key={value} value={value}>
          {t('records.scaleValue', { value })}
        </option>
      ))}
    </SelectField>
  );
  return (
    <fieldset className="indicator-category">
      <legend>{t('records.wellbeingLegend')}</legend>
      {select(id, label, name, error, hint)}
      {wellbeingDomains.map((domain) => select(`${id}-${domain}`, t('records.wellbeingArea', { area: vocab('wellbeingDomains', domain) }), areaValueName(name, domain)))}
    </fieldset>
  );
}

/** The form's values from a stored record's `data` (to correct it): the inverse of `dataFrom`. */
export function valuesFrom(fields: readonly FieldSpec[], data: Record<string, unknown>): Values {
  const values: Values = {};
  for (const field of fields) {
    const value = data[field.name];
    if (field.type === 'flag') values[field.name] = value === true;
    else if (field.type === 'choices') values[field.name] = Array.isArray(value) ? value.map(String) : [];
    else if (field.type === 'scale') {
      if (typeof value !== 'object' || value === null) continue;
      const overall: unknown = Reflect.get(value, 'overall');
      if (typeof overall === 'number') values[field.name] = String(overall);
      const domains: unknown = Reflect.get(value, 'domains');
      if (typeof domains === 'object' && domains !== null) {
        for (const [domain, score] of Object.entries(domains)) if (typeof score === 'number') values[areaValueName(field.name, domain)] = String(score);
      }
    } else if (typeof value === 'string') values[field.name] = value;
  }
  return values;
}

/** The contract's `data` object from the form's values: empty optional fields are left out. */
export function dataFrom(fields: readonly FieldSpec[], values: Values): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === 'flag') data[field.name] = value === true;
    else if (field.type === 'choices') data[field.name] = Array.isArray(value) ? value : [];
    else if (field.type === 'scale') {
      const domains: Record<string, number> = {};
      for (const domain of wellbeingDomains) {
        const area = values[areaValueName(field.name, domain)];
        if (typeof area === 'string' && area !== '') domains[domain] = Number(area);
      }
      if (typeof value === 'string' && value !== '') data[field.name] = { overall: Number(value), domains };
      else if (Object.keys(domains).length > 0) data[field.name] = { domains };
    } else if (typeof value === 'string' && value.trim() !== '') {
      data[field.name] = field.name === 'currency' ? value.trim().toUpperCase() : value.trim();
    }
  }
  return data;
}
