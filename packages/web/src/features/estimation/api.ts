import {
  estimationOptions,
  estimationResultView,
  type EstimateFromCasesRequest,
  type EstimateFromCsvRequest,
  type EstimationOptions,
  type EstimationResultView,
  type PublishEstimateRequest,
  type PublishedEstimateView,
  publishedEstimateView,
  plainReason,
} from '@palermo/contracts';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../app/api';
import { reasonText } from './grouping-api';

export function loadEstimationOptions(): Promise<EstimationOptions> {
  return api.get('/api/estimation/options', estimationOptions);
}

export function estimateFromCases(request: EstimateFromCasesRequest): Promise<EstimationResultView> {
  return api.post('/api/estimation/from-cases', request, estimationResultView);
}

export function estimateFromCsv(request: EstimateFromCsvRequest): Promise<EstimationResultView> {
  return api.post('/api/estimation/from-csv', request, estimationResultView);
}

/** Where an estimate came from, so that a row of its spread can be published (estimated again on the server). */
export type EstimateSource = { source: 'cases'; year: number; lists: EstimateFromCasesRequest['lists'] } | { source: 'upload'; csv: string };

export function publishEstimate(request: PublishEstimateRequest): Promise<PublishedEstimateView> {
  return api.post('/api/estimation/publications', request, publishedEstimateView);
}

/** Why the server could not estimate, as it sends it beside a 422: the plain reason's code and the lists' names. */
function notEstimableReason(t: TFunction, details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const reason = plainReason.safeParse(Reflect.get(details, 'reason'));
  const lists: unknown = Reflect.get(details, 'lists');
  if (!reason.success || !Array.isArray(lists)) return null;
  return reasonText(t, reason.data, lists.map(String));
}

/**
 * A 422 means the data cannot support an estimate: say so in the reader's language, from the reason's code the server
 * sends (its English message only when an older server sends none).
 */
export async function explainNotEstimable<T>(t: TFunction, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const reason = notEstimableReason(t, error.details) ?? error.message;
    throw new ApiError(422, error.code, t('estimation.notEstimable', { reason }));
  }
}
