import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAlertView, UserView } from '@palermo/contracts';
import { ErrorAlert, StatusMessage } from '../../components/Status';
import { acknowledgeAlert, listOpenAlerts } from './api';

interface Props {
  /** To name the user an alert is about; null when the list could not be loaded. */
  users: readonly UserView[] | null;
}

/**
 * Open alerts, first on the audit page: forged entries, failed verifications, a log that no longer matches its signed
 * checkpoint, a user running many possible-duplicate checks. Each stays until someone acknowledges it.
 */
export function AuditAlerts({ users }: Props) {
  const { t, i18n } = useTranslation();
  const [alerts, setAlerts] = useState<AuditAlertView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const load = useCallback(async () => {
    try {
      setAlerts(await listOpenAlerts());
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function acknowledge(alert: AuditAlertView) {
    if (busy) return;
    setBusy(alert.id);
    try {
      await acknowledgeAlert(alert.id);
      setStatus(t('audit.alerts.acknowledged'));
      await load();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  const userName = (id: string | null) => (id ? users?.find((u) => u.id === id)?.displayName ?? t('audit.alerts.unknownUser') : null);

  return (
    <section aria-labelledby="audit-alerts-title" className="audit-alerts">
      <h2 id="audit-alerts-title">{t('audit.alerts.title')}</h2>
      <StatusMessage>{status}</StatusMessage>
      {error !== null ? <ErrorAlert error={error} /> : null}
      {alerts === null ? null : alerts.length === 0 ? (
        <p>{t('audit.alerts.none')}</p>
      ) : (
        <div role="alert" className="alert">
          <p>{t('audit.alerts.open', { number: alerts.length })}</p>
          <ul className="audit-alert-list">
            {alerts.map((alert) => {
              const who = userName(alert.actorUserId);
              return (
                <li key={alert.id}>
                  <p>
                    <strong>{t(`audit.alerts.kinds.${alert.kind}`)}</strong>{' '}
                    <time dateTime={alert.raisedAt}>{time.format(new Date(alert.raisedAt))}</time>
                  </p>
                  {who ? <p>{t('audit.alerts.about', { name: who })}</p> : null}
                  <details>
                    <summary>{t('audit.alerts.details')}</summary>
                    <p>
                      <bdi dir="ltr">{alert.summary}</bdi>
                    </p>
                  </details>
                  <button type="button" onClick={() => void acknowledge(alert)} disabled={busy === alert.id}>
                    {t('audit.alerts.acknowledge')}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
