import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page';
import { canOpenCases } from '../../app/permissions';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { listCases } from './api';
import { CaseFilters, filterFromParams, paramsFromFilter } from './CaseFilters';
import { CaseSearch } from './CaseSearch';
import { CaseTable } from './CaseTable';
import './cases.css';

/** The worklist of cases the person may see, its filters, and the search for a person. */
export function CasesPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const key = `cases:${filter.stage ?? ''}:${filter.status ?? ''}:${filter.overdue ? 'overdue' : ''}`;
  const [cases] = useResource(() => listCases(filter), key);

  return (
    <Page title={t('cases.title')}>
      {canOpenCases(session.user.roles) ? (
        <p className="page-actions">
          <Link to="/cases/new" className="button-link">
            {t('cases.report')}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="cases-worklist-title">
        <h2 id="cases-worklist-title">{t('cases.worklistTitle')}</h2>
        <CaseFilters key={key} filter={filter} onApply={(next) => setParams(paramsFromFilter(next))} />
        {cases.status === 'loading' ? <Loading /> : null}
        {cases.status === 'failed' ? <ErrorAlert error={cases.error} /> : null}
        {cases.status === 'ready' ? <CaseTable cases={cases.data} /> : null}
      </section>
      <CaseSearch />
    </Page>
  );
}
