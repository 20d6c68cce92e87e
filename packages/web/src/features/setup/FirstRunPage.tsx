import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { firstRunRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { completeFirstRun } from './api';

/** First run: creates the national organisation and its first national administrator, who is then signed in. */
export function FirstRunPage() {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const [organisationName, setOrganisationName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const form = useForm({
    'organisation.name': { id: 'setup-organisation-name', label: t('setup.organisationName') },
    'admin.displayName': { id: 'setup-display-name', label: t('setup.displayName') },
    'admin.email': { id: 'setup-email', label: t('setup.email') },
    'admin.password': { id: 'setup-password', label: t('setup.password') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(firstRunRequest, {
      organisation: { name: organisationName },
      admin: { displayName, email, password },
    });
    if (!checked.ok) return form.fail(checked.issues);
    await form.run(async () => {
      applySession(await completeFirstRun(checked.data));
    });
  }

  return (
    <Page title={t('setup.title')}>
      <p>{t('setup.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset>
          <legend>{t('setup.organisationLegend')}</legend>
          <TextField
            id="setup-organisation-name"
            label={t('setup.organisationName')}
            value={organisationName}
            onValueChange={setOrganisationName}
            error={form.errorFor('organisation.name')}
            autoComplete="organization"
          />
        </fieldset>
        <fieldset>
          <legend>{t('setup.adminLegend')}</legend>
          <TextField
            id="setup-display-name"
            label={t('setup.displayName')}
            value={displayName}
            onValueChange={setDisplayName}
            error={form.errorFor('admin.displayName')}
            autoComplete="name"
          />
          <TextField
            id="setup-email"
            type="email"
            label={t('setup.email')}
            value={email}
            onValueChange={setEmail}
            error={form.errorFor('admin.email')}
            autoComplete="username"
            spellCheck={false}
          />
          <TextField
            id="setup-password"
            type="password"
            label={t('setup.password')}
            hint={t('setup.passwordHint')}
            value={password}
            onValueChange={setPassword}
            error={form.errorFor('admin.password')}
            autoComplete="new-password"
          />
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('setup.submit')}
        </button>
      </form>
    </Page>
  );
}
