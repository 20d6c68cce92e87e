import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { RecommendationVersion, RecommendationView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { getRecommendation } from './api';
import { CommentForm, ResponseForm, StatusForm } from './ChangeForms';
import { useRecommendationLabels, type RecommendationLabels } from './labels';
import { ActivitiesSection, ClusterSection } from './LinkSections';
import '../cases/cases.css';
import './recommendations.css';

/** One recommendation: what the body asked, the response and status with their history, its cluster and activities. */
export function RecommendationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const labels = useRecommendationLabels();
  const [view, reload] = useResource(() => getRecommendation(id), `recommendation:${id}`);
  return (
    <Page title={view.status === 'ready' ? t('recommendations.oneTitleOf', { body: labels.body(view.data.sourceBody) }) : t('recommendations.oneTitle')}>
      <p>
        <Link to="/recommendations">{t('recommendations.backToList')}</Link>
      </p>
      {view.status === 'loading' ? <Loading /> : null}
      {view.status === 'failed' ? <ErrorAlert error={view.error} /> : null}
      {view.status === 'ready' ? <RecommendationBody view={view.data} onChange={reload} /> : null}
    </Page>
  );
}

function RecommendationBody({ view, onChange }: { view: RecommendationView; onChange: () => void }) {
  const { t } = useTranslation();
  const { capabilities } = useActiveSession();
  const labels = useRecommendationLabels();
  const id = view.id ?? '';
  const row = (term: string, value: ReactNode) => (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      <blockquote className="recommendation-text">
        <bdi>{view.text}</bdi>
      </blockquote>
      <dl className="details">
        {row(t('recommendations.sourceBody'), labels.body(view.sourceBody))}
        {row(t('recommendations.cycle'), <bdi>{view.cycle}</bdi>)}
        {view.paragraph ? row(t('recommendations.paragraph'), <bdi>{view.paragraph}</bdi>) : null}
        {row(t('recommendations.issuedOn'), view.issuedOn ? labels.date(view.issuedOn) : '')}
        {row(t('recommendations.themesLabel'), labels.themes(view.themes))}
        {view.addressedTo ? row(t('recommendations.addressedTo'), <bdi>{view.addressedTo}</bdi>) : null}
        {row(t('recommendations.urgency'), labels.urgency(view.urgency))}
        {row(t('recommendations.response'), labels.response(view.response))}
        {row(t('recommendations.status'), labels.status(view.status))}
      </dl>
      {capabilities.respondToRecommendations || capabilities.recordRecommendations || capabilities.commentOnRecommendations ? (
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">{t('recommendations.changesTitle')}</h2>
          {capabilities.respondToRecommendations ? (
            <details>
              <summary>{t('recommendations.recordResponse')}</summary>
              <ResponseForm recommendationId={id} onRecorded={onChange} />
            </details>
          ) : null}
          {capabilities.recordRecommendations ? (
            <details>
              <summary>{t('recommendations.recordStatus')}</summary>
              <StatusForm recommendationId={id} current={view.status ?? 'not_started'} onRecorded={onChange} />
            </details>
          ) : null}
          {capabilities.commentOnRecommendations ? (
            <details>
              <summary>{t('recommendations.comment')}</summary>
              <CommentForm recommendationId={id} onRecorded={onChange} />
            </details>
          ) : null}
        </section>
      ) : null}
      <History history={view.history ?? []} labels={labels} />
      <ClusterSection view={view} onChange={onChange} />
      <ActivitiesSection view={view} onChange={onChange} />
    </>
  );
}

function History({ history, labels }: { history: RecommendationVersion[]; labels: RecommendationLabels }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('recommendations.history')}</h2>
      <div className="table-wrap">
        <table className="recommendation-history">
          <thead>
            <tr>
              <th scope="col">{t('recommendations.effectiveOn')}</th>
              <th scope="col">{t('recommendations.change')}</th>
              <th scope="col">{t('recommendations.responseShort')}</th>
              <th scope="col">{t('recommendations.statusShort')}</th>
              <th scope="col">{t('recommendations.evidence')}</th>
              <th scope="col">{t('recommendations.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((h) => (
              <tr key={h.version}>
                <td>{labels.date(h.effectiveOn)}</td>
                <td>{labels.change(h.change)}</td>
                <td>{labels.response(h.response)}</td>
                <td>{labels.status(h.status)}</td>
                <td>
                  <bdi>{h.evidence || h.comment}</bdi>
                </td>
                <td>
                  <bdi>{h.organisationName}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
