import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { canManageAllOrganisations } from '../../app/permissions';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { CreateOrganisationForm } from './CreateOrganisationForm';
import { OrganisationTable } from './OrganisationTable';
import { EditOrganisationPanel } from './EditOrganisationPanel';
import { listOrganisations, updateOrganisation } from './api';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const managesAll = canManageAllOrganisations(session.capabilities);
  const [organisations, reload] = useResource(listOrganisations, 'organisations');
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [editing, setEditing] = useState<OrganisationView | null>(null);

  function onCreated(organisation: OrganisationView) {
    setActionError(null);
    setStatus(t('organisations.created', { name: organisation.name }));
    reload();
  }

  async function setActive(organisation: OrganisationView, active: boolean) {
    setStatus('');
    setActionError(null);
    try {
      await updateOrganisation(organisation.id, { active });
      setStatus(t(active ? 'organisations.activated' : 'organisations.deactivated', { name: organisation.name }));
      reload();
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <Page title={t('organisations.title')}>
      <StatusMessage>{status}</StatusMessage>
      {managesAll ? <CreateOrganisationForm onCreated={onCreated} /> : null}
      <section aria-labelledby="organisations-list-title">
        <h2 id="organisations-list-title">{t('organisations.listTitle')}</h2>
        {actionError !== null ? <ErrorAlert error={actionError} /> : null}
        {organisations.status === 'loading' ? <Loading /> : null}
        {organisations.status === 'failed' ? <ErrorAlert error={organisations.error} /> : null}
        {organisations.status === 'ready' ? (
          <OrganisationTable
            organisations={organisations.data}
            ownOrganisationId={session.user.organisation.id}
            onSetActive={managesAll ? (organisation, active) => void setActive(organisation, active) : undefined}
            onEdit={managesAll ? setEditing : undefined}
          />
        ) : null}
        {editing ? (
          <EditOrganisationPanel
            key={editing.id}
            organisation={editing}
            onSaved={(organisation) => {
              setEditing(null);
              setStatus(t('organisations.saved', { name: organisation.name }));
              reload();
            }}
            onClose={() => setEditing(null)}
          />
        ) : null}
      </section>
    </Page>
  );
}
