import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanProgress } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { Subject } from '../../platform/access/rules.js';
import { howProgressLastRead, keptPlanProgress } from './plan-progress.cache.js';
import { planProgress } from './plan-progress.js';

let t: TestApp;
let coordinator: Client;
let shelterLead: Client;
let shelterId: string;
let authorId: string;
let planId: string;
let activityId: string;
let handId: string;

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

const read = async () => (await ok(coordinator, 'GET', `/api/action-plans/${planId}/progress`)) as PlanProgress;
const lastRead = () => howProgressLastRead(t.platform.cipher.recordKeys);
/** The page names no reader's data: any subject the route admits gets the same one. */
const coordinatorSubject: Subject = { userId: randomUUID(), organisationId: randomUUID(), organisationType: 'national_coordinator', jurisdictions: [], roles: ['national_coordinator'] };

/** The page as the route answers it equals the page built afresh from the database, and how it was answered. */
async function expectFresh(how: 'built' | 'kept'): Promise<PlanProgress> {
  const answered = await read();
  expect(lastRead()).toBe(how);
  const fresh = await planProgress(t.platform.db, t.platform.cipher.recordKeys, coordinatorSubject, planId, answered.asOf);
  expect(answered).toEqual(JSON.parse(JSON.stringify(fresh)));
  return answered;
}

beforeAll(async () => {
  t = await createTestApp();
  shelterId = await insertOrganisation(t, 'shelter');
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  shelterLead = await clientFor(t, await insertUser(t, shelterId, ['supervisor']));
  authorId = (await insertUser(t, shelterId, ['caseworker'])).id;
  planId = (await ok(coordinator, 'POST', '/api/action-plans', { title: 'Plan 2025-2026', periodStart: '2025-01-01', periodEnd: '2026-12-31', currency: 'EUR' })).id;
  const objectiveId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/objectives`, { pillar: 'protection', code: '2.1', title: 'Identify and assist' })).id;
  activityId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/activities`, {
    objectiveId, code: '2.1.1', title: 'Train first responders', responsibleOrganisationId: shelterId, startsOn: '2025-01-01', endsOn: '2025-06-30', budgets: [{ year: 2025, plannedMinor: 1_000_000 }],
  })).id;
  handId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, {
    code: 'H1', title: 'Responders trained', type: 'output', activityId, source: 'Register', baseline: { value: 0, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 200 }],
  })).id;
  await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, {
    code: 'C1', title: 'Persons identified', type: 'outcome', objectiveId, computation: 'persons_identified', baseline: { value: 0, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 5 }],
  });
}, 300_000);
afterAll(async () => t?.close());

describe('the progress page, kept until what it shows changes', () => {
  it('is answered again from what was built while nothing changes', async () => {
    await expectFresh('built');
    await expectFresh('kept');
  });

  it('is built again after each kind of change it shows, and then equals the page built afresh', async () => {
    await ok(shelterLead, 'POST', `/api/plan-indicators/${handId}/measurements`, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 150 });
    const measured = await expectFresh('built');
    expect(measured.indicators.find((i) => i.code === 'H1')?.flags).toContain('off_target');

    await ok(shelterLead, 'POST', `/api/plan-activities/${activityId}/progress`, { reportedOn: '2025-05-01', status: 'completed', progressPercent: 100, spending: [{ year: 2025, spentMinor: 250_000 }] });
    const reported = await expectFresh('built');
    expect(reported.activities[0]?.spentMinor).toBe(250_000);
    await expectFresh('kept');

    // The organisation named on the page renamed directly in the database: the log sees every statement.
    await sql`update organisations set name = 'Harbour Shelter' where id = ${shelterId}`.execute(t.platform.db);
    expect((await expectFresh('built')).activities[0]?.organisationName).toBe('Harbour Shelter');

    // A case opened in 2025: the computed indicator's events changed.
    const personId = randomUUID();
    await t.platform.db.insertInto('persons').values({ id: personId, reference: `P-${personId.slice(0, 8)}`, organisation_id: shelterId, created_by: authorId }).execute();
    await t.platform.db.insertInto('cases').values({ id: randomUUID(), reference: `C-${personId.slice(0, 8)}`, person_id: personId, managing_organisation_id: shelterId, reported_by_organisation_id: shelterId, opened_at: new Date('2025-03-03T10:00:00Z') }).execute();
    await expectFresh('built');

    // A setting a computed figure depends on (the threshold of a share).
    await t.platform.db.updateTable('country_settings').set({ small_cell_threshold: 5 }).where('id', '=', 1).execute();
    await expectFresh('built');
    await expectFresh('kept');
  });

  it('of a plan with no computed indicator is kept while case work goes on', async () => {
    const plain = (await ok(coordinator, 'POST', '/api/action-plans', { title: 'Plan without computed indicators', periodStart: '2025-01-01', periodEnd: '2025-12-31', currency: 'EUR' })).id;
    const url = `/api/action-plans/${plain}/progress`;
    await ok(coordinator, 'GET', url);
    expect(lastRead()).toBe('built');
    const personId = randomUUID();
    await t.platform.db.insertInto('persons').values({ id: personId, reference: `P-${personId.slice(0, 8)}`, organisation_id: shelterId, created_by: authorId }).execute();
    await t.platform.db.insertInto('cases').values({ id: randomUUID(), reference: `C-${personId.slice(0, 8)}`, person_id: personId, managing_organisation_id: shelterId, reported_by_organisation_id: shelterId, opened_at: new Date('2025-04-04T10:00:00Z') }).execute();
    await ok(coordinator, 'GET', url);
    expect(lastRead()).toBe('kept');
    // The plan with a computed indicator is built again for the same case.
    await expectFresh('built');
  });

  it('a transaction that has written builds the page for itself and keeps nothing', async () => {
    await expectFresh('kept');
    await expect(
      t.platform.db.transaction().execute(async (tx) => {
        await sql`update plan_activities set title = 'Renamed in a transaction rolled back' where id = ${activityId}`.execute(tx);
        const inside = await keptPlanProgress(tx, t.platform.cipher.recordKeys, coordinatorSubject, planId, new Date().toISOString().slice(0, 10));
        expect(inside.activities[0]?.title).toBe('Renamed in a transaction rolled back');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await expectFresh('kept');
    expect(after.activities[0]?.title).toBe('Train first responders');
  });
});
