import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { activityStatuses, formsOfExploitation, measurementAgeGroups, measurementSexes, recordMeasurementRequest, recordProgressRequest, type ActivityView, type IndicatorView } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { recordMeasurement, recordProgress } from './api';
import { numberOrUndefined, toMinor, usePlanLabels } from './labels';

/** The responsible organisation reports where an activity stands and what it spent this year. */
export function ProgressForm({ activity, currency, onRecorded }: { activity: ActivityView; currency: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const prefix = `progress-${activity.id}`;
  const [v, setV] = useState({ reportedOn: '', status: activity.status as string, percent: String(activity.progressPercent), note: '', year: '', spent: '', reason: '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useForm({
    reportedOn: { id: `${prefix}-on`, label: t('actionPlan.reportedOn') },
    status: { id: `${prefix}-status`, label: t('actionPlan.status') },
    progressPercent: { id: `${prefix}-percent`, label: t('actionPlan.progressPercent') },
    note: { id: `${prefix}-note`, label: t('actionPlan.note') },
    'spending.0.year': { id: `${prefix}-year`, label: t('actionPlan.budgetYear') },
    'spending.0.spentMinor': { id: `${prefix}-spent`, label: t('actionPlan.spent') },
    'spending.0.overspendReason': { id: `${prefix}-reason`, label: t('actionPlan.overspendReason') },
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const spending = v.year || v.spent ? [{ year: numberOrUndefined(v.year), spentMinor: toMinor(v.spent, currency), overspendReason: v.reason.trim() || undefined }] : [];
    const checked = validate(recordProgressRequest, { reportedOn: v.reportedOn, status: v.status || undefined, progressPercent: numberOrUndefined(v.percent), note: v.note, spending });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    if (await form.run(async () => void (await recordProgress(activity.id, checked.data)))) onRecorded();
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={`${prefix}-on`} type="date" label={t('actionPlan.reportedOn')} value={v.reportedOn} onValueChange={set('reportedOn')} error={form.errorFor('reportedOn')} />
        <SelectField id={`${prefix}-status`} label={t('actionPlan.status')} value={v.status} onValueChange={set('status')} error={form.errorFor('status')}>
          {activityStatuses.map((s) => (
            <option key={s} value={s}>
              {labels.status(s)}
            </option>
          ))}
        </SelectField>
        <TextField id={`${prefix}-percent`} inputMode="numeric" label={t('actionPlan.progressPercent')} value={v.percent} onValueChange={set('percent')} error={form.errorFor('progressPercent')} />
        <TextField id={`${prefix}-note`} label={t('actionPlan.note')} optional value={v.note} onValueChange={set('note')} error={form.errorFor('note')} />
        <TextField id={`${prefix}-year`} inputMode="numeric" label={t('actionPlan.budgetYear')} optional value={v.year} onValueChange={set('year')} error={form.errorFor('spending.0.year')} />
        <TextField id={`${prefix}-spent`} inputMode="decimal" label={t('actionPlan.spent')} hint={currency} optional value={v.spent} onValueChange={set('spent')} error={form.errorFor('spending.0.spentMinor')} />
        <TextField id={`${prefix}-reason`} label={t('actionPlan.overspendReason')} optional value={v.reason} onValueChange={set('reason')} error={form.errorFor('spending.0.overspendReason')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.recordProgressSubmit')}
        </button>
      </form>
    </>
  );
}

/** A measurement of an indicator entered by hand, for a period, the total or one breakdown the indicator declares. */
export function MeasurementForm({ indicator, onRecorded }: { indicator: IndicatorView; onRecorded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const prefix = `measure-${indicator.id}`;
  const [v, setV] = useState({ periodStart: '', periodEnd: '', value: '', sex: '', ageGroup: '', form: '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useForm({
    periodStart: { id: `${prefix}-start`, label: t('actionPlan.periodStart') },
    periodEnd: { id: `${prefix}-end`, label: t('actionPlan.periodEnd') },
    value: { id: `${prefix}-value`, label: t('actionPlan.value') },
    sex: { id: `${prefix}-sex`, label: t('actionPlan.disaggregations.sex') },
    ageGroup: { id: `${prefix}-age`, label: t('actionPlan.disaggregations.age_group') },
    formOfExploitation: { id: `${prefix}-form`, label: t('actionPlan.disaggregations.form_of_exploitation') },
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(recordMeasurementRequest, {
      periodStart: v.periodStart, periodEnd: v.periodEnd, value: numberOrUndefined(v.value), sex: v.sex || undefined, ageGroup: v.ageGroup || undefined, formOfExploitation: v.form || undefined,
    });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    if (await form.run(async () => void (await recordMeasurement(indicator.id, checked.data)))) {
      setV((old) => ({ ...old, value: '' }));
      onRecorded();
    }
  }
  const has = (d: string) => (indicator.disaggregations as readonly string[]).includes(d);
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={`${prefix}-start`} type="date" label={t('actionPlan.periodStart')} value={v.periodStart} onValueChange={set('periodStart')} error={form.errorFor('periodStart')} />
        <TextField id={`${prefix}-end`} type="date" label={t('actionPlan.periodEnd')} value={v.periodEnd} onValueChange={set('periodEnd')} error={form.errorFor('periodEnd')} />
        <TextField id={`${prefix}-value`} inputMode="decimal" label={t('actionPlan.value')} value={v.value} onValueChange={set('value')} error={form.errorFor('value')} />
        {has('sex') ? (
          <SelectField id={`${prefix}-sex`} label={t('actionPlan.disaggregations.sex')} optional value={v.sex} onValueChange={set('sex')} error={form.errorFor('sex')}>
            <option value="">{t('actionPlan.total')}</option>
            {measurementSexes.map((s) => (
              <option key={s} value={s}>
                {labels.sex(s)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {has('age_group') ? (
          <SelectField id={`${prefix}-age`} label={t('actionPlan.disaggregations.age_group')} optional value={v.ageGroup} onValueChange={set('ageGroup')} error={form.errorFor('ageGroup')}>
            <option value="">{t('actionPlan.total')}</option>
            {measurementAgeGroups.map((a) => (
              <option key={a} value={a}>
                {labels.ageGroup(a)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {has('form_of_exploitation') ? (
          <SelectField id={`${prefix}-form`} label={t('actionPlan.disaggregations.form_of_exploitation')} optional value={v.form} onValueChange={set('form')} error={form.errorFor('formOfExploitation')}>
            <option value="">{t('actionPlan.total')}</option>
            {formsOfExploitation.map((f) => (
              <option key={f} value={f}>
                {labels.exploitation(f)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.recordMeasurementSubmit')}
        </button>
      </form>
    </>
  );
}
