import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { passwordResetRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { resetPasswordWithCode } from './api';

/**
 * A user who lost her password sets a new one with the one-time code her administrator gave her (or sent by e-mail).
 * She then signs in as usual, with her authenticator.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const form = useForm({
    email: { id: 'reset-email', label: t('auth.email') },
    code: { id: 'reset-code', label: t('auth.resetCode') },
    newPassword: { id: 'reset-password', label: t('auth.newPassword') },
    repeat: { id: 'reset-repeat', label: t('auth.repeatPassword') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(passwordResetRequest, { email, code, newPassword });
    const issues = checked.ok ? [] : [...checked.issues];
    if (newPassword !== repeat && !issues.some((issue) => issue.field === 'newPassword')) issues.push({ field: 'repeat', problem: 'passwords differ' });
    if (!checked.ok || issues.length > 0) {
      form.fail(issues);
      return;
    }
    const ok = await form.run(async () => {
      await resetPasswordWithCode(checked.data);
    });
    if (ok) setDone(true);
    else setCode('');
  }

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
        <TextField id="reset-email" type="email" label={t('auth.email')} value={email} onValueChange={setEmail} error={form.errorFor('email')} autoComplete="username" spellCheck={false} />
        <TextField
          id="reset-code"
          label={t('auth.resetCode')}
          hint={t('auth.resetCodeHint')}
          value={code}
          onValueChange={setCode}
          error={form.errorFor('code')}
          autoComplete="one-time-code"
          spellCheck={false}
          dir="ltr"
        />
        <TextField
          id="reset-password"
          type="password"
          label={t('auth.newPassword')}
          hint={t('users.passwordHint')}
          value={newPassword}
          onValueChange={setNewPassword}
          error={form.errorFor('newPassword')}
          autoComplete="new-password"
        />
        <TextField id="reset-repeat" type="password" label={t('auth.repeatPassword')} value={repeat} onValueChange={setRepeat} error={form.errorFor('repeat')} autoComplete="new-password" />
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
