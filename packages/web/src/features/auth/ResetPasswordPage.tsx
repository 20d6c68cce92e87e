import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { passwordResetRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { resetPasswordWithCode } from './api';

/**
 * A user who lost her password sets a new one with the one-time code her administrator gave her (or sent by e-mail).
 * She then signs in as usual, with her authenticator.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const form = useContractForm(
    passwordResetRequest,
    {
      email: { id: 'reset-email', label: t('auth.email') },
      code: { id: 'reset-code', label: t('auth.resetCode') },
      newPassword: { id: 'reset-password', label: t('auth.newPassword') },
      repeat: { id: 'reset-repeat', label: t('auth.repeatPassword') },
    },
    { email: '', code: '', newPassword: '', repeat: '' },
    {
      request: ({ email, code, newPassword }) => ({ email, code, newPassword }),
      also: ({ newPassword, repeat }, invalid) => (newPassword !== repeat && !invalid.has('newPassword') ? [{ field: 'repeat', problem: 'passwords differ' }] : []),
    },
  );

  const onSubmit = form.check(async (request) => {
    const ok = await form.run(async () => {
      await resetPasswordWithCode(request);
    });
    if (ok) setDone(true);
    else form.set('code', '');
  });

  if (done) {
    return (
      <Page title={t('auth.resetTitle')}>
        <StatusMessage>{t('auth.resetDone')}</StatusMessage>
        <p>
          <Link to="/">{t('auth.backToSignIn')}</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t('auth.resetTitle')}>
      <p>{t('auth.resetIntro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="reset-email" type="email" label={t('auth.email')} {...form.text('email')} autoComplete="username" spellCheck={false} />
        <TextField
          id="reset-code"
          label={t('auth.resetCode')}
          hint={t('auth.resetCodeHint')}
          {...form.text('code')}
          autoComplete="one-time-code"
          spellCheck={false}
          dir="ltr"
        />
        <TextField
          id="reset-password"
          type="password"
          label={t('auth.newPassword')}
          hint={t('users.passwordHint')}
          {...form.text('newPassword')}
          autoComplete="new-password"
        />
        <TextField id="reset-repeat" type="password" label={t('auth.repeatPassword')} {...form.text('repeat')} autoComplete="new-password" />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('auth.setPassword')}
        </button>
      </form>
      <p>
        <Link to="/">{t('auth.backToSignIn')}</Link>
      </p>
    </Page>
  );
}
