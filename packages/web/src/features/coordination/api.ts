import {
  coordinationBodyList, coordinationBodyView, coordinationOptions, createdRef, followUpActionList, meetingView, trainingList,
  type ActionStatusRequest, type CoordinationBodyRequest, type FollowUpActionRequest, type MeetingRequest, type TrainingRequest,
} from '@palermo/contracts';
import { api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);
const base = '/api/coordination';

export const listBodies = async () => (await api.get(`${base}/bodies`, coordinationBodyList)).bodies;
export const getBody = (bodyId: string) => api.get(`${base}/bodies/${id(bodyId)}`, coordinationBodyView);
export const createBody = (body: CoordinationBodyRequest) => api.post(`${base}/bodies`, body, createdRef);
export const updateBody = (bodyId: string, body: CoordinationBodyRequest) => api.put(`${base}/bodies/${id(bodyId)}`, body, createdRef);
export const createMeeting = (bodyId: string, body: MeetingRequest) => api.post(`${base}/bodies/${id(bodyId)}/meetings`, body, createdRef);
export const updateMeeting = (meetingId: string, body: MeetingRequest) => api.put(`${base}/meetings/${id(meetingId)}`, body, createdRef);
export const getMeeting = (meetingId: string) => api.get(`${base}/meetings/${id(meetingId)}`, meetingView);
export const addAction = (meetingId: string, body: FollowUpActionRequest) => api.post(`${base}/meetings/${id(meetingId)}/actions`, body, createdRef);
export const updateActionStatus = (actionId: string, body: ActionStatusRequest) => api.put(`${base}/actions/${id(actionId)}/status`, body, createdRef);
export async function listActions(filter: { overdue?: boolean; mine?: boolean }) {
  const query = new URLSearchParams();
  if (filter.overdue) query.set('overdue', 'true');
  if (filter.mine) query.set('mine', 'true');
  const suffix = query.size > 0 ? `?${query.toString()}` : '';
  return (await api.get(`${base}/actions${suffix}`, followUpActionList)).actions;
}
export const listTrainings = (filter: { from?: string; to?: string }) => {
  const query = new URLSearchParams();
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  const suffix = query.size > 0 ? `?${query.toString()}` : '';
  return api.get(`${base}/trainings${suffix}`, trainingList);
};
export const recordTraining = (body: TrainingRequest) => api.post(`${base}/trainings`, body, createdRef);
export const correctTraining = (trainingId: string, body: TrainingRequest) => api.put(`${base}/trainings/${id(trainingId)}`, body, createdRef);
export const getOptions = () => api.get(`${base}/options`, coordinationOptions);

// Kept apart (permissions.ts) so that the navigation does not carry this area's schemas in the first load.
export { canSeeCoordination, canEditCoordination, canSeeTrainings, canRecordTrainings } from './permissions';
