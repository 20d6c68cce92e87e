import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { clientFor, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemo, demoCountry, type DemoCredential } from './demo.seed.js';
import { seedDemoCases } from './case-generator.js';
import { seedDemoActionPlan } from './demo.action-plan.js';
import { seedDemoRecommendations } from './demo.recommendations.js';
import { seedDemoDeterminants } from './demo.determinants.js';

let t: TestApp;
let credentials: DemoCredential[] = [];
const today = new Date();
beforeAll(async () => {
  t = await createTestApp();
  credentials = await t.platform.db.transaction().execute(async (tx) => {
    const demo = await seedDemo(tx, t.platform.cipher);
    const cases = await seedDemoCases(tx, t.platform.cipher, 150, { seed: 11 });
    return [...demo.credentials, ...cases.credentials];
  });
}, 600_000);
afterAll(async () => t.close());

const n = (v: unknown) => Number(v);

describe('palermo demo: the action plan, recommendations and determinants', () => {
  it('adds a plan of four pillars, about forty activities and thirty indicators (ten or more computed from the case data), sixty recommendations of several bodies over ten years and two assessments five years apart', async () => {
    const written = await t.platform.db.transaction().execute(async (tx) => {
      const plan = await seedDemoActionPlan(tx, today);
      const recommendations = await seedDemoRecommendations(tx, plan.activityIds, today);
      const determinants = await seedDemoDeterminants(tx, demoCountry, recommendations.ids, plan.indicatorIds, today);
      return { plan, recommendations, determinants };
    });
    credentials.push(...written.plan.credentials);
    const db = t.platform.db;
    const plans = await db.selectFrom('action_plans').select('id').execute();
    expect(plans).toHaveLength(1);
    const planId = plans[0]?.id ?? '';
    const pillars = await db.selectFrom('plan_objectives').select('pillar').distinct().execute();
    expect(pillars.map((p) => p.pillar).sort()).toEqual(['partnership', 'prevention', 'prosecution', 'protection']);
    const activities = await db.selectFrom('plan_activities').select(['id', 'responsible_organisation_id']).execute();
    expect(activities.length).toBeGreaterThanOrEqual(35);
    expect(activities.length).toBeLessThanOrEqual(45);
    const indicators = await db.selectFrom('plan_indicators').select(['computation']).execute();
    expect(indicators).toHaveLength(30);
    expect(indicators.filter((i) => i.computation !== null).length).toBeGreaterThanOrEqual(10);
    expect(n((await sql<{ n: string }>`select count(*) as n from plan_indicator_measurements`.execute(db)).rows[0]?.n)).toBeGreaterThan(40);
    expect(n((await sql<{ n: string }>`select count(*) as n from plan_activity_funding where kind = 'external'`.execute(db)).rows[0]?.n)).toBeGreaterThan(10);

    const recs = await db.selectFrom('recommendations').select(['source_body', sql<number>`extract(year from issued_on)::int`.as('year'), 'cluster_id', 'response', 'status']).execute();
    expect(recs.length).toBeGreaterThanOrEqual(55);
    expect(recs.length).toBeLessThanOrEqual(65);
    expect(new Set(recs.map((r) => r.source_body)).size).toBeGreaterThanOrEqual(5);
    const years = recs.map((r) => Number(r.year));
    expect(Math.max(...years) - Math.min(...years)).toBe(9);
    expect(new Set(recs.filter((r) => r.cluster_id).map((r) => r.cluster_id)).size).toBeGreaterThanOrEqual(3);
    for (const response of ['accepted', 'noted', 'rejected', null]) expect(recs.some((r) => r.response === response), String(response)).toBe(true);
    for (const status of ['not_started', 'in_progress', 'partly_implemented', 'implemented']) expect(recs.some((r) => r.status === status), status).toBe(true);
    const changes = (await db.selectFrom('recommendation_history').select('change').distinct().execute()).map((c) => c.change).sort();
    expect(changes).toEqual(['clustered', 'comment', 'recorded', 'response', 'status']);
    expect(n((await sql<{ n: string }>`select count(*) as n from recommendation_activities`.execute(db)).rows[0]?.n)).toBeGreaterThan(30);

    const assessments = await db.selectFrom('determinant_assessments').select(['id', sql<string>`period_from::text`.as('from')]).orderBy('period_from').execute();
    expect(assessments).toHaveLength(2);
    expect(Number(assessments[1]?.from.slice(0, 4)) - Number(assessments[0]?.from.slice(0, 4))).toBe(5);
    const entries = await db.selectFrom('determinant_assessment_entries').select(['assessment_id', 'determinant', 'direction', 'influences']).execute();
    expect(entries).toHaveLength(32);
    const before = new Map(entries.filter((e) => e.assessment_id === assessments[0]?.id).map((e) => [e.determinant, e.direction]));
    const changed = entries.filter((e) => e.assessment_id === assessments[1]?.id && before.get(e.determinant) !== e.direction);
    expect(changed.length).toBeGreaterThanOrEqual(5);
    expect(entries.every((e) => e.influences.length > 0)).toBe(true);

    // The coordinator's progress page reads the plan: computed indicators have values from the case data, some measurements are missing.
    const coordinator = await db.selectFrom('users').select('id').where('email', '=', 'national_coordinator@demo.palermo.invalid').executeTakeFirstOrThrow();
    const progress = await (await clientFor(t, coordinator)).request('GET', `/api/action-plans/${planId}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    const body = progress.json() as { indicators: Array<{ computed: boolean; flags: string[]; series: Array<{ value: number | null }> }>; activities: Array<{ flags: string[] }> };
    expect(body.indicators.filter((i) => i.computed && i.series.some((p) => (p.value ?? 0) > 0)).length).toBeGreaterThanOrEqual(5);
    expect(body.indicators.some((i) => i.flags.includes('measurement_missing'))).toBe(true);
    expect(body.activities.some((a) => a.flags.includes('funding_ends_early'))).toBe(true);
    // The rapporteur reads the comparison, civil society reads the recommendations.
    const rapporteur = await db.selectFrom('users').select('id').where('email', '=', 'national_rapporteur@demo.palermo.invalid').executeTakeFirstOrThrow();
    const list = await (await clientFor(t, rapporteur)).request('GET', '/api/recommendations');
    expect(list.statusCode, list.body).toBe(200);
  }, 600_000);

  it('a second run adds nothing', async () => {
    const again = await t.platform.db.transaction().execute(async (tx) => {
      const plan = await seedDemoActionPlan(tx, today);
      return { plan: plan.activities, recommendations: (await seedDemoRecommendations(tx, plan.activityIds, today)).recommendations, determinants: (await seedDemoDeterminants(tx, demoCountry, [], plan.indicatorIds, today)).assessments };
    });
    expect(again).toEqual({ plan: 0, recommendations: 0, determinants: 0 });
  }, 600_000);

  it('the organisations responsible for activities each have a lead, and the new credentials sign in', async () => {
    const { rows } = await sql<{ n: string }>`select count(*) as n from plan_activities a where not exists (select 1 from users u where u.organisation_id = a.responsible_organisation_id and u.active and u.roles && array['organisation_admin', 'supervisor', 'national_coordinator']::text[])`.execute(t.platform.db);
    expect(n(rows[0]?.n)).toBe(0);
    const fresh = credentials.filter((c) => c.role === 'organisation_admin' && c.email.startsWith('organisation_admin.'));
    expect(fresh.length).toBeGreaterThan(0);
    for (const c of fresh) {
      expect(c.organisation).not.toContain('[SYNTHETIC]');
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: c.email, password: c.password } });
      expect(response.statusCode, `${c.email}: ${response.body}`).toBe(200);
    }
  }, 600_000);
});
