import { Suspense, lazy, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Capabilities } from '@palermo/contracts';
import { AuditPage } from '../features/audit/AuditPage';
import { EnrolmentPage } from '../features/auth/EnrolmentPage';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { SignInPage } from '../features/auth/SignInPage';
import { TwoFactorPage } from '../features/auth/TwoFactorPage';
import { CasePage } from '../features/cases/CasePage';
import { CasesPage } from '../features/cases/CasesPage';
import { MatchRequestsPage } from '../features/cases/MatchRequestsPage';
import { ReportSuspicionPage } from '../features/cases/ReportSuspicionPage';
import { DirectoryPage } from '../features/directory/DirectoryPage';
import { EstimationPage } from '../features/estimation/EstimationPage';
import { canEstimate } from '../features/estimation/permissions';
import { ImportsPage } from '../features/imports/ImportsPage';
import { canImport } from '../features/imports/permissions';
import { ReleasesPage } from '../features/releases/ReleasesPage';
import { canSeeReleases } from '../features/releases/permissions';
import { canSeeStatistics } from '../features/statistics/permissions';
import { HomePage } from '../features/home/HomePage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { ReferralsPage } from '../features/referrals/ReferralsPage';
import { FirstRunPage } from '../features/setup/FirstRunPage';
import { UsersPage } from '../features/users/UsersPage';
import { ErrorAlert, Loading } from '../components/Status';
import { Layout } from './Layout';
import { NotAllowedPage, NotFoundPage } from './MessagePages';
import { Page } from './Page';
import { PublicLayout } from './PublicLayout';
import { createQueryClient } from './query';
import { canAnswerMatchRequests, canHandleReferrals, canManageUsers, canOpenCases, canReadAudit, canSeeCases } from './permissions';
import { SessionProvider, useActiveSession, useSession } from './session';

/** The statistics page carries the charting library: loaded only when someone opens it. */
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Gate />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}

/**
 * Decides what to show from where the session stands: first-run setup, sign-in, the two-factor steps, or the app.
 * Before the app, the address does not change, so after signing in the person lands on the page they asked for.
 */
function Gate() {
  const { t } = useTranslation();
  const { state, reload } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return (
        <PublicLayout>
          <Loading />
        </PublicLayout>
      );
    case 'unreachable':
      return (
        <PublicLayout>
          <Page title={t('app.unreachableTitle')}>
            <p>{t('app.unreachableText')}</p>
            <ErrorAlert error={state.error} />
            <button type="button" onClick={reload}>
              {t('app.tryAgain')}
            </button>
          </Page>
        </PublicLayout>
      );
    case 'setup':
      return (
        <PublicLayout>
          <FirstRunPage />
        </PublicLayout>
      );
    case 'signed_out':
      return (
        <PublicLayout>
          {location.pathname === '/reset-password' ? <ResetPasswordPage /> : <SignInPage notice={state.notice} />}
        </PublicLayout>
      );
    case 'signed_in':
      if (state.session.stage === 'two_factor_required') {
        return (
          <PublicLayout canSignOut>
            <TwoFactorPage />
          </PublicLayout>
        );
      }
      if (state.session.stage === 'two_factor_enrolment_required') {
        return (
          <PublicLayout canSignOut>
            <EnrolmentPage />
          </PublicLayout>
        );
      }
      return <AppRoutes />;
  }
}

function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route
          path="notifications"
          element={
            <Suspense fallback={<Loading />}>
              <NotificationsPage />
            </Suspense>
          }
        />
        <Route
          path="organisations"
          element={
            <Allowed when={canManageUsers}>
              <OrganisationsPage />
            </Allowed>
          }
        />
        <Route
          path="users"
          element={
            <Allowed when={canManageUsers}>
              <UsersPage />
            </Allowed>
          }
        />
        <Route
          path="audit"
          element={
            <Allowed when={canReadAudit}>
              <AuditPage />
            </Allowed>
          }
        />
        <Route
          path="cases"
          element={
            <Allowed when={canSeeCases}>
              <CasesPage />
            </Allowed>
          }
        />
        <Route
          path="cases/new"
          element={
            <Allowed when={canOpenCases}>
              <ReportSuspicionPage />
            </Allowed>
          }
        />
        <Route
          path="cases/:id"
          element={
            <Allowed when={canSeeCases}>
              <CasePage />
            </Allowed>
          }
        />
        <Route
          path="match-requests"
          element={
            <Allowed when={canAnswerMatchRequests}>
              <MatchRequestsPage />
            </Allowed>
          }
        />
        <Route
          path="referrals"
          element={
            <Allowed when={canHandleReferrals}>
              <ReferralsPage />
            </Allowed>
          }
        />
        <Route path="directory" element={<DirectoryPage />} />
        <Route
          path="estimation"
          element={
            <Allowed when={canEstimate}>
              <EstimationPage />
            </Allowed>
          }
        />
        <Route
          path="statistics"
          element={
            <Allowed when={canSeeStatistics}>
              <Suspense fallback={<Loading />}>
                <StatisticsPage />
              </Suspense>
            </Allowed>
          }
        />
        <Route
          path="releases"
          element={
            <Allowed when={canSeeReleases}>
              <ReleasesPage />
            </Allowed>
          }
        />
        <Route
          path="imports"
          element={
            <Allowed when={canImport}>
              <ImportsPage />
            </Allowed>
          }
        />
        <Route path="reset-password" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Allowed({ when, children }: { when: (capabilities: Capabilities) => boolean; children: ReactNode }) {
  const session = useActiveSession();
  return when(session.capabilities) ? children : <NotAllowedPage />;
}
