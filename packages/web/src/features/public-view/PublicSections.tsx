import { useTranslation } from 'react-i18next';
import { implementationStatuses, type PublicViewContent } from '@palermo/contracts';
import { usePlanLabels } from '../action-plan/labels';
import { useRecommendationLabels } from '../recommendations/labels';
import { useDeterminantLabels } from '../determinants/labels';

/** Indicators with their baseline and each period's value against its target; computed ones said to be adjusted. */
export function IndicatorsSection({ indicators }: { indicators: PublicViewContent['indicators'] }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const value = (v: number | null, measure: string) => (v === null ? t('publicView.noValue') : measure === 'percent' ? t('publicView.percent', { value: labels.number(v) }) : labels.number(v));
  return (
    <section aria-labelledby="public-indicators">
      <h2 id="public-indicators">{t('publicView.indicatorsHeading')}</h2>
      <p>{t('publicView.perturbedNote')}</p>
      {indicators.map((i) => (
        <div key={i.code} className="public-indicator">
          <h3>
            <bdi>
              {i.code} {i.title}
            </bdi>
          </h3>
          <p>
            {labels.type(i.type)}. {i.computation ? t('publicView.computedFrom', { what: labels.computation(i.computation) }) : <>{t('publicView.source')} <bdi>{i.source}</bdi>.</>}
            {i.baseline ? <> {t('publicView.baseline', { value: value(i.baseline.value, i.measure), date: labels.date(i.baseline.on) })}</> : null}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('publicView.periodColumn')}</th>
                <th scope="col">{t('publicView.value')}</th>
                <th scope="col">{t('publicView.target')}</th>
              </tr>
            </thead>
            <tbody>
              {i.series.map((p) => (
                <tr key={`${p.periodStart}|${p.periodEnd}`}>
                  <td>{t('publicView.period', { from: labels.date(p.periodStart), to: labels.date(p.periodEnd) })}</td>
                  <td>{value(p.value, i.measure)}</td>
                  <td>{p.target === null ? t('publicView.noValue') : value(p.target, i.measure)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** Recommendations counted by body and implementation status, then each one with its response and status. */
export function RecommendationsSection({ recommendations }: { recommendations: PublicViewContent['recommendations'] }) {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const plan = usePlanLabels();
  const bodies = [...new Set(recommendations.counts.map((c) => c.body))];
  const count = (body: string, status: string) => recommendations.counts.find((c) => c.body === body && c.status === status)?.count ?? 0;
  return (
    <section aria-labelledby="public-recommendations">
      <h2 id="public-recommendations">{t('publicView.recommendationsHeading')}</h2>
      {recommendations.items.length === 0 ? <p>{t('publicView.noRecommendations')}</p> : null}
      {bodies.length > 0 ? (
        <table>
          <caption>{t('publicView.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('publicView.body')}</th>
              {implementationStatuses.map((s) => (
                <th scope="col" key={s}>
                  {labels.status(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bodies.map((b) => (
              <tr key={b}>
                <th scope="row">{labels.body(b)}</th>
                {implementationStatuses.map((s) => (
                  <td key={s}>{plan.number(count(b, s))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ul className="public-recommendations">
        {recommendations.items.map((r, n) => (
          <li key={n}>
            <p>
              <strong>{labels.body(r.body)}</strong> (<bdi>{r.cycle}</bdi>{t('publicView.comma')}{labels.date(r.issuedOn)})
            </p>
            <blockquote>
              <bdi>{r.text}</bdi>
            </blockquote>
            <p>
              {t('publicView.response')} {labels.response(r.response)}. {t('publicView.statusLabel')} {labels.status(r.status)}.
              {r.activityCodes.length > 0 ? (
                <>
                  {' '}
                  {t('publicView.answeredBy')} <bdi>{r.activityCodes.join(', ')}</bdi>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The latest determinants assessment: each determinant's direction, activity, strength and influences. */
export function DeterminantsSection({ determinants }: { determinants: PublicViewContent['determinants'] }) {
  const { t, i18n } = useTranslation();
  const labels = useDeterminantLabels();
  const list = (codes: readonly string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(codes.map((c) => labels.determinant(c)));
  return (
    <section aria-labelledby="public-determinants">
      <h2 id="public-determinants">{t('publicView.determinantsHeading')}</h2>
      {determinants === null ? (
        <p>{t('publicView.noDeterminants')}</p>
      ) : (
        <>
          <p>
            <bdi>{determinants.title}</bdi> (<bdi>{labels.country(determinants.country)}</bdi>{t('publicView.comma')}{labels.period(determinants.periodFrom, determinants.periodTo)})
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('publicView.determinant')}</th>
                <th scope="col">{t('publicView.direction')}</th>
                <th scope="col">{t('publicView.activeOrPassive')}</th>
                <th scope="col">{t('publicView.strength')}</th>
                <th scope="col">{t('publicView.influences')}</th>
              </tr>
            </thead>
            <tbody>
              {determinants.entries.map((e) => (
                <tr key={e.determinant}>
                  <th scope="row">{labels.determinant(e.determinant)}</th>
                  <td>{labels.direction(e.direction)}</td>
                  <td>{labels.activity(e.activity)}</td>
                  <td>{labels.strength(e.strength)}</td>
                  <td>{e.influences.length > 0 ? list(e.influences) : t('publicView.noValue')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
