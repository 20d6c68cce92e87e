import { createdRef, operationNetwork, type CreateNetworkEntityRequest, type CreateNetworkLinkRequest, type OperationNetwork } from '@palermo/contracts';
import { api, downloadFile } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

export function getNetwork(operationId: string): Promise<OperationNetwork> {
  return api.get(`/api/prosecution/operations/${id(operationId)}/network`, operationNetwork);
}

export function addEntity(operationId: string, body: CreateNetworkEntityRequest) {
  return api.post(`/api/prosecution/operations/${id(operationId)}/entities`, body, createdRef);
}

export function addLink(operationId: string, body: CreateNetworkLinkRequest) {
  return api.post(`/api/prosecution/operations/${id(operationId)}/links`, body, createdRef);
}

/** The network as FollowTheMoney JSON lines, saved by the browser (for Aleph). */
export function downloadFtm(operationId: string): Promise<void> {
  return downloadFile(`/api/prosecution/operations/${id(operationId)}/network/ftm`, 'network.ftm.json');
}

// Kept apart (permissions.ts) so that the navigation does not carry this page's schemas in the first load.
export { canSeeNetworks, canDrawNetworks } from './permissions';
