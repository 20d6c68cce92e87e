import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationKinds, type NotificationKind } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { getPreferences, savePreferences } from './api';

/** Which notifications also come by e-mail: one check box per kind, saved together. */
export function PreferencesSection() {
  const { t } = useTranslation();
  const [resource] = useResource(getPreferences, 'notification-preferences');
  const [chosen, setChosen] = useState<Record<NotificationKind, boolean> | null>(null);
  const [state, setState] = useState<{ saving: boolean; saved: boolean; error: unknown }>({ saving: false, saved: false, error: null });

  useEffect(() => {
    if (resource.status === 'ready') {
      setChosen(Object.fromEntries(resource.data.preferences.map((p) => [p.kind, p.email])) as Record<NotificationKind, boolean>);
    }
  }, [resource]);

  const save = async () => {
    if (!chosen) return;
    setState({ saving: true, saved: false, error: null });
    try {
      const saved = await savePreferences({ preferences: notificationKinds.map((kind) => ({ kind, email: chosen[kind] })) });
      setChosen(Object.fromEntries(saved.preferences.map((p) => [p.kind, p.email])) as Record<NotificationKind, boolean>);
      setState({ saving: false, saved: true, error: null });
    } catch (error) {
      setState({ saving: false, saved: false, error });
    }
  };

  return (
    <section aria-labelledby="notification-preferences">
      <h2 id="notification-preferences">{t('notifications.preferencesTitle')}</h2>
      <p>{t('notifications.preferencesIntro')}</p>
      {resource.status === 'loading' || (resource.status === 'ready' && !chosen) ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {chosen ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>{t('notifications.emailFor')}</legend>
            {notificationKinds.map((kind) => (
              <div key={kind} className="checkbox-row">
                <input
                  type="checkbox"
                  id={`email-${kind}`}
                  checked={chosen[kind]}
                  onChange={(event) => {
                    setChosen({ ...chosen, [kind]: event.target.checked });
                    setState({ saving: false, saved: false, error: null });
                  }}
                />
                <label htmlFor={`email-${kind}`}>{t(`notifications.kinds.${kind}`)}</label>
              </div>
            ))}
          </fieldset>
          {state.error ? <ErrorAlert error={state.error} /> : null}
          <button type="submit" disabled={state.saving}>
            {t('notifications.save')}
          </button>
        </form>
      ) : null}
      <StatusMessage>{state.saved ? t('notifications.saved') : null}</StatusMessage>
    </section>
  );
}
