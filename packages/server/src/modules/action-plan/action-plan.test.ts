import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let coordinator: Client;
let rapporteur: Client;
let shelterLead: Client;
let shelterCaseworker: Client;
let partnerLead: Client;
let otherLead: Client;
let shelterId: string;
let partnerId: string;

beforeAll(async () => {
  t = await createTestApp();
  shelterId = await insertOrganisation(t, 'shelter');
  partnerId = await insertOrganisation(t, 'ngo');
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  shelterLead = await clientFor(t, await insertUser(t, shelterId, ['supervisor']));
  shelterCaseworker = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  partnerLead = await clientFor(t, await insertUser(t, partnerId, ['supervisor']));
  otherLead = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['organisation_admin']));
}, 600_000);
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

/** A refusal naming the field. */
async function refused(client: Client, method: 'POST' | 'PUT', url: string, body: unknown, field: string) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, response.body).toBe(400);
  const fields = (response.json().issues as Array<{ field: string }>).map((i) => i.field);
  expect(fields).toContain(field);
}

const activity = (objectiveId: string, overrides: Record<string, unknown> = {}) => ({
  objectiveId, code: '2.1.1', title: 'Open two shelters for men', responsibleOrganisationId: shelterId, partnerOrganisationIds: [partnerId],
  startsOn: '2025-03-01', endsOn: '2026-12-31',
  budgets: [{ year: 2025, plannedMinor: 5_000_000, spentMinor: 0 }, { year: 2026, plannedMinor: 6_000_000 }],
  funding: [{ kind: 'external', donor: 'European Union', amountMinor: 8_000_000, securedUntil: '2025-12-31' }, { kind: 'domestic', donor: 'Ministry of Social Affairs', amountMinor: 3_000_000 }],
  ...overrides,
});

async function planWithActivity() {
  const plan = await ok(coordinator, 'POST', '/api/action-plans', { title: 'National action plan 2025-2027', periodStart: '2025-01-01', periodEnd: '2027-12-31', currency: 'EUR' });
  const objective = await ok(coordinator, 'POST', `/api/action-plans/${plan.id}/objectives`, { pillar: 'protection', code: '2.1', title: 'Every identified person is offered shelter' });
  const created = await ok(coordinator, 'POST', `/api/action-plans/${plan.id}/activities`, activity(objective.id));
  return { planId: plan.id as string, objectiveId: objective.id as string, activityId: created.id as string };
}

