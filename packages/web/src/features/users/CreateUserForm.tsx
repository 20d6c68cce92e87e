import { useTranslation } from 'react-i18next';
import { createUserRequest, roleAllowedIn, type OrganisationType, type Role, type UserView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { createUser } from './api';

export interface OrganisationOption {
  id: string;
  name: string;
  type: OrganisationType;
}

interface Props {
  organisations: readonly OrganisationOption[];
  assignableRoles: readonly Role[];
  onCreated: (user: UserView) => void;
}

export function CreateUserForm({ organisations, assignableRoles, onCreated }: Props) {
  const { t } = useTranslation();
  const only = organisations.length === 1 ? organisations[0] : undefined;
  const form = useContractForm(
    createUserRequest,
    {
      organisationId: { id: 'user-organisation', label: t('users.organisation') },
      displayName: { id: 'user-display-name', label: t('users.displayName') },
      email: { id: 'user-email', label: t('users.email') },
      password: { id: 'user-password', label: t('users.password') },
      roles: { id: 'user-roles', label: t('users.roles') },
    },
    { organisationId: only?.id ?? '', displayName: '', email: '', password: '', roles: [] as Role[] },
    { request: (values) => ({ ...values, organisationId: values.organisationId || undefined }) },
  );
  const organisationId = form.value('organisationId');
  const roles = form.value('roles');
  // Offer only the roles that can be held in the chosen organisation's type.
  const organisation = organisations.find((candidate) => candidate.id === organisationId);
  const offeredRoles = assignableRoles.filter((role) => !organisation || roleAllowedIn(role, organisation.type));

  function chooseOrganisation(id: string) {
    form.set('organisationId', id);
    const chosen = organisations.find((candidate) => candidate.id === id);
    if (chosen) form.set('roles', roles.filter((role) => roleAllowedIn(role, chosen.type)));
  }

  const onSubmit = form.submit(async (request) => {
    const created = await createUser(request);
    form.clear({ organisationId, displayName: '', email: '', password: '', roles: [] });
    onCreated(created);
  });

  return (
    <section aria-labelledby="user-create-title">
      <h2 id="user-create-title">{t('users.createTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField
          id="user-organisation"
          label={t('users.organisation')}
          {...form.text('organisationId')}
          onValueChange={chooseOrganisation}
        >
          {only ? null : <option value="">{t('users.chooseOrganisation')}</option>}
          {organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="user-display-name"
          label={t('users.displayName')}
          {...form.text('displayName')}
          autoComplete="off"
        />
        <TextField
          id="user-email"
          type="email"
          label={t('users.email')}
          {...form.text('email')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="user-password"
          type="password"
          label={t('users.password')}
          hint={t('users.passwordHint')}
          {...form.text('password')}
          autoComplete="new-password"
        />
        <CheckboxGroup
          id="user-roles"
          legend={t('users.roles')}
          hint={t('users.rolesHint')}
          error={form.errorFor('roles')}
          options={offeredRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={(chosen) => form.set('roles', chosen)}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('users.submit')}
        </button>
      </form>
    </section>
  );
}
