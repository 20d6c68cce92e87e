import {
  indicatorChecklistList,
  screeningAssessment,
  type IndicatorChecklistView,
  type ScreeningAssessment,
  type ScreeningSubmission,
} from '@palermo/contracts';
import { api } from '../../app/api';
import type { KeyedPost } from '../cases/keyed';

export async function listChecklists(): Promise<IndicatorChecklistView[]> {
  return (await api.get('/api/screening/checklists', indicatorChecklistList)).checklists;
}

export function screenCase(post: KeyedPost, caseId: string, submission: ScreeningSubmission): Promise<ScreeningAssessment> {
  return post(`/api/cases/${encodeURIComponent(caseId)}/screenings`, submission, screeningAssessment);
}
