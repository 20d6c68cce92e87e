import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { createPlanRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { canEditActionPlan, createPlan, listPlans } from './api';
import { usePlanLabels } from './labels';
import '../cases/cases.css';

/** The national action plans, and (for the coordinator) the form to create one. */
export function PlansPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const labels = usePlanLabels();
  const [plans] = useResource(listPlans, 'action-plans');
  return (
    <Page title={t('actionPlan.plansTitle')}>
      <p>{t('actionPlan.plansIntro')}</p>
      {plans.status === 'loading' ? <Loading /> : null}
      {plans.status === 'failed' ? <ErrorAlert error={plans.error} /> : null}
      {plans.status === 'ready' && plans.data.length === 0 ? <p>{t('actionPlan.noPlans')}</p> : null}
      {plans.status === 'ready' && plans.data.length > 0 ? (
        <ul>
          {plans.data.map((plan) => (
            <li key={plan.id}>
              <Link to={`/action-plans/${plan.id}`}>{plan.title}</Link> ({labels.date(plan.periodStart)} – {labels.date(plan.periodEnd)})
            </li>
          ))}
        </ul>
      ) : null}
      {canEditActionPlan(session.capabilities) ? (
        <section aria-labelledby="create-plan-title">
          <h2 id="create-plan-title">{t('actionPlan.createPlan')}</h2>
          <CreatePlanForm />
        </section>
      ) : null}
    </Page>
  );
}

function CreatePlanForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useContractForm(
    createPlanRequest,
    {
      title: { id: 'plan-title', label: t('actionPlan.title') },
      periodStart: { id: 'plan-start', label: t('actionPlan.periodStart') },
      periodEnd: { id: 'plan-end', label: t('actionPlan.periodEnd') },
      currency: { id: 'plan-currency', label: t('actionPlan.currency') },
    },
    { title: '', periodStart: '', periodEnd: '', currency: 'EUR' },
    {
      request: (v) => ({ ...v, currency: v.currency.trim().toUpperCase() }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const onSubmit = form.submit(async (request) => {
    const created = await createPlan(request);
    void navigate(`/action-plans/${created.id}`);
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="plan-title" label={t('actionPlan.title')} {...form.text('title')} />
        <TextField id="plan-start" type="date" label={t('actionPlan.periodStart')} {...form.text('periodStart')} />
        <TextField id="plan-end" type="date" label={t('actionPlan.periodEnd')} {...form.text('periodEnd')} />
        <TextField id="plan-currency" label={t('actionPlan.currency')} hint={t('actionPlan.currencyHint')} {...form.text('currency')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('actionPlan.createPlanSubmit')}
        </button>
      </form>
    </>
  );
}
