import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalKinds, type ApprovalKind } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { CheckboxField } from '../cases/controls';
import { getApprovalSettings, saveApprovalSettings } from './api';

/** What a caseworker's work waits for a supervisor to approve, per kind (national administrator). */
export function ApprovalSettingsSection() {
  const { t } = useTranslation();
  const [resource] = useResource(getApprovalSettings, 'approval-settings');
  const [chosen, setChosen] = useState<readonly ApprovalKind[] | null>(null);
  const [state, setState] = useState<{ saving: boolean; saved: boolean; error: unknown }>({ saving: false, saved: false, error: null });

  useEffect(() => {
    if (resource.status === 'ready') setChosen(resource.data.approvalRequiredFor);
  }, [resource]);

  const save = async () => {
    if (!chosen) return;
    setState({ saving: true, saved: false, error: null });
    try {
      setChosen((await saveApprovalSettings({ approvalRequiredFor: [...chosen] })).approvalRequiredFor);
      setState({ saving: false, saved: true, error: null });
    } catch (error) {
      setState({ saving: false, saved: false, error });
    }
  };

  return (
    <section aria-labelledby="approval-settings">
      <h2 id="approval-settings">{t('supervision.settingsTitle')}</h2>
      <p>{t('supervision.settingsIntro')}</p>
      {resource.status === 'loading' ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {chosen ? (
        <form
          className="narrow"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>{t('supervision.settingsLegend')}</legend>
            {approvalKinds.map((kind) => (
              <CheckboxField
                key={kind}
                id={`approval-required-${kind}`}
                label={t(`supervision.kinds.${kind}`)}
                checked={chosen.includes(kind)}
                onChange={(checked) => {
                  setChosen(checked ? [...chosen, kind] : chosen.filter((k) => k !== kind));
                  setState({ saving: false, saved: false, error: null });
                }}
              />
            ))}
          </fieldset>
          {state.error ? <ErrorAlert error={state.error} /> : null}
          <button type="submit" disabled={state.saving}>
            {t('supervision.settingsSave')}
          </button>
        </form>
      ) : null}
      <StatusMessage>{state.saved ? t('supervision.settingsSaved') : null}</StatusMessage>
    </section>
  );
}
