import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { Loading } from '../components/Status';
import { useTranslation } from 'react-i18next';
import { SignOutButtons } from '../features/auth/SignOutButtons';
import { AccountNotices } from '../features/users/AccountNotices';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { canAnswerMatchRequests, canHandleReferrals, canManageUsers, canReadAudit, canSeeCases, canSeeProsecution } from './permissions';
import { useActiveSession } from './session';
import { canSeeActionPlan } from '../features/action-plan/permissions';
import { canSeeRecommendations } from '../features/recommendations/permissions';
import { canSeeDeterminants } from '../features/determinants/permissions';
import { canSeeCoordination } from '../features/coordination/permissions';
import { canEstimate } from '../features/estimation/permissions';
import { canImport } from '../features/imports/permissions';
import { canSeeReleases } from '../features/releases/permissions';
import { canSeeStatistics } from '../features/statistics/permissions';
import { canSeeProsecutionFunnel } from '../features/prosecution-funnel/permissions';
import { canImportProsecutionHistory } from '../features/prosecution-import/permissions';
import { SkipLink, mainId } from './SkipLink';
import { NavCount, NavCountsProvider } from '../features/home/NavCount';
import type { HomeCounts } from '../features/home/api';
import { NotificationsCount } from '../features/notifications/NotificationsCount';

/** The frame of every page once signed in: skip link, header with navigation and account actions, main content. */
export function Layout() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { capabilities } = session;
  const links = [
    { to: '/', label: t('nav.home'), show: true, count: 'home' as keyof HomeCounts },
    { to: '/approvals', label: t('supervision.nav'), show: capabilities.superviseCases, count: 'approvals' as keyof HomeCounts },
    { to: '/organisations', label: t('nav.organisations'), show: canManageUsers(capabilities) },
    { to: '/users', label: t('nav.users'), show: canManageUsers(capabilities), count: 'users' as keyof HomeCounts },
    { to: '/audit', label: t('nav.audit'), show: canReadAudit(capabilities) },
    { to: '/cases', label: t('nav.cases'), show: canSeeCases(capabilities), count: 'cases' as keyof HomeCounts },
    { to: '/referrals', label: t('nav.referrals'), show: canHandleReferrals(capabilities), count: 'referrals' as keyof HomeCounts },
    { to: '/match-requests', label: t('nav.matchRequests'), show: canAnswerMatchRequests(capabilities) },
    { to: '/prosecution', label: t('prosecution.nav'), show: canSeeProsecution(capabilities) },
    { to: '/prosecution/import', label: t('prosecutionImport.nav'), show: canImportProsecutionHistory(capabilities) },
    { to: '/action-plans', label: t('actionPlan.nav'), show: canSeeActionPlan(capabilities) },
    { to: '/recommendations', label: t('recommendations.nav'), show: canSeeRecommendations(capabilities) },
    { to: '/determinants', label: t('determinants.nav'), show: canSeeDeterminants(capabilities) },
    { to: '/coordination', label: t('coordination.nav'), show: canSeeCoordination(capabilities) },
    { to: '/prosecution/funnel', label: t('prosecutionFunnel.nav'), show: canSeeProsecutionFunnel(capabilities) },
    { to: '/directory', label: t('nav.directory'), show: true },
    { to: '/estimation', label: t('nav.estimation'), show: canEstimate(capabilities) },
    { to: '/releases', label: t('nav.releases'), show: canSeeReleases(capabilities) },
    { to: '/statistics', label: t('nav.statistics'), show: canSeeStatistics(capabilities) },
    { to: '/imports', label: t('nav.imports'), show: canImport(capabilities) },
    { to: '/notifications', label: t('notifications.nav'), show: true },
  ].filter((link) => link.show);

  return (
    <NavCountsProvider>
      <SkipLink />
      <header className="site-header">
        <div className="header-bar">
          <span className="brand">{t('app.name')}</span>
          <div className="header-tools">
            <p className="signed-in-as">
              {/* Names are isolated so that a name in one script does not reorder the sentence around it. */}
              {t('app.signedInAs')} <bdi>{session.user.displayName}</bdi> (<bdi>{session.user.organisation.name}</bdi>)
            </p>
            <LanguageSelect />
            <SignOutButtons />
          </div>
        </div>
        <nav aria-label={t('app.mainNav')} className="main-nav">
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/'} aria-describedby={'count' in link && link.count ? `nav-count-${link.count}` : undefined}>
                  {link.label}
                  {'count' in link && link.count ? <NavCount area={link.count} /> : null}
                  {link.to === '/notifications' ? <NotificationsCount /> : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id={mainId} tabIndex={-1}>
        <AccountNotices />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </NavCountsProvider>
  );
}
