import type { Capabilities, CapabilityName } from '@palermo/contracts';
import type { LoadedSession } from '../auth/sessions.js';
import type { RouteAccess } from '../http/access.js';
import { subjectOf } from '../http/context.js';
import { mayEverAllow } from './rules.js';

/**
 * Each capability the web app reads is one route: the capability is true exactly when that route's access declaration
 * admits the user. The web app keeps no role lists of its own, so what it offers cannot drift from what the server
 * allows (test/access/capabilities.test.ts calls every route for every role and compares).
 */
export const capabilityRoutes: Record<CapabilityName, { readonly method: string; readonly url: string }> = {
  manageUsers: { method: 'GET', url: '/api/users' },
  manageOrganisations: { method: 'POST', url: '/api/organisations' },
  readAudit: { method: 'GET', url: '/api/audit' },
  seeCases: { method: 'GET', url: '/api/cases' },
  openCases: { method: 'POST', url: '/api/cases' },
  seeSentReferrals: { method: 'GET', url: '/api/referrals/outbox' },
  receiveReferrals: { method: 'GET', url: '/api/referrals/inbox' },
  answerMatchRequests: { method: 'GET', url: '/api/match-requests/inbox' },
  manageAssistance: { method: 'GET', url: '/api/cases/:id/records' },
  answerDataRequests: { method: 'GET', url: '/api/cases/:id/data-requests' },
  seeStatistics: { method: 'GET', url: '/api/statistics' },
  estimate: { method: 'GET', url: '/api/estimation/options' },
  publishEstimates: { method: 'POST', url: '/api/estimation/publications' },
  seeReleases: { method: 'GET', url: '/api/releases' },
  release: { method: 'POST', url: '/api/releases' },
  importStatistics: { method: 'POST', url: '/api/imports/:source' },
  exportOfficialTables: { method: 'GET', url: '/api/exports/glotip' },
  seeUndeliverableMail: { method: 'GET', url: '/api/notifications/undeliverable' },
  setTimeZone: { method: 'PUT', url: '/api/settings/time-zone' },
  setApprovalSettings: { method: 'PUT', url: '/api/settings/approvals' },
  superviseCases: { method: 'POST', url: '/api/cases/:id/reassign' },
  seeProsecution: { method: 'GET', url: '/api/prosecution/operations' },
  recordOperations: { method: 'POST', url: '/api/prosecution/operations' },
  seeActionPlan: { method: 'GET', url: '/api/action-plans' },
  editActionPlan: { method: 'POST', url: '/api/action-plans' },
  seePlanProgress: { method: 'GET', url: '/api/action-plans/:id/progress' },
  seeNetworks: { method: 'GET', url: '/api/prosecution/operations/:id/network' },
  drawNetworks: { method: 'POST', url: '/api/prosecution/operations/:id/links' },
  importProsecutionHistory: { method: 'POST', url: '/api/prosecution/imports' },
  seeProsecutionFunnel: { method: 'GET', url: '/api/prosecution/funnel' },
  seeCaseBriefs: { method: 'GET', url: '/api/prosecution/operations/:id/case-brief' },
  editCaseBriefs: { method: 'PUT', url: '/api/prosecution/operations/:id/case-brief/text' },
  seeVictimWitnesses: { method: 'GET', url: '/api/prosecution/operations/:id/victims' },
  seeCrossBorderRequests: { method: 'GET', url: '/api/prosecution/operations/:id/cross-border-requests' },
  linkToProceedings: { method: 'POST', url: '/api/cases/:id/proceedings' },
  seeRecommendations: { method: 'GET', url: '/api/recommendations' },
  recordRecommendations: { method: 'POST', url: '/api/recommendations' },
  respondToRecommendations: { method: 'POST', url: '/api/recommendations/:id/response' },
  commentOnRecommendations: { method: 'POST', url: '/api/recommendations/:id/comments' },
  clusterRecommendations: { method: 'POST', url: '/api/recommendations/clusters' },
  linkRecommendationActivities: { method: 'POST', url: '/api/recommendations/:id/activities' },
  seeDeterminants: { method: 'GET', url: '/api/determinant-assessments' },
  recordDeterminants: { method: 'POST', url: '/api/determinant-assessments' },
  seeCoordination: { method: 'GET', url: '/api/coordination/bodies' },
  editCoordination: { method: 'POST', url: '/api/coordination/bodies' },
  seeTrainings: { method: 'GET', url: '/api/coordination/trainings' },
  recordTrainings: { method: 'POST', url: '/api/coordination/trainings' },
};

type DeclaredRoutes = ReadonlyArray<{ readonly method: string; readonly url: string; readonly access: RouteAccess }>;

/**
 * Would the route's access declaration let this session through (as the request pipeline in authenticate.ts applies
 * it)? Record-level conditions are left to the service: a route is admitted when some record could satisfy its rule.
 */
export function routeAdmits(access: RouteAccess, session: LoadedSession): boolean {
  switch (access.kind) {
    case 'public':
      return true;
    case 'session':
      return access.stages.includes(session.stage);
    case 'rule':
      return session.stage === 'active' && mayEverAllow(access.rule, subjectOf(session));
  }
}

/** The session's capabilities, read from the access declarations of the routes the app registered. */
export function capabilitiesOf(session: LoadedSession, routes: DeclaredRoutes): Capabilities {
  const entries = Object.entries(capabilityRoutes).map(([name, { method, url }]) => {
    const route = routes.find((r) => r.method === method && r.url === url);
    if (!route) throw new Error(`Capability ${name} names ${method} ${url}, which no route declares`);
    return [name, routeAdmits(route.access, session)] as const;
  });
  return Object.fromEntries(entries) as Capabilities;
}
