import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { populateActionPlan } from './action-plan.populate.test-support.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await migrate(t.database);
  const db = t.database.db;
  const orgs = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of orgs.entries()) await db.insertInto('organisations').values({ id, name: `Organisation ${i}`, type: 'ngo' }).execute();
  await db.insertInto('users').values({ id: randomUUID(), organisation_id: orgs[0] ?? '', display_name: 'Coordinator', email: 'c@example.org', password_hash: 'x', roles: ['national_coordinator'] } as never).execute();
}, 600_000);
afterAll(async () => t.drop());

describe('the action plan tables', () => {
  it('hold a plan, its objective, activity, partner, budget, funding and progress', async () => {
    await populateActionPlan(t.database);
    const db = t.database.db;
    const budget = await db.selectFrom('plan_activity_budgets').selectAll().executeTakeFirstOrThrow();
    expect(budget.planned_minor).toBe(5_000_000);
    const activity = await db.selectFrom('plan_activities').select([sql<string>`starts_on::text`.as('starts_on'), sql<string>`ends_on::text`.as('ends_on')]).executeTakeFirstOrThrow();
    expect(activity).toEqual({ starts_on: '2025-03-01', ends_on: '2026-12-31' });
  });

  it('refuse an activity that ends before it starts and spending over the budget without a reason', async () => {
    const db = t.database.db;
    const activity = await db.selectFrom('plan_activities').selectAll().executeTakeFirstOrThrow();
    await expect(db.updateTable('plan_activities').set({ ends_on: '2025-01-01' }).where('id', '=', activity.id).execute()).rejects.toThrow(/plan_activities_dates_ordered/);
    await expect(db.updateTable('plan_activity_budgets').set({ spent_minor: 9_000_000 }).where('activity_id', '=', activity.id).execute()).rejects.toThrow(/overspend_explained/);
    await db.updateTable('plan_activity_budgets').set({ spent_minor: 9_000_000, overspend_reason: 'Flood damage repaired' }).where('activity_id', '=', activity.id).execute();
  });
});
