import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from './api';
import { DueDate } from './DueDate';
import { useFormats } from './format';
import { traffickingStatusKey } from './traffickingStatus';

/** The worklist: no person fields at all, only the case's reference and where it stands. */
export function CaseTable({ cases }: { cases: readonly CaseSummary[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  if (cases.length === 0) return <p>{t('cases.empty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="cases-caption">
      <table>
        <caption id="cases-caption">{t('cases.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.colReference')}</th>
            <th scope="col">{t('cases.colStage')}</th>
            <th scope="col">{t('cases.colStatus')}</th>
            <th scope="col">{t('cases.colTraffickingStatus')}</th>
            <th scope="col">{t('cases.colDecisionDue')}</th>
            <th scope="col">{t('cases.colOpened')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => (
            <tr key={item.id} className={item.overdue ? 'row-overdue' : undefined}>
              <th scope="row">
                <Link to={`/cases/${item.id}`}>
                  <bdi>{item.reference}</bdi>
                </Link>
              </th>
              <td>{item.stage === undefined ? null : t(`caseStages.${item.stage}`)}</td>
              <td>{t(`caseStatuses.${item.status}`)}</td>
              <td>{item.traffickingStatus === undefined ? null : t(traffickingStatusKey(item.traffickingStatus, item.stage))}</td>
              <td>{item.decisionDueAt === undefined ? null : <DueDate due={item.decisionDueAt} overdue={item.overdue === true} />}</td>
              <td>{formats.dateTime(item.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
