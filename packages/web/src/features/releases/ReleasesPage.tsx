import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleaseDatasetView, ReleaseMade } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { listReleaseDatasets, listReleases } from './api';
import { canMakeReleases } from './permissions';
import { ReleaseForm } from './ReleaseForm';
import { LedgerTable, ReleaseResult, useReleaseFormats } from './ReleaseResult';
import { datasetName } from '../statistics/labels';

/**
 * Privacy-safe publication of the de-identified statistical records: a k-anonymous file or a differentially private
 * synthetic one, within the dataset's privacy budget, with a utility report and the file to download.
 */
export function ReleasesPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [version, setVersion] = useState(0);
  const [datasets] = useResource(listReleaseDatasets, `release-datasets:${version}`);
  const [chosen, setChosen] = useState<string>('');
  const [made, setMade] = useState<ReleaseMade | null>(null);
  // Whether to announce the new release (its words are rendered in the current language, not stored).
  const [announce, setAnnounce] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  const list = datasets.status === 'ready' ? datasets.data.datasets : [];
  const dataset = list.find((d) => d.id === chosen) ?? list.find((d) => d.kind === 'country_cases') ?? list[0];

  useEffect(() => {
    if (made) resultRef.current?.scrollIntoView({ block: 'start' });
  }, [made]);

  function onMade(next: ReleaseMade) {
    setMade(next);
    setAnnounce(true);
    setVersion((n) => n + 1);
  }

  return (
    <Page title={t('releases.title')}>
      <p>{t('releases.intro')}</p>
      {datasets.status === 'loading' ? <Loading /> : null}
      {datasets.status === 'failed' ? <ErrorAlert error={datasets.error} /> : null}
      {datasets.status === 'ready' && !dataset ? <p>{t('releases.noDatasets')}</p> : null}
      {dataset ? (
        <>
          <SelectField
            id="release-dataset"
            label={t('releases.dataset')}
            value={dataset.id}
            onValueChange={(id) => {
              setChosen(id);
              setMade(null);
            }}
          >
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {t('releases.datasetOption', { name: datasetName(t, d), records: d.records })}
              </option>
            ))}
          </SelectField>
          <Budget dataset={dataset} />
          {canMakeReleases(session.capabilities) ? (
            <ReleaseForm key={dataset.id} datasetId={dataset.id} budget={dataset.budget} onMade={onMade} />
          ) : (
            <p className="notice" data-testid="release-why-not">
              {t('releases.onlyRapporteur')}
            </p>
          )}
          <StatusMessage>{announce ? t('releases.ready') : ''}</StatusMessage>
          <div ref={resultRef}>{made && made.release.datasetId === dataset.id ? <ReleaseResult release={made.release} /> : null}</div>
          <Ledger datasetId={dataset.id} version={version} />
        </>
      ) : null}
    </Page>
  );
}

function Budget({ dataset }: { dataset: ReleaseDatasetView }) {
  const { t } = useTranslation();
  const f = useReleaseFormats();
  const { budget } = dataset;
  return (
    <section aria-labelledby="release-budget-title">
      <h2 id="release-budget-title">{t('releases.budgetTitle')}</h2>
      <p data-testid="release-budget">
        {t('releases.budgetLine', {
          remaining: f.small(budget.remainingEpsilon),
          total: f.small(budget.totalEpsilon),
          spent: f.small(budget.spentEpsilon),
          remainingDelta: f.small(budget.remainingDelta),
          totalDelta: f.small(budget.totalDelta),
        })}
      </p>
      <p className="hint">{budget.setByOperator ? t('releases.budgetSet') : t('releases.budgetDefault')}</p>
    </section>
  );
}

function Ledger({ datasetId, version }: { datasetId: string; version: number }) {
  const { t } = useTranslation();
  const [releases] = useResource(() => listReleases(datasetId), `releases:${datasetId}:${version}`);
  return (
    <section aria-labelledby="release-ledger-title">
      <h2 id="release-ledger-title">{t('releases.ledgerTitle')}</h2>
      {releases.status === 'loading' ? <Loading /> : null}
      {releases.status === 'failed' ? <ErrorAlert error={releases.error} /> : null}
      {releases.status === 'ready' ? <LedgerTable releases={releases.data.releases} /> : null}
    </section>
  );
}
