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
} from '@palermo/contracts';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../app/api';

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

/** A 422 means the data cannot support an estimate: say so, with the server's reason. */
export async function explainNotEstimable<T>(t: TFunction, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) throw new ApiError(422, error.code, t('estimation.notEstimable', { reason: error.message }));
    throw error;
  }
}
