import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentRequest, type AssessmentRequest } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { localiseDeterminantIssues, translatingRefusals } from './labels';

/** An assessment's country, period and title: created from the list, edited on its page (the rapporteur). */
export function AssessmentForm({ initial, submitLabel, onSave, idPrefix }: { initial?: AssessmentRequest; submitLabel: string; onSave: (body: AssessmentRequest) => Promise<void>; idPrefix: string }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ country: initial?.country ?? '', periodFrom: initial?.periodFrom ?? '', periodTo: initial?.periodTo ?? '', title: initial?.title ?? '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const fields = {
    country: { id: `${idPrefix}-country`, label: t('determinants.country') },
    periodFrom: { id: `${idPrefix}-from`, label: t('determinants.periodFrom') },
    periodTo: { id: `${idPrefix}-to`, label: t('determinants.periodTo') },
    title: { id: `${idPrefix}-title`, label: t('determinants.assessmentTitle') },
  };
  const form = useForm(fields);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(assessmentRequest, v);
    if (!checked.ok) return form.fail(localiseDeterminantIssues(t, checked.issues));
    await form.run(() => translatingRefusals(t, () => onSave(checked.data)));
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={fields.country.id} label={fields.country.label} value={v.country} onValueChange={set('country')} error={form.errorFor('country')} />
        <TextField id={fields.periodFrom.id} type="date" label={fields.periodFrom.label} value={v.periodFrom} onValueChange={set('periodFrom')} error={form.errorFor('periodFrom')} />
        <TextField id={fields.periodTo.id} type="date" label={fields.periodTo.label} value={v.periodTo} onValueChange={set('periodTo')} error={form.errorFor('periodTo')} />
        <TextField id={fields.title.id} label={fields.title.label} value={v.title} onValueChange={set('title')} error={form.errorFor('title')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
