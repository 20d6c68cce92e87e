import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { ActionsTable } from './ActionForms';
import { listActions } from './api';
import { useCoordinationLabels } from './labels';
import '../cases/cases.css';

/** The follow-up actions the reader may see, earliest due first: overdue ones only, or the reader's organisation's only, at a click. */
export function ActionsPage() {
  const { t } = useTranslation();
  const labels = useCoordinationLabels();
  const [overdue, setOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  const [actions, reload] = useResource(() => listActions({ overdue, mine }), `coordination:actions:${overdue}:${mine}`);
  return (
    <Page title={t('coordination.actionsTitle')}>
      <p>
        <Link to="/coordination">{t('coordination.backToBodies')}</Link>
      </p>
      <p>{t('coordination.actionsIntro')}</p>
      <fieldset className="filters">
        <legend>{t('coordination.filters')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={overdue} onChange={(event) => setOverdue(event.target.checked)} /> {t('coordination.overdueOnly')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={mine} onChange={(event) => setMine(event.target.checked)} /> {t('coordination.mineOnly')}
        </label>
      </fieldset>
      {actions.status === 'loading' ? <Loading /> : null}
      {actions.status === 'failed' ? <ErrorAlert error={actions.error} /> : null}
      {actions.status === 'ready' && actions.data.length === 0 ? <p>{t('coordination.noActions')}</p> : null}
      {actions.status === 'ready' && actions.data.length > 0 ? (
        <ActionsTable actions={actions.data} labels={labels} showMeeting onSaved={reload} captionId="actions-caption" caption={t('coordination.actionsCaption')} />
      ) : null}
    </Page>
  );
}
