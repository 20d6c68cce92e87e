import { publicView, publicViewPreview, publicViewWithdrawn, publicationResult, type PublicView, type PublicViewPreview } from '@palermo/contracts';
import { ApiError, api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

/** The published page, or null when nothing is published (read without a session). */
export async function getPublicView(): Promise<PublicView | null> {
  try {
    return await api.get('/api/public-view', publicView);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const previewPublicView = (planId: string): Promise<PublicViewPreview> => api.get(`/api/action-plans/${id(planId)}/public-view`, publicViewPreview);
export const publishPublicView = (planId: string) => api.post(`/api/action-plans/${id(planId)}/public-view`, {}, publicationResult);
export const withdrawPublicView = () => api.post('/api/public-view/withdraw', {}, publicViewWithdrawn);
