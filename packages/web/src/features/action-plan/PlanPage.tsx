import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { planPillars, type ActivityView, type IndicatorView, type PlanView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { canSeePlanProgress, getPlan, listIndicators } from './api';
import { canSeeRecommendations } from '../recommendations/permissions';
import { IndicatorForm } from './IndicatorForm';
import { usePlanLabels, type PlanLabels } from './labels';
import { ActivityForm, ObjectiveForm } from './PlanForms';
import { MeasurementForm, ProgressForm } from './ReportForms';
import '../cases/cases.css';

/** A plan: its objectives by pillar, activities with their money and progress, indicators; the forms each reader may use. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useActiveSession();
  const [plan, reload] = useResource(() => getPlan(id), `action-plan:${id}`);
  const [indicators, reloadIndicators] = useResource(() => listIndicators(id), `action-plan:${id}:indicators`);
  const title = plan.status === 'ready' ? plan.data.title : t('actionPlan.planTitle');
  // A link to one indicator (a reminder that its measurement is due) opens the plan at that indicator.
  const { hash } = useLocation();
  const ready = plan.status === 'ready' && indicators.status === 'ready';
  useEffect(() => {
    if (ready && hash.length > 1) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [ready, hash]);
  return (
    <Page title={title}>
      {plan.status === 'loading' ? <Loading /> : null}
      {plan.status === 'failed' ? <ErrorAlert error={plan.error} /> : null}
      {plan.status === 'ready' ? (
        <PlanBody
          plan={plan.data}
          indicators={indicators.status === 'ready' ? indicators.data : []}
          progressLink={canSeePlanProgress(session.capabilities)}
          onChange={() => {
            reload();
            reloadIndicators();
          }}
        />
      ) : null}
      {indicators.status === 'failed' ? <ErrorAlert error={indicators.error} /> : null}
    </Page>
  );
}

function PlanBody({ plan, indicators, progressLink, onChange }: { plan: PlanView; indicators: IndicatorView[]; progressLink: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  return (
    <>
      <p>
        {t('actionPlan.period', { start: labels.date(plan.periodStart), end: labels.date(plan.periodEnd) })}
        {progressLink ? (
          <>
            {' '}
            <Link to={`/action-plans/${plan.id}/progress`}>{t('actionPlan.progressLink')}</Link>
          </>
        ) : null}
      </p>
      {planPillars.map((pillar) => {
        const objectives = plan.objectives.filter((o) => o.pillar === pillar);
        if (objectives.length === 0) return null;
        return (
          <section key={pillar} aria-labelledby={`pillar-${pillar}`}>
            <h2 id={`pillar-${pillar}`}>{labels.pillar(pillar)}</h2>
            {objectives.map((objective) => (
              <div key={objective.id}>
                <h3>
                  {objective.code} {objective.title}
                </h3>
                {plan.activities.filter((a) => a.objectiveId === objective.id).map((activity) => (
                  <Activity key={activity.id} activity={activity} currency={plan.currency} labels={labels} onChange={onChange} />
                ))}
              </div>
            ))}
          </section>
        );
      })}
      <section aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t('actionPlan.indicators')}</h2>
        {indicators.length === 0 ? <p>{t('actionPlan.noIndicators')}</p> : null}
        {indicators.map((indicator) => (
          <Indicator key={indicator.id} indicator={indicator} labels={labels} onChange={onChange} />
        ))}
      </section>
      {plan.mayEdit ? (
        <>
          <section aria-labelledby="add-objective-title">
            <h2 id="add-objective-title">{t('actionPlan.addObjective')}</h2>
            <ObjectiveForm plan={plan} onAdded={onChange} />
          </section>
          {plan.objectives.length > 0 ? (
            <section aria-labelledby="add-activity-title">
              <h2 id="add-activity-title">{t('actionPlan.addActivity')}</h2>
              <ActivityForm plan={plan} onAdded={onChange} />
            </section>
          ) : null}
          <section aria-labelledby="add-indicator-title">
            <h2 id="add-indicator-title">{t('actionPlan.addIndicator')}</h2>
            <IndicatorForm plan={plan} onAdded={onChange} />
          </section>
        </>
      ) : null}
    </>
  );
}

function Activity({ activity, currency, labels, onChange }: { activity: ActivityView; currency: string; labels: PlanLabels; onChange: () => void }) {
  const { t } = useTranslation();
  const { capabilities } = useActiveSession();
  return (
    <article className="card" aria-labelledby={`activity-${activity.id}`}>
      <h4 id={`activity-${activity.id}`}>
        {activity.code} {activity.title}
      </h4>
      <dl>
        <dt>{t('actionPlan.responsible')}</dt>
        <dd>
          <bdi>{activity.responsibleOrganisationName}</bdi>
        </dd>
        {activity.partners.length > 0 ? (
          <>
            <dt>{t('actionPlan.partners')}</dt>
            <dd>{activity.partners.map((p) => p.name).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('actionPlan.dates')}</dt>
        <dd>{t('actionPlan.period', { start: labels.date(activity.startsOn), end: labels.date(activity.endsOn) })}</dd>
        <dt>{t('actionPlan.status')}</dt>
        <dd>
          {labels.status(activity.status)} ({labels.number(activity.progressPercent)} %)
        </dd>
        {activity.budgets?.map((b) => (
          <div key={b.year}>
            <dt>{t('actionPlan.budgetOfYear', { year: b.year })}</dt>
            <dd>{t('actionPlan.plannedSpent', { planned: labels.money(b.plannedMinor, currency), spent: labels.money(b.spentMinor, currency) })}</dd>
          </div>
        ))}
        {activity.funding?.map((f) => (
          <div key={f.id}>
            <dt>{labels.fundingKind(f.kind)}</dt>
            <dd>
              <bdi>{f.donor}</bdi>: {labels.money(f.amountMinor, currency)}
              {f.securedUntil ? ` ${t('actionPlan.securedUntilDate', { date: labels.date(f.securedUntil) })}` : ''}
              {f.endsBeforeActivity ? <strong> {t('actionPlan.sustainabilityRisk')}</strong> : null}
            </dd>
          </div>
        ))}
      </dl>
      {canSeeRecommendations(capabilities) ? (
        <p>
          <Link to={`/recommendations?activity=${activity.id}`}>{t('recommendations.answeredByActivity')}</Link>
        </p>
      ) : null}
      {activity.mayReport ? (
        <details>
          <summary>{t('actionPlan.recordProgress')}</summary>
          <ProgressForm activity={activity} currency={currency} onRecorded={onChange} />
        </details>
      ) : null}
    </article>
  );
}

function Indicator({ indicator, labels, onChange }: { indicator: IndicatorView; labels: PlanLabels; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <article className="card" aria-labelledby={`indicator-${indicator.id}`}>
      <h3 id={`indicator-${indicator.id}`}>
        {indicator.code} {indicator.title}
      </h3>
      <p>
        {labels.type(indicator.type)} · {indicator.computation ? t('actionPlan.computedFrom', { what: labels.computation(indicator.computation) }) : t('actionPlan.sourceIs', { source: indicator.source ?? '' })}
        {indicator.baseline ? ` · ${t('actionPlan.baselineIs', { value: labels.number(indicator.baseline.value), date: labels.date(indicator.baseline.on) })}` : ''}
      </p>
      {indicator.computation ? <p className="hint">{t('actionPlan.computedHow')}</p> : null}
      {indicator.series.length > 0 ? (
        <table>
          <caption>{t('actionPlan.valuesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('actionPlan.periodColumn')}</th>
              <th scope="col">{t('actionPlan.value')}</th>
              <th scope="col">{t('actionPlan.target')}</th>
            </tr>
          </thead>
          <tbody>
            {indicator.series.map((p) => (
              <tr key={`${p.periodStart}${p.periodEnd}`}>
                <td>{t('actionPlan.period', { start: labels.date(p.periodStart), end: labels.date(p.periodEnd) })}</td>
                <td>{p.value === null ? t('actionPlan.noValue') : labels.number(p.value)}</td>
                <td>{p.target === null ? '' : labels.number(p.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {indicator.mayMeasure ? (
        <details>
          <summary>{t('actionPlan.recordMeasurement')}</summary>
          <MeasurementForm indicator={indicator} onRecorded={onChange} />
        </details>
      ) : null}
    </article>
  );
}
