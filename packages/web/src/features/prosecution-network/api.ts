import { createdRef, operationNetwork, type Capabilities, type CreateNetworkEntityRequest, type CreateNetworkLinkRequest, type OperationNetwork } from '@palermo/contracts';
import { api, downloadFile } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

/** Whether the server would show this session an operation's network (the capability its route's rule gives). */
export function canSeeNetworks(capabilities: Capabilities): boolean {
  return capabilities.seeNetworks;
}

/** Whether the server would let this session record entities and links (in the operations it may reach). */
export function canDrawNetworks(capabilities: Capabilities): boolean {
  return capabilities.drawNetworks;
}

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
