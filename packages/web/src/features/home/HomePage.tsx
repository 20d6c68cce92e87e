import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { getHome, type HomeView } from './api';
import { CaseItems, HomeList, OrganisationCounts, ReferralItems, SuspicionItems, UserItems } from './HomeLists';
import { SupervisorLists } from '../supervision/SupervisorLists';
import './home.css';
import { CrossBorderHomeList } from '../proceedings/CrossBorderHomeList';

/**
 * After sign-in: what the person's roles have to do, each item one click from where it is done (the case page at the
 * right section, the referrals page, the users page), then who they are.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useActiveSession();
  const [home] = useResource(getHome, 'home');

  return (
    <Page title={t('home.title', { name: user.displayName })}>
      <p>{t('homeWork.intro')}</p>
      {home.status === 'loading' ? <Loading /> : null}
      {home.status === 'failed' ? <ErrorAlert error={home.error} /> : null}
      {home.status === 'ready' ? <HomeWork view={home.data} /> : null}
      <Account />
    </Page>
  );
}

function HomeWork({ view }: { view: HomeView }) {
  const { t, i18n } = useTranslation();
  const caseLists = (['myCases', 'decisionsToTake', 'followUpsDue', 'decisionsPending', 'periodsEnding', 'measuresOverdue', 'inactiveCases'] as const).filter((list) => view[list] !== undefined);
  const number = new Intl.NumberFormat(i18n.language);
  const anything =
    caseLists.length > 0 ||
    [view.team, view.referralsWaiting, view.suspicionsReported, view.crossBorderOverdue, view.unansweredReferrals, view.monthCounts, view.imports, view.usersLockedOut].some((v) => v !== undefined);
  return (
    <div className="home-work">
      {!anything ? <p>{t('homeWork.nothingForRoles')}</p> : null}
      <SupervisorLists view={view} />
      {view.referralsWaiting ? (
        <HomeList id="home-referrals" title={t('homeWork.referralsWaiting')} total={view.referralsWaiting.total} empty={t('homeWork.noReferrals')} more={<Link to="/referrals">{t('homeWork.allReferrals')}</Link>}>
          <ReferralItems items={view.referralsWaiting.items} />
        </HomeList>
      ) : null}
      {caseLists.map((list) => {
        const data = view[list];
        if (!data) return null;
        return (
          <HomeList key={list} id={`home-${list}`} title={t(`homeWork.lists.${list}`)} total={data.total} empty={t(`homeWork.empty.${list}`)} more={<Link to={list === 'myCases' ? '/cases?assignedToMe=true&sort=due_asc' : '/cases'}>{t('homeWork.allCases')}</Link>}>
            <CaseItems list={list} items={data.items} />
          </HomeList>
        );
      })}
      {view.crossBorderOverdue ? <CrossBorderHomeList list={view.crossBorderOverdue} /> : null}
      {view.suspicionsReported ? (
        <HomeList id="home-suspicions" title={t('homeWork.suspicionsReported')} total={view.suspicionsReported.total} empty={t('homeWork.noSuspicions')} more={<Link to="/referrals">{t('homeWork.allReferrals')}</Link>}>
          <SuspicionItems items={view.suspicionsReported.items} />
        </HomeList>
      ) : null}
      {view.monthCounts ? (
        <section aria-labelledby="home-month-title" className="home-list" id="home-month">
          <h2 id="home-month-title">{t('homeWork.monthTitle', { month: new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${view.monthCounts.month}T00:00:00Z`)) })}</h2>
          <dl className="details">
            {(['casesOpened', 'personsReferred', 'positiveDecisions'] as const).map((key) => (
              <div key={key}>
                <dt>{t(`homeWork.month.${key}`)}</dt>
                <dd>{number.format(view.monthCounts?.[key].value ?? 0)}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">{t('homeWork.perturbed')}</p>
        </section>
      ) : null}
      {view.unansweredReferrals ? (
        <HomeList
          id="home-unanswered"
          title={t('homeWork.unansweredReferrals', { count: view.unansweredReferrals.answerDays })}
          total={view.unansweredReferrals.organisations.reduce((n, o) => n + o.count, 0)}
          empty={t('homeWork.noUnanswered')}
        >
          <OrganisationCounts items={view.unansweredReferrals.organisations} to="/directory" />
        </HomeList>
      ) : null}
      {view.overdueDecisions ? (
        <HomeList id="home-overdue-decisions" title={t('homeWork.overdueDecisions')} total={view.overdueDecisions.organisations.reduce((n, o) => n + o.count, 0)} empty={t('homeWork.noOverdueDecisions')}>
          <OrganisationCounts items={view.overdueDecisions.organisations} to="/directory" />
        </HomeList>
      ) : null}
      {view.imports ? (
        <HomeList id="home-imports" title={t('homeWork.imports')} total={view.imports.items.length} empty={t('homeWork.noImports')}>
          {view.imports.items.map((item) => (
            <li key={item.id} className="home-item">
              <Link to="/statistics">
                <bdi>{item.name}</bdi>
              </Link>
              <span> · {t('homeWork.rows', { count: item.rows })}</span>
              <span> · {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(item.at))}</span>
            </li>
          ))}
        </HomeList>
      ) : null}
      {view.releases ? (
        <HomeList id="home-releases" title={t('homeWork.releases')} total={view.releases.items.length} empty={t('homeWork.noReleases')}>
          {view.releases.items.map((item) => (
            <li key={item.id} className="home-item">
              <Link to="/releases">
                <bdi>{item.fileName}</bdi>
              </Link>
              <span> · {t('homeWork.records', { count: item.records })}</span>
              <span> · {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(item.at))}</span>
            </li>
          ))}
        </HomeList>
      ) : null}
      {view.usersLockedOut ? (
        <HomeList id="home-locked" title={t('homeWork.usersLockedOut')} total={view.usersLockedOut.total} empty={t('homeWork.noUsers')}>
          <UserItems items={view.usersLockedOut.items} since="homeWork.lockedSince" />
        </HomeList>
      ) : null}
      {view.usersWithoutTwoFactor ? (
        <HomeList id="home-no-two-factor" title={t('homeWork.usersWithoutTwoFactor')} total={view.usersWithoutTwoFactor.total} empty={t('homeWork.noUsers')}>
          <UserItems items={view.usersWithoutTwoFactor.items} since="homeWork.createdOn" />
        </HomeList>
      ) : null}
      {view.usersInactive ? (
        <HomeList id="home-inactive-users" title={t('homeWork.usersInactive')} total={view.usersInactive.total} empty={t('homeWork.noUsers')}>
          <UserItems items={view.usersInactive.items} since="homeWork.lastSignIn" />
        </HomeList>
      ) : null}
    </div>
  );
}

/** Who you are, for which organisation, with which roles. */
function Account() {
  const { t, i18n } = useTranslation();
  const { user, idleTimeoutSeconds } = useActiveSession();
  const minutes = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(Math.round(idleTimeoutSeconds / 60));
  const roleNames = user.roles.map((role) => t(`roles.${role}`));
  return (
    <details className="home-account">
      <summary>
        <h2 id="home-account-title">{t('home.accountTitle')}</h2>
      </summary>
      <dl className="details">
        <div>
          <dt>{t('home.name')}</dt>
          <dd>{user.displayName}</dd>
        </div>
        <div>
          <dt>{t('home.email')}</dt>
          <dd>
            <bdi>{user.email}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('home.organisation')}</dt>
          <dd>{user.organisation.name}</dd>
        </div>
        <div>
          <dt>{t('home.organisationType')}</dt>
          <dd>{t(`organisationTypes.${user.organisation.type}`)}</dd>
        </div>
        <div>
          <dt>{t('home.roles')}</dt>
          <dd>{roleNames.length > 0 ? new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(roleNames) : t('app.none')}</dd>
        </div>
        <div>
          <dt>{t('home.idleTimeout')}</dt>
          <dd>{minutes}</dd>
        </div>
      </dl>
    </details>
  );
}
