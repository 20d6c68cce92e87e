import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { ActionPanel } from '../cases/ActionPanel';
import type { CaseActionProps } from '../cases/useCaseChange';
import { AddRecordForm } from './AddRecordForm';
import { AssistancePlan } from './AssistancePlan';
import { getPlan, listRecords } from './api';
import { RecordList } from './RecordList';

interface Props extends CaseActionProps {
  /** Every organisation (to name service providers), not only the active ones. */
  allOrganisations: readonly OrganisationView[];
  /** The case is open and the reader manages it: records can be added. */
  canAdd: boolean;
}

/** The assistance plan and the case record, for the managing side and an organisation that accepted a referral (the API gives them to no one else). */
export function CaseRecordsSection(props: Props) {
  const { t } = useTranslation();
  const { caseView, allOrganisations, canAdd, onChanged } = props;
  const key = `records:${caseView.id}:${caseView.version}:${caseView.timeline.length}`;
  const [plan] = useResource(() => getPlan(caseView.id), key);
  const [records] = useResource(() => listRecords(caseView.id), key);
  const planData = plan.status === 'ready' ? plan.data : null;

  return (
    <section aria-labelledby="case-records-title" id="case-records">
      <h2 id="case-records-title">{t('records.title')}</h2>
      {canAdd ? (
        <ActionPanel id="action-record" title={t('records.addTitle')}>
          <AddRecordForm {...props} plan={planData} onAdded={() => onChanged()} />
        </ActionPanel>
      ) : null}
      {plan.status === 'loading' ? <Loading /> : null}
      {plan.status === 'failed' ? <ErrorAlert error={plan.error} /> : null}
      {planData !== null ? <AssistancePlan plan={planData} /> : null}
      <h3>{t('records.listTitle')}</h3>
      {records.status === 'loading' ? <Loading /> : null}
      {records.status === 'failed' ? <ErrorAlert error={records.error} /> : null}
      {records.status === 'ready' ? <RecordList records={records.data} organisations={allOrganisations} plan={planData} actions={canAdd ? props : undefined} /> : null}
    </section>
  );
}
