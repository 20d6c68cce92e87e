import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { caseListTotalCap } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { canOpenCases } from '../../app/permissions';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { listCases, type CaseFilter, type CaseListPage } from './api';
import { CaseFilters, filterFromParams, paramsFromFilter } from './CaseFilters';
import { CaseSearch } from './CaseSearch';
import { CaseTable } from './CaseTable';
import './cases.css';

const PAGE_SIZE = 50;

/** The search for a person or a case number first, then the worklist: filtered, sorted, a page at a time. */
export function CasesPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const key = `cases:${new URLSearchParams(paramsFromFilter(filter)).toString()}`;
  const [cases] = useResource(() => listCases(filter, PAGE_SIZE), key);
  const filterKey = `cases:${new URLSearchParams(paramsFromFilter({ ...filter, offset: undefined })).toString()}`;

  return (
    <Page title={t('cases.title')}>
      {canOpenCases(session.capabilities) ? (
        <p className="page-actions">
          <Link to="/cases/new" className="button-link">
            {t('cases.report')}
          </Link>
        </p>
      ) : null}
      <CaseSearch />
      <section aria-labelledby="cases-worklist-title">
        <h2 id="cases-worklist-title">{t('cases.worklistTitle')}</h2>
        <CaseFilters key={filterKey} filter={filter} onApply={(next) => setParams(paramsFromFilter(next))} />
        {cases.status === 'loading' ? <Loading /> : null}
        {cases.status === 'failed' ? <ErrorAlert error={cases.error} /> : null}
        {cases.status === 'ready' ? (
          <>
            <PageCount page={cases.data} />
            <CaseTable cases={cases.data.cases} />
            <Pager page={cases.data} filter={filter} onGo={(offset) => setParams(paramsFromFilter({ ...filter, offset }))} />
          </>
        ) : null}
      </section>
    </Page>
  );
}

/** "Cases 51 to 100 of 1,234" (or "of more than 1,000"), announced when it changes. */
function PageCount({ page }: { page: CaseListPage }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  if (page.cases.length === 0) return null;
  const total = page.total > caseListTotalCap ? t('cases.moreThan', { count: caseListTotalCap }) : number.format(page.total);
  return (
    <p className="case-count" role="status">
      {t('cases.showing', { from: number.format(page.offset + 1), to: number.format(page.offset + page.cases.length), total })}
    </p>
  );
}

function Pager({ page, filter, onGo }: { page: CaseListPage; filter: CaseFilter; onGo: (offset: number) => void }) {
  const { t } = useTranslation();
  const offset = filter.offset ?? 0;
  const hasPrevious = offset > 0;
  const hasNext = page.offset + page.cases.length < page.total;
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('cases.pages')}>
      <button type="button" disabled={!hasPrevious} onClick={() => onGo(Math.max(0, offset - page.limit))}>
        {t('cases.previousPage')}
      </button>
      <button type="button" disabled={!hasNext} onClick={() => onGo(offset + page.limit)}>
        {t('cases.nextPage')}
      </button>
    </nav>
  );
}
