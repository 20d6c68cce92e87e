import { useTranslation } from 'react-i18next';
import { firstRunRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { completeFirstRun } from './api';

/** First run: creates the national organisation and its first national administrator, who is then signed in. */
export function FirstRunPage() {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const form = useContractForm(
    firstRunRequest,
    {
      'organisation.name': { id: 'setup-organisation-name', label: t('setup.organisationName') },
      'admin.displayName': { id: 'setup-display-name', label: t('setup.displayName') },
      'admin.email': { id: 'setup-email', label: t('setup.email') },
      'admin.password': { id: 'setup-password', label: t('setup.password') },
    },
    { organisation: { name: '' }, admin: { displayName: '', email: '', password: '' } },
  );
  const onSubmit = form.submit(async (request) => {
    applySession(await completeFirstRun(request));
  });

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
            {...form.text('organisation.name')}
            autoComplete="organization"
          />
        </fieldset>
        <fieldset>
          <legend>{t('setup.adminLegend')}</legend>
          <TextField
            id="setup-display-name"
            label={t('setup.displayName')}
            {...form.text('admin.displayName')}
            autoComplete="name"
          />
          <TextField
            id="setup-email"
            type="email"
            label={t('setup.email')}
            {...form.text('admin.email')}
            autoComplete="username"
            spellCheck={false}
          />
          <TextField
            id="setup-password"
            type="password"
            label={t('setup.password')}
            hint={t('setup.passwordHint')}
            {...form.text('admin.password')}
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
