import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecommendationView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let rapporteur: Client;
let coordinator: Client;
let civilSociety: Client;
let caseworker: Client;
let coordination: string;

beforeAll(async () => {
  t = await createTestApp();
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordination = await insertOrganisation(t, 'national_coordinator');
  coordinator = await clientFor(t, await insertUser(t, coordination, ['national_coordinator']));
  civilSociety = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['civil_society']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
});
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

const identification = 'The authorities should take further steps to ensure that all victims of trafficking are identified and have effective access to assistance and protection measures';
const identificationUpr = 'Take further measures to ensure that all victims of trafficking in persons are identified and have access to assistance and protection';
const inspectors = 'Increase the number of labour inspectors and their resources so as to detect forced labour in agriculture and construction';

const recommendation = (over: Record<string, unknown> = {}) => ({
  sourceBody: 'greta', cycle: 'Third evaluation round', issuedOn: '2023-06-14', text: identification, paragraph: '112', themes: ['identification', 'protection'],
  addressedTo: 'Ministry of the Interior', urgency: 'urges', ...over,
});

describe('recommendations of monitoring bodies', () => {
  it('keeps every version: the response and the status change apart, each with its evidence and date', async () => {
    const { id } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation())) as { id: string };
    await ok(coordinator, 'POST', `/api/recommendations/${id}/response`, { response: 'accepted', effectiveOn: '2023-09-01', evidence: 'Government reply to GRETA, September 2023' });
    await ok(rapporteur, 'POST', `/api/recommendations/${id}/status`, { status: 'in_progress', effectiveOn: '2024-02-01', evidence: 'Identification SOP adopted by decree 12/2024' });
    await ok(rapporteur, 'POST', `/api/recommendations/${id}/status`, { status: 'partly_implemented', effectiveOn: '2024-11-01', evidence: 'Annual report of the national rapporteur 2024' });
    await ok(civilSociety, 'POST', `/api/recommendations/${id}/comments`, { comment: 'Shelters in the north still report victims not identified' });
    const view = (await ok(rapporteur, 'GET', `/api/recommendations/${id}`)) as RecommendationView;
    expect(view.response).toBe('accepted');
    expect(view.status).toBe('partly_implemented');
    expect(view.history?.map((h) => [h.version, h.change, h.response, h.status])).toEqual([
      [1, 'recorded', null, 'not_started'],
      [2, 'response', 'accepted', 'not_started'],
      [3, 'status', 'accepted', 'in_progress'],
      [4, 'status', 'accepted', 'partly_implemented'],
      [5, 'comment', 'accepted', 'partly_implemented'],
    ]);
    expect(view.history?.[2]).toMatchObject({ evidence: 'Identification SOP adopted by decree 12/2024', effectiveOn: '2024-02-01' });
    const comment = view.history?.[4];
    expect(comment?.comment).toBe('Shelters in the north still report victims not identified');
    const ngoName = await t.platform.db.selectFrom('organisations').innerJoin('recommendation_history as h', 'h.organisation_id', 'organisations.id').select('name').where('h.recommendation_id', '=', id).where('h.version', '=', 5).executeTakeFirstOrThrow();
    expect(comment?.organisationName).toBe(ngoName.name);
    // A rejected response later leaves the status as the rapporteur recorded it.
    await ok(coordinator, 'POST', `/api/recommendations/${id}/response`, { response: 'noted', effectiveOn: '2025-01-10', evidence: '' });
    const after = (await ok(civilSociety, 'GET', `/api/recommendations/${id}`)) as RecommendationView;
    expect([after.response, after.status, after.history?.length]).toEqual(['noted', 'partly_implemented', 6]);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', id).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['recommendation.comment', 'recommendation.create', 'recommendation.response', 'recommendation.response', 'recommendation.status', 'recommendation.status']);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.platform.db.selectFrom('recommendations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const cases: Array<[Record<string, unknown>, string]> = [
      [recommendation({ sourceBody: 'unicef' }), 'sourceBody'],
      [recommendation({ themes: ['protection', 'weather'] }), 'themes.1'],
      [recommendation({ themes: [] }), 'themes'],
      [recommendation({ urgency: 'demands' }), 'urgency'],
      [recommendation({ issuedOn: '2999-01-01' }), 'issuedOn'],
      [recommendation({ text: '  ' }), 'text'],
    ];
    for (const [body, field] of cases) {
      const response = await rapporteur.request('POST', '/api/recommendations', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect((response.json() as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toContain(field);
    }
    const { id } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation())) as { id: string };
    const noEvidence = await rapporteur.request('POST', `/api/recommendations/${id}/status`, { status: 'implemented', effectiveOn: '2024-01-01' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().issues).toEqual([expect.objectContaining({ field: 'evidence' })]);
    const beforeIssued = await rapporteur.request('POST', `/api/recommendations/${id}/status`, { status: 'implemented', effectiveOn: '2020-01-01', evidence: 'Law 5/2020' });
    expect([beforeIssued.statusCode, beforeIssued.json().issues?.[0]?.field]).toEqual([400, 'effectiveOn']);
    const future = await coordinator.request('POST', `/api/recommendations/${id}/response`, { response: 'accepted', effectiveOn: '2999-01-01' });
    expect([future.statusCode, future.json().issues?.[0]?.field]).toEqual([400, 'effectiveOn']);
    const unknownResponse = await coordinator.request('POST', `/api/recommendations/${id}/response`, { response: 'maybe', effectiveOn: '2024-01-01' });
    expect([unknownResponse.statusCode, unknownResponse.json().issues?.[0]?.field]).toEqual([400, 'response']);
    const after = await t.platform.db.selectFrom('recommendations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    const history = await t.platform.db.selectFrom('recommendation_history').select('version').where('recommendation_id', '=', id).execute();
    expect(history).toHaveLength(1);
  });

  it('offers near-identical recommendations of other bodies as a cluster, not unrelated ones nor those of the same body, and links them at once', async () => {
    const { id: greta } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ cycle: 'Fourth round' }))) as { id: string };
    const { id: upr } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ sourceBody: 'upr', cycle: 'UPR 4th cycle', text: identificationUpr, urgency: 'recommends', issuedOn: '2022-11-09' }))) as { id: string };
    const { id: ilo } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ sourceBody: 'ilo_supervisory', text: inspectors, themes: ['labour_exploitation'], urgency: 'not_graded' }))) as { id: string };
    const view = (await ok(rapporteur, 'GET', `/api/recommendations/${greta}`)) as RecommendationView;
    const offered = view.similar?.map((s) => s.id) ?? [];
    expect(offered).toContain(upr);
    expect(offered).not.toContain(ilo);
    // Other GRETA recommendations with the same words are the same body's: never offered.
    expect(view.similar?.every((s) => s.sourceBody !== 'greta')).toBe(true);
    // Civil society reads the recommendation without the suggestions.
    expect((await ok(civilSociety, 'GET', `/api/recommendations/${greta}`)) as RecommendationView).not.toHaveProperty('similar');

    const linked = (await ok(rapporteur, 'POST', '/api/recommendations/clusters', { recommendationIds: [greta, upr] })) as { clusterId: string; members: number };
    expect(linked.members).toBe(2);
    const again = (await ok(rapporteur, 'GET', `/api/recommendations/${greta}`)) as RecommendationView;
    expect(again.cluster?.map((c) => c.id)).toEqual([upr]);
    expect(again.similar?.map((s) => s.id)).not.toContain(upr);
    expect(again.history?.at(-1)?.change).toBe('clustered');
    const missing = await rapporteur.request('POST', '/api/recommendations/clusters', { recommendationIds: [greta, '00000000-0000-4000-8000-000000000000'] });
    expect([missing.statusCode, missing.json().issues?.[0]?.field]).toEqual([400, 'recommendationIds.1']);
  });

  it('filters by body, theme, status and response', async () => {
    const { id } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ sourceBody: 'cedaw', themes: ['children'], urgency: 'recommends' }))) as { id: string };
    const list = async (query: string) => ((await ok(coordinator, 'GET', `/api/recommendations?${query}`)) as { recommendations: Array<{ id: string }> }).recommendations.map((r) => r.id);
    expect(await list('body=cedaw')).toEqual([id]);
    expect(await list('theme=children')).toEqual([id]);
    expect(await list('body=cedaw&response=none&status=not_started')).toEqual([id]);
    expect(await list('body=cedaw&response=accepted')).toEqual([]);
    const badFilter = await coordinator.request('GET', '/api/recommendations?status=finished');
    expect(badFilter.statusCode).toBe(400);
  });

  it('links activities to a recommendation and its whole cluster; an activity answers many recommendations, listed by it', async () => {
    const plan = ((await ok(coordinator, 'POST', '/api/action-plans', { title: 'Plan 2024-2026', periodStart: '2024-01-01', periodEnd: '2026-12-31', currency: 'EUR' })) as { id: string }).id;
    const objective = ((await ok(coordinator, 'POST', `/api/action-plans/${plan}/objectives`, { pillar: 'protection', code: '2.1', title: 'Every victim is identified' })) as { id: string }).id;
    const activity = async (code: string) =>
      ((await ok(coordinator, 'POST', `/api/action-plans/${plan}/activities`, { objectiveId: objective, code, title: `Activity ${code}`, responsibleOrganisationId: coordination, startsOn: '2024-01-01', endsOn: '2025-12-31' })) as { id: string }).id;
    const [training, sop] = [await activity('2.1.1'), await activity('2.1.2')];
    const { id: greta } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ cycle: 'Fifth round' }))) as { id: string };
    const { id: upr } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ sourceBody: 'upr', cycle: 'UPR 5th cycle', text: identificationUpr, urgency: 'recommends' }))) as { id: string };
    const { id: ilo } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation({ sourceBody: 'ilo_supervisory', text: inspectors, themes: ['labour_exploitation'], urgency: 'not_graded' }))) as { id: string };
    await ok(coordinator, 'POST', '/api/recommendations/clusters', { recommendationIds: [greta, upr] });
    // Two activities to the GRETA recommendation and, through its cluster, to the UPR's at once: four links.
    expect(await ok(coordinator, 'POST', `/api/recommendations/${greta}/activities`, { activityIds: [training, sop] })).toEqual({ links: 4 });
    // The same activity answers the ILO's recommendation too; without the cluster, only it.
    expect(await ok(coordinator, 'POST', `/api/recommendations/${ilo}/activities`, { activityIds: [training], withCluster: false })).toEqual({ links: 1 });
    // Linking again changes nothing.
    expect(await ok(coordinator, 'POST', `/api/recommendations/${upr}/activities`, { activityIds: [training] })).toEqual({ links: 0 });
    const view = (await ok(civilSociety, 'GET', `/api/recommendations/${upr}`)) as RecommendationView;
    expect(view.activities?.map((a) => a.title)).toEqual(['Activity 2.1.1', 'Activity 2.1.2']);
    const answeredBy = async (id: string) => ((await ok(civilSociety, 'GET', `/api/recommendations?activity=${id}`)) as { recommendations: Array<{ id: string }> }).recommendations.map((r) => r.id).sort();
    expect(await answeredBy(training)).toEqual([greta, upr, ilo].sort());
    expect(await answeredBy(sop)).toEqual([greta, upr].sort());
    expect((await coordinator.request('GET', '/api/recommendations?activity=not-an-id')).statusCode).toBe(400);
    const unknown = await coordinator.request('POST', `/api/recommendations/${greta}/activities`, { activityIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([unknown.statusCode, unknown.json().issues?.[0]?.field]).toEqual([400, 'activityIds.0']);
    expect((await rapporteur.request('POST', `/api/recommendations/${greta}/activities`, { activityIds: [training] })).statusCode).toBe(403);
  });

  it('lets each role do only its part', async () => {
    const { id } = (await ok(rapporteur, 'POST', '/api/recommendations', recommendation())) as { id: string };
    const refused: Array<[Client, 'GET' | 'POST', string, unknown]> = [
      [coordinator, 'POST', '/api/recommendations', recommendation()],
      [civilSociety, 'POST', '/api/recommendations', recommendation()],
      [rapporteur, 'POST', `/api/recommendations/${id}/response`, { response: 'accepted', effectiveOn: '2024-01-01' }],
      [civilSociety, 'POST', `/api/recommendations/${id}/response`, { response: 'accepted', effectiveOn: '2024-01-01' }],
      [coordinator, 'POST', `/api/recommendations/${id}/status`, { status: 'implemented', effectiveOn: '2024-01-01', evidence: 'Law' }],
      [civilSociety, 'POST', `/api/recommendations/${id}/status`, { status: 'implemented', effectiveOn: '2024-01-01', evidence: 'Law' }],
      [rapporteur, 'POST', `/api/recommendations/${id}/comments`, { comment: 'A comment' }],
      [civilSociety, 'POST', '/api/recommendations/clusters', { recommendationIds: [id, id] }],
      [caseworker, 'GET', '/api/recommendations', undefined],
      [caseworker, 'GET', `/api/recommendations/${id}`, undefined],
      [caseworker, 'GET', '/api/reference-series', undefined],
    ];
    for (const [client, method, url, body] of refused) expect((await client.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    const history = await t.platform.db.selectFrom('recommendation_history').select('version').where('recommendation_id', '=', id).execute();
    expect(history).toHaveLength(1);
    const capabilities = async (client: Client) => (await ok(client, 'GET', '/api/auth/session')).capabilities as Record<string, boolean>;
    expect(await capabilities(civilSociety)).toMatchObject({ seeRecommendations: true, commentOnRecommendations: true, recordRecommendations: false, respondToRecommendations: false, seeCases: false, seeStatistics: false });
    expect(await capabilities(rapporteur)).toMatchObject({ seeRecommendations: true, recordRecommendations: true, respondToRecommendations: false, clusterRecommendations: true });
    expect(await capabilities(coordinator)).toMatchObject({ seeRecommendations: true, recordRecommendations: false, respondToRecommendations: true, linkRecommendationActivities: true });
  });
});
