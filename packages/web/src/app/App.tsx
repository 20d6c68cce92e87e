import { Suspense, lazy, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Capabilities } from '@palermo/contracts';
import { SignInPage } from '../features/auth/SignInPage';
import { canEstimate } from '../features/estimation/permissions';
import { canImport } from '../features/imports/permissions';
import { canSeeReleases } from '../features/releases/permissions';
import { canSeeStatistics } from '../features/statistics/permissions';
import { canSeeProsecutionFunnel } from '../features/prosecution-funnel/permissions';
import { canImportProsecutionHistory } from '../features/prosecution-import/permissions';
import { canSeeNetworks } from '../features/prosecution-network/permissions';
import { ErrorAlert, Loading } from '../components/Status';
import { lazyPage } from './lazyPage';
import { loadArea } from '../i18n';
import { NotAllowedPage, NotFoundPage } from './MessagePages';
import { canSeeActionPlan, canSeePlanProgress } from '../features/action-plan/permissions';
import { canRecordRecommendations, canSeeRecommendations } from '../features/recommendations/permissions';
import { canSeeDeterminants } from '../features/determinants/permissions';
import { canSeeBodies, canSeeCoordination, canSeeTrainings } from '../features/coordination/permissions';
import { Page } from './Page';
import { PublicLayout } from './PublicLayout';
import { canAnswerMatchRequests, canHandleReferrals, canManageUsers, canOpenCases, canReadAudit, canSeeCases, canSeeProsecution } from './permissions';
import { SessionProvider, useActiveSession, useSession } from './session';

/**
 * Each page is loaded when it is first shown (the sign-in page aside), with the signed-in app's words: the first load
 * carries only what the pages before sign-in need. The statistics page carries the charting library.
 */
