import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { totpCodeRequest, type TotpEnrolmentResponse } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ErrorAlert, Loading } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { CodeField } from './CodeField';
import { asCodeIssue } from './codeRejection';
import { confirmEnrolment, startEnrolment } from './api';

type Enrolment = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data: TotpEnrolmentResponse };

/** Two-factor enrolment: show the new secret as a QR code and as text, then confirm it with a first code. */
export function EnrolmentPage() {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment>({ status: 'loading' });
  const started = useRef(false);

  const start = useCallback(() => {
    setEnrolment({ status: 'loading' });
    startEnrolment().then(
      (data) => setEnrolment({ status: 'ready', data }),
      (error: unknown) => setEnrolment({ status: 'failed', error }),
    );
  }, []);

  // Each call makes the server issue a new secret, so ask only once (React's strict mode runs effects twice).
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);

  return (
    <Page title={t('auth.enrolTitle')}>
      <p>{t('auth.enrolIntro')}</p>
      {enrolment.status === 'loading' ? <Loading text={t('auth.enrolPreparing')} /> : null}
      {enrolment.status === 'failed' ? (
        <>
          <ErrorAlert error={enrolment.error} />
          <button type="button" onClick={start}>
            {t('app.tryAgain')}
          </button>
        </>
      ) : null}
      {enrolment.status === 'ready' ? <EnrolmentSteps data={enrolment.data} /> : null}
    </Page>
  );
}

function EnrolmentSteps({ data }: { data: TotpEnrolmentResponse }) {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const [code, setCode] = useState('');
  const form = useForm({ code: { id: 'enrol-code', label: t('auth.code') } });
  const qrSource = `data:image/svg+xml;utf8,${encodeURIComponent(data.qrCodeSvg)}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(totpCodeRequest, { code });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    const ok = await form.run(async () => {
      try {
        applySession(await confirmEnrolment(checked.data.code));
      } catch (error) {
        throw asCodeIssue(error);
      }
    });
    if (!ok) setCode('');
  }

  return (
    <>
      <section aria-labelledby="enrol-scan-title">
        <h2 id="enrol-scan-title">{t('auth.enrolScanTitle')}</h2>
        <p>{t('auth.enrolScan')}</p>
        <img className="qr-code" src={qrSource} alt={t('auth.qrAlt')} width={200} height={200} />
        <p id="enrol-secret-hint">{t('auth.enrolManual')}</p>
        <div className="field">
          <label htmlFor="enrol-secret">{t('auth.secret')}</label>
          <input
            id="enrol-secret"
            className="input-secret"
            type="text"
            readOnly
            value={data.secret}
            aria-describedby="enrol-secret-hint"
            spellCheck={false}
            autoComplete="off"
            dir="ltr"
            onFocus={(event) => event.target.select()}
          />
        </div>
        {data.otpauthUri.startsWith('otpauth://') ? (
          <p>
            <a href={data.otpauthUri}>{t('auth.openInApp')}</a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="enrol-confirm-title">
        <h2 id="enrol-confirm-title">{t('auth.enrolConfirmTitle')}</h2>
        <p>{t('auth.enrolConfirm')}</p>
        <ErrorSummary form={form} />
        <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
          <CodeField id="enrol-code" value={code} onValueChange={setCode} error={form.errorFor('code')} />
          <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
            {t('auth.confirm')}
          </button>
        </form>
      </section>
    </>
  );
}
