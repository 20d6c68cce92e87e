import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsRefreshResult } from '@palermo/contracts';
import { ErrorAlert, StatusMessage } from '../../components/Status';
import { refreshCountryStatistics } from './api';

/**
 * Derives the country's statistical records again from the case records (each person once, only those who consented
 * to use in statistics), then asks the page to load its figures again.
 */
export function RefreshCountryData({ onRefreshed }: { onRefreshed: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StatisticsRefreshResult | undefined>();
  const [error, setError] = useState<unknown>();

  async function refresh() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await refreshCountryStatistics());
      onRefreshed();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="statistics-refresh-title">
      <h2 id="statistics-refresh-title">{t('statistics.refresh.title')}</h2>
      <p className="hint">{t('statistics.refresh.hint')}</p>
      <button type="button" aria-disabled={busy || undefined} onClick={() => void refresh()}>
        {t('statistics.refresh.button')}
      </button>
      {error !== undefined ? <ErrorAlert error={error} /> : null}
      <StatusMessage>
        {busy
          ? t('statistics.refresh.working')
          : result
            ? t('statistics.refresh.done', { records: result.records, excluded: result.excludedWithoutConsent })
            : undefined}
      </StatusMessage>
    </section>
  );
}
