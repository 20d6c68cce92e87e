import { randomUUID } from 'node:crypto';
import type { CreateActivityRequest, CreateObjectiveRequest, CreatePlanRequest, RecordProgressRequest, UpdateActivityRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { actionPlanRules, activityFacts } from './action-plan.policy.js';
import * as repo from './action-plan.repo.js';

/** The use cases that write the plan: the coordinator's edits and the responsible organisation's progress reports. */

const purpose = 'coordination';

function requireEditor(subject: Subject): void {
  if (!allows(actionPlanRules.edit, subject)) throw forbidden('Only the national coordinator edits the action plan');
}

export async function createPlan(tx: Db, subject: Subject, actor: Actor, input: CreatePlanRequest): Promise<{ id: string }> {
  requireEditor(subject);
  const id = randomUUID();
  await tx.insertInto('action_plans').values({ id, title: input.title, period_start: input.periodStart, period_end: input.periodEnd, currency: input.currency, created_by: subject.userId }).execute();
  await appendAudit(tx, actor, { action: 'action_plan.create', recordType: 'action_plan', recordId: id, purpose, summary: `plan ${input.periodStart} to ${input.periodEnd} in ${input.currency}` });
  return { id };
}

async function planToEdit(tx: Db, subject: Subject, planId: string): Promise<repo.PlanRow> {
  requireEditor(subject);
  const plan = await repo.findPlan(tx, planId, true);
  if (!plan) throw notFound('Plan');
  return plan;
}

export async function addObjective(tx: Db, subject: Subject, actor: Actor, planId: string, input: CreateObjectiveRequest): Promise<{ id: string }> {
  const plan = await planToEdit(tx, subject, planId);
  if (await repo.objectiveCodeTaken(tx, plan.id, input.code)) throw badRequest('code', 'is already the number of another objective of this plan');
  const id = randomUUID();
  await tx.insertInto('plan_objectives').values({ id, plan_id: plan.id, pillar: input.pillar, code: input.code, title: input.title }).execute();
  await tx.updateTable('action_plans').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', plan.id).execute();
  await appendAudit(tx, actor, { action: 'action_plan.objective_add', recordType: 'action_plan', recordId: plan.id, purpose, summary: `objective ${input.code} under ${input.pillar}` });
  return { id };
}

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

/** What the schema cannot know: the objective is the plan's, the organisations exist, the dates lie in the plan's period. */
async function checkActivity(tx: Db, plan: repo.PlanRow, input: CreateActivityRequest, exceptId?: string): Promise<void> {
  const objectives = await repo.objectivesOf(tx, plan.id);
  if (!objectives.some((o) => o.id === input.objectiveId)) throw badRequest('objectiveId', 'is not an objective of this plan');
  if (await repo.activityCodeTaken(tx, plan.id, input.code, exceptId)) throw badRequest('code', 'is already the number of another activity of this plan');
  const names = await repo.organisationNames(tx, [input.responsibleOrganisationId, ...input.partnerOrganisationIds]);
  if (!names.has(input.responsibleOrganisationId)) throw badRequest('responsibleOrganisationId', 'is not an organisation of the platform');
  input.partnerOrganisationIds.forEach((id, i) => {
    if (!names.has(id)) throw badRequest(`partnerOrganisationIds.${i}`, 'is not an organisation of the platform');
    if (id === input.responsibleOrganisationId) throw badRequest(`partnerOrganisationIds.${i}`, 'is the responsible organisation itself');
  });
  if (input.startsOn < plan.period_start) throw badRequest('startsOn', `must not be before the plan's period starts (${plan.period_start})`);
  if (input.endsOn > plan.period_end) throw badRequest('endsOn', `must not be after the plan's period ends (${plan.period_end})`);
  input.budgets.forEach((b, i) => {
    if (b.year < yearOf(input.startsOn) || b.year > yearOf(input.endsOn)) throw badRequest(`budgets.${i}.year`, `must be a year of the activity (${yearOf(input.startsOn)} to ${yearOf(input.endsOn)})`);
  });
}

async function writeDetails(tx: Db, activityId: string, input: CreateActivityRequest): Promise<void> {
  await tx.deleteFrom('plan_activity_partners').where('activity_id', '=', activityId).execute();
  await tx.deleteFrom('plan_activity_budgets').where('activity_id', '=', activityId).execute();
  await tx.deleteFrom('plan_activity_funding').where('activity_id', '=', activityId).execute();
  if (input.partnerOrganisationIds.length > 0) await tx.insertInto('plan_activity_partners').values(input.partnerOrganisationIds.map((organisation_id) => ({ activity_id: activityId, organisation_id }))).execute();
  if (input.budgets.length > 0) {
    await tx
      .insertInto('plan_activity_budgets')
      .values(input.budgets.map((b) => ({ activity_id: activityId, year: b.year, planned_minor: b.plannedMinor, spent_minor: b.spentMinor, overspend_reason: b.overspendReason ?? null })))
      .execute();
  }
  if (input.funding.length > 0) {
    await tx
      .insertInto('plan_activity_funding')
      .values(input.funding.map((f) => ({ id: randomUUID(), activity_id: activityId, kind: f.kind, donor: f.donor, amount_minor: f.amountMinor, secured_until: f.securedUntil ?? null })))
      .execute();
  }
}

export async function addActivity(tx: Db, subject: Subject, actor: Actor, planId: string, input: CreateActivityRequest): Promise<{ id: string }> {
  const plan = await planToEdit(tx, subject, planId);
  await checkActivity(tx, plan, input);
  const id = randomUUID();
  await tx
    .insertInto('plan_activities')
    .values({
      id, plan_id: plan.id, objective_id: input.objectiveId, code: input.code, title: input.title, description: input.description,
      responsible_organisation_id: input.responsibleOrganisationId, starts_on: input.startsOn, ends_on: input.endsOn, created_by: subject.userId,
    })
    .execute();
  await writeDetails(tx, id, input);
  await appendAudit(tx, actor, {
    action: 'action_plan.activity_add', recordType: 'plan_activity', recordId: id, purpose,
    summary: `activity ${input.code}: ${input.partnerOrganisationIds.length} partner(s), ${input.budgets.length} budget year(s), ${input.funding.length} funding source(s)`,
  });
  return { id };
}

export async function updateActivity(tx: Db, subject: Subject, actor: Actor, activityId: string, input: UpdateActivityRequest): Promise<{ id: string }> {
  requireEditor(subject);
  const activity = await repo.findActivity(tx, activityId, true);
  if (!activity) throw notFound('Activity');
  if (activity.version !== input.version) throw conflict('The activity was changed since you read it: read it again');
  const plan = await planToEdit(tx, subject, activity.plan_id);
  await checkActivity(tx, plan, input, activity.id);
  await tx
    .updateTable('plan_activities')
    .set({
      objective_id: input.objectiveId, code: input.code, title: input.title, description: input.description, responsible_organisation_id: input.responsibleOrganisationId,
      starts_on: input.startsOn, ends_on: input.endsOn, version: activity.version + 1,
    })
    .where('id', '=', activity.id)
    .execute();
  await writeDetails(tx, activity.id, input);
  await appendAudit(tx, actor, { action: 'action_plan.activity_update', recordType: 'plan_activity', recordId: activity.id, purpose, summary: `activity ${input.code} edited (version ${activity.version + 1})` });
  return { id: activity.id };
}

/**
 * The responsible organisation's report (or the coordinator's): status, progress and spending per year. Spending over
 * the budget planned for a year needs its reason; a year without a budget is refused. Refused reports write nothing
 * (a refusal by the access rules is returned, not thrown, so that its audit entry commits).
 */
export async function recordProgress(tx: Db, subject: Subject, actor: Actor, activityId: string, input: RecordProgressRequest): Promise<{ id: string } | HttpError> {
  const activity = await repo.findActivity(tx, activityId, true);
  if (!activity) throw notFound('Activity');
  if (!allows(actionPlanRules.report, subject, activityFacts(activity.responsible_organisation_id, activity.partner_ids))) {
    await appendAudit(tx, actor, { action: 'action_plan.progress_record', recordType: 'plan_activity', recordId: activity.id, purpose, summary: 'refused by access rules', outcome: 'denied' });
    return forbidden("Only the activity's responsible organisation or the national coordinator reports its progress");
  }
  const plan = await repo.findPlan(tx, activity.plan_id);
  if (!plan) throw notFound('Plan');
  if (input.reportedOn < plan.period_start || input.reportedOn > plan.period_end) throw badRequest('reportedOn', `must lie within the plan's period (${plan.period_start} to ${plan.period_end})`);
  const budgets = await repo.budgetsOf(tx, [activity.id]);
  for (const [i, s] of input.spending.entries()) {
    const budget = budgets.find((b) => b.year === s.year);
    if (!budget) throw badRequest(`spending.${i}.year`, 'has no budget planned for this activity');
    if (s.spentMinor > budget.planned_minor && !s.overspendReason) throw badRequest(`spending.${i}.overspendReason`, 'is required when the amount spent is over the budget planned');
  }
  for (const s of input.spending) {
    await tx.updateTable('plan_activity_budgets').set({ spent_minor: s.spentMinor, overspend_reason: s.overspendReason ?? null }).where('activity_id', '=', activity.id).where('year', '=', s.year).execute();
  }
  const id = randomUUID();
  await tx
    .insertInto('plan_activity_progress')
    .values({ id, activity_id: activity.id, reported_on: input.reportedOn, status: input.status, progress_percent: input.progressPercent, note: input.note, recorded_by: subject.userId, organisation_id: subject.organisationId })
    .execute();
  await tx.updateTable('plan_activities').set({ status: input.status, progress_percent: input.progressPercent, version: activity.version + 1 }).where('id', '=', activity.id).execute();
  await appendAudit(tx, actor, {
    action: 'action_plan.progress_record', recordType: 'plan_activity', recordId: activity.id, purpose,
    summary: `${input.status}, ${input.progressPercent}%; spending for ${input.spending.length} year(s)`,
  });
  return { id };
}
