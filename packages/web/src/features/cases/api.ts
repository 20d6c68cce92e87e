import {
  closeCaseOutcome,
  caseList,
  caseRef,
  caseSearchResult,
  caseView,
  caseMatchState,
  matchCheckResult,
  matchRequestList,
  okResponse,
  type CaseListSort,
  type CaseStage,
  type FormOfExploitation,
  type CaseStatus,
  type CaseView,
  type CloseCaseRequest,
  type ConsentEventRequest,
  type DecisionRequest,
  type CaseMatchState,
  type MatchAnswer,
  type MatchCheckResult,
  type MatchRequestView,
  type OpenCaseRequest,
  type RequestDecisionRequest,
} from '@palermo/contracts';
import { api, withQuery } from '../../app/api';
import type { KeyedPost } from './keyed';

export type CaseSummary = ReturnType<typeof caseList.parse>['cases'][number];
export type CaseSearchResult = ReturnType<typeof caseSearchResult.parse>['results'][number];

export interface CaseFilter {
  stage?: CaseStage | undefined;
  status?: CaseStatus | undefined;
  overdue?: boolean | undefined;
  deadline?: 'overdue' | 'week' | undefined;
  form?: FormOfExploitation | undefined;
  assignedToMe?: boolean | undefined;
  sort?: CaseListSort | undefined;
  offset?: number | undefined;
}

export type CaseListPage = ReturnType<typeof caseList.parse>;

export interface CaseSearch {
  name?: string | undefined;
  birthDate?: string | undefined;
  reference?: string | undefined;
}

const path = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;

/** One page of the worklist, with the total (counted up to caseListTotalCap). */
export async function listCases(filter: CaseFilter, limit = 50): Promise<CaseListPage> {
  const query = {
    stage: filter.stage,
    status: filter.status,
    overdue: filter.overdue ? 'true' : undefined,
    deadline: filter.deadline,
    form: filter.form,
    assignedToMe: filter.assignedToMe ? 'true' : undefined,
    sort: filter.sort,
    offset: filter.offset || undefined,
    limit,
  };
  return api.get(withQuery('/api/cases', query), caseList);
}

/** Search criteria go in the query string of an API request only: never in the page's own address. */
export async function searchCases(search: CaseSearch): Promise<CaseSearchResult[]> {
  return (await api.get(withQuery('/api/cases/search', { ...search }), caseSearchResult)).results;
}

export function getCase(id: string): Promise<CaseView> {
  return api.get(path(id), caseView);
}

export function openCase(post: KeyedPost, body: OpenCaseRequest) {
  return post('/api/cases', body, caseRef);
}

export function recordConsent(post: KeyedPost, id: string, body: ConsentEventRequest) {
  return post(path(id, '/consents'), body, caseRef);
}

export function requestDecision(post: KeyedPost, id: string, body: RequestDecisionRequest) {
  return post(path(id, '/decision-requests'), body, caseRef);
}

export function decide(post: KeyedPost, id: string, body: DecisionRequest) {
  return post(path(id, '/decisions'), body, caseRef);
}

/** Closes the case, or (a caseworker's closure where the country asks for approval) leaves it waiting for a supervisor. */
export function closeCase(post: KeyedPost, id: string, body: CloseCaseRequest) {
  return post(path(id, '/close'), body, closeCaseOutcome);
}

/** Done once per measure whatever the retries (the server keys it by the measure). */
export async function markMeasureDone(id: string, measureId: string): Promise<void> {
  await api.post(path(id, `/measures/${encodeURIComponent(measureId)}/done`), {}, okResponse);
}

/** Looks for the person at other organisations: the answer is only whether a possible duplicate exists. Counted per user. */
export async function checkForDuplicates(id: string): Promise<MatchCheckResult> {
  return api.post(path(id, '/match-checks'), {}, matchCheckResult);
}

export async function caseMatchStateOf(id: string): Promise<CaseMatchState> {
  return api.get(path(id, '/match-requests'), caseMatchState);
}

/** Asks the organisations holding a possible duplicate (the server knows them; the requester does not) to confirm. */
export async function askToConfirm(post: KeyedPost, id: string): Promise<void> {
  await post(path(id, '/match-requests'), {}, okResponse);
}

export async function matchInbox(): Promise<MatchRequestView[]> {
  return (await api.get('/api/match-requests/inbox', matchRequestList)).requests;
}

export async function answerMatchRequest(id: string, status: MatchAnswer): Promise<void> {
  await api.post(`/api/match-requests/${encodeURIComponent(id)}/answer`, { status }, okResponse);
}
