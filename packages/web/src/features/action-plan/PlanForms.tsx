import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createActivityRequest, createObjectiveRequest, fundingKinds, planPillars, type PlanView } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addActivity, addObjective, listPlanOrganisations } from './api';
import { numberOrUndefined, toMinor, usePlanLabels } from './labels';

/** The coordinator adds an objective under one of the four pillars. */
export function ObjectiveForm({ plan, onAdded }: { plan: PlanView; onAdded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const [pillar, setPillar] = useState('');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const form = useForm({
    pillar: { id: 'objective-pillar', label: t('actionPlan.pillar') },
    code: { id: 'objective-code', label: t('actionPlan.number') },
    title: { id: 'objective-title', label: t('actionPlan.title') },
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createObjectiveRequest, { pillar: pillar || undefined, code, title });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    if (await form.run(async () => void (await addObjective(plan.id, checked.data)))) {
      setCode('');
      setTitle('');
      onAdded();
    }
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="objective-pillar" label={t('actionPlan.pillar')} value={pillar} onValueChange={setPillar} error={form.errorFor('pillar')}>
          <option value="">{t('actionPlan.choose')}</option>
          {planPillars.map((p) => (
            <option key={p} value={p}>
              {labels.pillar(p)}
            </option>
          ))}
        </SelectField>
        <TextField id="objective-code" label={t('actionPlan.number')} hint={t('actionPlan.numberHint')} value={code} onValueChange={setCode} error={form.errorFor('code')} />
        <TextField id="objective-title" label={t('actionPlan.title')} value={title} onValueChange={setTitle} error={form.errorFor('title')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.addObjective')}
        </button>
      </form>
    </>
  );
}

/** The coordinator adds an activity: responsible organisation, dates, a year's budget and a funding source. */
export function ActivityForm({ plan, onAdded }: { plan: PlanView; onAdded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const [organisations] = useResource(listPlanOrganisations, 'action-plan:organisations');
  const [v, setV] = useState({ objectiveId: '', code: '', title: '', responsibleOrganisationId: '', startsOn: '', endsOn: '', year: '', planned: '', kind: '', donor: '', amount: '', securedUntil: '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useForm({
    objectiveId: { id: 'activity-objective', label: t('actionPlan.objective') },
    code: { id: 'activity-code', label: t('actionPlan.number') },
    title: { id: 'activity-title', label: t('actionPlan.title') },
    responsibleOrganisationId: { id: 'activity-responsible', label: t('actionPlan.responsible') },
    startsOn: { id: 'activity-starts', label: t('actionPlan.startsOn') },
    endsOn: { id: 'activity-ends', label: t('actionPlan.endsOn') },
    'budgets.0.year': { id: 'activity-year', label: t('actionPlan.budgetYear') },
    'budgets.0.plannedMinor': { id: 'activity-planned', label: t('actionPlan.planned') },
    'funding.0.kind': { id: 'activity-funding-kind', label: t('actionPlan.fundingKind') },
    'funding.0.donor': { id: 'activity-donor', label: t('actionPlan.donor') },
    'funding.0.amountMinor': { id: 'activity-amount', label: t('actionPlan.fundingAmount') },
    'funding.0.securedUntil': { id: 'activity-secured', label: t('actionPlan.securedUntil') },
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const budget = v.year || v.planned ? [{ year: numberOrUndefined(v.year), plannedMinor: toMinor(v.planned, plan.currency) }] : [];
    const funding = v.kind || v.donor || v.amount ? [{ kind: v.kind || undefined, donor: v.donor, amountMinor: toMinor(v.amount, plan.currency), securedUntil: v.securedUntil || undefined }] : [];
    const checked = validate(createActivityRequest, {
      objectiveId: v.objectiveId || undefined, code: v.code, title: v.title, responsibleOrganisationId: v.responsibleOrganisationId || undefined, startsOn: v.startsOn, endsOn: v.endsOn, budgets: budget, funding,
    });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    if (await form.run(async () => void (await addActivity(plan.id, checked.data)))) {
      setV({ objectiveId: '', code: '', title: '', responsibleOrganisationId: '', startsOn: '', endsOn: '', year: '', planned: '', kind: '', donor: '', amount: '', securedUntil: '' });
      onAdded();
    }
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="activity-objective" label={t('actionPlan.objective')} value={v.objectiveId} onValueChange={set('objectiveId')} error={form.errorFor('objectiveId')}>
          <option value="">{t('actionPlan.choose')}</option>
          {plan.objectives.map((o) => (
            <option key={o.id} value={o.id}>
              {o.code} {o.title} ({labels.pillar(o.pillar)})
            </option>
          ))}
        </SelectField>
        <TextField id="activity-code" label={t('actionPlan.number')} value={v.code} onValueChange={set('code')} error={form.errorFor('code')} />
        <TextField id="activity-title" label={t('actionPlan.title')} value={v.title} onValueChange={set('title')} error={form.errorFor('title')} />
        <SelectField id="activity-responsible" label={t('actionPlan.responsible')} value={v.responsibleOrganisationId} onValueChange={set('responsibleOrganisationId')} error={form.errorFor('responsibleOrganisationId')}>
          <option value="">{t('actionPlan.choose')}</option>
          {(organisations.status === 'ready' ? organisations.data : []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField id="activity-starts" type="date" label={t('actionPlan.startsOn')} value={v.startsOn} onValueChange={set('startsOn')} error={form.errorFor('startsOn')} />
        <TextField id="activity-ends" type="date" label={t('actionPlan.endsOn')} value={v.endsOn} onValueChange={set('endsOn')} error={form.errorFor('endsOn')} />
        <fieldset>
          <legend>{t('actionPlan.budget')}</legend>
          <TextField id="activity-year" inputMode="numeric" label={t('actionPlan.budgetYear')} optional value={v.year} onValueChange={set('year')} error={form.errorFor('budgets.0.year')} />
          <TextField id="activity-planned" inputMode="decimal" label={t('actionPlan.planned')} hint={plan.currency} optional value={v.planned} onValueChange={set('planned')} error={form.errorFor('budgets.0.plannedMinor')} />
        </fieldset>
        <fieldset>
          <legend>{t('actionPlan.funding')}</legend>
          <SelectField id="activity-funding-kind" label={t('actionPlan.fundingKind')} optional value={v.kind} onValueChange={set('kind')} error={form.errorFor('funding.0.kind')}>
            <option value="">{t('actionPlan.choose')}</option>
            {fundingKinds.map((k) => (
              <option key={k} value={k}>
                {labels.fundingKind(k)}
              </option>
            ))}
          </SelectField>
          <TextField id="activity-donor" label={t('actionPlan.donor')} optional value={v.donor} onValueChange={set('donor')} error={form.errorFor('funding.0.donor')} />
          <TextField id="activity-amount" inputMode="decimal" label={t('actionPlan.fundingAmount')} hint={plan.currency} optional value={v.amount} onValueChange={set('amount')} error={form.errorFor('funding.0.amountMinor')} />
          <TextField id="activity-secured" type="date" label={t('actionPlan.securedUntil')} optional value={v.securedUntil} onValueChange={set('securedUntil')} error={form.errorFor('funding.0.securedUntil')} />
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.addActivity')}
        </button>
      </form>
    </>
  );
}
