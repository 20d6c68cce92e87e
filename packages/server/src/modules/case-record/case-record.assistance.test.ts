import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { AssistancePlanView, CaseRecordView } from './case-record.contracts.js';
import { caseRecordDb } from './case-record.tables.js';
import { addRecord, needs, newKey, openCase, post, withCaseRecordRoutes } from './case-record.test-support.js';

let t: TestApp;
let caseworker: Client;
let investigator: Client;
let shelterId: string;
let legalAidId: string;

beforeAll(async () => {
  t = await withCaseRecordRoutes(await createTestApp());
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  legalAidId = await insertOrganisation(t, 'ngo', ['NORTH']);
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
  investigator = await clientFor(t, await insertUser(t, police, ['investigator']));
});
afterAll(async () => t.close());

async function today(): Promise<string> {
  const result = await sql<{ d: string }>`select current_date::text as d`.execute(t.platform.db);
  return result.rows[0]?.d ?? '';
}
const plan = async (caseId: string) => (await caseworker.request('GET', `/api/cases/${caseId}/plan`)).json<AssistancePlanView>();
const records = async (caseId: string, query = '') => (await caseworker.request('GET', `/api/cases/${caseId}/records${query}`)).json<{ records: CaseRecordView[] }>().records;

describe('assistance never depends on cooperation with law enforcement', () => {
  it('plans and delivers assistance, and follows up, for a person who refuses all contact with police', async () => {
    const c = await openCase(caseworker, { givenName: 'Ana' });
    const refused = await post(caseworker, `/api/cases/${c.id}/consents`, { purpose: 'law_enforcement', status: 'refused', method: 'verbal', rightsExplained: ['assistance_not_conditional_on_cooperation'] });
    expect(refused.statusCode, refused.body).toBe(200);

    await addRecord(caseworker, c.id, needs([['legal', 'high', true], ['shelter', 'high', true], ['psychosocial', 'medium'], ['documents', 'medium'], ['work', 'low']]));
    const goal = await addRecord(caseworker, c.id, { kind: 'assistance_goal', data: { domain: 'legal', status: 'planned', chosenByPerson: true }, notes: 'Recover the wages the farm owes me' });
    const date = await today();
    await addRecord(caseworker, c.id, { kind: 'service_delivered', data: { domain: 'legal', serviceType: 'legal_counselling', providerOrganisationId: legalAidId, startDate: date, goalId: goal.id } });
    await addRecord(caseworker, c.id, { kind: 'service_delivered', data: { domain: 'shelter', serviceType: 'safe_accommodation', providerOrganisationId: shelterId, startDate: date } });
    await addRecord(caseworker, c.id, { kind: 'follow_up', data: { milestone: 'entry', date, outcome: 'completed', wellbeing: { overall: 2, domains: { safety: 3, emotional_wellbeing: 1 } } } });
    // The person's goal moves on: a correction supersedes the planned goal; the service stays attached to it.
    await addRecord(caseworker, c.id, { kind: 'assistance_goal', data: { domain: 'legal', status: 'in_progress', chosenByPerson: true }, notes: 'Recover the wages the farm owes me', supersedesId: goal.id });

    const view = await plan(c.id);
    expect(view.needs).toHaveLength(5);
    expect(view.goals).toHaveLength(1);
    expect(view.goals[0]).toMatchObject({ domain: 'legal', status: 'in_progress', goal: 'Recover the wages the farm owes me' });
    expect(view.goals[0]?.services.map((s) => [s.serviceType, s.providerOrganisationId])).toEqual([['legal_counselling', legalAidId]]);
    expect(view.servicesWithoutGoal.map((s) => s.serviceType)).toEqual(['safe_accommodation']);
    expect(view.needsWithoutSupport.sort()).toEqual(['documents', 'psychosocial']);
    expect(view.followUps.map((f) => [f.milestone, f.state])).toEqual([['entry', 'done'], ['2_6_weeks', 'upcoming'], ['3_months', 'upcoming']]);
    expect(view.followUps[0]).toMatchObject({ dueFrom: date, latest: { date, outcome: 'completed', overallWellbeing: 2 } });

    // The consent refusal stands, and law enforcement can neither read the case nor its records.
    const kase = (await caseworker.request('GET', `/api/cases/${c.id}`)).json();
    expect(kase.consents).toContainEqual(expect.objectContaining({ purpose: 'law_enforcement', status: 'refused' }));
    expect((await investigator.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await investigator.request('GET', `/api/cases/${c.id}/records`)).statusCode).toBe(403);
    expect((await investigator.request('GET', `/api/cases/${c.id}/plan`)).statusCode).toBe(403);
  });
});

describe('follow-ups', () => {
  it('falls due at entry, 2-6 weeks and 3 months from the day the case was opened, by the calendar', async () => {
    const c = await openCase(caseworker);
    await t.platform.db.updateTable('cases').set({ opened_at: new Date('2024-01-31T10:00:00Z') }).where('id', '=', c.id).execute();
    const before = await plan(c.id);
    expect(before.openedOn).toBe('2024-01-31');
    expect(before.followUps.map((f) => [f.milestone, f.dueFrom, f.dueBy, f.state])).toEqual([
      ['entry', '2024-01-31', '2024-02-07', 'overdue'],
      ['2_6_weeks', '2024-02-14', '2024-03-13', 'overdue'],
      ['3_months', '2024-04-30', '2024-05-14', 'overdue'],
    ]);
    await addRecord(caseworker, c.id, { kind: 'follow_up', data: { milestone: '3_months', date: '2024-05-02', outcome: 'person_declined' } });
    await addRecord(caseworker, c.id, { kind: 'follow_up', data: { milestone: '2_6_weeks', date: '2024-03-01', outcome: 'person_unreachable' } });
    const after = await plan(c.id);
    expect(after.followUps.map((f) => f.state)).toEqual(['overdue', 'overdue', 'declined']);
    expect(after.followUps[1]?.latest).toEqual({ date: '2024-03-01', outcome: 'person_unreachable', overallWellbeing: null });
  });
});