describe('the national action plan', () => {
  it('the coordinator builds a plan; funding that ends before the activity is a sustainability risk', async () => {
    const { planId, activityId } = await planWithActivity();
    const plan = (await ok(rapporteur, 'GET', `/api/action-plans/${planId}`)) as PlanView;
    expect(plan.objectives).toEqual([expect.objectContaining({ pillar: 'protection', code: '2.1' })]);
    const [a] = plan.activities;
    expect(a?.id).toBe(activityId);
    expect(a?.partners).toEqual([{ id: partnerId, name: expect.any(String) }]);
    expect(a?.funding?.map((f) => [f.donor, f.endsBeforeActivity])).toEqual([['European Union', true], ['Ministry of Social Affairs', false]]);
    expect(a?.budgets?.map((b) => b.plannedMinor)).toEqual([5_000_000, 6_000_000]);
    expect(plan.mayEdit).toBe(false);
    expect(a?.mayReport).toBe(false);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', activityId).execute();
    expect(audit.map((e) => e.action)).toContain('action_plan.activity_add');
  });

  it('the responsible organisation reports progress and spending; others may not', async () => {
    const { planId, activityId } = await planWithActivity();
    const report = { reportedOn: '2025-06-30', status: 'in_progress', progressPercent: 40, note: 'First shelter open', spending: [{ year: 2025, spentMinor: 2_000_000 }] };
    await ok(shelterLead, 'POST', `/api/plan-activities/${activityId}/progress`, report);
    expect((await partnerLead.request('POST', `/api/plan-activities/${activityId}/progress`, report)).statusCode).toBe(403);
    expect((await otherLead.request('POST', `/api/plan-activities/${activityId}/progress`, report)).statusCode).toBe(403);
    expect((await shelterCaseworker.request('POST', `/api/plan-activities/${activityId}/progress`, report)).statusCode).toBe(403);
    const denied = await t.platform.db.selectFrom('audit_log').select('outcome').where('record_id', '=', activityId).where('action', '=', 'action_plan.progress_record').execute();
    expect(denied.map((d) => d.outcome).sort()).toEqual(['allowed', 'denied', 'denied']);
    const plan = (await ok(coordinator, 'GET', `/api/action-plans/${planId}`)) as PlanView;
    const [a] = plan.activities;
    expect([a?.status, a?.progressPercent, a?.budgets?.[0]?.spentMinor]).toEqual(['in_progress', 40, 2_000_000]);
    expect(a?.progress?.[0]?.note).toBe('First shelter open');
    expect(plan.mayEdit).toBe(true);
  });

  it('each reader sees the fields the field policy gives her', async () => {
    const { planId } = await planWithActivity();
    const seen = async (client: Client) => {
      const [a] = ((await ok(client, 'GET', `/api/action-plans/${planId}`)) as PlanView).activities;
      return [a?.budgets !== undefined, a?.funding !== undefined, a?.progress !== undefined, a?.mayReport];
    };
    expect(await seen(shelterLead)).toEqual([true, true, true, true]);
    expect(await seen(shelterCaseworker)).toEqual([true, true, true, false]);
    expect(await seen(partnerLead)).toEqual([true, false, true, false]);
    expect(await seen(otherLead)).toEqual([false, false, false, false]);
    expect(await seen(rapporteur)).toEqual([true, true, true, false]);
  });

  it('only the coordinator edits the plan; an edit names the version read', async () => {
    const { planId, objectiveId, activityId } = await planWithActivity();
    expect((await rapporteur.request('POST', '/api/action-plans', { title: 'x', periodStart: '2025-01-01', periodEnd: '2025-12-31', currency: 'EUR' })).statusCode).toBe(403);
    expect((await shelterLead.request('POST', `/api/action-plans/${planId}/objectives`, { pillar: 'prevention', code: '1.1', title: 'x' })).statusCode).toBe(403);
    await ok(coordinator, 'PUT', `/api/plan-activities/${activityId}`, { ...activity(objectiveId), title: 'Open three shelters', version: 0 });
    expect((await coordinator.request('PUT', `/api/plan-activities/${activityId}`, { ...activity(objectiveId), version: 0 })).statusCode).toBe(409);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { planId, objectiveId, activityId } = await planWithActivity();
    await refused(coordinator, 'POST', '/api/action-plans', { title: 'Backwards', periodStart: '2025-01-01', periodEnd: '2024-12-31', currency: 'EUR' }, 'periodEnd');
    await refused(coordinator, 'POST', '/api/action-plans', { title: 'Unknown money', periodStart: '2025-01-01', periodEnd: '2025-12-31', currency: 'euro' }, 'currency');
    await refused(coordinator, 'POST', `/api/action-plans/${planId}/objectives`, { pillar: 'punishment', code: '9.1', title: 'x' }, 'pillar');
    await refused(coordinator, 'POST', `/api/action-plans/${planId}/objectives`, { pillar: 'protection', code: '2.1', title: 'again' }, 'code');
    const acts = `/api/action-plans/${planId}/activities`;
    await refused(coordinator, 'POST', acts, activity(objectiveId, { code: '2.1.2', endsOn: '2025-01-01' }), 'endsOn');
    await refused(coordinator, 'POST', acts, activity(objectiveId, { code: '2.1.2', endsOn: '2028-06-30' }), 'endsOn');
    await refused(coordinator, 'POST', acts, activity(objectiveId, { code: '2.1.2', budgets: [{ year: 2025, plannedMinor: 100, spentMinor: 200 }] }), 'budgets.0.overspendReason');
    await refused(coordinator, 'POST', acts, activity(objectiveId, { code: '2.1.2', budgets: [{ year: 2024, plannedMinor: 100 }] }), 'budgets.0.year');
    await refused(coordinator, 'POST', acts, activity(objectiveId, { code: '2.1.2', funding: [{ kind: 'loan', donor: 'Bank', amountMinor: 1 }] }), 'funding.0.kind');
    await refused(coordinator, 'POST', acts, activity(objectiveId, { code: '2.1.2', responsibleOrganisationId: '00000000-0000-4000-8000-000000000000' }), 'responsibleOrganisationId');
    const progress = `/api/plan-activities/${activityId}/progress`;
    await refused(shelterLead, 'POST', progress, { reportedOn: '2025-06-30', status: 'in_progress', progressPercent: 10, spending: [{ year: 2025, spentMinor: 9_000_000 }] }, 'spending.0.overspendReason');
    await refused(shelterLead, 'POST', progress, { reportedOn: '2025-06-30', status: 'in_progress', progressPercent: 10, spending: [{ year: 2027, spentMinor: 1 }] }, 'spending.0.year');
    await refused(shelterLead, 'POST', progress, { reportedOn: '2029-01-01', status: 'in_progress', progressPercent: 10 }, 'reportedOn');
    await refused(shelterLead, 'POST', progress, { reportedOn: '2025-06-30', status: 'finished', progressPercent: 10 }, 'status');
    const plan = (await ok(coordinator, 'GET', `/api/action-plans/${planId}`)) as PlanView;
    expect(plan.activities.map((a) => [a.code, a.status, a.budgets?.[0]?.spentMinor])).toEqual([['2.1.1', 'not_started', 0]]);
    // Spending over the budget with its reason is accepted.
    await ok(shelterLead, 'POST', progress, { reportedOn: '2025-06-30', status: 'in_progress', progressPercent: 10, spending: [{ year: 2025, spentMinor: 5_500_000, overspendReason: 'Roof repaired after a storm' }] });
  });
});
