import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createUserRequest, roleAllowedIn, type OrganisationType, type Role, type UserView } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
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
  const [organisationId, setOrganisationId] = useState(only?.id ?? '');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  // Offer only the roles that can be held in the chosen organisation's type.
  const organisation = organisations.find((candidate) => candidate.id === organisationId);
  const offeredRoles = assignableRoles.filter((role) => !organisation || roleAllowedIn(role, organisation.type));

  function chooseOrganisation(id: string) {
    setOrganisationId(id);
    const chosen = organisations.find((candidate) => candidate.id === id);
    if (chosen) setRoles((current) => current.filter((role) => roleAllowedIn(role, chosen.type)));
  }
  const form = useForm({
    organisationId: { id: 'user-organisation', label: t('users.organisation') },
    displayName: { id: 'user-display-name', label: t('users.displayName') },
    email: { id: 'user-email', label: t('users.email') },
    password: { id: 'user-password', label: t('users.password') },
    roles: { id: 'user-roles', label: t('users.roles') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createUserRequest, {
      organisationId: organisationId || undefined,
      displayName,
      email,
      password,
      roles,
    });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    await form.run(async () => {
      const created = await createUser(checked.data);
      setDisplayName('');
      setEmail('');
      setPassword('');
      setRoles([]);
      onCreated(created);
    });
  }

  return (
    <section aria-labelledby="user-create-title">
      <h2 id="user-create-title">{t('users.createTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField
          id="user-organisation"
          label={t('users.organisation')}
          value={organisationId}
          onValueChange={chooseOrganisation}
          error={form.errorFor('organisationId')}
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
          value={displayName}
          onValueChange={setDisplayName}
          error={form.errorFor('displayName')}
          autoComplete="off"
        />
        <TextField
          id="user-email"
          type="email"
          label={t('users.email')}
          value={email}
          onValueChange={setEmail}
          error={form.errorFor('email')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="user-password"
          type="password"
          label={t('users.password')}
          hint={t('users.passwordHint')}
          value={password}
          onValueChange={setPassword}
          error={form.errorFor('password')}
          autoComplete="new-password"
        />
        <CheckboxGroup
          id="user-roles"
          legend={t('users.roles')}
          hint={t('users.rolesHint')}
          error={form.errorFor('roles')}
          options={offeredRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={setRoles}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('users.submit')}
        </button>
      </form>
    </section>
  );
}
