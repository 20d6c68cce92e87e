import {
  accountRecordRef,
  accountView,
  type AccountRecordRef,
  type AccountView,
  type AddExploiterRequest,
  type AddSituationRequest,
  type CorrectExploiterRequest,
  type CorrectSituationRequest,
  type SaveStatementRequest,
} from '@palermo/contracts';
import { api } from '../../app/api';
import type { KeyedPost } from '../cases/keyed';

const path = (caseId: string, rest = '') => `/api/cases/${encodeURIComponent(caseId)}/account${rest}`;

export function getAccount(caseId: string): Promise<AccountView> {
  return api.get(path(caseId), accountView);
}

export function saveStatement(caseId: string, body: SaveStatementRequest): Promise<AccountRecordRef> {
  return api.put(path(caseId, '/statement'), body, accountRecordRef);
}

export function addSituation(post: KeyedPost, caseId: string, body: AddSituationRequest): Promise<AccountRecordRef> {
  return post(path(caseId, '/situations'), body, accountRecordRef);
}

export function correctSituation(caseId: string, id: string, body: CorrectSituationRequest): Promise<AccountRecordRef> {
  return api.put(path(caseId, `/situations/${encodeURIComponent(id)}`), body, accountRecordRef);
}

export function addExploiter(post: KeyedPost, caseId: string, body: AddExploiterRequest): Promise<AccountRecordRef> {
  return post(path(caseId, '/exploiters'), body, accountRecordRef);
}

export function correctExploiter(caseId: string, id: string, body: CorrectExploiterRequest): Promise<AccountRecordRef> {
  return api.put(path(caseId, `/exploiters/${encodeURIComponent(id)}`), body, accountRecordRef);
}
