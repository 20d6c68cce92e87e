import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { operationAgencyTypes } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { canRecordOperations } from '../../app/permissions';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { listOperations, listProsecutionOrganisations } from './api';
import { useNotice, useProsecutionLabels } from './labels';
import { OperationForm } from './OperationForm';
import '../cases/cases.css';

/** The operations the reader may see, newest first, and (for law enforcement) the form to record one. */
export function OperationsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const labels = useProsecutionLabels();
  const records = canRecordOperations(session.capabilities);
  const [operations, reload] = useResource(listOperations, 'prosecution:operations');
  const [organisations] = useResource(() => (records ? listProsecutionOrganisations() : Promise.resolve([])), `prosecution:organisations:${String(records)}`);
  const [notice, setNotice] = useNotice();

  return (
    <Page title={t('prosecution.operationsTitle')}>
      <p>{t('prosecution.operationsIntro')}</p>
      <StatusMessage>{notice}</StatusMessage>
      <section aria-labelledby="operations-list-title">
        <h2 id="operations-list-title">{t('prosecution.operationsListTitle')}</h2>
        {operations.status === 'loading' ? <Loading /> : null}
        {operations.status === 'failed' ? <ErrorAlert error={operations.error} /> : null}
        {operations.status === 'ready' && operations.data.length === 0 ? <p>{t('prosecution.noOperations')}</p> : null}
        {operations.status === 'ready' && operations.data.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('prosecution.operationName')}</th>
                <th scope="col">{t('prosecution.startedOn')}</th>
                <th scope="col">{t('prosecution.origin')}</th>
                <th scope="col">{t('prosecution.approach')}</th>
                <th scope="col">{t('prosecution.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {operations.data.map((operation) => (
                <tr key={operation.id}>
                  <td>
                    <Link to={`/prosecution/operations/${operation.id}`}>{operation.name ?? t('prosecution.unnamedOperation')}</Link>
                  </td>
                  <td>{operation.startedOn ? labels.date(operation.startedOn) : ''}</td>
                  <td>{labels.origin(operation.origin)}</td>
                  <td>{labels.approach(operation.approach)}</td>
                  <td>
                    <bdi>{operation.organisationName ?? ''}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {records ? (
        <section aria-labelledby="record-operation-title">
          <h2 id="record-operation-title">{t('prosecution.recordOperation')}</h2>
          {organisations.status === 'failed' ? <ErrorAlert error={organisations.error} /> : null}
          <OperationForm
            agencies={organisations.status === 'ready' ? organisations.data.filter((o) => o.id !== session.user.organisation.id && (operationAgencyTypes as readonly string[]).includes(o.type)) : []}
            onRecorded={(name) => {
              setNotice((say) => say('prosecution.operationRecorded', { name }));
              reload();
            }}
          />
        </section>
      ) : null}
    </Page>
  );
}
