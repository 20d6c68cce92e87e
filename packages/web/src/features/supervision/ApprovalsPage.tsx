import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { getHome } from '../home/api';
import { HomeList } from '../home/HomeLists';
import { ApprovalItems } from './SupervisorLists';
import '../home/home.css';

/**
 * What waits for the supervisor's approval: the page the navigation's approvals badge leads to, each item one click
 * from the case's approvals (the same list as on her home, read with it).
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const [home] = useResource(getHome, 'home');
  return (
    <Page title={t('supervision.page.title')}>
      <p>{t('supervision.page.intro')}</p>
      {home.status === 'loading' ? <Loading /> : null}
      {home.status === 'failed' ? <ErrorAlert error={home.error} /> : null}
      {home.status === 'ready' ? (
        <div className="home-work">
          <HomeList id="approvals-waiting" title={t('supervision.home.approvalsWaiting')} total={home.data.approvalsWaiting?.total ?? 0} empty={t('supervision.home.noApprovals')}>
            <ApprovalItems items={home.data.approvalsWaiting?.items ?? []} />
          </HomeList>
        </div>
      ) : null}
    </Page>
  );
}
