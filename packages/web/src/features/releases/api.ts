import {
  releaseDatasetList,
  releaseList,
  releaseMade,
  type ReleaseDatasetList,
  type ReleaseList,
  type ReleaseMade,
  type ConfirmedReleaseRequest,
} from '@palermo/contracts';
import { api, withQuery } from '../../app/api';

export function listReleaseDatasets(): Promise<ReleaseDatasetList> {
  return api.get('/api/releases/datasets', releaseDatasetList);
}

export function listReleases(datasetId: string): Promise<ReleaseList> {
  return api.get(withQuery('/api/releases', { datasetId }), releaseList);
}

/** Makes a release; the request carries the confirmation the user gave on the form's confirm step. */
export function makeRelease(request: ConfirmedReleaseRequest): Promise<ReleaseMade> {
  return api.post('/api/releases', request, releaseMade);
}

/** The released CSV (served with a download file name). */
export const releaseFileUrl = (id: string): string => `/api/releases/${encodeURIComponent(id)}/file`;
