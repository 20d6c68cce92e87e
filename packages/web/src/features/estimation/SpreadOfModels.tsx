import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstimationResultView, SpreadModel } from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { ErrorAlert } from '../../components/Status';
import { publishEstimate, type EstimateSource } from './api';
import { canPublishEstimate } from './permissions';
import { useBackgroundAverage } from './model-average-api';

type Spread = NonNullable<EstimationResultView['spread']>;
type Row = Spread['rows'][number];

const WIDTH = 640;
const ROW_HEIGHT = 28;
const LABEL_WIDTH = 170;
const PAD = 16;

/** The model's name in the user's language. */
function useModelLabel(): (row: Row) => string {
  const { t } = useTranslation();
  return (row) => {
    switch (row.model) {
      case 'main':
        return t('estimation.spread.models.main');
      case 'stepwise-0.001':
        return t('estimation.spread.models.stepwise', { threshold: '0.001' });
      case 'stepwise-0.02':
        return t('estimation.spread.models.stepwise', { threshold: '0.02' });
      case 'stepwise-0.05':
        return t('estimation.spread.models.stepwise', { threshold: '0.05' });
      case 'best-aic':
        return t('estimation.spread.models.bestAic');
      case 'best-bic':
        return t('estimation.spread.models.bestBic');
      case 'bayesian-average':
        return t('estimation.spread.models.bayesianAverage');
    }
  };
}

/**
 * The same data under the models a statistician would try: one chart (each model's total and 95% interval on one
 * axis) and the table it is drawn from, with the spread said in words. A model that cannot be estimated is named
 * as such, never drawn.
 */
