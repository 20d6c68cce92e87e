import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstimationResultView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { loadEstimationOptions, type EstimateSource } from './api';
import { BootstrapPanel } from './BootstrapPanel';
import { CasesForm } from './CasesForm';
import { EstimateResult } from './EstimateResult';
import { StrataFromFile } from './StrataFromFile';
import { StrataPanel } from './StrataPanel';
import { UploadForm } from './UploadForm';

/**
 * Multiple systems estimation for the national rapporteur: how many victims no organisation identified, from how the
 * organisations' lists overlap. Only counts cross to the browser; small cells are suppressed by the server.
 */
export function EstimationPage() {
  const { t } = useTranslation();
  const [options] = useResource(loadEstimationOptions, 'estimation-options');
  const [result, setResult] = useState<{ view: EstimationResultView; source: EstimateSource } | null>(null);
  /** Whether to announce that an estimate is ready; the sentence is translated at render, so it follows the language. */
  const [announced, setAnnounced] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView({ block: 'start' });
  }, [result]);

  function show(view: EstimationResultView, source: EstimateSource) {
    setResult({ view, source });
    setAnnounced(true);
  }

  return (
    <Page title={t('estimation.title')}>
      <p>{t('estimation.intro')}</p>
      {options.status === 'loading' ? <Loading /> : null}
      {options.status === 'failed' ? <ErrorAlert error={options.error} /> : null}
      {options.status === 'ready' ? <CasesForm options={options.data} onResult={show} /> : null}
      <UploadForm onResult={show} />
      <StrataFromFile />
      <StatusMessage>{announced ? t('estimation.ready') : ''}</StatusMessage>
      <div ref={resultRef}>
        {result ? (
          <>
            <EstimateResult key={JSON.stringify(result.source)} result={result.view} source={result.source} />
            <BootstrapPanel key={`bootstrap-${JSON.stringify(result.source)}`} result={result.view} source={result.source} />
            {result.source.source === 'cases' ? <StrataPanel key={`strata-${JSON.stringify(result.source)}`} source={result.source} /> : null}
          </>
        ) : null}
      </div>
    </Page>
  );
}
