import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { groupBy } from './group-by.js';

/** The SQL of the national action plan (migrations/0047_action_plan.sql). Dates are read as 'YYYY-MM-DD' text. */

export interface PlanRow {
  id: string;
  title: string;
  period_start: string;
  period_end: string;
  currency: string;
  version: number;
}

const planColumns = ['id', 'title', sql<string>`period_start::text`.as('period_start'), sql<string>`period_end::text`.as('period_end'), 'currency', 'version'] as const;

export async function listPlans(tx: Db): Promise<PlanRow[]> {
  return tx.selectFrom('action_plans').select(planColumns).orderBy('period_start', 'desc').orderBy('title').execute();
}

export async function findPlan(tx: Db, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  let query = tx.selectFrom('action_plans').select(planColumns).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function objectivesOf(tx: Db, planId: string) {
  return tx.selectFrom('plan_objectives').select(['id', 'pillar', 'code', 'title']).where('plan_id', '=', planId).orderBy('code').execute();
}

export interface ActivityRow {
  id: string;
  plan_id: string;
  objective_id: string;
  code: string;
  title: string;
  description: string;
  responsible_organisation_id: string;
  responsible_organisation_name: string;
  starts_on: string;
  ends_on: string;
  status: string;
  progress_percent: number;
  version: number;
  partner_ids: string[];
}

function activityQuery(tx: Db) {
  return tx
    .selectFrom('plan_activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.responsible_organisation_id')
    .select([
      'a.id', 'a.plan_id', 'a.objective_id', 'a.code', 'a.title', 'a.description', 'a.responsible_organisation_id', 'o.name as responsible_organisation_name',
      sql<string>`a.starts_on::text`.as('starts_on'), sql<string>`a.ends_on::text`.as('ends_on'), 'a.status', 'a.progress_percent', 'a.version',
      sql<string[]>`array(select p.organisation_id from plan_activity_partners p where p.activity_id = a.id order by p.organisation_id)`.as('partner_ids'),
    ]);
}

export async function activitiesOf(tx: Db, planId: string): Promise<ActivityRow[]> {
  return activityQuery(tx).where('a.plan_id', '=', planId).orderBy('a.code').execute();
}

export async function findActivity(tx: Db, id: string, forUpdate = false): Promise<ActivityRow | undefined> {
  let query = activityQuery(tx).where('a.id', '=', id);
  if (forUpdate) query = query.forUpdate(['a']);
  return query.executeTakeFirst();
}

export async function organisationNames(tx: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function activeOrganisations(tx: Db) {
  return tx.selectFrom('organisations').select(['id', 'name']).where('active', '=', true).orderBy('name').execute();
}

export async function budgetsOf(tx: Db, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  return tx.selectFrom('plan_activity_budgets').selectAll().where('activity_id', 'in', [...activityIds]).orderBy('year').execute();
}

export async function fundingOf(tx: Db, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  return tx
    .selectFrom('plan_activity_funding')
    .select(['id', 'activity_id', 'kind', 'donor', 'amount_minor', sql<string | null>`secured_until::text`.as('secured_until')])
    .where('activity_id', 'in', [...activityIds])
    .orderBy('created_at')
    .orderBy('donor')
    .orderBy('id')
    .execute();
}

type BudgetRow = Awaited<ReturnType<typeof budgetsOf>>[number];
type FundingRow = Awaited<ReturnType<typeof fundingOf>>[number];

/** Each activity's budget years and funding sources. */
export interface ActivityMoney {
  budgets(activityId: string): readonly BudgetRow[];
  funding(activityId: string): readonly FundingRow[];
}

/**
 * The activities' budgets and funding, read once and grouped by activity in one pass (the plan page, the progress page
 * and the public page: a plan holds hundreds of activities, filtering the rows once per activity would be O(n·m)).
 */
export async function moneyOf(tx: Db, activityIds: readonly string[]): Promise<ActivityMoney> {
  const [budgets, funding] = await Promise.all([budgetsOf(tx, activityIds), fundingOf(tx, activityIds)]);
  const budgetsBy = groupBy(budgets, (b) => b.activity_id);
  const fundingBy = groupBy(funding, (f) => f.activity_id);
  return { budgets: (id) => budgetsBy.get(id) ?? [], funding: (id) => fundingBy.get(id) ?? [] };
}

export async function progressOf(tx: Db, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  return tx
    .selectFrom('plan_activity_progress as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.activity_id', sql<string>`p.reported_on::text`.as('reported_on'), 'p.status', 'p.progress_percent', 'p.note', 'o.name as organisation_name', 'p.recorded_at'])
    .where('p.activity_id', 'in', [...activityIds])
    .orderBy('p.reported_on', 'desc')
    .orderBy('p.recorded_at', 'desc')
    .execute();
}

export async function objectiveCodeTaken(tx: Db, planId: string, code: string): Promise<boolean> {
  return (await tx.selectFrom('plan_objectives').select('id').where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function activityCodeTaken(tx: Db, planId: string, code: string, exceptId?: string): Promise<boolean> {
  let query = tx.selectFrom('plan_activities').select('id').where('plan_id', '=', planId).where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}
