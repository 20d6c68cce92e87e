import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/Status';
import { unlinkActivity } from './api';

/**
 * Undoing the link between the recommendation and one activity (the national coordinator): the button asks to
 * confirm, naming the activity; the recommendation's history keeps a version saying which activity was unlinked.
 */
export function UnlinkActivity({ recommendationId, activity, onDone }: { recommendationId: string; activity: { id: string; title: string }; onDone: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function confirm() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await unlinkActivity(recommendationId, activity.id);
      setAsking(false);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  if (!asking) {
    return (
      <button type="button" className="button-link" onClick={() => setAsking(true)}>
        {t('recommendations.unlink')}
      </button>
    );
  }
  return (
    <div role="group" aria-label={t('recommendations.unlink')}>
      <p>{t('recommendations.unlinkConfirm', { activity: activity.title })}</p>
      <button type="button" className="button-primary" onClick={() => void confirm()} aria-disabled={busy || undefined}>
        {t('recommendations.unlinkYes')}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('recommendations.unlinkNo')}
      </button>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
