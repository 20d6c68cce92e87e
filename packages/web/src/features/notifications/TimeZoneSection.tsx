import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { getTimeZone, saveTimeZone } from './api';

/** Every time zone the browser knows, named in the reader's language (the zone's identifier beside it tells apart zones of one name). */
function useZoneOptions(language: string): Array<{ value: string; label: string }> {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.map((zone) => {
      const name = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value;
      return { value: zone, label: name ? `${name} (${zone})` : zone };
    });
  }, [language]);
}

/** The country's time zone, in which reminders count "tomorrow" (national administrator). */
export function TimeZoneSection() {
  const { t, i18n } = useTranslation();
  const [resource] = useResource(getTimeZone, 'time-zone');
  const options = useZoneOptions(i18n.language);
  const [zone, setZone] = useState<string | null>(null);
  const [state, setState] = useState<{ saving: boolean; saved: boolean; error: unknown }>({ saving: false, saved: false, error: null });

  useEffect(() => {
    if (resource.status === 'ready') setZone(resource.data.timeZone);
  }, [resource]);

  const save = async () => {
    if (!zone) return;
    setState({ saving: true, saved: false, error: null });
    try {
      setZone((await saveTimeZone(zone)).timeZone);
      setState({ saving: false, saved: true, error: null });
    } catch (error) {
      setState({ saving: false, saved: false, error });
    }
  };

  return (
    <section aria-labelledby="country-time-zone">
      <h2 id="country-time-zone">{t('notifications.timeZoneTitle')}</h2>
      <p>{t('notifications.timeZoneIntro')}</p>
      {resource.status === 'loading' ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {zone ? (
        <form
          className="time-zone-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label htmlFor="time-zone">{t('notifications.timeZoneLabel')}</label>
          <select
            id="time-zone"
            value={zone}
            onChange={(event) => {
              setZone(event.target.value);
              setState({ saving: false, saved: false, error: null });
            }}
          >
            {options.some((o) => o.value === zone) ? null : <option value={zone}>{zone}</option>}
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {state.error ? <ErrorAlert error={state.error} /> : null}
          <button type="submit" disabled={state.saving}>
            {t('notifications.timeZoneSave')}
          </button>
        </form>
      ) : null}
      <StatusMessage>{state.saved ? t('notifications.timeZoneSaved') : null}</StatusMessage>
    </section>
  );
}
