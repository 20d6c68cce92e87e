import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationBodyView, FollowUpActionView, MeetingView, TrainingList } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let coordinator: Client;
let rapporteur: Client;
let admin: Client;
let orgA: string;
let orgB: string;
let outsider: string;
/** Org A sits in the body and is assigned the action; org B sits in the body; the outsider does not. */
let leadA: Client;
let caseworkerA: Client;
let leadB: Client;
let caseworkerB: Client;
let leadOutside: Client;
let civilSociety: Client;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  admin = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_admin']));
  orgA = await insertOrganisation(t, 'labour_inspectorate');
  orgB = await insertOrganisation(t, 'ngo');
  outsider = await insertOrganisation(t, 'shelter');
  leadA = await clientFor(t, await insertUser(t, orgA, ['organisation_admin']));
  caseworkerA = await clientFor(t, await insertUser(t, orgA, ['caseworker']));
  leadB = await clientFor(t, await insertUser(t, orgB, ['supervisor']));
  caseworkerB = await clientFor(t, await insertUser(t, orgB, ['caseworker']));
  leadOutside = await clientFor(t, await insertUser(t, outsider, ['organisation_admin']));
  civilSociety = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['civil_society']));
});
afterAll(async () => t.close());

async function ok<T = unknown>(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

async function refused(client: Client, method: 'POST' | 'PUT', url: string, body: unknown, field: string): Promise<void> {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${url} ${JSON.stringify(body)}: ${response.body}`).toBe(400);
  const named = (response.json().issues as Array<{ field: string }>).map((i) => i.field);
  expect(named, `${JSON.stringify(body)} names ${field}`).toContain(field);
}

const body = (over: Record<string, unknown> = {}) => ({
  name: 'Working group on labour exploitation', kind: 'working_group', theme: 'protection', activeFrom: '2024-01-01',
  members: [{ organisationId: orgA, role: 'chair' }, { organisationId: orgB, role: 'member' }], ...over,
});
const training = (over: Record<string, unknown> = {}) => ({
  topic: 'identification', title: 'Indicators of forced labour', audience: 'labour_inspectors', organisationId: orgA, heldOn: '2025-03-10', numberTrained: 25, bySex: { women: 12, men: 13 }, ...over,
});
const created = async (client: Client, url: string, payload: unknown) => (await ok<{ id: string }>(client, 'POST', url, payload)).id;

async function meetingWithAction(dueOn: string): Promise<{ bodyId: string; meetingId: string; actionId: string }> {
  const bodyId = await created(coordinator, '/api/coordination/bodies', body());
  const meetingId = await created(coordinator, `/api/coordination/bodies/${bodyId}/meetings`, { heldOn: '2025-02-01', place: 'Chisinau', minutes: 'Inspections discussed', decisions: ['Joint inspections in agriculture'] });
  const meeting = await ok<MeetingView>(coordinator, 'GET', `/api/coordination/meetings/${meetingId}`);
  const actionId = await created(coordinator, `/api/coordination/meetings/${meetingId}/actions`, { decisionId: meeting.decisions?.[0]?.id, description: 'Plan ten joint inspections', organisationId: orgA, dueOn });
  return { bodyId, meetingId, actionId };
}

describe('coordination bodies, meetings and follow-up actions', () => {
  it('the coordinator records a body with its members, a meeting with a decision and an action; every write audited', async () => {
    const parentId = await created(coordinator, '/api/coordination/bodies', body({ name: 'National coordination body', kind: 'national_coordination_body', theme: 'all', members: [] }));
    const bodyId = await created(coordinator, '/api/coordination/bodies', body({ parentId }));
    const meetingId = await created(coordinator, `/api/coordination/bodies/${bodyId}/meetings`, { heldOn: '2025-02-01', minutes: 'Agreed a plan', decisions: ['First decision', 'Second decision'] });
    const meeting = await ok<MeetingView>(coordinator, 'GET', `/api/coordination/meetings/${meetingId}`);
    expect(meeting.decisions?.map((d) => [d.position, d.text])).toEqual([[1, 'First decision'], [2, 'Second decision']]);
    const actionId = await created(coordinator, `/api/coordination/meetings/${meetingId}/actions`, { decisionId: meeting.decisions?.[1]?.id, description: 'Report back', organisationId: orgB, dueOn: '2025-03-01' });
    const view = await ok<CoordinationBodyView>(rapporteur, 'GET', `/api/coordination/bodies/${bodyId}`);
    expect(view).toMatchObject({ name: 'Working group on labour exploitation', parentId, parentName: 'National coordination body', memberCount: 2, meetingCount: 1, overdueActionCount: 1 });
    expect(view.members?.map((m) => [m.organisationId, m.role])).toEqual([[orgA, 'chair'], [orgB, 'member']]);
    expect(view.meetings?.[0]).toMatchObject({ id: meetingId, heldOn: '2025-02-01', decisionCount: 2, actionCount: 1, overdueActionCount: 1 });
    await ok(coordinator, 'PUT', `/api/coordination/bodies/${bodyId}`, body({ parentId, members: [{ organisationId: orgA, role: 'secretariat' }] }));
    expect((await ok<CoordinationBodyView>(admin, 'GET', `/api/coordination/bodies/${bodyId}`)).members?.map((m) => m.role)).toEqual(['secretariat']);
    const audited = await t.platform.db.selectFrom('audit_log').select(['action', 'record_id']).where('record_id', 'in', [bodyId, meetingId, actionId]).orderBy('entry_id').execute();
    expect(audited.map((a) => a.action)).toEqual(['coordination_body.create', 'coordination_meeting.create', 'coordination_action.create', 'coordination_body.update']);
  });

  it('member organisations read their bodies; others do not; only the coordinator writes', async () => {
    const { bodyId, meetingId } = await meetingWithAction('2030-01-01');
    for (const reader of [coordinator, rapporteur, admin, leadA, caseworkerA, leadB, caseworkerB]) {
      expect((await ok<{ bodies: Array<{ id: string }> }>(reader, 'GET', '/api/coordination/bodies')).bodies.map((b) => b.id)).toContain(bodyId);
      await ok(reader, 'GET', `/api/coordination/bodies/${bodyId}`);
      await ok(reader, 'GET', `/api/coordination/meetings/${meetingId}`);
    }
    for (const other of [leadOutside, civilSociety]) {
      expect((await ok<{ bodies: Array<{ id: string }> }>(other, 'GET', '/api/coordination/bodies')).bodies.map((b) => b.id)).not.toContain(bodyId);
      expect((await other.request('GET', `/api/coordination/bodies/${bodyId}`)).statusCode).toBe(404);
      expect((await other.request('GET', `/api/coordination/meetings/${meetingId}`)).statusCode).toBe(404);
    }
    for (const writer of [rapporteur, admin, leadA, caseworkerB]) {
      expect((await writer.request('POST', '/api/coordination/bodies', body())).statusCode).toBe(403);
      expect((await writer.request('PUT', `/api/coordination/bodies/${bodyId}`, body())).statusCode).toBe(403);
      expect((await writer.request('POST', `/api/coordination/bodies/${bodyId}/meetings`, { heldOn: '2025-01-01' })).statusCode).toBe(403);
      expect((await writer.request('POST', `/api/coordination/meetings/${meetingId}/actions`, { description: 'x', organisationId: orgA, dueOn: '2026-01-01' })).statusCode).toBe(403);
    }
  });

  it('the assigned organisation updates its own action only; overdue actions are flagged and filtered', async () => {
    const { actionId, bodyId } = await meetingWithAction('2025-02-15');
    const other = await meetingWithAction('2099-12-31');
    const overdue = await ok<{ actions: FollowUpActionView[] }>(leadA, 'GET', '/api/coordination/actions?overdue=true&mine=true');
    expect(overdue.actions.map((a) => a.id)).toContain(actionId);
    expect(overdue.actions.map((a) => a.id)).not.toContain(other.actionId);
    const mine = await ok<{ actions: FollowUpActionView[] }>(leadA, 'GET', `/api/coordination/actions?bodyId=${bodyId}`);
    expect(mine.actions.find((a) => a.id === actionId)).toMatchObject({ overdue: true, status: 'open', mayUpdate: true, organisationId: orgA });
    expect((await ok<{ actions: FollowUpActionView[] }>(leadB, 'GET', `/api/coordination/actions?bodyId=${bodyId}`)).actions[0]).toMatchObject({ id: actionId, mayUpdate: false });
    // Another member organisation, a caseworker of the assigned one, the rapporteur: refused.
    expect((await leadB.request('PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2025-03-01' })).statusCode).toBe(403);
    expect((await caseworkerA.request('PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2025-03-01' })).statusCode).toBe(403);
    expect((await rapporteur.request('PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2025-03-01' })).statusCode).toBe(403);
    // An organisation that sees nothing of it is told it does not exist.
    expect((await leadOutside.request('PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2025-03-01' })).statusCode).toBe(404);
    await refused(leadA, 'PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done' }, 'doneOn');
    await refused(leadA, 'PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2025-01-01' }, 'doneOn');
    await refused(leadA, 'PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2999-01-01' }, 'doneOn');
    await refused(leadA, 'PUT', `/api/coordination/actions/${actionId}/status`, { status: 'finished' }, 'status');
    await ok(leadA, 'PUT', `/api/coordination/actions/${actionId}/status`, { status: 'done', doneOn: '2025-03-01' });
    const after = await ok<{ actions: FollowUpActionView[] }>(rapporteur, 'GET', `/api/coordination/actions?bodyId=${bodyId}`);
    expect(after.actions[0]).toMatchObject({ status: 'done', doneOn: '2025-03-01', overdue: false, mayUpdate: false });
    expect((await ok<{ actions: FollowUpActionView[] }>(coordinator, 'GET', '/api/coordination/actions?overdue=true')).actions.map((a) => a.id)).not.toContain(actionId);
    // An assigned organisation that does not sit in the body still reads its own action.
    const meeting = await ok<MeetingView>(coordinator, 'GET', `/api/coordination/meetings/${other.meetingId}`);
    const outsiderAction = await created(coordinator, `/api/coordination/meetings/${other.meetingId}/actions`, { decisionId: null, description: 'Open a shelter place', organisationId: outsider, dueOn: meeting.heldOn });
    expect((await ok<{ actions: FollowUpActionView[] }>(leadOutside, 'GET', '/api/coordination/actions')).actions.map((a) => a.id)).toEqual([outsiderAction]);
    await ok(leadOutside, 'PUT', `/api/coordination/actions/${outsiderAction}/status`, { status: 'in_progress' });
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', actionId).orderBy('entry_id').execute();
    expect(audited.map((a) => a.action)).toEqual(['coordination_action.create', 'coordination_action.status_update']);
  });

  it('the coordinator corrects a meeting: decisions reworded by position, never one an action follows, nor a date after a due date', async () => {
    const { meetingId } = await meetingWithAction('2025-03-01');
    const meeting = { heldOn: '2025-02-02', place: 'Balti', minutes: 'Corrected minutes', decisions: ['Joint inspections in agriculture and construction', 'A second decision'] };
    await ok(coordinator, 'PUT', `/api/coordination/meetings/${meetingId}`, meeting);
    const view = await ok<MeetingView>(rapporteur, 'GET', `/api/coordination/meetings/${meetingId}`);
    expect(view).toMatchObject({ heldOn: '2025-02-02', place: 'Balti', minutes: 'Corrected minutes' });
    expect(view.decisions?.map((d) => d.text)).toEqual(meeting.decisions);
    expect(view.actions?.[0]?.decisionId).toBe(view.decisions?.[0]?.id);
    await refused(coordinator, 'PUT', `/api/coordination/meetings/${meetingId}`, { ...meeting, heldOn: '2025-03-02' }, 'heldOn');
    await refused(coordinator, 'PUT', `/api/coordination/meetings/${meetingId}`, { ...meeting, decisions: [] }, 'decisions');
    await ok(coordinator, 'PUT', `/api/coordination/meetings/${meetingId}`, { ...meeting, decisions: meeting.decisions.slice(0, 1) });
    expect((await ok<MeetingView>(coordinator, 'GET', `/api/coordination/meetings/${meetingId}`)).decisions?.length).toBe(1);
    expect((await leadA.request('PUT', `/api/coordination/meetings/${meetingId}`, meeting)).statusCode).toBe(403);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', meetingId).orderBy('entry_id').execute();
    expect(audited.map((a) => a.action)).toEqual(['coordination_meeting.create', 'coordination_meeting.update', 'coordination_meeting.update']);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const { bodyId, meetingId } = await meetingWithAction('2026-01-01');
    const before = await t.platform.db.selectFrom('coordination_bodies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await refused(coordinator, 'POST', '/api/coordination/bodies', body({ kind: 'club' }), 'kind');
    await refused(coordinator, 'POST', '/api/coordination/bodies', body({ theme: 'cooking' }), 'theme');
    await refused(coordinator, 'POST', '/api/coordination/bodies', body({ activeTo: '2023-01-01' }), 'activeTo');
    await refused(coordinator, 'POST', '/api/coordination/bodies', body({ members: [{ organisationId: orgA, role: 'chair' }, { organisationId: '00000000-0000-4000-8000-000000000000', role: 'member' }] }), 'members.1.organisationId');
    await refused(coordinator, 'POST', '/api/coordination/bodies', body({ members: [{ organisationId: orgA, role: 'king' }] }), 'members.0.role');
    await refused(coordinator, 'POST', '/api/coordination/bodies', body({ parentId: '00000000-0000-4000-8000-000000000000' }), 'parentId');
    await refused(coordinator, 'PUT', `/api/coordination/bodies/${bodyId}`, body({ parentId: bodyId }), 'parentId');
    const after = await t.platform.db.selectFrom('coordination_bodies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await refused(coordinator, 'POST', `/api/coordination/meetings/${meetingId}/actions`, { description: 'Too early', organisationId: orgA, dueOn: '2025-01-31' }, 'dueOn');
    await refused(coordinator, 'POST', `/api/coordination/meetings/${meetingId}/actions`, { description: 'Nobody', organisationId: '00000000-0000-4000-8000-000000000000', dueOn: '2026-01-31' }, 'organisationId');
    await refused(coordinator, 'POST', `/api/coordination/meetings/${meetingId}/actions`, { description: 'Wrong decision', organisationId: orgA, dueOn: '2026-01-31', decisionId: '00000000-0000-4000-8000-000000000000' }, 'decisionId');
    await refused(coordinator, 'POST', `/api/coordination/bodies/${bodyId}/meetings`, { heldOn: '2025-13-01' }, 'heldOn');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ numberTrained: 0, bySex: null }), 'numberTrained');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ numberTrained: 20 }), 'bySex');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ heldOn: '2999-01-01' }), 'heldOn');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ audience: 'astronauts' }), 'audience');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ topic: 'knitting' }), 'topic');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ organisationId: '00000000-0000-4000-8000-000000000000' }), 'organisationId');
    await refused(coordinator, 'POST', '/api/coordination/trainings', training({ activityId: '00000000-0000-4000-8000-000000000000' }), 'activityId');
  });
});

describe('trainings', () => {
  it('the coordinator and the delivering organisation record trainings; each organisation reads its own; the national roles all', async () => {
    const byCoordinator = await created(coordinator, '/api/coordination/trainings', training({ organisationId: orgB, audience: 'social_workers', numberTrained: 10, bySex: null }));
    const byLead = await created(leadA, '/api/coordination/trainings', training());
    expect((await leadA.request('POST', '/api/coordination/trainings', training({ organisationId: orgB }))).statusCode).toBe(403);
    expect((await caseworkerA.request('POST', '/api/coordination/trainings', training())).statusCode).toBe(403);
    expect((await rapporteur.request('POST', '/api/coordination/trainings', training())).statusCode).toBe(403);
    const own = await ok<TrainingList>(caseworkerA, 'GET', '/api/coordination/trainings');
    expect(own.trainings.map((x) => x.id)).toEqual([byLead]);
    expect(own.trainings[0]).toMatchObject({ numberTrained: 25, bySex: { women: 12, men: 13 }, mayEdit: false, organisationId: orgA });
    for (const reader of [coordinator, rapporteur, admin]) {
      const all = await ok<TrainingList>(reader, 'GET', '/api/coordination/trainings?from=2025-01-01&to=2025-12-31');
      expect(all.trainings.map((x) => x.id)).toEqual(expect.arrayContaining([byCoordinator, byLead]));
      expect(all.totalTrained).toBe(all.trainings.reduce((s, x) => s + (x.numberTrained ?? 0), 0));
    }
    expect((await ok<TrainingList>(coordinator, 'GET', '/api/coordination/trainings?audience=social_workers')).trainings.map((x) => x.id)).toEqual([byCoordinator]);
    await ok(leadA, 'PUT', `/api/coordination/trainings/${byLead}`, training({ numberTrained: 30 }));
    expect((await leadA.request('PUT', `/api/coordination/trainings/${byCoordinator}`, training())).statusCode).toBe(404);
    expect((await ok<TrainingList>(leadOutside, 'GET', '/api/coordination/trainings')).trainings).toEqual([]);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', byLead).orderBy('entry_id').execute();
    expect(audited.map((a) => a.action)).toEqual(['coordination_training.create', 'coordination_training.update']);
  });
});

describe('officials trained as a computed output indicator of the plan', () => {
  it('sums the numbers trained of each period exactly (staff, not persons: no perturbation)', async () => {
    const plan = await created(coordinator, '/api/action-plans', { title: 'Plan 2024-2025', periodStart: '2024-01-01', periodEnd: '2025-12-31', currency: 'EUR' });
    const objectiveId = await created(coordinator, `/api/action-plans/${plan}/objectives`, { pillar: 'prevention', code: '1.1', title: 'Train the front line' });
    await created(coordinator, `/api/action-plans/${plan}/indicators`, { code: 'T1', title: 'Officials trained', type: 'output', objectiveId, computation: 'officials_trained' });
    await created(coordinator, '/api/coordination/trainings', training({ heldOn: '2024-06-01', numberTrained: 7, bySex: null }));
    await created(coordinator, '/api/coordination/trainings', training({ heldOn: '2025-12-31', numberTrained: 3, bySex: null }));
    const exact = async (from: string, to: string) => Number((await t.platform.db.selectFrom('coordination_trainings').select((eb) => eb.fn.sum<number>('number_trained').as('n')).where('held_on', '>=', from).where('held_on', '<=', to).executeTakeFirstOrThrow()).n);
    const read = await ok<{ indicators: Array<{ code: string; measure: string; series: Array<{ periodStart: string; value: number | null }> }> }>(rapporteur, 'GET', `/api/action-plans/${plan}/indicators`);
    const indicator = read.indicators.find((i) => i.code === 'T1');
    expect(indicator?.measure).toBe('count');
    const value = (year: string) => indicator?.series.find((p) => p.periodStart === `${year}-01-01`)?.value;
    expect(value('2024')).toBe(await exact('2024-01-01', '2024-12-31'));
    expect(value('2025')).toBe(await exact('2025-01-01', '2025-12-31'));
    expect(value('2024')).toBeGreaterThanOrEqual(7);
  });
});
