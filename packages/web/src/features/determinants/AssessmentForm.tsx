import { useTranslation } from 'react-i18next';
import { assessmentRequest, type AssessmentRequest } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseDeterminantIssues, useCountryOptions, useDeterminantLabels } from './labels';

/**
 * An assessment's country, period and title: created from the list, edited on its page (the rapporteur). The country
 * is chosen from the list of countries in the reader's language and kept as its ISO 3166-1 alpha-2 code; a name typed
 * before the list was offered stays a choice of its own, so that editing the period does not lose it.
 */
export function AssessmentForm({ initial, submitLabel, onSave, idPrefix }: { initial?: AssessmentRequest; submitLabel: string; onSave: (body: AssessmentRequest) => Promise<void>; idPrefix: string }) {
  const { t } = useTranslation();
  const labels = useDeterminantLabels();
  const countries = useCountryOptions();
  const fields = {
    country: { id: `${idPrefix}-country`, label: t('determinants.country') },
    periodFrom: { id: `${idPrefix}-from`, label: t('determinants.periodFrom') },
    periodTo: { id: `${idPrefix}-to`, label: t('determinants.periodTo') },
    title: { id: `${idPrefix}-title`, label: t('determinants.assessmentTitle') },
  };
  const form = useContractForm(
    assessmentRequest,
    fields,
    { country: initial?.country ?? '', periodFrom: initial?.periodFrom ?? '', periodTo: initial?.periodTo ?? '', title: initial?.title ?? '' },
    { localise: (issues) => localiseDeterminantIssues(t, issues) },
  );
  const onSubmit = form.submit((request) => onSave(request));
  const typed = initial?.country && !countries.some((c) => c.value === initial.country) ? initial.country : undefined;
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id={fields.country.id} label={fields.country.label} {...form.text('country')}>
          <option value="">{t('determinants.choose')}</option>
          {typed ? <option value={typed}>{labels.country(typed)}</option> : null}
          {countries.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <TextField id={fields.periodFrom.id} type="date" label={fields.periodFrom.label} {...form.text('periodFrom')} />
        <TextField id={fields.periodTo.id} type="date" label={fields.periodTo.label} {...form.text('periodTo')} />
        <TextField id={fields.title.id} label={fields.title.label} {...form.text('title')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
