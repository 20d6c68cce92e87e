import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RecommendationView } from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { ErrorAlert, Loading } from '../../components/Status';
import { CheckboxField } from '../cases/controls';
import { linkActivities, linkCluster, listPlanActivities } from './api';
import { UnlinkActivity } from './UnlinkActivity';
import { isolate, localiseRecommendationIssues, translatingRefusals, useRecommendationLabels } from './labels';
import { RecommendationLine } from './RecommendationLine';

interface SectionProps {
  view: RecommendationView;
  onChange: () => void;
}

/**
 * The other members of the recommendation's cluster, and (for those who link, never civil society: the server leaves
 * `similar` out) the near-identical recommendations of other bodies offered to join it at once.
 */
export function ClusterSection({ view, onChange }: SectionProps) {
  const { t } = useTranslation();
  const { capabilities } = useActiveSession();
  const labels = useRecommendationLabels();
  const cluster = view.cluster ?? [];
  const similar = view.similar;
  const [chosen, setChosen] = useState<string[]>([]);
  const form = useForm({ recommendationIds: { id: 'cluster-choice', label: t('recommendations.suggestions') } });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length === 0) return form.fail(localiseRecommendationIssues(t, [{ field: 'recommendationIds', problem: 'must choose at least one' }]));
    if (await form.run(async () => void (await translatingRefusals(t, () => linkCluster([view.id ?? '', ...chosen]))))) {
      setChosen([]);
      onChange();
    }
  }
  return (
    <section aria-labelledby="cluster-title">
      <h2 id="cluster-title">{t('recommendations.clusterTitle')}</h2>
      {cluster.length === 0 ? <p>{t('recommendations.noCluster')}</p> : null}
      {cluster.length > 0 ? (
        <ul>
          {cluster.map((r) => (
            <li key={r.id}>
              <RecommendationLine r={r} labels={labels} />
            </li>
          ))}
        </ul>
      ) : null}
      {similar !== undefined ? (
        <>
          <h3 id="suggestions-title">{t('recommendations.suggestions')}</h3>
          <p className="hint">{t('recommendations.suggestionsHint')}</p>
          {similar.length === 0 ? <p>{t('recommendations.noSuggestions')}</p> : null}
          {similar.length > 0 && capabilities.clusterRecommendations ? (
            <>
              <ErrorSummary form={form} />
              <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="suggestions-title">
                <fieldset id="cluster-choice" tabIndex={-1} className="field checkbox-group">
                  <legend className="visually-hidden">{t('recommendations.suggestions')}</legend>
                  {similar.map((r) => (
                    <div className="checkbox" key={r.id}>
                      <input
                        id={`similar-${r.id}`}
                        type="checkbox"
                        checked={chosen.includes(r.id)}
                        onChange={() => setChosen((old) => (old.includes(r.id) ? old.filter((x) => x !== r.id) : [...old, r.id]))}
                      />
                      <label htmlFor={`similar-${r.id}`}>
                        {t('recommendations.suggestionDetails', {
                          share: labels.percent(r.similarity),
                          body: labels.body(r.sourceBody),
                          when: t('recommendations.cycleAndDate', { cycle: isolate(r.cycle), date: labels.date(r.issuedOn) }),
                        })}{' '}
                        <bdi>{r.text}</bdi>
                      </label>
                    </div>
                  ))}
                </fieldset>
                <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
                  {t('recommendations.linkCluster')}
                </button>
              </form>
            </>
          ) : null}
          {similar.length > 0 && !capabilities.clusterRecommendations ? (
            <ul>
              {similar.map((r) => (
                <li key={r.id}>
                  <RecommendationLine r={r} labels={labels} />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The plan's activities answering the recommendation; the coordinator links more, to the whole cluster at once. */
export function ActivitiesSection({ view, onChange }: SectionProps) {
  const { t } = useTranslation();
  const { capabilities } = useActiveSession();
  const activities = view.activities ?? [];
  return (
    <section aria-labelledby="activities-title">
      <h2 id="activities-title">{t('recommendations.activitiesTitle')}</h2>
      {activities.length === 0 ? <p>{t('recommendations.noActivities')}</p> : null}
      {activities.length > 0 ? (
        <ul>
          {activities.map((a) => (
            <li key={a.id}>
              <bdi>{a.title}</bdi> <Link to={`/recommendations?activity=${a.id}`}>{t('recommendations.answeredByActivity')}</Link>
              {capabilities.linkRecommendationActivities ? <UnlinkActivity recommendationId={view.id ?? ''} activity={a} onDone={onChange} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {capabilities.linkRecommendationActivities ? <LinkActivitiesForm view={view} onChange={onChange} /> : null}
    </section>
  );
}

function LinkActivitiesForm({ view, onChange }: SectionProps) {
  const { t } = useTranslation();
  const [plans] = useResource(listPlanActivities, 'recommendations:plan-activities');
  const [chosen, setChosen] = useState<string[]>([]);
  const [withCluster, setWithCluster] = useState(true);
  const clusterSize = (view.cluster ?? []).length;
  const linked = new Set((view.activities ?? []).map((a) => a.id));
  const form = useForm({ activityIds: { id: 'activity-choice', label: t('recommendations.activitiesToLink') } });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length === 0) return form.fail(localiseRecommendationIssues(t, [{ field: 'activityIds', problem: 'must name at least one activity' }]));
    if (await form.run(async () => void (await translatingRefusals(t, () => linkActivities(view.id ?? '', chosen, withCluster && clusterSize > 0))))) {
      setChosen([]);
      onChange();
    }
  }
  if (plans.status === 'loading') return <Loading />;
  if (plans.status === 'failed') return <ErrorAlert error={plans.error} />;
  const open = plans.data.map((p) => ({ ...p, activities: p.activities.filter((a) => !linked.has(a.id)) })).filter((p) => p.activities.length > 0);
  if (open.length === 0) return <p>{t('recommendations.noActivitiesToLink')}</p>;
  return (
    <>
      <h3 id="link-activities-title">{t('recommendations.linkActivitiesTitle')}</h3>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="link-activities-title">
        <fieldset id="activity-choice" tabIndex={-1} className="field checkbox-group">
          <legend>{t('recommendations.activitiesToLink')}</legend>
          {form.errorFor('activityIds') ? <p className="field-error">{form.errorFor('activityIds')}</p> : null}
          {open.map((plan) => (
            <div key={plan.planId}>
              <p className="muted">
                <bdi>{plan.planTitle}</bdi>
              </p>
              {plan.activities.map((a) => (
                <div className="checkbox" key={a.id}>
                  <input
                    id={`activity-${a.id}`}
                    type="checkbox"
                    checked={chosen.includes(a.id)}
                    onChange={() => setChosen((old) => (old.includes(a.id) ? old.filter((x) => x !== a.id) : [...old, a.id]))}
                  />
                  <label htmlFor={`activity-${a.id}`}>
                    <bdi>{a.label}</bdi>
                  </label>
                </div>
              ))}
            </div>
          ))}
        </fieldset>
        {clusterSize > 0 ? (
          <CheckboxField id="link-with-cluster" label={t('recommendations.withCluster', { number: clusterSize })} checked={withCluster} onChange={setWithCluster} />
        ) : null}
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('recommendations.linkActivities')}
        </button>
      </form>
    </>
  );
}
