import { useTranslation } from 'react-i18next';
import { createActivityRequest, createObjectiveRequest, fundingKinds, planPillars, type PlanView } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addActivity, addObjective, listPlanOrganisations } from './api';
import { numberOrUndefined, toMinor, usePlanLabels } from './labels';

/** The coordinator adds an objective under one of the four pillars. */
export function ObjectiveForm({ plan, onAdded }: { plan: PlanView; onAdded: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const form = useContractForm(
    createObjectiveRequest,
    {
      pillar: { id: 'objective-pillar', label: t('actionPlan.pillar') },
      code: { id: 'objective-code', label: t('actionPlan.number') },
      title: { id: 'objective-title', label: t('actionPlan.title') },
    },
    { pillar: '', code: '', title: '' },
    { request: (v) => ({ ...v, pillar: v.pillar || undefined }), localise: (issues) => localiseIssues(t, issues) },
  );
  const onSubmit = form.submit(async (request) => {
    await addObjective(plan.id, request);
    form.clear({ pillar: form.values().pillar, code: '', title: '' });
    onAdded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="objective-pillar" label={t('actionPlan.pillar')} {...form.text('pillar')}>
          <option value="">{t('actionPlan.choose')}</option>
          {planPillars.map((p) => (
            <option key={p} value={p}>
              {labels.pillar(p)}
            </option>
          ))}
        </SelectField>
        <TextField id="objective-code" label={t('actionPlan.number')} hint={t('actionPlan.numberHint')} {...form.text('code')} />
        <TextField id="objective-title" label={t('actionPlan.title')} {...form.text('title')} />
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
  const empty = { objectiveId: '', code: '', title: '', responsibleOrganisationId: '', startsOn: '', endsOn: '', year: '', planned: '', kind: '', donor: '', amount: '', securedUntil: '' };
  const form = useContractForm(
    createActivityRequest,
    {
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
    },
    empty,
    {
      request: (v) => ({
        objectiveId: v.objectiveId || undefined, code: v.code, title: v.title, responsibleOrganisationId: v.responsibleOrganisationId || undefined, startsOn: v.startsOn, endsOn: v.endsOn,
        budgets: v.year || v.planned ? [{ year: numberOrUndefined(v.year), plannedMinor: toMinor(v.planned, plan.currency) }] : [],
        funding: v.kind || v.donor || v.amount ? [{ kind: v.kind || undefined, donor: v.donor, amountMinor: toMinor(v.amount, plan.currency), securedUntil: v.securedUntil || undefined }] : [],
      }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const onSubmit = form.submit(async (request) => {
    await addActivity(plan.id, request);
    form.clear(empty);
    onAdded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="activity-objective" label={t('actionPlan.objective')} {...form.text('objectiveId')}>
          <option value="">{t('actionPlan.choose')}</option>
          {plan.objectives.map((o) => (
            <option key={o.id} value={o.id}>
              {o.code} {o.title} ({labels.pillar(o.pillar)})
            </option>
          ))}
        </SelectField>
        <TextField id="activity-code" label={t('actionPlan.number')} {...form.text('code')} />
        <TextField id="activity-title" label={t('actionPlan.title')} {...form.text('title')} />
        <SelectField id="activity-responsible" label={t('actionPlan.responsible')} {...form.text('responsibleOrganisationId')}>
          <option value="">{t('actionPlan.choose')}</option>
          {(organisations.status === 'ready' ? organisations.data : []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField id="activity-starts" type="date" label={t('actionPlan.startsOn')} {...form.text('startsOn')} />
        <TextField id="activity-ends" type="date" label={t('actionPlan.endsOn')} {...form.text('endsOn')} />
        <fieldset>
          <legend>{t('actionPlan.budget')}</legend>
          <TextField id="activity-year" inputMode="numeric" label={t('actionPlan.budgetYear')} optional {...form.text('year')} error={form.errorFor('budgets.0.year')} />
          <TextField id="activity-planned" inputMode="decimal" label={t('actionPlan.planned')} hint={plan.currency} optional {...form.text('planned')} error={form.errorFor('budgets.0.plannedMinor')} />
        </fieldset>
        <fieldset>
          <legend>{t('actionPlan.funding')}</legend>
          <SelectField id="activity-funding-kind" label={t('actionPlan.fundingKind')} optional {...form.text('kind')} error={form.errorFor('funding.0.kind')}>
            <option value="">{t('actionPlan.choose')}</option>
            {fundingKinds.map((k) => (
              <option key={k} value={k}>
                {labels.fundingKind(k)}
              </option>
            ))}
          </SelectField>
          <TextField id="activity-donor" label={t('actionPlan.donor')} optional {...form.text('donor')} error={form.errorFor('funding.0.donor')} />
          <TextField id="activity-amount" inputMode="decimal" label={t('actionPlan.fundingAmount')} hint={plan.currency} optional {...form.text('amount')} error={form.errorFor('funding.0.amountMinor')} />
          <TextField id="activity-secured" type="date" label={t('actionPlan.securedUntil')} optional {...form.text('securedUntil')} error={form.errorFor('funding.0.securedUntil')} />
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.addActivity')}
        </button>
      </form>
    </>
  );
}
