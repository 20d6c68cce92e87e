import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PublicView, PublicViewContent } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../components/Status';
import { usePlanLabels } from '../action-plan/labels';
import { getPublicView } from './api';
import { DeterminantsSection, IndicatorsSection, RecommendationsSection } from './PublicSections';
import './public-view.css';

type State = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; view: PublicView | null };

/**
 * The public page: what the national coordinator published, read by anyone without signing in (loaded on demand, with
 * the public area of the words: i18n locale areas). Read-only; every code worded in the reader's language, names and
 * texts shown as typed.
 */
export function PublicViewPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    getPublicView().then(
      (view) => !cancelled && setState({ status: 'ready', view }),
      (error: unknown) => !cancelled && setState({ status: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <Page title={t('publicView.title')}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'failed' ? <ErrorAlert error={state.error} /> : null}
      {state.status === 'ready' && state.view === null ? <p>{t('publicView.notPublished')}</p> : null}
      {state.status === 'ready' && state.view !== null ? <PublishedPage view={state.view} /> : null}
      <p>
        <Link to="/">{t('publicView.signIn')}</Link>
      </p>
    </Page>
  );
}

function PublishedPage({ view }: { view: PublicView }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const { content } = view;
  return (
    <div className="public-view">
      <p className="public-meta">
        {t('publicView.publishedBy', { date: labels.date(view.publishedAt.slice(0, 10)) })} <bdi>{view.publishedBy}</bdi>. {t('publicView.asOf', { date: labels.date(content.plan.asOf) })}
      </p>
      <PublicPlanBody content={content} />
    </div>
  );
}

/** The page's content: also what the coordinator's preview shows before publishing. */
export function PublicPlanBody({ content }: { content: PublicViewContent }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const { plan } = content;
  const money = (minor: number) => labels.money(minor, plan.currency);
  return (
    <>
      <section aria-labelledby="public-plan">
        <h2 id="public-plan">
          <bdi>{plan.title}</bdi>
        </h2>
        <p>{t('publicView.period', { from: labels.date(plan.periodStart), to: labels.date(plan.periodEnd) })}</p>
        <table>
          <caption>{t('publicView.pillarsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('publicView.pillar')}</th>
              <th scope="col">{t('publicView.activities')}</th>
              <th scope="col">{t('publicView.late')}</th>
              <th scope="col">{t('publicView.planned')}</th>
              <th scope="col">{t('publicView.spent')}</th>
            </tr>
          </thead>
          <tbody>
            {content.pillars.map((p) => (
              <tr key={p.pillar}>
                <th scope="row">{labels.pillar(p.pillar)}</th>
                <td>{labels.number(p.activities)}</td>
                <td>{labels.number(p.late)}</td>
                <td>{money(p.plannedMinor)}</td>
                <td>{money(p.spentMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="public-objectives">
        <h2 id="public-objectives">{t('publicView.objectivesHeading')}</h2>
        {content.objectives.map((o) => (
          <div key={o.code} className="public-objective">
            <h3>
              <bdi>
                {o.code} {o.title}
              </bdi>{' '}
              <span className="public-pillar">({labels.pillar(o.pillar)})</span>
            </h3>
            {o.activities.length === 0 ? (
              <p>{t('publicView.noActivities')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('publicView.activity')}</th>
                    <th scope="col">{t('publicView.responsible')}</th>
                    <th scope="col">{t('publicView.dates')}</th>
                    <th scope="col">{t('publicView.statusColumn')}</th>
                    <th scope="col">{t('publicView.timeliness')}</th>
                    <th scope="col">{t('publicView.planned')}</th>
                    <th scope="col">{t('publicView.spent')}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.activities.map((a) => (
                    <tr key={a.code}>
                      <td>
                        <bdi>
                          {a.code} {a.title}
                        </bdi>
                      </td>
                      <td>
                        <bdi>{a.organisationName}</bdi>
                      </td>
                      <td>{t('publicView.period', { from: labels.date(a.startsOn), to: labels.date(a.endsOn) })}</td>
                      <td>
                        {labels.status(a.status)} ({t('publicView.percent', { value: labels.number(a.progressPercent) })})
                      </td>
                      <td className={a.late ? 'public-late' : undefined}>{a.late ? t('publicView.lateYes') : t('publicView.onTime')}</td>
                      <td>{money(a.plannedMinor)}</td>
                      <td>{money(a.spentMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>
      <IndicatorsSection indicators={content.indicators} />
      <RecommendationsSection recommendations={content.recommendations} />
      <DeterminantsSection determinants={content.determinants} />
    </>
  );
}
