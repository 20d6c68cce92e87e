import { useTranslation } from 'react-i18next';
import type { DisplayedCount, EstimationCaveat, EstimationResultView } from '@palermo/contracts';
import type { EstimateSource } from './api';
import { SpreadOfModels } from './SpreadOfModels';

function useFormats() {
  const { i18n } = useTranslation();
  const whole = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const pValue = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 3 });
  return { whole: (n: number) => whole.format(Math.round(n)), pValue: (n: number) => (n < 0.0001 ? `< ${pValue.format(0.0001)}` : pValue.format(n)) };
}

/** A count as the rapporteur may see it (perturbed on the server when it comes from the case records). */
function Count({ count, threshold }: { count: DisplayedCount; threshold: number }) {
  const { t } = useTranslation();
  const { whole } = useFormats();
  if (count.suppressed === 'small') return <span title={t('estimation.smallCell', { threshold })}>{`<${threshold}`}</span>;
  if (count.suppressed === 'secondary') return <span>{t('estimation.hiddenCell')}</span>;
  return <>{whole(count.value ?? 0)}</>;
}

function Caveat({ caveat, result }: { caveat: EstimationCaveat; result: EstimationResultView }) {
  const { t } = useTranslation();
  const { whole } = useFormats();
  const count = caveat.count;
  const shown =
    count === null
      ? ''
      : count.suppressed === 'small'
        ? `<${result.smallCellThreshold}`
        : count.suppressed === 'secondary'
          ? t('estimation.hiddenCell')
          : whole(count.value ?? 0);
  switch (caveat.code) {
    case 'no-overlap':
      return <>{t('estimation.caveats.noOverlap', { a: caveat.lists[0] ?? '', b: caveat.lists[1] ?? '' })}</>;
    case 'repeated-combination':
      return <>{t('estimation.caveats.repeatedCombination', { lists: caveat.lists.join(' + '), lines: caveat.lines.map((line) => whole(line)).join(', ') })}</>;
    case 'no-overlap-in-model':
      return <>{t('estimation.caveats.noOverlapInModel', { a: caveat.lists[0] ?? '', b: caveat.lists[1] ?? '' })}</>;
    case 'consent-excluded':
      return <>{t('estimation.caveats.consentExcluded', { count: shown })}</>;
    case 'not-on-any-list':
      return <>{t('estimation.caveats.notOnAnyList', { count: shown })}</>;
    case 'suppressed-cells':
      return <>{t('estimation.caveats.suppressedCells', { threshold: result.smallCellThreshold })}</>;
    case 'closed-population':
      return <>{t('estimation.caveats.closedPopulation')}</>;
    case 'conditional-on-model':
      return <>{t('estimation.caveats.conditionalOnModel')}</>;
    case 'two-lists':
      return <>{t('estimation.caveats.twoLists')}</>;
    case 'wide-interval':
      return <>{t('estimation.caveats.wideInterval')}</>;
    case 'large-hidden':
      return <>{t('estimation.caveats.largeHidden')}</>;
    case 'linkage':
      return <>{t('estimation.caveats.linkage')}</>;
  }
}

