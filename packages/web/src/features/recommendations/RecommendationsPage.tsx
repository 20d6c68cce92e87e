import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { implementationStatuses, recommendationBodies, recommendationFilters, recommendationResponses, recommendationThemes, type RecommendationFilters } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { listRecommendations } from './api';
import { canRecordRecommendations } from './permissions';
import { excerpt, isolate, useRecommendationLabels } from './labels';
import '../cases/cases.css';
import './recommendations.css';

const filterNames = ['body', 'theme', 'response', 'status'] as const;

/** The recommendations of monitoring bodies, filtered by body, theme, response and status (kept in the address). */
export function RecommendationsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const labels = useRecommendationLabels();
  const [params, setParams] = useSearchParams();
  const parsed = recommendationFilters.safeParse(Object.fromEntries([...filterNames, 'activity'].map((name) => [name, params.get(name) || undefined])));
  const filters: RecommendationFilters = parsed.success ? parsed.data : {};
  const key = [...filterNames, 'activity' as const].map((name) => filters[name] ?? '').join('|');
  const withoutActivity = () => {
    const next = new URLSearchParams(params);
    next.delete('activity');
    return `/recommendations${next.toString() === '' ? '' : `?${next.toString()}`}`;
  };
  const [list] = useResource(() => listRecommendations(filters), `recommendations:${key}`);
  const choose = (name: (typeof filterNames)[number]) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filter = (name: (typeof filterNames)[number], label: string, options: Array<{ value: string; label: string }>) => (
    <SelectField id={`filter-${name}`} label={label} required={false} value={filters[name] ?? ''} onValueChange={choose(name)}>
      <option value="">{t('recommendations.all')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
  return (
    <Page title={t('recommendations.title')}>
      <p>{t('recommendations.intro')}</p>
      <p>
        <Link to="/recommendations/reference-series">{t('recommendations.referenceSeries.link')}</Link>
      </p>
      {canRecordRecommendations(session.capabilities) ? (
        <p>
          <Link to="/recommendations/new" className="button-link">
            {t('recommendations.record')}
          </Link>{' '}
          <Link to="/recommendations/import" className="button-link">
            {t('recommendations.import.link')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('recommendations.filterTitle')} onSubmit={(event) => event.preventDefault()}>
        {filter('body', t('recommendations.sourceBody'), recommendationBodies.map((b) => ({ value: b, label: labels.body(b) })))}
        {filter('theme', t('recommendations.theme'), recommendationThemes.map((c) => ({ value: c, label: labels.theme(c) })))}
        {filter('response', t('recommendations.response'), [...recommendationResponses, 'none' as const].map((r) => ({ value: r, label: labels.response(r === 'none' ? null : r) })))}
        {filter('status', t('recommendations.status'), implementationStatuses.map((s) => ({ value: s, label: labels.status(s) })))}
      </form>
      {filters.activity ? (
        <p>
          {t('recommendations.byActivity')} <Link to={withoutActivity()}>{t('recommendations.allActivities')}</Link>
        </p>
      ) : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {list.status === 'ready' && list.data.length === 0 ? <p>{t('recommendations.none')}</p> : null}
      {list.status === 'ready' && list.data.length > 0 ? (
        <div className="table-wrap">
          <table className="recommendation-list">
            <caption>{t('recommendations.listCaption', { number: list.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recommendations.recommendation')}</th>
                <th scope="col">{t('recommendations.bodyCycleDate')}</th>
                <th scope="col">{t('recommendations.urgency')}</th>
                <th scope="col">{t('recommendations.response')}</th>
                <th scope="col">{t('recommendations.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/recommendations/${r.id ?? ''}`}>
                      <bdi>{excerpt(r.text ?? '')}</bdi>
                    </Link>
                  </td>
                  <td>
                    {labels.body(r.sourceBody)}
                    <br />
                    <span className="muted">{t('recommendations.cycleAndDate', { cycle: isolate(r.cycle ?? ''), date: r.issuedOn ? labels.date(r.issuedOn) : '' })}</span>
                  </td>
                  <td>{labels.urgency(r.urgency)}</td>
                  <td>{labels.response(r.response)}</td>
                  <td>{labels.status(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
