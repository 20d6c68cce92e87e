import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '@palermo/contracts';
import { useFormats } from '../cases/format';
import { CaseItems, HomeList } from '../home/HomeLists';

/**
 * A supervisor's own lists on her home: approvals waiting (each to the case's approvals), her team with open and
 * overdue cases (each to the case list), and the organisation's cases no caseworker manages (each to the case, where
 * she assigns it).
 */
export function SupervisorLists({ view }: { view: HomeView }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <>
      {view.approvalsWaiting ? (
        <HomeList id="home-approvals" title={t('supervision.home.approvalsWaiting')} total={view.approvalsWaiting.total} empty={t('supervision.home.noApprovals')}>
          <ApprovalItems items={view.approvalsWaiting.items} />
        </HomeList>
      ) : null}
      {view.team ? (
        <HomeList id="home-team" title={t('supervision.home.team')} total={view.team.members.length} empty={t('supervision.home.noTeam')}>
          {view.team.members.map((member) => (
            <li key={member.userId} className={member.overdue > 0 ? 'home-item home-item-overdue' : 'home-item'}>
              <Link to="/cases">
                <bdi>{member.displayName}</bdi>
              </Link>
              <span> · {t('supervision.home.openCases', { count: member.openCases, formatted: number.format(member.openCases) })}</span>
              {member.overdue > 0 ? <span className="badge badge-bad">{t('supervision.home.overdue', { count: member.overdue, formatted: number.format(member.overdue) })}</span> : null}
            </li>
          ))}
        </HomeList>
      ) : null}
      {view.unassignedCases ? (
        <HomeList id="home-unassigned" title={t('supervision.home.unassigned')} total={view.unassignedCases.total} empty={t('supervision.home.noUnassigned')} more={<Link to="/cases">{t('homeWork.allCases')}</Link>}>
          <CaseItems list="unassignedCases" items={view.unassignedCases.items} />
        </HomeList>
      ) : null}
    </>
  );
}

type ApprovalItem = NonNullable<HomeView['approvalsWaiting']>['items'][number];

/** Approvals waiting, each a link to the case's approvals (the supervisor's home and the approvals page). */
export function ApprovalItems({ items }: { items: readonly ApprovalItem[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <>
      {items.map((item) => (
        <li key={item.id} className="home-item">
          <Link to={`/cases/${item.caseId}#case-approvals`}>
            <bdi>{item.caseReference}</bdi>
          </Link>
          <span> · {t(`supervision.kinds.${item.kind}`)}</span>
          <span> · {t('supervision.askedBy', { name: item.requestedBy, date: formats.dateTime(item.requestedAt) })}</span>
        </li>
      ))}
    </>
  );
}
