import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '@palermo/contracts';
import { AuditCode } from './AuditCode';

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
            <th scope="col">{t('audit.colAction')}</th>
            <th scope="col">{t('audit.colRecord')}</th>
            <th scope="col">{t('audit.colPurpose')}</th>
            <th scope="col" title={t('audit.summaryNote')}>
              {t('audit.colSummary')}
            </th>
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
              <td>{entry.actorName ?? (entry.actorUserId ? <bdi>{entry.actorUserId}</bdi> : t('audit.system'))}</td>
              <td>
                <AuditCode vocabulary="actions" code={entry.action} />
              </td>
              <td>
                {entry.recordType || entry.recordId ? (
                  <bdi>
                    {entry.recordType ? <AuditCode vocabulary="recordTypes" code={entry.recordType} /> : null} {entry.recordId}
                  </bdi>
                ) : (
                  t('app.none')
                )}
              </td>
              <td>
                <AuditCode vocabulary="purposes" code={entry.purpose} />
              </td>
              <td>
                <bdi>{entry.summary}</bdi>
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