/** The estimate, what it counts, how the model was chosen, the overlap table and the caveats. */
export function EstimateResult({ result, source }: { result: EstimationResultView; source: EstimateSource }) {
  const { t } = useTranslation();
  const { whole, pValue } = useFormats();
  const level = Math.round(result.interval.level * 100);
  const listNames = result.lists.map((list) => list.name);
  const terms = result.model.terms.join(', ');

  return (
    <section aria-labelledby="est-result-title">
      <h2 id="est-result-title">{result.source === 'cases' ? t('estimation.resultCases', { year: result.year ?? '' }) : t('estimation.resultUpload')}</h2>
      <dl className="details">
        <div>
          <dt>{t('estimation.observed')}</dt>
          <dd>{whole(result.observed)}</dd>
        </div>
        <div>
          <dt>{t('estimation.hidden')}</dt>
          <dd>{whole(result.hidden)}</dd>
        </div>
        <div>
          <dt>{t('estimation.total')}</dt>
          <dd>{whole(result.total)}</dd>
        </div>
        <div>
          <dt>{t('estimation.interval', { level })}</dt>
          <dd>{t('estimation.intervalValue', { lower: whole(result.interval.lower), upper: whole(result.interval.upper) })}</dd>
        </div>
      </dl>

      <h3>{t('estimation.countsTitle')}</h3>
      {result.source === 'cases' ? <p>{t('estimation.countsCases', { year: result.year ?? '' })}</p> : <p>{t('estimation.countsUpload')}</p>}
      <ul>
        {result.lists.map((list) => (
          <li key={list.name}>
            <bdi>{list.name}</bdi>
            {list.organisations.length > 0 ? (
              <>
                {': '}
                <bdi>{list.organisations.join(', ')}</bdi>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {result.counting ? (
        <dl className="details">
          <div>
            <dt>{t('estimation.personRecords')}</dt>
            <dd>{whole(result.counting.personRecords)}</dd>
          </div>
          <div>
            <dt>{t('estimation.people')}</dt>
            <dd>{whole(result.counting.people)}</dd>
          </div>
          <div>
            <dt>{t('estimation.linkedByKeys')}</dt>
            <dd>{whole(result.counting.linkedByKeys)}</dd>
          </div>
          <div>
            <dt>{t('estimation.linkedByConfirmation')}</dt>
            <dd>{whole(result.counting.linkedByConfirmation)}</dd>
          </div>
          <div>
            <dt>{t('estimation.excludedNoConsent')}</dt>
            <dd>
              <Count count={result.counting.excludedNoConsent} threshold={result.smallCellThreshold} />
            </dd>
          </div>
          <div>
            <dt>{t('estimation.notOnAnyList')}</dt>
            <dd>
              <Count count={result.counting.notOnAnyList} threshold={result.smallCellThreshold} />
            </dd>
          </div>
        </dl>
      ) : null}

      <h3>{t('estimation.modelTitle')}</h3>
      <p>{terms ? t('estimation.modelTerms', { terms }) : t('estimation.modelNoTerms')}</p>
      <p>
        {result.model.kind === 'stepwise'
          ? t('estimation.howStepwise', { threshold: result.model.threshold ?? '' })
          : result.model.kind === 'main'
            ? t('estimation.howMain')
            : t('estimation.howFixed')}
      </p>
      {result.model.steps.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-steps-caption">
          <table className="table-dense">
            <caption id="est-steps-caption">{t('estimation.stepsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('estimation.colStep')}</th>
                <th scope="col">{t('estimation.colTerm')}</th>
                <th scope="col">{t('estimation.colPValue')}</th>
                <th scope="col">{t('estimation.colAdded')}</th>
              </tr>
            </thead>
            <tbody>
              {result.model.steps.map((step) => (
                <tr key={step.step}>
                  <th scope="row">{step.step}</th>
                  <td>
                    <bdi>{step.term}</bdi>
                  </td>
                  <td>{pValue(step.pValue)}</td>
                  <td>{step.added ? t('estimation.added') : t('estimation.notAdded')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {result.spread ? <SpreadOfModels spread={result.spread} source={source} /> : null}

      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-table-caption">
        <table className="table-dense">
          <caption id="est-table-caption">{t('estimation.tableCaption')}</caption>
          <thead>
            <tr>
              {listNames.map((name) => (
                <th scope="col" key={name}>
                  <bdi>{name}</bdi>
                </th>
              ))}
              <th scope="col">{t('estimation.colPeople')}</th>
            </tr>
          </thead>
          <tbody>
            {result.table.map((row) => (
              <tr key={row.lists.join('+')}>
                {listNames.map((name) => (
                  <td key={name}>{row.lists.includes(name) ? t('estimation.onList') : t('estimation.notOnList')}</td>
                ))}
                <td>
                  <Count count={row.count} threshold={result.smallCellThreshold} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.source === 'cases' ? (
        <p className="note" role="note" data-testid="perturbation-note">
          {t('estimation.perturbedOverlap')}
        </p>
      ) : null}

      <h3>{t('estimation.caveatsTitle')}</h3>
      <ul>
        {result.caveats.map((caveat, index) => (
          <li key={index}>
            <Caveat caveat={caveat} result={result} />
          </li>
        ))}
      </ul>
    </section>
  );
}
