import { useTranslation } from 'react-i18next';
import { activityStatuses, formsOfExploitation, measurementAgeGroups, measurementSexes, recordMeasurementRequest, recordProgressRequest, type ActivityView, type IndicatorView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { recordMeasurement, recordProgress } from './api';
import { numberOrUndefined, toMinor, usePlanLabels } from './labels';

/** The responsible organisation reports where an activity stands and what it spent this year. */
export function ProgressForm({ activity, currency, onRecorded }: { activity: ActivityView; currency: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const prefix = `progress-${activity.id}`;
  const form = useContractForm(
    recordProgressRequest,
    {
      reportedOn: { id: `${prefix}-on`, label: t('actionPlan.reportedOn') },
      status: { id: `${prefix}-status`, label: t('actionPlan.status') },
      progressPercent: { id: `${prefix}-percent`, label: t('actionPlan.progressPercent') },
      note: { id: `${prefix}-note`, label: t('actionPlan.note') },
      'spending.0.year': { id: `${prefix}-year`, label: t('actionPlan.budgetYear') },
      'spending.0.spentMinor': { id: `${prefix}-spent`, label: t('actionPlan.spent') },
      'spending.0.overspendReason': { id: `${prefix}-reason`, label: t('actionPlan.overspendReason') },
    },
    { reportedOn: '', status: activity.status as string, percent: String(activity.progressPercent), note: '', year: '', spent: '', reason: '' },
    {
      request: (v) => ({
        reportedOn: v.reportedOn, status: v.status || undefined, progressPercent: numberOrUndefined(v.percent), note: v.note,
        spending: v.year || v.spent ? [{ year: numberOrUndefined(v.year), spentMinor: toMinor(v.spent, currency), overspendReason: v.reason.trim() || undefined }] : [],
      }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const onSubmit = form.submit(async (request) => {
    await recordProgress(activity.id, request);
    onRecorded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={`${prefix}-on`} type="date" label={t('actionPlan.reportedOn')} {...form.text('reportedOn')} />
        <SelectField id={`${prefix}-status`} label={t('actionPlan.status')} {...form.text('status')}>
          {activityStatuses.map((s) => (
            <option key={s} value={s}>
              {labels.status(s)}
            </option>
          ))}
        </SelectField>
        <TextField id={`${prefix}-percent`} inputMode="numeric" label={t('actionPlan.progressPercent')} {...form.text('percent')} error={form.errorFor('progressPercent')} />
        <TextField id={`${prefix}-note`} label={t('actionPlan.note')} optional {...form.text('note')} />
        <TextField id={`${prefix}-year`} inputMode="numeric" label={t('actionPlan.budgetYear')} optional {...form.text('year')} error={form.errorFor('spending.0.year')} />
        <TextField id={`${prefix}-spent`} inputMode="decimal" label={t('actionPlan.spent')} hint={currency} optional {...form.text('spent')} error={form.errorFor('spending.0.spentMinor')} />
        <TextField id={`${prefix}-reason`} label={t('actionPlan.overspendReason')} optional {...form.text('reason')} error={form.errorFor('spending.0.overspendReason')} />
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
  const form = useContractForm(
    recordMeasurementRequest,
    {
      periodStart: { id: `${prefix}-start`, label: t('actionPlan.periodStart') },
      periodEnd: { id: `${prefix}-end`, label: t('actionPlan.periodEnd') },
      value: { id: `${prefix}-value`, label: t('actionPlan.value') },
      sex: { id: `${prefix}-sex`, label: t('actionPlan.disaggregations.sex') },
      ageGroup: { id: `${prefix}-age`, label: t('actionPlan.disaggregations.age_group') },
      formOfExploitation: { id: `${prefix}-form`, label: t('actionPlan.disaggregations.form_of_exploitation') },
    },
    { periodStart: '', periodEnd: '', value: '', sex: '', ageGroup: '', formOfExploitation: '' },
    {
      request: (v) => ({
        periodStart: v.periodStart, periodEnd: v.periodEnd, value: numberOrUndefined(v.value), sex: v.sex || undefined, ageGroup: v.ageGroup || undefined, formOfExploitation: v.formOfExploitation || undefined,
      }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const onSubmit = form.submit(async (request) => {
    await recordMeasurement(indicator.id, request);
    form.clear({ ...form.values(), value: '' });
    onRecorded();
  });
  const has = (d: string) => (indicator.disaggregations as readonly string[]).includes(d);
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={`${prefix}-start`} type="date" label={t('actionPlan.periodStart')} {...form.text('periodStart')} />
        <TextField id={`${prefix}-end`} type="date" label={t('actionPlan.periodEnd')} {...form.text('periodEnd')} />
        <TextField id={`${prefix}-value`} inputMode="decimal" label={t('actionPlan.value')} {...form.text('value')} />
        {has('sex') ? (
          <SelectField id={`${prefix}-sex`} label={t('actionPlan.disaggregations.sex')} optional {...form.text('sex')}>
            <option value="">{t('actionPlan.total')}</option>
            {measurementSexes.map((s) => (
              <option key={s} value={s}>
                {labels.sex(s)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {has('age_group') ? (
          <SelectField id={`${prefix}-age`} label={t('actionPlan.disaggregations.age_group')} optional {...form.text('ageGroup')}>
            <option value="">{t('actionPlan.total')}</option>
            {measurementAgeGroups.map((a) => (
              <option key={a} value={a}>
                {labels.ageGroup(a)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {has('form_of_exploitation') ? (
          <SelectField id={`${prefix}-form`} label={t('actionPlan.disaggregations.form_of_exploitation')} optional {...form.text('formOfExploitation')}>
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
