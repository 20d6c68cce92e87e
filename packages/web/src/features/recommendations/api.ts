import {
  clusterWritten,
  createdRef,
  linksWritten,
  recommendationList,
  recommendationView,
  versionWritten,
  type CommentRequest,
  type CreateRecommendationRequest,
  type RecommendationFilters,
  type RecommendationView,
  type RecordResponseRequest,
  type RecordStatusRequest,
} from '@palermo/contracts';
import { api } from '../../app/api';
import { getPlan, listPlans } from '../action-plan/api';

const id = (value: string) => encodeURIComponent(value);

/** The recommendations the filters keep, newest first (the server applies the field policy). */
export async function listRecommendations(filters: RecommendationFilters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (typeof value === 'string') query.set(name, value);
  const suffix = query.toString() === '' ? '' : `?${query.toString()}`;
  return (await api.get(`/api/recommendations${suffix}`, recommendationList)).recommendations;
}
export const getRecommendation = (recommendationId: string): Promise<RecommendationView> => api.get(`/api/recommendations/${id(recommendationId)}`, recommendationView);

export const createRecommendation = (body: CreateRecommendationRequest) => api.post('/api/recommendations', body, createdRef);
export const recordResponse = (recommendationId: string, body: RecordResponseRequest) => api.post(`/api/recommendations/${id(recommendationId)}/response`, body, versionWritten);
export const recordStatus = (recommendationId: string, body: RecordStatusRequest) => api.post(`/api/recommendations/${id(recommendationId)}/status`, body, versionWritten);
export const comment = (recommendationId: string, body: CommentRequest) => api.post(`/api/recommendations/${id(recommendationId)}/comments`, body, versionWritten);
export const linkCluster = (recommendationIds: string[]) => api.post('/api/recommendations/clusters', { recommendationIds }, clusterWritten);
export const linkActivities = (recommendationId: string, activityIds: string[], withCluster: boolean) =>
  api.post(`/api/recommendations/${id(recommendationId)}/activities`, { activityIds, withCluster }, linksWritten);

/** Undoes the link between the recommendation and one activity (its history keeps a version naming the activity). */
export const unlinkActivity = (recommendationId: string, activityId: string) => api.delete(`/api/recommendations/${id(recommendationId)}/activities/${id(activityId)}`, versionWritten);

export interface PlanActivities {
  planId: string;
  planTitle: string;
  activities: Array<{ id: string; label: string }>;
}

/** The activities of every plan, by plan, for the choice of those answering a recommendation. */
export async function listPlanActivities(): Promise<PlanActivities[]> {
  const plans = await listPlans();
  const views = await Promise.all(plans.map((plan) => getPlan(plan.id)));
  return views.map((plan) => ({ planId: plan.id, planTitle: plan.title, activities: plan.activities.map((a) => ({ id: a.id, label: `${a.code} ${a.title}` })) }));
}
