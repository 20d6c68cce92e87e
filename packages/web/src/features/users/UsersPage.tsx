import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nationallyGrantedRoles, roles, type UpdateUserRequest, type UserView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { canManageAllOrganisations } from '../../app/permissions';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { listOrganisations } from '../organisations/api';
import { CreateUserForm, type OrganisationOption } from './CreateUserForm';
import { UserTable } from './UserTable';
import { ManageUserPanel } from './ManageUserPanel';
import { listUsers, updateUser } from './api';

interface OrganisationChoice extends OrganisationOption {
  active: boolean;
}

/** Roles only a national administrator may grant (the server enforces this; the form just does not offer them). */

export function UsersPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const managesAll = canManageAllOrganisations(session.capabilities);
  const own: OrganisationChoice = { ...session.user.organisation, active: true };

  const [organisationsResource] = useResource(listOrganisations, 'organisations');
  // Without the list (an organisation administrator may not be allowed to read it), offer the person's own.
  const organisations: OrganisationChoice[] =
    organisationsResource.status === 'ready' ? organisationsResource.data : organisationsResource.status === 'failed' ? [own] : [];

  const [draftFilter, setDraftFilter] = useState('');
  const [filter, setFilter] = useState('');
  const [users, reload] = useResource(() => listUsers(filter || undefined), `users:${filter}`);
  const [saved, setSaved] = useState<Record<string, UserView>>({});
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [managing, setManaging] = useState<UserView | null>(null);

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved({});
    setFilter(draftFilter);
    if (draftFilter === filter) reload();
  }

  function onCreated(user: UserView) {
    setActionError(null);
    setStatus(t('users.created', { name: user.displayName }));
    setSaved({});
    reload();
  }

  async function onUpdate(user: UserView, change: UpdateUserRequest): Promise<boolean> {
    setStatus('');
    setActionError(null);
    try {
      const updated = await updateUser(user.id, change);
      setSaved((current) => ({ ...current, [updated.id]: updated }));
      const key = change.unlock ? 'users.unlocked' : change.active ? 'users.reactivated' : 'users.deactivated';
      setStatus(t(key, { name: user.displayName }));
      return true;
    } catch (error) {
      setActionError(error);
      return false;
    }
  }

  function onSaved(user: UserView, message: string) {
    setSaved((current) => ({ ...current, [user.id]: user }));
    setManaging(user);
    setStatus(message);
  }

  const assignableRoles = managesAll ? roles : roles.filter((role) => !nationallyGrantedRoles.includes(role));
  const shownUsers = users.status === 'ready' ? users.data.map((user) => saved[user.id] ?? user) : [];

  return (
    <Page title={t('users.title')}>
      <StatusMessage>{status}</StatusMessage>
      {organisationsResource.status === 'loading' ? (
        <Loading />
      ) : (
        <CreateUserForm
          organisations={organisations.filter((organisation) => organisation.active)}
          assignableRoles={assignableRoles}
          onCreated={onCreated}
        />
      )}
      <section aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t('users.listTitle')}</h2>
        <form onSubmit={applyFilter} className="filters" aria-label={t('users.filterTitle')}>
          <SelectField
            id="users-filter-organisation"
            label={t('users.filterOrganisation')}
            required={false}
            value={draftFilter}
            onValueChange={setDraftFilter}
          >
            <option value="">{t('users.allOrganisations')}</option>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </SelectField>
          <button type="submit">{t('users.filter')}</button>
        </form>
        {actionError !== null ? <ErrorAlert error={actionError} /> : null}
        {users.status === 'loading' ? <Loading /> : null}
        {users.status === 'failed' ? <ErrorAlert error={users.error} /> : null}
        {users.status === 'ready' ? (
          <UserTable users={shownUsers} currentUserId={session.user.id} onUpdate={onUpdate} onManage={setManaging} />
        ) : null}
        {managing ? (
          <ManageUserPanel
            key={managing.id}
            user={saved[managing.id] ?? managing}
            organisationType={organisations.find((organisation) => organisation.id === managing.organisationId)?.type}
            assignableRoles={assignableRoles}
            isSelf={managing.id === session.user.id}
            onSaved={onSaved}
            onClose={() => setManaging(null)}
          />
        ) : null}
      </section>
    </Page>
  );
}
