import { useTranslation } from 'react-i18next';
import { computedIndicatorCodes, createIndicatorRequest, indicatorDisaggregations, planIndicatorTypes, type PlanView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addIndicator } from './api';
import { numberOrUndefined, usePlanLabels } from './labels';

type Disaggregation = (typeof indicatorDisaggregations)[number];

/** The coordinator adds an indicator: entered by hand (with its source) or computed from the platform's records. */
export function IndicatorForm({ plan, onAdded }: { plan: PlanView; onAdded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const empty = { how: 'hand', code: '', title: '', type: '', activityId: '', computation: '', source: '', baseline: '', baselineOn: '', targetStart: '', targetEnd: '', target: '', disaggregations: [] as Disaggregation[] };
  const form = useContractForm(
    createIndicatorRequest,
    {
      code: { id: 'indicator-code', label: t('actionPlan.number') },
      title: { id: 'indicator-title', label: t('actionPlan.title') },
      type: { id: 'indicator-type', label: t('actionPlan.indicatorType') },
      activityId: { id: 'indicator-activity', label: t('actionPlan.activity') },
      computation: { id: 'indicator-computation', label: t('actionPlan.computation') },
      source: { id: 'indicator-source', label: t('actionPlan.source') },
      disaggregations: { id: 'indicator-disaggregations', label: t('actionPlan.breakdown') },
      baseline: { id: 'indicator-baseline', label: t('actionPlan.baseline') },
      'baseline.value': { id: 'indicator-baseline', label: t('actionPlan.baseline') },
      'baseline.on': { id: 'indicator-baseline-on', label: t('actionPlan.baselineOn') },
      'targets.0.periodStart': { id: 'indicator-target-start', label: t('actionPlan.targetStart') },
      'targets.0.periodEnd': { id: 'indicator-target-end', label: t('actionPlan.targetEnd') },
      'targets.0.value': { id: 'indicator-target', label: t('actionPlan.target') },
    },
    empty,
    {
      request: (v) => ({
        code: v.code, title: v.title, type: v.type || undefined, activityId: v.activityId || undefined,
        baseline: v.baseline || v.baselineOn ? { value: numberOrUndefined(v.baseline), on: v.baselineOn } : undefined,
        targets: v.target || v.targetStart || v.targetEnd ? [{ periodStart: v.targetStart, periodEnd: v.targetEnd, value: numberOrUndefined(v.target) }] : [],
        ...(v.how === 'computed' ? { computation: v.computation || '' } : { source: v.source.trim() || undefined, disaggregations: v.disaggregations }),
      }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const computed = form.value('how') === 'computed';
  const onSubmit = form.submit(async (request) => {
    await addIndicator(plan.id, request);
    form.clear(empty);
    onAdded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="indicator-how" label={t('actionPlan.indicatorHow')} {...form.text('how')}>
          <option value="hand">{t('actionPlan.byHand')}</option>
          <option value="computed">{t('actionPlan.computed')}</option>
        </SelectField>
        <TextField id="indicator-code" label={t('actionPlan.number')} {...form.text('code')} />
        <TextField id="indicator-title" label={t('actionPlan.title')} {...form.text('title')} />
        <SelectField id="indicator-type" label={t('actionPlan.indicatorType')} hint={t('actionPlan.indicatorTypeHint')} {...form.text('type')}>
          <option value="">{t('actionPlan.choose')}</option>
          {planIndicatorTypes.map((type) => (
            <option key={type} value={type}>
              {labels.type(type)}
            </option>
          ))}
        </SelectField>
        <SelectField id="indicator-activity" label={t('actionPlan.activity')} optional {...form.text('activityId')}>
          <option value="">{t('actionPlan.wholePlan')}</option>
          {plan.activities.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} {a.title}
            </option>
          ))}
        </SelectField>
        {computed ? (
          <SelectField id="indicator-computation" label={t('actionPlan.computation')} {...form.text('computation')}>
            <option value="">{t('actionPlan.choose')}</option>
            {computedIndicatorCodes.map((code) => (
              <option key={code} value={code}>
                {labels.computation(code)}
              </option>
            ))}
          </SelectField>
        ) : (
          <>
            <TextField id="indicator-source" label={t('actionPlan.source')} hint={t('actionPlan.sourceHint')} {...form.text('source')} />
            <CheckboxGroup
              id="indicator-disaggregations"
              legend={t('actionPlan.breakdown')}
              options={indicatorDisaggregations.map((d) => ({ value: d, label: labels.disaggregation(d) }))}
              selected={form.value('disaggregations')}
              onChange={(selected) => form.set('disaggregations', selected)}
              error={form.errorFor('disaggregations')}
            />
          </>
        )}
        <TextField id="indicator-baseline" inputMode="decimal" label={t('actionPlan.baseline')} optional {...form.text('baseline')} error={form.errorFor('baseline') ?? form.errorFor('baseline.value')} />
        <TextField id="indicator-baseline-on" type="date" label={t('actionPlan.baselineOn')} optional {...form.text('baselineOn')} error={form.errorFor('baseline.on')} />
        <TextField id="indicator-target-start" type="date" label={t('actionPlan.targetStart')} optional {...form.text('targetStart')} error={form.errorFor('targets.0.periodStart')} />
        <TextField id="indicator-target-end" type="date" label={t('actionPlan.targetEnd')} optional {...form.text('targetEnd')} error={form.errorFor('targets.0.periodEnd')} />
        <TextField id="indicator-target" inputMode="decimal" label={t('actionPlan.target')} optional {...form.text('target')} error={form.errorFor('targets.0.value')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.addIndicator')}
        </button>
      </form>
    </>
  );
}
