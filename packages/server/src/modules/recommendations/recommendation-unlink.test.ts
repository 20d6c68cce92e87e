import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecommendationView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let rapporteur: Client;
let coordinator: Client;
let civilSociety: Client;
let coordination: string;

beforeAll(async () => {
  t = await createTestApp();
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordination = await insertOrganisation(t, 'national_coordinator');
  coordinator = await clientFor(t, await insertUser(t, coordination, ['national_coordinator']));
  civilSociety = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['civil_society']));
});
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

describe('a link between a recommendation and an activity of the plan, undone', () => {
  it('the coordinator unlinks one activity of one recommendation; the history and the audit log keep it; others may not', async () => {
    const plan = ((await ok(coordinator, 'POST', '/api/action-plans', { title: 'Plan 2024-2026', periodStart: '2024-01-01', periodEnd: '2026-12-31', currency: 'EUR' })) as { id: string }).id;
    const objective = ((await ok(coordinator, 'POST', `/api/action-plans/${plan}/objectives`, { pillar: 'protection', code: '2.1', title: 'Every victim is identified' })) as { id: string }).id;
    const activity = async (code: string) =>
      ((await ok(coordinator, 'POST', `/api/action-plans/${plan}/activities`, { objectiveId: objective, code, title: `Activity ${code}`, responsibleOrganisationId: coordination, startsOn: '2024-01-01', endsOn: '2025-12-31' })) as { id: string }).id;
    const [training, sop] = [await activity('2.1.1'), await activity('2.1.2')];
    const base = { cycle: 'Third round', issuedOn: '2023-06-14', themes: ['identification'], urgency: 'urges' };
    const { id: greta } = (await ok(rapporteur, 'POST', '/api/recommendations', { ...base, sourceBody: 'greta', text: 'Ensure that all victims are identified' })) as { id: string };
    const { id: upr } = (await ok(rapporteur, 'POST', '/api/recommendations', { ...base, sourceBody: 'upr', text: 'Identify all victims of trafficking' })) as { id: string };
    await ok(coordinator, 'POST', '/api/recommendations/clusters', { recommendationIds: [greta, upr] });
    expect(await ok(coordinator, 'POST', `/api/recommendations/${greta}/activities`, { activityIds: [training, sop] })).toEqual({ links: 4 });

    // Refused to those who do not link, and to a link that does not exist.
    for (const client of [rapporteur, civilSociety]) expect((await client.request('DELETE', `/api/recommendations/${greta}/activities/${training}`)).statusCode).toBe(403);
    expect((await coordinator.request('DELETE', `/api/recommendations/${greta}/activities/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await coordinator.request('DELETE', `/api/recommendations/${greta}/activities/not-an-id`)).statusCode).toBe(400);

    const before = ((await ok(coordinator, 'GET', `/api/recommendations/${greta}`)) as RecommendationView).history?.length ?? 0;
    const { version } = (await ok(coordinator, 'DELETE', `/api/recommendations/${greta}/activities/${training}`)) as { version: number };
    const view = (await ok(civilSociety, 'GET', `/api/recommendations/${greta}`)) as RecommendationView;
    expect(view.activities?.map((a) => a.title)).toEqual(['Activity 2.1.2']);
    expect(view.history).toHaveLength(before + 1);
    expect(view.history?.at(-1)).toMatchObject({ version, change: 'activity_unlinked', evidence: '2.1.1 Activity 2.1.1' });
    // Only this recommendation: the cluster's other member keeps its link.
    expect(((await ok(coordinator, 'GET', `/api/recommendations/${upr}`)) as RecommendationView).activities?.map((a) => a.title)).toEqual(['Activity 2.1.1', 'Activity 2.1.2']);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', greta).where('action', '=', 'recommendation.activity_unlink').execute();
    expect(audited).toHaveLength(1);
    // Undone twice: the second finds no link.
    expect((await coordinator.request('DELETE', `/api/recommendations/${greta}/activities/${training}`)).statusCode).toBe(404);
  });
});