const StatisticsPage = lazyPage(() => import('../features/statistics/StatisticsPage'), 'StatisticsPage');
const NotificationsPage = lazyPage(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage');
const Layout = lazyPage(() => import('./Layout'), 'Layout');
// The signed-in app's server-state cache, with its library.
const QueryProvider = lazyPage(() => import('./QueryProvider'), 'QueryProvider');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
const EnrolmentPage = lazyPage(() => import('../features/auth/EnrolmentPage'), 'EnrolmentPage');
const TwoFactorPage = lazyPage(() => import('../features/auth/TwoFactorPage'), 'TwoFactorPage');
const CasePage = lazyPage(() => import('../features/cases/CasePage'), 'CasePage');
const CasesPage = lazyPage(() => import('../features/cases/CasesPage'), 'CasesPage');
const MatchRequestsPage = lazyPage(() => import('../features/cases/MatchRequestsPage'), 'MatchRequestsPage');
const ReportSuspicionPage = lazyPage(() => import('../features/cases/ReportSuspicionPage'), 'ReportSuspicionPage');
const DirectoryPage = lazyPage(() => import('../features/directory/DirectoryPage'), 'DirectoryPage');
const EstimationPage = lazyPage(() => import('../features/estimation/EstimationPage'), 'EstimationPage');
const ImportsPage = lazyPage(() => import('../features/imports/ImportsPage'), 'ImportsPage');
const ReleasesPage = lazyPage(() => import('../features/releases/ReleasesPage'), 'ReleasesPage');
const HomePage = lazyPage(() => import('../features/home/HomePage'), 'HomePage');
const ApprovalsPage = lazyPage(() => import('../features/supervision/ApprovalsPage'), 'ApprovalsPage');
const OrganisationsPage = lazyPage(() => import('../features/organisations/OrganisationsPage'), 'OrganisationsPage');
const ReferralsPage = lazyPage(() => import('../features/referrals/ReferralsPage'), 'ReferralsPage');
const OperationsPage = lazyPage(() => import('../features/prosecution/OperationsPage'), 'OperationsPage');
const OperationPage = lazyPage(() => import('../features/prosecution/OperationPage'), 'OperationPage');
const NetworkPage = lazyPage(() => import('../features/prosecution-network/NetworkPage'), 'NetworkPage');
const SuspectPage = lazyPage(() => import('../features/prosecution/SuspectPage'), 'SuspectPage');
const ImportHistoryPage = lazyPage(() => import('../features/prosecution-import/ImportHistoryPage'), 'ImportHistoryPage');
const PlansPage = lazyPage(() => import('../features/action-plan/PlansPage'), 'PlansPage');
const PlanPage = lazyPage(() => import('../features/action-plan/PlanPage'), 'PlanPage');
const PlanProgressPage = lazyPage(() => import('../features/action-plan/ProgressPage'), 'ProgressPage');
const RecommendationsPage = lazyPage(() => import('../features/recommendations/RecommendationsPage'), 'RecommendationsPage');
const NewRecommendationPage = lazyPage(() => import('../features/recommendations/NewRecommendationPage'), 'NewRecommendationPage');
const RecommendationPage = lazyPage(() => import('../features/recommendations/RecommendationPage'), 'RecommendationPage');
const ImportRecommendationsPage = lazyPage(() => import('../features/recommendations/ImportRecommendationsPage'), 'ImportRecommendationsPage');
const ReferenceSeriesPage = lazyPage(() => import('../features/recommendations/ReferenceSeriesPage'), 'ReferenceSeriesPage');
const AssessmentsPage = lazyPage(() => import('../features/determinants/AssessmentsPage'), 'AssessmentsPage');
const AssessmentPage = lazyPage(() => import('../features/determinants/AssessmentPage'), 'AssessmentPage');
const CompareAssessmentsPage = lazyPage(() => import('../features/determinants/ComparePage'), 'ComparePage');
const CoordinationBodiesPage = lazyPage(() => import('../features/coordination/BodiesPage'), 'BodiesPage');
const CoordinationBodyPage = lazyPage(() => import('../features/coordination/BodyPage'), 'BodyPage');
const CoordinationMeetingPage = lazyPage(() => import('../features/coordination/MeetingPage'), 'MeetingPage');
const CoordinationActionsPage = lazyPage(() => import('../features/coordination/ActionsPage'), 'ActionsPage');
const TrainingsPage = lazyPage(() => import('../features/coordination/TrainingsPage'), 'TrainingsPage');
const FunnelPage = lazyPage(() => import('../features/prosecution-funnel/FunnelPage'), 'FunnelPage');
const FirstRunPage = lazyPage(() => import('../features/setup/FirstRunPage'), 'FirstRunPage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage'), 'UsersPage');
const ResetPasswordPage = lazyPage(() => import('../features/auth/ResetPasswordPage'), 'ResetPasswordPage');
// The public page, read without signing in: loaded on demand with the public area of the words only.
const PublicViewPage = lazy(async () => {
  const [module] = await Promise.all([import('../features/public-view/PublicViewPage'), loadArea('public')]);
  return { default: module.PublicViewPage };
});
/** The address of the public page, shown whatever the session (no sign-in needed). */
const publicViewAddress = '/public';

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Gate />
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
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
  if (location.pathname === publicViewAddress) {
    return (
      <PublicLayout>
        <PublicViewPage />
      </PublicLayout>
    );
  }
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
      return (
        <QueryProvider>
          <AppRoutes />
        </QueryProvider>
      );
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
          path="approvals"
          element={
            <Allowed when={(capabilities) => capabilities.superviseCases}>
              <ApprovalsPage />
            </Allowed>
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
        <Route
          path="action-plans"
          element={
            <Allowed when={canSeeActionPlan}>
              <PlansPage />
            </Allowed>
          }
        />
        <Route
          path="action-plans/:id"
          element={
            <Allowed when={canSeeActionPlan}>
              <PlanPage />
            </Allowed>
          }
        />
        <Route
          path="action-plans/:id/progress"
          element={
            <Allowed when={canSeePlanProgress}>
              <PlanProgressPage />
            </Allowed>
          }
        />
        <Route
          path="recommendations"
          element={
            <Allowed when={canSeeRecommendations}>
              <RecommendationsPage />
            </Allowed>
          }
        />
        <Route
          path="recommendations/new"
          element={
            <Allowed when={canRecordRecommendations}>
              <NewRecommendationPage />
            </Allowed>
          }
        />
        <Route
          path="recommendations/import"
          element={
            <Allowed when={canRecordRecommendations}>
              <ImportRecommendationsPage />
            </Allowed>
          }
        />
        <Route
          path="recommendations/reference-series"
          element={
            <Allowed when={canSeeRecommendations}>
              <ReferenceSeriesPage />
            </Allowed>
          }
        />
        <Route
          path="recommendations/:id"
          element={
            <Allowed when={canSeeRecommendations}>
              <RecommendationPage />
            </Allowed>
          }
        />
        <Route
          path="determinants"
          element={
            <Allowed when={canSeeDeterminants}>
              <AssessmentsPage />
            </Allowed>
          }
        />
        <Route
          path="determinants/:id"
          element={
            <Allowed when={canSeeDeterminants}>
              <AssessmentPage />
            </Allowed>
          }
        />
        <Route
          path="determinants/:id/compare"
          element={
            <Allowed when={canSeeDeterminants}>
              <CompareAssessmentsPage />
            </Allowed>
          }
        />
        <Route
          path="coordination"
          element={
            <Allowed when={canSeeCoordination}>
              <CoordinationBodiesPage />
            </Allowed>
          }
        />
        <Route
          path="coordination/bodies/:id"
          element={
            <Allowed when={canSeeBodies}>
              <CoordinationBodyPage />
            </Allowed>
          }
        />
        <Route
          path="coordination/meetings/:id"
          element={
            <Allowed when={canSeeBodies}>
              <CoordinationMeetingPage />
            </Allowed>
          }
        />
        <Route
          path="coordination/actions"
          element={
            <Allowed when={canSeeBodies}>
              <CoordinationActionsPage />
            </Allowed>
          }
        />
        <Route
          path="coordination/trainings"
          element={
            <Allowed when={canSeeTrainings}>
              <TrainingsPage />
            </Allowed>
          }
        />
        <Route
          path="prosecution"
          element={
            <Allowed when={canSeeProsecution}>
              <OperationsPage />
            </Allowed>
          }
        />
        <Route
          path="prosecution/import"
          element={
            <Allowed when={canImportProsecutionHistory}>
              <ImportHistoryPage />
            </Allowed>
          }
        />
        <Route
          path="prosecution/operations/:id"
          element={
            <Allowed when={canSeeProsecution}>
              <OperationPage />
            </Allowed>
          }
        />
        <Route
          path="prosecution/operations/:id/network"
          element={
            <Allowed when={canSeeNetworks}>
              <NetworkPage />
            </Allowed>
          }
        />
        <Route
          path="prosecution/funnel"
          element={
            <Allowed when={canSeeProsecutionFunnel}>
              <Suspense fallback={<Loading />}>
                <FunnelPage />
              </Suspense>
            </Allowed>
          }
        />
        <Route
          path="prosecution/suspects/:id"
          element={
            <Allowed when={canSeeProsecution}>
              <SuspectPage />
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
