import { sessionView, type FirstRunRequest, type SessionView } from '@palermo/contracts';
import { api } from '../../app/api';

export function completeFirstRun(body: FirstRunRequest): Promise<SessionView> {
  return api.post('/api/setup', body, sessionView);
}
