import { useTranslation } from 'react-i18next';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { latestCheckpoint } from './api';

/**
 * The newest signed checkpoint of the audit chain's head, for an administrator to write down outside the machine: a
 * log cut short later no longer contains the entry and hash written here.
 */
export function CheckpointPanel() {
  const { t, i18n } = useTranslation();
  const [state] = useResource(() => latestCheckpoint(), 'audit-checkpoint');
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'medium' });
  return (
    <section aria-labelledby="audit-checkpoint-title">
      <h2 id="audit-checkpoint-title">{t('audit.checkpoint.title')}</h2>
      <p>{t('audit.checkpoint.intro')}</p>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'failed' ? <ErrorAlert error={state.error} /> : null}
      {state.status === 'ready' ? (
        <>
          {state.data.problem !== null ? (
            <div role="alert" className="alert">
              <p>{t('audit.checkpoint.untrusted')}</p>
              <p>
                <bdi dir="ltr">{state.data.problem}</bdi>
              </p>
            </div>
          ) : null}
          {state.data.checkpoint === null ? (
            state.data.problem === null ? <p>{t('audit.checkpoint.none')}</p> : null
          ) : (
            <dl className="checkpoint-facts">
              <dt>{t('audit.checkpoint.seq')}</dt>
              <dd>{state.data.checkpoint.seq}</dd>
              <dt>{t('audit.checkpoint.time')}</dt>
              <dd>
                <time dateTime={state.data.checkpoint.createdAt}>{time.format(new Date(state.data.checkpoint.createdAt))}</time>
              </dd>
              <dt>{t('audit.checkpoint.headHash')}</dt>
              <dd>
                <code dir="ltr" className="hash">
                  {state.data.checkpoint.headHash}
                </code>
              </dd>
            </dl>
          )}
        </>
      ) : null}
    </section>
  );
}
