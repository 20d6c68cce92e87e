import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolmentResponse } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ErrorAlert, Loading } from '../../components/Status';
import { CodeField } from './CodeField';
import { confirmEnrolment, startEnrolment } from './api';
import { useCodeForm } from './useCodeForm';

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
  const { code, setCode, form, onSubmit } = useCodeForm('enrol-code', confirmEnrolment);
  const qrSource = `data:image/svg+xml;utf8,${encodeURIComponent(data.qrCodeSvg)}`;

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
