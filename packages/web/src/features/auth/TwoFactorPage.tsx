import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CodeField } from './CodeField';
import { verifyCode } from './api';
import { useCodeForm } from './useCodeForm';

/** Second step of signing in: the code from the person's authenticator app. */
export function TwoFactorPage() {
  const { t } = useTranslation();
  const { code, setCode, form, onSubmit } = useCodeForm('two-factor-code', verifyCode);

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
