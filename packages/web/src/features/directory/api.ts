import { directoryList, type DirectoryList, type OrganisationType, type ProtectionService } from '@palermo/contracts';
import { api, withQuery } from '../../app/api';

export interface DirectoryFilter {
  service?: ProtectionService | undefined;
  sop?: number | undefined;
  organisationType?: OrganisationType | undefined;
  staleOnly?: boolean | undefined;
}

export function listDirectory(filter: DirectoryFilter): Promise<DirectoryList> {
  const query = {
    service: filter.service,
    sop: filter.sop,
    organisationType: filter.organisationType,
    stale: filter.staleOnly ? 'true' : undefined,
  };
  return api.get(withQuery('/api/directory', query), directoryList);
}
