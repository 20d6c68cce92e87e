import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformFacts, type PlanProgress, type PublicView, type PublicViewPreview } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { measureKey, perturb } from '../statistics/cell-key.js';

let t: TestApp;
let coordinator: Client;
let rapporteur: Client;
let shelterLead: Client;
let shelterId: string;
let planId: string;
let activityId: string;
/** What must never reach the public page: ids, references, names and e-mail addresses of people, notes and evidence typed about them. */
const secrets: string[] = [];
const personIds: string[] = [];

async function ok(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

/** A user given a name and e-mail address the test then searches the public page for. */
async function namedUser(organisationId: string, role: 'national_coordinator' | 'national_rapporteur' | 'supervisor' | 'caseworker', name: string) {
  const user = await insertUser(t, organisationId, [role]);
  const email = `${name.toLowerCase().replace(' ', '.')}@example.test`;
  await t.platform.db.updateTable('users').set({ display_name: name, email }).where('id', '=', user.id).execute();
  secrets.push(user.id, name, email);
  return user;
}

beforeAll(async () => {
  t = await createTestApp();
  shelterId = await insertOrganisation(t, 'shelter');
  const coordinatorOrg = await insertOrganisation(t, 'national_coordinator');
  coordinator = await clientFor(t, await namedUser(coordinatorOrg, 'national_coordinator', 'Ottoline Quist'));
  rapporteur = await clientFor(t, await namedUser(await insertOrganisation(t, 'national_rapporteur'), 'national_rapporteur', 'Bartholomew Ydris'));
  shelterLead = await clientFor(t, await namedUser(shelterId, 'supervisor', 'Wilhelmina Zabo'));
  const caseworker = await namedUser(shelterId, 'caseworker', 'Cornelius Vantablack');

  // Six persons identified in 2025, each with a name sealed as the person module seals it.
  for (let n = 0; n < 6; n += 1) {
    const personId = randomUUID();
    const caseId = randomUUID();
    await t.platform.db.insertInto('persons').values({ id: personId, reference: `PX-${personId.slice(0, 8)}`, organisation_id: shelterId, created_by: caseworker.id, given_name: t.platform.cipher.encrypt(`Philomena${n}`, `persons.given_name:${personId}`) }).execute();
    await t.platform.db.insertInto('cases').values({ id: caseId, reference: `CX-${caseId.slice(0, 13)}`, person_id: personId, managing_organisation_id: shelterId, reported_by_organisation_id: shelterId, opened_at: new Date(`2025-0${n + 1}-15T10:00:00Z`) }).execute();
    personIds.push(personId);
    secrets.push(personId, caseId, `PX-${personId.slice(0, 8)}`, `CX-${caseId.slice(0, 13)}`, `Philomena${n}`);
  }

  planId = (await ok(coordinator, 'POST', '/api/action-plans', { title: 'Plan 2025-2026', periodStart: '2025-01-01', periodEnd: '2026-12-31', currency: 'EUR' })).id;
  const objectiveId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/objectives`, { pillar: 'protection', code: '2.1', title: 'Identify and assist' })).id;
  activityId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/activities`, {
    objectiveId, code: '2.1.1', title: 'Train first responders', responsibleOrganisationId: shelterId, startsOn: '2025-01-01', endsOn: '2025-06-30',
    budgets: [{ year: 2025, plannedMinor: 1_000_000 }], funding: [{ kind: 'external', donor: 'A donor', amountMinor: 400_000, securedUntil: '2025-03-31' }],
  })).id;
  await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, { code: 'I-1', title: 'Persons identified', type: 'outcome', computation: 'persons_identified', baseline: { value: 3, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 10 }] });
  const handId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, { code: 'I-2', title: 'Responders trained', type: 'output', activityId, source: 'Training register', baseline: { value: 0, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 200 }] })).id;
  await ok(shelterLead, 'POST', `/api/plan-indicators/${handId}/measurements`, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 120, note: 'Counted by Wilhelmina Zabo with Philomena0' });
  await ok(shelterLead, 'POST', `/api/plan-activities/${activityId}/progress`, { reportedOn: '2025-05-01', status: 'in_progress', progressPercent: 40, spending: [{ year: 2025, spentMinor: 250_000 }], note: 'Slow start, said Cornelius Vantablack' });

  const greta = (await ok(rapporteur, 'POST', '/api/recommendations', { sourceBody: 'greta', cycle: 'third round', issuedOn: '2023-06-01', text: 'Train first responders to identify victims.', themes: ['identification'], urgency: 'urges' })).id;
  const upr = (await ok(rapporteur, 'POST', '/api/recommendations', { sourceBody: 'upr', cycle: '4th cycle', issuedOn: '2022-11-01', text: 'Strengthen identification by front-line staff.', themes: ['identification'], urgency: 'not_graded' })).id;
  await ok(rapporteur, 'POST', `/api/recommendations/${greta}/status`, { status: 'in_progress', effectiveOn: '2024-01-01', evidence: 'Reported by Bartholomew Ydris' });
  for (const id of [greta, upr]) await ok(coordinator, 'POST', `/api/recommendations/${id}/activities`, { activityIds: [activityId], withCluster: false });

  const assessment = (await ok(rapporteur, 'POST', '/api/determinant-assessments', { country: 'Moldova', periodFrom: '2024-01-01', periodTo: '2024-12-31', title: 'Determinants 2024' })).id;
  const typology = { origin: 'external', nature: 'pressure_point', specificity: 'trafficking_specific', reach: 'direct', level: 'institutional' };
  await ok(rapporteur, 'PUT', `/api/determinant-assessments/${assessment}/entries`, { determinant: 'external_monitoring', direction: 'positive', activity: 'active', strength: 'strong', typology, evidence: 'Interview with Philomena1', influences: ['political_will'] });
  secrets.push('Counted by', 'Slow start', 'Reported by', 'Interview with');
}, 600_000);
afterAll(async () => t.close());

