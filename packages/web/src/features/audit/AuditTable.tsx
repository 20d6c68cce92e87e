import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '@palermo/contracts';
import { AuditCode } from './AuditCode';
import { summarySentence } from './summary';

const outcomeClass: Record<AuditEntryView['outcome'], string> = {
  allowed: 'badge badge-ok',
  denied: 'badge badge-warn',
  failed: 'badge badge-bad',
};

interface Props {
  entries: readonly AuditEntryView[];
  ref?: Ref<HTMLDivElement>;
}

export function AuditTable({ entries, ref }: Props) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div className="table-wrap" ref={ref} tabIndex={0} role="region" aria-labelledby="audit-caption">
      <table className="table-dense">
        <caption id="audit-caption">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.colSeq')}</th>
            <th scope="col">{t('audit.colTime')}</th>
            <th scope="col">{t('audit.colActor')}</th>
            <th scope="col">{t('audit.colWhat')}</th>
            <th scope="col">{t('audit.colRecord')}</th>
            <th scope="col">{t('audit.colPurpose')}</th>
            <th scope="col">{t('audit.colOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <th scope="row">{entry.seq}</th>
              <td>
                <time dateTime={entry.occurredAt}>{time.format(new Date(entry.occurredAt))}</time>
              </td>
              <td>
                {entry.actorName ? <bdi>{entry.actorName}</bdi> : t('audit.system')}
                {entry.organisationName ? (
                  <>
                    <br />
                    <span className="muted">
                      <bdi>{entry.organisationName}</bdi>
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                <AuditCode vocabulary="actions" code={entry.action} />
                <Summary summary={entry.summary} />
              </td>
              <td>
                {entry.caseReference ? (
                  <span>
                    {t('audit.caseNumber')} <bdi dir="ltr">{entry.caseReference}</bdi>
                  </span>
                ) : entry.recordType ? (
                  <span title={entry.recordId ?? undefined}>
                    <AuditCode vocabulary="recordTypes" code={entry.recordType} />
                    {entry.recordName ? (
                      <>
                        {' '}
                        <bdi>{entry.recordName}</bdi>
                      </>
                    ) : null}
                  </span>
                ) : (
                  t('app.none')
                )}
              </td>
              <td>
                <AuditCode vocabulary="purposes" code={entry.purpose} />
              </td>
              <td>
                <span className={outcomeClass[entry.outcome]}>{t(`outcomes.${entry.outcome}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the entry says happened: a sentence in the reader's language, or the note as recorded (in English). */
function Summary({ summary }: { summary: string }) {
  const { t } = useTranslation();
  const sentence = summarySentence(t, summary);
  if (sentence) return <p className="audit-summary">{sentence}</p>;
  return (
    <p className="audit-summary muted" title={t('audit.summaryNote')}>
      <span>{t('audit.asRecorded')} </span>
      <bdi lang="en" dir="ltr">
        {summary}
      </bdi>
    </p>
  );
}
