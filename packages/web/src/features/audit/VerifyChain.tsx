import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResponse } from '@palermo/contracts';
import { ErrorAlert, StatusMessage } from '../../components/Status';
import { verifyAudit } from './api';

type Check = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: AuditVerifyResponse } | { status: 'failed'; error: unknown };

/** Asks the server to recompute the audit log's hash chain and says whether it is intact. */
export function VerifyChain() {
  const { t } = useTranslation();
  const [check, setCheck] = useState<Check>({ status: 'idle' });

  async function run() {
    if (check.status === 'running') return;
    setCheck({ status: 'running' });
    try {
      setCheck({ status: 'done', result: await verifyAudit() });
    } catch (error) {
      setCheck({ status: 'failed', error });
    }
  }

  const result = check.status === 'done' ? check.result : undefined;
  return (
    <section aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title">{t('audit.verifyTitle')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <button type="button" onClick={() => void run()}>
        {t('audit.verify')}
      </button>
      <StatusMessage>
        {check.status === 'running'
          ? t('audit.verifying')
          : result?.ok
            ? result.checkpoint
              ? t('audit.verifyOkCheckpoint', { checked: result.entriesChecked, seq: result.checkpoint.seq })
              : t('audit.verifyOk', { checked: result.entriesChecked })
            : undefined}
      </StatusMessage>
      {result?.ok && !result.checkpoint ? <p>{t('audit.verifyNoCheckpoint')}</p> : null}
      {result && !result.ok ? (
        <div role="alert" className="alert">
          <p>{t('audit.verifyBroken', { checked: result.entriesChecked })}</p>
          {result.forgedCount > 0 ? <p>{t('audit.verifyForged', { number: result.forgedCount, first: result.forgedEntries.slice(0, 10).join(', ') })}</p> : null}
          {result.checkpoint && !result.checkpoint.matches ? <p>{t('audit.verifyCheckpointMismatch', { seq: result.checkpoint.seq })}</p> : null}
          {result.firstBadSeq !== null ? <p>{t('audit.verifyFirstBad', { seq: result.firstBadSeq })}</p> : null}
          {result.problem !== null ? (
            <p>
              <bdi>{t('audit.verifyProblem', { problem: result.problem })}</bdi>
            </p>
          ) : null}
        </div>
      ) : null}
      {check.status === 'failed' ? <ErrorAlert error={check.error} /> : null}
    </section>
  );
}