describe('notes', () => {
  it('stores free text encrypted, bound to its record', async () => {
    const c = await openCase(caseworker);
    const goal = await addRecord(caseworker, c.id, { kind: 'assistance_goal', data: { domain: 'education', status: 'planned', chosenByPerson: true }, notes: 'Finish my nursing diploma' });
    const stored = await caseRecordDb(t.platform.db).selectFrom('case_records').select(['notes', 'data']).where('id', '=', goal.id).executeTakeFirstOrThrow();
    expect(stored.notes).not.toBeNull();
    expect(Buffer.from(stored.notes ?? new Uint8Array()).toString('latin1')).not.toContain('nursing');
    expect(JSON.stringify(stored.data)).not.toContain('nursing');
    expect((await records(c.id, '?kind=assistance_goal'))[0]?.notes).toBe('Finish my nursing diploma');
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('record_id', 'in', [goal.id, c.id]).execute();
    for (const entry of audit) expect(entry.summary).not.toContain('nursing');
    const stolen = t.platform.cipher.decrypt(stored.notes ?? new Uint8Array(), `case_records.notes:${c.id}`, t.platform.db);
    await expect(stolen).rejects.toThrow();
  });
});

describe('retries and bad input', () => {
  it('acts once for a retried request, and refuses a key reused for something else', async () => {
    const c = await openCase(caseworker);
    const key = newKey();
    const body = needs([['food', 'high', true]]);
    const first = await post(caseworker, `/api/cases/${c.id}/records`, body, key);
    const retry = await post(caseworker, `/api/cases/${c.id}/records`, body, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await records(c.id)).toHaveLength(1);
    const timeline = (await caseworker.request('GET', `/api/cases/${c.id}`)).json().timeline as Array<{ action: string; summary: string }>;
    expect(timeline.filter((e) => e.action === 'record.needs_assessment')).toEqual([expect.objectContaining({ summary: 'needs assessed: 1 area, 1 urgent' })]);
    const reused = await post(caseworker, `/api/cases/${c.id}/records`, { kind: 'risk_assessment', data: { level: 'low', forReturn: false } }, key);
    expect(reused.statusCode).toBe(409);
    expect(await records(c.id)).toHaveLength(1);
  });

  it('names the field of every problem', async () => {
    const c = await openCase(caseworker);
    const url = `/api/cases/${c.id}/records`;
    const fields = async (body: unknown) => {
      const response = await post(caseworker, url, body);
      expect(response.statusCode, response.body).toBe(400);
      return (response.json().issues as Array<{ field: string }>).map((i) => i.field).sort();
    };
    expect(await fields({ kind: 'service_delivered', data: { domain: 'legal', serviceType: 'legal_counselling', providerOrganisationId: 'legal aid', startDate: '2024-02-30' } })).toEqual(['data.providerOrganisationId', 'data.startDate']);
    expect(await fields({ kind: 'service_delivered', data: { domain: 'legal', serviceType: 'legal_counselling', providerOrganisationId: legalAidId, startDate: '2024-03-02', endDate: '2024-03-01' } })).toEqual(['data.endDate']);
    expect(await fields({ kind: 'service_delivered', data: { domain: 'legal', serviceType: 'legal_counselling', providerOrganisationId: c.id, startDate: '2024-03-01' } })).toEqual(['data.providerOrganisationId']);
    expect(await fields({ kind: 'service_delivered', data: { domain: 'legal', serviceType: 'legal_counselling', providerOrganisationId: legalAidId, startDate: '2999-01-01' } })).toEqual(['data.startDate']);
    expect(await fields({ kind: 'assistance_goal', data: { domain: 'legal', status: 'planned', chosenByPerson: false } })).toEqual(['data.chosenByPerson', 'notes']);
    expect(await fields({ kind: 'compensation_claim', data: { route: 'state_fund', status: 'awarded', currency: 'XYZ', amountClaimed: '12,000' } })).toEqual(['data.amountAwarded', 'data.amountClaimed', 'data.currency']);
    expect(await fields({ kind: 'follow_up', data: { milestone: '6_months', date: '2024-03-01', outcome: 'person_unreachable' } })).toEqual(['data.milestone']);
    expect(await fields({ kind: 'follow_up', data: { milestone: 'entry', date: '2024-03-01', outcome: 'completed', wellbeing: { overall: 6 } } })).toEqual(['data.wellbeing.overall']);
    expect(await fields({ kind: 'follow_up', data: { milestone: 'entry', date: '2024-03-01', outcome: 'completed' } })).toEqual(['data.wellbeing']);
    expect(await fields({ kind: 'needs_assessment', data: { needs: [{ domain: 'legal', level: 'high' }, { domain: 'legal', level: 'low' }] } })).toEqual(['data.needs.1.domain']);
    expect(await fields({ kind: 'risk_assessment', data: { level: 'low', forReturn: false, traffickerName: 'X' } })).toEqual(['data']);
    expect(await fields({ kind: 'police_cooperation', data: {} })).toEqual(['kind']);
    expect(await fields({ kind: 'return_decision', data: { decision: 'voluntary_return', personAgrees: false, decidedOn: '2024-03-01' } })).toEqual(['data.personAgrees', 'version']);
    expect(await records(c.id)).toHaveLength(0);
  });
});
