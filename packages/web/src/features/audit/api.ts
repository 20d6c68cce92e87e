import {
  auditAlertList,
  auditCheckpointResponse,
  auditList,
  auditVerifyResponse,
  okResponse,
  type AuditAlertView,
  type AuditCheckpointResponse,
  type AuditAction,
  type AuditList,
  type AuditVerifyResponse,
} from '@palermo/contracts';
import { api, withQuery } from '../../app/api';

export interface AuditFilter {
  userId?: string | undefined;
  recordId?: string | undefined;
  caseReference?: string | undefined;
  action?: AuditAction | undefined;
  organisationId?: string | undefined;
  /** ISO date-times with offset. */
  from?: string | undefined;
  to?: string | undefined;
}

export const auditPageSize = 50;

export async function listAudit(filter: AuditFilter, before?: number): Promise<AuditList> {
  const path = withQuery('/api/audit', { ...filter, before, limit: auditPageSize });
  return api.get(path, auditList);
}

export function verifyAudit(): Promise<AuditVerifyResponse> {
  return api.get('/api/audit/verify', auditVerifyResponse);
}

export async function listOpenAlerts(): Promise<AuditAlertView[]> {
  return (await api.get('/api/audit/alerts', auditAlertList)).alerts;
}

export async function acknowledgeAlert(id: string): Promise<void> {
  await api.post(`/api/audit/alerts/${encodeURIComponent(id)}/acknowledge`, {}, okResponse);
}

export function latestCheckpoint(): Promise<AuditCheckpointResponse> {
  return api.get('/api/audit/checkpoint', auditCheckpointResponse);
}
