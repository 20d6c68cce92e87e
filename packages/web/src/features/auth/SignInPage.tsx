import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { signInRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useSession, type SignedOutNotice } from '../../app/session';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useIssueForm } from '../../components/useIssueForm';
import { signIn } from './api';

export function SignInPage({ notice }: { notice?: SignedOutNotice | undefined }) {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useIssueForm({
    email: { id: 'sign-in-email', label: t('auth.email') },
    password: { id: 'sign-in-password', label: t('auth.password') },
  });

  const noticeText =
    notice === 'signed_out'
      ? t('auth.signedOut')
      : notice === 'signed_out_everywhere'
        ? t('auth.signedOutEverywhere')
        : notice === 'expired'
          ? t('auth.expired')
          : undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(signInRequest, { email, password });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    const ok = await form.run(async () => {
      applySession(await signIn(checked.data));
    });
    if (!ok) setPassword('');
  }

  return (
    <Page title={t('auth.signInTitle')}>
      <StatusMessage>{form.summary.length === 0 ? noticeText : undefined}</StatusMessage>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField
          id="sign-in-email"
          type="email"
          label={t('auth.email')}
          value={email}
          onValueChange={setEmail}
          error={form.errorFor('email')}
          autoComplete="username"
          spellCheck={false}
        />
        <TextField
          id="sign-in-password"
          type="password"
          label={t('auth.password')}
          value={password}
          onValueChange={setPassword}
          error={form.errorFor('password')}
          autoComplete="current-password"
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('auth.signIn')}
        </button>
      </form>
      <p>
        <Link to="/reset-password">{t('auth.haveResetCode')}</Link>
      </p>
      <p>
        <Link to="/public">{t('auth.publicViewLink')}</Link>
      </p>
    </Page>
  );
}
