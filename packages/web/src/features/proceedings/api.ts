import {
  caseProceedings,
  createdRef,
  crossBorderRequestList,
  linkableInvestigations,
  victimWitnessList,
  type CaseProceedings,
  type Capabilities,
  type CrossBorderRequestCreate,
  type CrossBorderRequestView,
  type CrossBorderStatusUpdate,
  type LinkableInvestigations,
  type LinkVictimRequest,
  type RecordCompensationRequest,
  type RecordCooperationRequest,
  type RecordNonPunishmentRequest,
  type RecordProtectionRequest,
  type VictimWitnessView,
} from '@palermo/contracts';
import { api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

/** The case's links to proceedings and the consent to law enforcement in force (her caseworker). */
export function getCaseProceedings(caseId: string): Promise<CaseProceedings> {
  return api.get(`/api/cases/${id(caseId)}/proceedings`, caseProceedings);
}

export async function findInvestigations(caseId: string, reference: string): Promise<LinkableInvestigations['investigations']> {
  return (await api.get(`/api/cases/${id(caseId)}/proceedings/investigations?reference=${encodeURIComponent(reference)}`, linkableInvestigations)).investigations;
}

export function linkToInvestigation(caseId: string, body: LinkVictimRequest) {
  return api.post(`/api/cases/${id(caseId)}/proceedings`, body, createdRef);
}

export const recordCooperation = (victimId: string, body: RecordCooperationRequest) => api.post(`/api/proceedings/victims/${id(victimId)}/cooperation`, body, createdRef);
export const recordProtection = (victimId: string, body: RecordProtectionRequest) => api.post(`/api/proceedings/victims/${id(victimId)}/protection`, body, createdRef);
export const recordNonPunishment = (victimId: string, body: RecordNonPunishmentRequest) => api.post(`/api/proceedings/victims/${id(victimId)}/non-punishment`, body, createdRef);
export const recordCompensation = (victimId: string, body: RecordCompensationRequest) => api.post(`/api/proceedings/victims/${id(victimId)}/compensation`, body, createdRef);

export async function listVictimWitnesses(operationId: string): Promise<VictimWitnessView[]> {
  return (await api.get(`/api/prosecution/operations/${id(operationId)}/victims`, victimWitnessList)).victims;
}

export async function listCrossBorderRequests(operationId: string): Promise<CrossBorderRequestView[]> {
  return (await api.get(`/api/prosecution/operations/${id(operationId)}/cross-border-requests`, crossBorderRequestList)).requests;
}

export const recordCrossBorderRequest = (investigationId: string, body: CrossBorderRequestCreate) => api.post(`/api/prosecution/investigations/${id(investigationId)}/cross-border-requests`, body, createdRef);
export const updateCrossBorderStatus = (requestId: string, body: CrossBorderStatusUpdate) => api.post(`/api/cross-border-requests/${id(requestId)}/status`, body, createdRef);

/** Whether the server would let this session see victim-witnesses, cross-border requests, or link a case to proceedings. */
export const canSeeVictimWitnesses = (capabilities: Capabilities) => capabilities.seeVictimWitnesses;
export const canSeeCrossBorderRequests = (capabilities: Capabilities) => capabilities.seeCrossBorderRequests;
export const canLinkToProceedings = (capabilities: Capabilities) => capabilities.linkToProceedings;
