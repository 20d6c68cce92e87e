import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp, type TestUser } from '../../../test/support/test-app.js';
import { REMINDER_QUEUE } from './notifications.reminders.js';
import { remindMeasurementsDue, todayIn } from './notifications.measurements.js';

/**
 * Reminders of measurements due: an indicator entered by hand whose target period has ended without a measurement is
 * told, once per indicator and period, to the leads of its activity's responsible organisation (the coordinator for an
 * indicator of the plan itself), with a link that opens the indicator; computed indicators, periods not ended and
 * periods measured are never due. The daily sweep runs it.
 */

let t: TestApp;
let coordinator: Client;
let coordinatorUser: TestUser;
let lead: TestUser;
let supervisor: TestUser;
let caseworker: TestUser;
let otherLead: TestUser;
let planId = '';
const ids: Record<string, string> = {};
// A fixed day: targets of 2024 ended, those of 2025 had not.
const now = new Date('2025-03-10T12:00:00Z');

async function post(url: string, body: unknown): Promise<string> {
  const response = await coordinator.request('POST', url, body);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: string }).id;
}

const toldOf = async (userId: string) =>
  (await t.platform.db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', userId).where('kind', '=', 'measurement_due').orderBy('link').execute());

beforeAll(async () => {
  t = await createTestApp();
  const national = await insertOrganisation(t, 'national_coordinator');
  const shelter = await insertOrganisation(t, 'shelter');
  const police = await insertOrganisation(t, 'law_enforcement');
  coordinatorUser = await insertUser(t, national, ['national_coordinator']);
  coordinator = await clientFor(t, coordinatorUser);
  lead = await insertUser(t, shelter, ['organisation_admin']);
  supervisor = await insertUser(t, shelter, ['supervisor']);
  caseworker = await insertUser(t, shelter, ['caseworker']);
  otherLead = await insertUser(t, police, ['organisation_admin']);
  planId = await post('/api/action-plans', { title: 'Plan', periodStart: '2024-01-01', periodEnd: '2026-12-31', currency: 'EUR' });
  const objectiveId = await post(`/api/action-plans/${planId}/objectives`, { pillar: 'protection', code: '2.1', title: 'Assistance' });
  const activityId = await post(`/api/action-plans/${planId}/activities`, { objectiveId, code: '2.1.1', title: 'Shelter places', responsibleOrganisationId: shelter, startsOn: '2024-01-01', endsOn: '2026-12-31' });
  const targets = [{ periodStart: '2024-01-01', periodEnd: '2024-12-31', value: 20 }, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 25 }];
  const baseline = { value: 15, on: '2023-12-31' };
  ids.unmeasured = await post(`/api/action-plans/${planId}/indicators`, { code: 'I-1', title: 'Places occupied', type: 'output', activityId, source: 'Shelter records', baseline, targets, disaggregations: ['sex'] });
  ids.measured = await post(`/api/action-plans/${planId}/indicators`, { code: 'I-2', title: 'Persons housed', type: 'output', activityId, source: 'Shelter records', baseline, targets });
  ids.computed = await post(`/api/action-plans/${planId}/indicators`, { code: 'I-3', title: 'Persons identified', type: 'outcome', activityId, computation: 'persons_identified', baseline, targets });
  ids.planLevel = await post(`/api/action-plans/${planId}/indicators`, { code: 'I-4', title: 'Plan-wide survey', type: 'impact', source: 'National survey', baseline, targets });
  // I-2 measured for 2024 (the total); I-1 only broken down by sex, which is not the total the target is for.
  expect((await coordinator.request('POST', `/api/plan-indicators/${ids.measured}/measurements`, { periodStart: '2024-01-01', periodEnd: '2024-12-31', value: 21 })).statusCode).toBe(200);
  expect((await coordinator.request('POST', `/api/plan-indicators/${ids.unmeasured}/measurements`, { periodStart: '2024-01-01', periodEnd: '2024-12-31', value: 9, sex: 'female' })).statusCode).toBe(200);
}, 300_000);
afterAll(async () => t.close());

