import { useTranslation } from 'react-i18next';
import { ActionPanel } from '../cases/ActionPanel';
import { DataRequestsPanel } from './DataRequestsPanel';
import { PrintPanel } from './PrintPanel';

interface Props {
  caseId: string;
  /** A supervisor of the organisation holding the case: answers the person's requests about her data. */
  answersRequests: boolean;
}

/** Documents printed from the case, and the person's requests about her own data. */
export function PersonRecordSection({ caseId, answersRequests }: Props) {
  const { t } = useTranslation();
  return (
    <section id="person-record" aria-labelledby="person-record-title">
      <h2 id="person-record-title">{t('personRecord.ui.printTitle')}</h2>
      <ActionPanel id="action-print" title={t('personRecord.ui.printPanel')}>
        <PrintPanel caseId={caseId} />
      </ActionPanel>
      {answersRequests ? (
        <ActionPanel id="action-data-requests" title={t('personRecord.ui.dpTitle')}>
          <DataRequestsPanel caseId={caseId} />
        </ActionPanel>
      ) : null}
    </section>
  );
}
