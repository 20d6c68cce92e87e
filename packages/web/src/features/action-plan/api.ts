import {
  createdRef as created,
  indicatorList,
  planList,
  planOrganisations,
  planProgress,
  planView,
  type CreateActivityRequest,
  type CreateIndicatorRequest,
  type CreateObjectiveRequest,
  type CreatePlanRequest,
  type IndicatorView,
  type PlanProgress,
  type PlanSummary,
  type PlanView,
  type RecordMeasurementRequest,
  type RecordProgressRequest,
} from '@palermo/contracts';
import { api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

export async function listPlans(): Promise<PlanSummary[]> {
  return (await api.get('/api/action-plans', planList)).plans;
}
export const getPlan = (planId: string): Promise<PlanView> => api.get(`/api/action-plans/${id(planId)}`, planView);
export async function listPlanOrganisations() {
  return (await api.get('/api/action-plans/organisations', planOrganisations)).organisations;
}
export async function listIndicators(planId: string): Promise<IndicatorView[]> {
  return (await api.get(`/api/action-plans/${id(planId)}/indicators`, indicatorList)).indicators;
}
export const getProgress = (planId: string): Promise<PlanProgress> => api.get(`/api/action-plans/${id(planId)}/progress`, planProgress);
export const progressDownload = (planId: string, format: 'csv' | 'xlsx') => `/api/action-plans/${id(planId)}/progress/download?format=${format}`;

export const createPlan = (body: CreatePlanRequest) => api.post('/api/action-plans', body, created);
export const addObjective = (planId: string, body: CreateObjectiveRequest) => api.post(`/api/action-plans/${id(planId)}/objectives`, body, created);
export const addActivity = (planId: string, body: CreateActivityRequest) => api.post(`/api/action-plans/${id(planId)}/activities`, body, created);
export const recordProgress = (activityId: string, body: RecordProgressRequest) => api.post(`/api/plan-activities/${id(activityId)}/progress`, body, created);
export const addIndicator = (planId: string, body: CreateIndicatorRequest) => api.post(`/api/action-plans/${id(planId)}/indicators`, body, created);
export const recordMeasurement = (indicatorId: string, body: RecordMeasurementRequest) => api.post(`/api/plan-indicators/${id(indicatorId)}/measurements`, body, created);

// Kept apart (permissions.ts) so that the navigation does not carry this page's schemas in the first load.
export { canSeeActionPlan, canEditActionPlan, canSeePlanProgress } from './permissions';