const anonymous = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/api/public-view', headers });

describe('the public page', () => {
  it('is not found, and not cached, before anything is published', async () => {
    const response = await anonymous();
    expect(response.statusCode).toBe(404);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('is published by the national coordinator only', async () => {
    for (const client of [rapporteur, shelterLead]) {
      expect((await client.request('POST', `/api/action-plans/${planId}/public-view`, {})).statusCode).toBe(403);
      expect((await client.request('GET', `/api/action-plans/${planId}/public-view`)).statusCode).toBe(403);
      expect((await client.request('POST', '/api/public-view/withdraw', {})).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/action-plans/${planId}/public-view`, payload: {} })).statusCode).toBe(401);
    expect((await coordinator.request('POST', `/api/action-plans/${randomUUID()}/public-view`, {})).statusCode).toBe(404);
    expect((await anonymous()).statusCode).toBe(404);
  });

  it('shows the preview as published, read without a session, cacheable, with the signed-in page\'s perturbed counts and nothing personal', async () => {
    const preview = (await ok(coordinator, 'GET', `/api/action-plans/${planId}/public-view`)) as PublicViewPreview;
    expect(preview.current).toBeNull();
    await ok(coordinator, 'POST', `/api/action-plans/${planId}/public-view`, {});

    const response = await anonymous();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers.pragma).toBeUndefined();
    const etag = response.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await anonymous({ 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['cache-control']).toBe('public, max-age=300');

    const view = response.json() as PublicView;
    expect(view.content).toEqual(preview.content);
    expect(view.publishedBy).toMatch(/^national_coordinator /);
    const activity = view.content.objectives[0]?.activities[0];
    expect(activity).toMatchObject({ code: '2.1.1', title: 'Train first responders', organisationName: expect.stringMatching(/^shelter /), late: true, status: 'in_progress', progressPercent: 40, plannedMinor: 1_000_000, spentMinor: 250_000 });
    expect(view.content.pillars).toEqual([{ pillar: 'protection', activities: 1, late: 1, plannedMinor: 1_000_000, spentMinor: 250_000 }]);

    // The computed count is the perturbed one, the same as the signed-in progress page's.
    const progress = (await ok(coordinator, 'GET', `/api/action-plans/${planId}/progress`)) as PlanProgress;
    const year = (series: Array<{ periodStart: string; periodEnd: string; value: number | null }> | undefined) => series?.find((p) => p.periodStart === '2025-01-01' && p.periodEnd === '2025-12-31')?.value;
    const published = year(view.content.indicators.find((i) => i.code === 'I-1')?.series);
    expect(published).toBe(year(progress.indicators.find((i) => i.code === 'I-1')?.series));
    // One person identified in each of six months: the year is the sum of the six months' published counts.
    const monthly = personIds.map((id) => perturb(1, measureKey(t.platform.cipher.recordKeys.ofPerson(id), platformFacts.indexOf('persons_identified'))));
    expect(published).toBe(monthly.reduce((sum, v) => sum + v, 0));
    expect(year(view.content.indicators.find((i) => i.code === 'I-2')?.series)).toBe(120);

    expect(view.content.recommendations.counts).toEqual([
      { body: 'greta', status: 'in_progress', count: 1 },
      { body: 'upr', status: 'not_started', count: 1 },
    ]);
    expect(view.content.recommendations.items.map((r) => r.activityCodes)).toEqual([['2.1.1'], ['2.1.1']]);
    expect(view.content.determinants?.entries).toEqual([{ determinant: 'external_monitoring', direction: 'positive', activity: 'active', strength: 'strong', influences: ['political_will'] }]);

    for (const secret of secrets) expect(response.body, secret).not.toContain(secret);
    // The same answer with a session cookie: the page does not depend on who reads it.
    const signedIn = await coordinator.request('GET', '/api/public-view');
    expect(signedIn.body).toBe(response.body);
  });

  it('is replaced by a new publication, withdrawn, and every step audited', async () => {
    const first = (await anonymous()).headers.etag;
    await ok(coordinator, 'POST', `/api/action-plans/${planId}/public-view`, {});
    const second = await anonymous();
    expect(second.headers.etag).not.toBe(first);
    expect((await anonymous({ 'if-none-match': first as string })).statusCode).toBe(200);
    const rows = await t.platform.db.selectFrom('public_view_publications').select(['ended_how']).orderBy('published_at').execute();
    expect(rows.map((r) => r.ended_how)).toEqual(['replaced', null]);
    expect(((await ok(coordinator, 'GET', `/api/action-plans/${planId}/public-view`)) as PublicViewPreview).current?.planTitle).toBe('Plan 2025-2026');

    await ok(coordinator, 'POST', '/api/public-view/withdraw', {});
    const gone = await anonymous();
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['cache-control']).toBe('no-store');
    expect((await coordinator.request('POST', '/api/public-view/withdraw', {})).statusCode).toBe(404);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('action', 'like', 'action_plan.public_view%').execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['action_plan.public_view_preview', 'action_plan.public_view_preview', 'action_plan.public_view_publish', 'action_plan.public_view_publish', 'action_plan.public_view_withdraw']);
  });
});
