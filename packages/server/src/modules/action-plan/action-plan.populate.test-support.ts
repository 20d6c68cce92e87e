import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';

/**
 * A plan with one objective and one activity carrying a partner, a year's budget, a funding source, a progress report
 * and an indicator entered by hand with its target and a measurement, so that every action-plan table holds rows (the
 * backup round trip).
 */
export async function populateActionPlan(database: Database): Promise<void> {
  const db = database.db;
  const coordinator = await db.selectFrom('users').select(['id', 'organisation_id']).where(sql<boolean>`'national_coordinator' = any(roles)`).orderBy('id').executeTakeFirstOrThrow();
  const [responsible, partner] = await db.selectFrom('organisations').select('id').where('id', '!=', coordinator.organisation_id).orderBy('id').limit(2).execute();
  if (!responsible || !partner) throw new Error('the demo has too few organisations');
  const planId = randomUUID();
  const objectiveId = randomUUID();
  const activityId = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('action_plans').values({ id: planId, title: 'National action plan 2025-2027', period_start: '2025-01-01', period_end: '2027-12-31', currency: 'EUR', created_by: coordinator.id }).execute();
    await tx.insertInto('plan_objectives').values({ id: objectiveId, plan_id: planId, pillar: 'protection', code: '2.1', title: 'Every identified person is offered assistance' }).execute();
    await tx.insertInto('plan_activities').values({
      id: activityId, plan_id: planId, objective_id: objectiveId, code: '2.1.1', title: 'Open two shelters', responsible_organisation_id: responsible.id,
      starts_on: '2025-03-01', ends_on: '2026-12-31', created_by: coordinator.id,
    }).execute();
    await tx.insertInto('plan_activity_partners').values({ activity_id: activityId, organisation_id: partner.id }).execute();
    await tx.insertInto('plan_activity_budgets').values({ activity_id: activityId, year: 2025, planned_minor: 5_000_000, spent_minor: 1_200_000, overspend_reason: null }).execute();
    await tx.insertInto('plan_activity_funding').values({ id: randomUUID(), activity_id: activityId, kind: 'external', donor: 'A donor', amount_minor: 5_000_000, secured_until: '2025-12-31' }).execute();
    await tx.insertInto('plan_activity_progress').values({
      id: randomUUID(), activity_id: activityId, reported_on: '2025-06-30', status: 'in_progress', progress_percent: 30, recorded_by: coordinator.id, organisation_id: coordinator.organisation_id,
    }).execute();
    const indicatorId = randomUUID();
    await tx.insertInto('plan_indicators').values({
      id: indicatorId, plan_id: planId, activity_id: activityId, code: 'I-2.1.1', title: 'Shelter places for men', type: 'output', measure: 'count', source: 'Ministry of Social Affairs register',
      disaggregations: ['sex'], baseline_value: 0, baseline_on: '2024-12-31', created_by: coordinator.id,
    }).execute();
    await tx.insertInto('plan_indicator_targets').values({ indicator_id: indicatorId, period_start: '2025-01-01', period_end: '2025-12-31', value: 40 }).execute();
    await tx.insertInto('plan_indicator_measurements').values({
      id: randomUUID(), indicator_id: indicatorId, period_start: '2025-01-01', period_end: '2025-12-31', value: 24, sex: 'male', recorded_by: coordinator.id, organisation_id: coordinator.organisation_id,
    }).execute();
  });
}