describe('reminders of indicator measurements due', () => {
  it('tells the leads of the responsible organisation of each period ended without its measurement, with a link to the indicator; the coordinator of an indicator of the plan', async () => {
    expect(todayIn('UTC', now)).toBe('2025-03-10');
    expect(await remindMeasurementsDue(t.platform.db, t.app.jobs, now)).toBe(3);
    const link = `/action-plans/${planId}#indicator-${ids.unmeasured}`;
    expect(await toldOf(lead.id)).toEqual([{ kind: 'measurement_due', link }]);
    expect(await toldOf(supervisor.id)).toEqual([{ kind: 'measurement_due', link }]);
    expect(await toldOf(caseworker.id)).toEqual([]);
    expect(await toldOf(otherLead.id)).toEqual([]);
    expect(await toldOf(coordinatorUser.id)).toEqual([{ kind: 'measurement_due', link: `/action-plans/${planId}#indicator-${ids.planLevel}` }]);
  });

  it('tells no one twice, even when two sweeps run at once', async () => {
    const again = await Promise.all([remindMeasurementsDue(t.platform.db, t.app.jobs, now), remindMeasurementsDue(t.platform.db, t.app.jobs, now)]);
    expect(again).toEqual([0, 0]);
    expect(await toldOf(lead.id)).toHaveLength(1);
  });

  it('tells again for the next period once it has ended, and not for a period measured since', async () => {
    expect((await coordinator.request('POST', `/api/plan-indicators/${ids.planLevel}/measurements`, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 30 })).statusCode).toBe(200);
    const nextYear = new Date('2026-01-05T12:00:00Z');
    // 2025 ended: I-1 and I-2 are due for it (two leads each); I-4 was measured for 2025.
    expect(await remindMeasurementsDue(t.platform.db, t.app.jobs, nextYear)).toBe(4);
    expect(await toldOf(lead.id)).toHaveLength(3);
    expect(await toldOf(coordinatorUser.id)).toHaveLength(1);
  });

  it('counts the end of a period in the country\'s time zone', async () => {
    await t.platform.db.updateTable('country_settings').set({ time_zone: 'Pacific/Kiritimati' }).where('id', '=', 1).execute();
    try {
      // 2026-12-31 at 11:00 UTC is already 2027-01-01 in Kiribati: the 2026 periods have ended there.
      expect(todayIn('Pacific/Kiritimati', new Date('2026-12-31T11:00:00Z'))).toBe('2027-01-01');
      expect(await remindMeasurementsDue(t.platform.db, t.app.jobs, new Date('2026-12-31T09:00:00Z'))).toBe(0);
    } finally {
      await t.platform.db.updateTable('country_settings').set({ time_zone: 'UTC' }).where('id', '=', 1).execute();
    }
  });

  it('the daily sweep reminds of measurements due', async () => {
    const police = (await t.platform.db.selectFrom('users').select('organisation_id').where('id', '=', otherLead.id).executeTakeFirstOrThrow()).organisation_id;
    const objective = (await t.platform.db.selectFrom('plan_objectives').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow()).id;
    const activityId = await post(`/api/action-plans/${planId}/activities`, { objectiveId: objective, code: '3.1.1', title: 'Investigations', responsibleOrganisationId: police, startsOn: '2024-01-01', endsOn: '2026-12-31' });
    const id = await post(`/api/action-plans/${planId}/indicators`, { code: 'I-5', title: 'Investigations opened', type: 'output', activityId, source: 'Police statistics', baseline: { value: 1, on: '2023-12-31' }, targets: [{ periodStart: '2024-01-01', periodEnd: '2024-03-31', value: 2 }] });
    await t.app.jobs.send(REMINDER_QUEUE, {});
    for (let i = 0; i < 300 && (await toldOf(otherLead.id)).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await toldOf(otherLead.id)).toEqual([{ kind: 'measurement_due', link: `/action-plans/${planId}#indicator-${id}` }]);
  });
});
