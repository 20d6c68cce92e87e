import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../platform/http/app.js';
import type { Client, TestApp } from '../../../test/support/test-app.js';
import { caseRecordRoutes } from './case-record.routes.js';

// needs registration in app.ts: once `caseRecordRoutes` is registered in platform/http/app.ts, createTestApp() serves
// these routes itself and this helper returns it unchanged. Until then it registers the plugin on a second app built
// over the same platform, so that the routes are tested through the real pipeline (session, CSRF, access, validation).
export async function withCaseRecordRoutes(t: TestApp): Promise<TestApp> {
  if (t.app.hasRoute({ method: 'POST', url: '/api/cases/:id/records' })) return t;
  const app = await buildApp({ platform: t.platform, logger: false, webDist: join(t.dataDir, 'no-web') });
  await app.register(caseRecordRoutes);
  await app.ready();
  return {
    ...t,
    app,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

export const newKey = () => randomUUID();

export function post(client: Client, url: string, body: unknown, idempotencyKey = newKey()): Promise<LightMyRequestResponse> {
  return client.request('POST', url, body, { 'idempotency-key': idempotencyKey });
}

export async function openCase(client: Client, person: Record<string, unknown> = {}): Promise<{ id: string; reference: string; version: number }> {
  const response = await post(client, '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH', ...person } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function caseVersion(client: Client, id: string): Promise<number> {
  const response = await client.request('GET', `/api/cases/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().version as number;
}

export async function addRecord(client: Client, caseId: string, body: Record<string, unknown>, idempotencyKey = newKey()) {
  const response = await post(client, `/api/cases/${caseId}/records`, body, idempotencyKey);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; caseId: string; kind: string; caseVersion: number };
}

/** Consent to referral and a share of one person field, as the referral module makes them for a service referral. */
export async function shareForReferral(t: TestApp, caseId: string, organisationId: string, grantedBy: string): Promise<void> {
  const kase = await t.platform.db.selectFrom('cases').select('person_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  const consentId = randomUUID();
  const now = new Date();
  await t.platform.db
    .insertInto('consent_events')
    .values({ id: consentId, person_id: kase.person_id, purpose: 'referral', target_organisation_id: organisationId, status: 'given', method: 'verbal', explained_by: grantedBy, recorded_at: now })
    .execute();
  await t.platform.db
    .insertInto('case_shares')
    .values({ id: randomUUID(), case_id: caseId, organisation_id: organisationId, purpose: 'referral', person_fields: ['pseudonym'], consent_event_id: consentId, granted_by: grantedBy, granted_at: now })
    .execute();
}

/** The case handed over to another organisation, as the referral module's accepted transfer leaves it. */
export async function handOver(t: TestApp, caseId: string, organisationId: string, caseManagerUserId: string): Promise<void> {
  await t.platform.db.updateTable('cases').set({ managing_organisation_id: organisationId, case_manager_user_id: caseManagerUserId }).where('id', '=', caseId).execute();
}

export const needs = (list: Array<[string, string, boolean?]>) => ({
  kind: 'needs_assessment',
  data: { needs: list.map(([domain, level, urgent]) => ({ domain, level, urgent: urgent ?? false })) },
});
