import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { totpCodeRequest } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { CodeField } from './CodeField';
import { verifyCode } from './api';
import { asCodeIssue } from './codeRejection';

/** Second step of signing in: the code from the person's authenticator app. */
export function TwoFactorPage() {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const [code, setCode] = useState('');
  const form = useForm({ code: { id: 'two-factor-code', label: t('auth.code') } });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(totpCodeRequest, { code });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    const ok = await form.run(async () => {
      try {
        applySession(await verifyCode(checked.data.code));
      } catch (error) {
        throw asCodeIssue(error);
      }
    });
    if (!ok) setCode('');
  }

  return (
    <Page title={t('auth.twoFactorTitle')}>
      <p>{t('auth.twoFactorIntro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <CodeField id="two-factor-code" value={code} onValueChange={setCode} error={form.errorFor('code')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('auth.verify')}
        </button>
      </form>
    </Page>
  );
}
