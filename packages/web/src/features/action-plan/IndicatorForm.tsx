import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { computedIndicatorCodes, createIndicatorRequest, indicatorDisaggregations, planIndicatorTypes, type PlanView } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addIndicator } from './api';
import { numberOrUndefined, usePlanLabels } from './labels';

type Disaggregation = (typeof indicatorDisaggregations)[number];

/** The coordinator adds an indicator: entered by hand (with its source) or computed from the platform's records. */
export function IndicatorForm({ plan, onAdded }: { plan: PlanView; onAdded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const empty = { how: 'hand', code: '', title: '', type: '', activityId: '', computation: '', source: '', baseline: '', baselineOn: '', targetStart: '', targetEnd: '', target: '' };
  const [v, setV] = useState(empty);
  const [disaggregations, setDisaggregations] = useState<Disaggregation[]>([]);
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useForm({
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
  });
  const computed = v.how === 'computed';
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const targets = v.target || v.targetStart || v.targetEnd ? [{ periodStart: v.targetStart, periodEnd: v.targetEnd, value: numberOrUndefined(v.target) }] : [];
    const baseline = v.baseline || v.baselineOn ? { value: numberOrUndefined(v.baseline), on: v.baselineOn } : undefined;
    const checked = validate(createIndicatorRequest, {
      code: v.code, title: v.title, type: v.type || undefined, activityId: v.activityId || undefined, baseline, targets,
      ...(computed ? { computation: v.computation || '' } : { source: v.source.trim() || undefined, disaggregations }),
    });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    if (await form.run(async () => void (await addIndicator(plan.id, checked.data)))) {
      setV(empty);
      setDisaggregations([]);
      onAdded();
    }
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="indicator-how" label={t('actionPlan.indicatorHow')} value={v.how} onValueChange={set('how')}>
          <option value="hand">{t('actionPlan.byHand')}</option>
          <option value="computed">{t('actionPlan.computed')}</option>
        </SelectField>
        <TextField id="indicator-code" label={t('actionPlan.number')} value={v.code} onValueChange={set('code')} error={form.errorFor('code')} />
        <TextField id="indicator-title" label={t('actionPlan.title')} value={v.title} onValueChange={set('title')} error={form.errorFor('title')} />
        <SelectField id="indicator-type" label={t('actionPlan.indicatorType')} hint={t('actionPlan.indicatorTypeHint')} value={v.type} onValueChange={set('type')} error={form.errorFor('type')}>
          <option value="">{t('actionPlan.choose')}</option>
          {planIndicatorTypes.map((type) => (
            <option key={type} value={type}>
              {labels.type(type)}
            </option>
          ))}
        </SelectField>
        <SelectField id="indicator-activity" label={t('actionPlan.activity')} optional value={v.activityId} onValueChange={set('activityId')} error={form.errorFor('activityId')}>
          <option value="">{t('actionPlan.wholePlan')}</option>
          {plan.activities.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} {a.title}
            </option>
          ))}
        </SelectField>
        {computed ? (
          <SelectField id="indicator-computation" label={t('actionPlan.computation')} value={v.computation} onValueChange={set('computation')} error={form.errorFor('computation')}>
            <option value="">{t('actionPlan.choose')}</option>
            {computedIndicatorCodes.map((code) => (
              <option key={code} value={code}>
                {labels.computation(code)}
              </option>
            ))}
          </SelectField>
        ) : (
          <>
            <TextField id="indicator-source" label={t('actionPlan.source')} hint={t('actionPlan.sourceHint')} value={v.source} onValueChange={set('source')} error={form.errorFor('source')} />
            <CheckboxGroup
              id="indicator-disaggregations"
              legend={t('actionPlan.breakdown')}
              options={indicatorDisaggregations.map((d) => ({ value: d, label: labels.disaggregation(d) }))}
              selected={disaggregations}
              onChange={setDisaggregations}
              error={form.errorFor('disaggregations')}
            />
          </>
        )}
        <TextField id="indicator-baseline" inputMode="decimal" label={t('actionPlan.baseline')} optional value={v.baseline} onValueChange={set('baseline')} error={form.errorFor('baseline') ?? form.errorFor('baseline.value')} />
        <TextField id="indicator-baseline-on" type="date" label={t('actionPlan.baselineOn')} optional value={v.baselineOn} onValueChange={set('baselineOn')} error={form.errorFor('baseline.on')} />
        <TextField id="indicator-target-start" type="date" label={t('actionPlan.targetStart')} optional value={v.targetStart} onValueChange={set('targetStart')} error={form.errorFor('targets.0.periodStart')} />
        <TextField id="indicator-target-end" type="date" label={t('actionPlan.targetEnd')} optional value={v.targetEnd} onValueChange={set('targetEnd')} error={form.errorFor('targets.0.periodEnd')} />
        <TextField id="indicator-target" inputMode="decimal" label={t('actionPlan.target')} optional value={v.target} onValueChange={set('target')} error={form.errorFor('targets.0.value')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.addIndicator')}
        </button>
      </form>
    </>
  );
}