export function SpreadOfModels({ spread, source }: { spread: Spread; source: EstimateSource }) {
  const { t, i18n } = useTranslation();
  const session = useActiveSession();
  const mayPublish = canPublishEstimate(session.capabilities);
  const [published, setPublished] = useState(spread.published);
  const [publishing, setPublishing] = useState<SpreadModel | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  // Seven and eight lists: the model average comes from a background job, its row said to be computed meanwhile.
  const { rows, average } = useBackgroundAverage(spread.rows, source);
  const fromJob = (row: Row): boolean => row.model === 'bayesian-average' && average !== 'none';

  async function publish(model: SpreadModel) {
    setPublishing(model);
    setFailure(null);
    try {
      const done = await publishEstimate({ ...source, model });
      setPublished((earlier) => [{ model: done.model, publishedAt: done.publishedAt, publishedBy: done.publishedBy }, ...earlier]);
    } catch (error) {
      setFailure(error);
    } finally {
      setPublishing(null);
    }
  }
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const whole = (n: number): string => format.format(Math.round(n));
  const oneDecimal = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const label = useModelLabel();
  // The axis runs left to right in every language (as numbers do); the labels keep their own direction, anchored
  // at their end, which in right-to-left text is the left edge.
  const rtl = i18n.dir() === 'rtl';
  const estimated = rows.filter((row) => row.total !== null && row.lower !== null && row.upper !== null);
  const axisMax = Math.max(...estimated.map((row) => row.upper ?? 0), 1) * 1.05;
  const x = (value: number): number => LABEL_WIDTH + ((WIDTH - LABEL_WIDTH - PAD) * value) / axisMax;
  const height = rows.length * ROW_HEIGHT + 2 * PAD;
  const ratio = spread.lowest !== null && spread.highest !== null && spread.lowest > 0 ? spread.highest / spread.lowest : null;

  return (
    <section aria-labelledby="est-spread-title">
      <h3 id="est-spread-title">{t('estimation.spread.title')}</h3>
      <p>{t('estimation.spread.intro')}</p>
      {ratio !== null && spread.lowest !== null && spread.highest !== null ? (
        <p data-testid="spread-summary">
          {ratio < 1.05
            ? t('estimation.spread.agree', { lowest: whole(spread.lowest), highest: whole(spread.highest) })
            : t('estimation.spread.apart', { lowest: whole(spread.lowest), highest: whole(spread.highest), ratio: oneDecimal.format(ratio) })}
        </p>
      ) : null}
      <svg role="img" aria-labelledby="est-spread-chart-title" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }} direction="ltr">
        <title id="est-spread-chart-title">{t('estimation.spread.chartTitle')}</title>
        {rows.map((row, i) => {
          const y = PAD + i * ROW_HEIGHT + ROW_HEIGHT / 2;
          return (
            <g key={row.model}>
              <text x={LABEL_WIDTH - 8} y={y + 4} direction={rtl ? 'rtl' : 'ltr'} textAnchor={rtl ? 'start' : 'end'} fontSize="12" fill="currentColor">
                {label(row)}
              </text>
              {row.total !== null && row.lower !== null && row.upper !== null ? (
                <>
                  <line x1={x(row.lower)} x2={x(row.upper)} y1={y} y2={y} stroke="currentColor" strokeWidth="2" />
                  <line x1={x(row.lower)} x2={x(row.lower)} y1={y - 5} y2={y + 5} stroke="currentColor" strokeWidth="2" />
                  <line x1={x(row.upper)} x2={x(row.upper)} y1={y - 5} y2={y + 5} stroke="currentColor" strokeWidth="2" />
                  <circle cx={x(row.total)} cy={y} r="5" fill="currentColor" />
                </>
              ) : (
                <text x={LABEL_WIDTH + 4} y={y + 4} direction={rtl ? 'rtl' : 'ltr'} textAnchor={rtl ? 'end' : 'start'} fontSize="12" fill="currentColor">
                  {fromJob(row) && average === 'running' ? t('estimation.spread.beingComputed') : t('estimation.spread.notEstimable')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-spread-caption">
        <table className="table-dense">
          <caption id="est-spread-caption">{t('estimation.spread.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('estimation.spread.colModel')}</th>
              <th scope="col">{t('estimation.spread.colTotal')}</th>
              <th scope="col">{t('estimation.spread.colInterval')}</th>
              <th scope="col">{t('estimation.spread.colTerms')}</th>
              <th scope="col">{t('estimation.spread.colPublished')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.model}>
                <th scope="row">
                  {label(row)}
                  {row.search === 'greedy' ? ` (${t('estimation.spread.greedy')})` : ''}
                  {row.search === 'mcmc' ? ` (${t('estimation.spread.mcmc')})` : ''}
                </th>
                {row.total !== null && row.lower !== null && row.upper !== null ? (
                  <>
                    <td>{whole(row.total)}</td>
                    <td>
                      {t('estimation.intervalValue', { lower: whole(row.lower), upper: whole(row.upper) })}
                      <br />
                      <small>{row.interval === 'credible' ? t('estimation.spread.credible') : t('estimation.spread.conditional')}</small>
                    </td>
                    <td>
                      {row.graphs !== null ? (
                        t('estimation.spread.graphs', { count: row.graphs, formatted: format.format(row.graphs) })
                      ) : (
                        <bdi>{row.terms.length > 0 ? row.terms.join(', ') : t('estimation.spread.noTerms')}</bdi>
                      )}
                    </td>
                  </>
                ) : (
                  <td colSpan={3}>
                    {fromJob(row) && average === 'running' ? (
                      <span role="status">{t('estimation.spread.beingComputed')}</span>
                    ) : fromJob(row) && average === 'failed' ? (
                      t('estimation.spread.notEstimable')
                    ) : row.problem === 'not-searched'
                      ? t('estimation.spread.notSearched')
                      : row.problem === 'not-computed'
                        ? t('estimation.spread.notComputed')
                        : t('estimation.spread.notEstimable')}
                  </td>
                )}
                <td>
                  {published
                    .filter((p) => p.model === row.model)
                    .map((p) => (
                      <p key={p.publishedAt} data-testid={`published-${row.model}`}>
                        {t('estimation.spread.publishedOn', { date: when.format(new Date(p.publishedAt)), name: p.publishedBy })}
                      </p>
                    ))}
                  {mayPublish && row.total !== null && !fromJob(row) ? (
                    <button type="button" disabled={publishing !== null} onClick={() => void publish(row.model)}>
                      {t('estimation.spread.publish')}
                      <span className="visually-hidden"> {label(row)}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failure ? <ErrorAlert error={failure} /> : null}
    </section>
  );
}
