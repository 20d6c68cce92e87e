import {
  createdRef,
  operationList,
  operationView,
  prosecutionOrganisations,
  suspectList,
  suspectView,
  type CreateInvestigationRequest,
  type CreateOperationRequest,
  type CreateSuspectRequest,
  type OperationView,
  type ProsecutionOrganisations,
  type RecordStepRequest,
  type ReferInvestigationRequest,
  type SuspectView,
} from '@palermo/contracts';
import { api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);

export async function listOperations(): Promise<OperationView[]> {
  return (await api.get('/api/prosecution/operations', operationList)).operations;
}

export function getOperation(operationId: string): Promise<OperationView> {
  return api.get(`/api/prosecution/operations/${id(operationId)}`, operationView);
}

export async function listSuspects(operationId: string): Promise<SuspectView[]> {
  return (await api.get(`/api/prosecution/operations/${id(operationId)}/suspects`, suspectList)).suspects;
}

export function getSuspect(suspectId: string): Promise<SuspectView> {
  return api.get(`/api/prosecution/suspects/${id(suspectId)}`, suspectView);
}

export async function listProsecutionOrganisations(): Promise<ProsecutionOrganisations['organisations']> {
  return (await api.get('/api/prosecution/organisations', prosecutionOrganisations)).organisations;
}

export function recordOperation(body: CreateOperationRequest) {
  return api.post('/api/prosecution/operations', body, createdRef);
}

export function addInvestigation(operationId: string, body: CreateInvestigationRequest) {
  return api.post(`/api/prosecution/operations/${id(operationId)}/investigations`, body, createdRef);
}

export function referInvestigation(investigationId: string, body: ReferInvestigationRequest) {
  return api.post(`/api/prosecution/investigations/${id(investigationId)}/referral`, body, createdRef);
}

export function addSuspect(operationId: string, body: CreateSuspectRequest) {
  return api.post(`/api/prosecution/operations/${id(operationId)}/suspects`, body, createdRef);
}

export function recordStep(suspectId: string, body: RecordStepRequest) {
  return api.post(`/api/prosecution/suspects/${id(suspectId)}/steps`, body, createdRef);
}
