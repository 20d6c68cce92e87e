import { useTranslation } from 'react-i18next';
import type { DisplayedCount, StratifiedEstimateView, StratumEstimateView } from '@palermo/contracts';
import { stratumLabel, variableLabel } from './strata-api';

type Estimate = NonNullable<StratifiedEstimateView['sum']['estimate']>;

function useWhole() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  return (n: number) => format.format(n);
}

function countText(count: DisplayedCount, whole: (n: number) => string): string {
  return whole(count.value ?? 0);
}

/** A row's estimate cells: total, interval, model; or the reason in words across them. */
function EstimateCells({ estimate, problem, terms }: { estimate: Estimate | null; problem: StratumEstimateView['problem']; terms: string[] | null }) {
  const { t } = useTranslation();
  const whole = useWhole();
  if (!estimate) {
    return <td colSpan={3}>{t(`estimation.strata.problems.${problem ?? 'not-estimable'}`)}</td>;
  }
  return (
    <>
      <td>{whole(estimate.total)}</td>
      <td>{t('estimation.strata.interval', { lower: whole(estimate.lower), upper: whole(estimate.upper) })}</td>
      <td>{terms === null ? '' : terms.length === 0 ? t('estimation.strata.mainEffects') : <bdi>{terms.join(', ')}</bdi>}</td>
    </>
  );
}

/** One stratum's overlap table, as displayed (perturbed when from the case records). */
function StratumTable({ view, stratum, index }: { view: StratifiedEstimateView; stratum: StratumEstimateView; index: number }) {
  const { t } = useTranslation();
  const whole = useWhole();
  const label = stratumLabel(t, view, stratum.stratum);
  return (
    <details>
      <summary>{t('estimation.strata.tableOf', { stratum: label })}</summary>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`est-strata-table-${index}`}>
        <table className="table-dense">
          <caption id={`est-strata-table-${index}`}>{t('estimation.strata.tableCaption', { stratum: label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('estimation.strata.colLists')}</th>
              <th scope="col">{t('estimation.strata.colPeople')}</th>
            </tr>
          </thead>
          <tbody>
            {stratum.table.map((row) => (
              <tr key={row.lists.join('+')}>
                <th scope="row">
                  <bdi>{row.lists.join(' + ')}</bdi>
                </th>
                <td>{countText(row.count, whole)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The estimate of each stratum, their sum and the pooled estimate side by side, with how they were protected. */
export function StrataResult({ view }: { view: StratifiedEstimateView }) {
  const { t } = useTranslation();
  const whole = useWhole();
  const by = variableLabel(t, view);
  const missing = view.sum.missing.map((stratum) => stratumLabel(t, view, stratum)).join(', ');
  return (
    <section aria-labelledby="est-strata-title">
      <h3 id="est-strata-title">{t('estimation.strata.resultTitle', { by })}</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-strata-caption">
        <table className="table-dense">
          <caption id="est-strata-caption">{t('estimation.strata.caption', { by })}</caption>
          <thead>
            <tr>
              <th scope="col">{by}</th>
              <th scope="col">{t('estimation.strata.colObserved')}</th>
              <th scope="col">{t('estimation.strata.colTotal')}</th>
              <th scope="col">{t('estimation.strata.colInterval')}</th>
              <th scope="col">{t('estimation.strata.colModel')}</th>
            </tr>
          </thead>
          <tbody>
            {view.strata.map((stratum) => (
              <tr key={stratum.stratum}>
                <th scope="row">
                  <bdi>{stratumLabel(t, view, stratum.stratum)}</bdi>
                </th>
                <td>{countText(stratum.observed, whole)}</td>
                <EstimateCells estimate={stratum.estimate} problem={stratum.problem} terms={stratum.estimate?.terms ?? null} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="strata-sum">
              <th scope="row">{view.sum.complete ? t('estimation.strata.sum') : t('estimation.strata.sumIncomplete')}</th>
              <td>{countText(view.sum.observed, whole)}</td>
              {view.sum.estimate ? <EstimateCells estimate={view.sum.estimate} problem={null} terms={null} /> : <td colSpan={3}>{t('estimation.strata.noStratum')}</td>}
            </tr>
            <tr data-testid="strata-pooled">
              <th scope="row">{t('estimation.strata.pooled')}</th>
              <td>{countText(view.pooled.observed, whole)}</td>
              <EstimateCells estimate={view.pooled.estimate} problem={view.pooled.problem} terms={view.pooled.estimate?.terms ?? null} />
            </tr>
          </tfoot>
        </table>
      </div>
      {view.sum.complete ? null : (
        <p className="note" role="note" data-testid="strata-incomplete">
          {t('estimation.strata.incompleteNote', { strata: missing })}
        </p>
      )}
      <p className="note" role="note">
        {t('estimation.strata.howSummed')}
      </p>
      <p className="note" role="note" data-testid="strata-protection">
        {view.source === 'cases' ? t('estimation.strata.protectionCases') : t('estimation.strata.protectionUpload')}
      </p>
      {view.strata.map((stratum, index) => (
        <StratumTable key={stratum.stratum} view={view} stratum={stratum} index={index} />
      ))}
    </section>
  );
}
