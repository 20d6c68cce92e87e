import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { computedIndicators, type CreateIndicatorRequest, type RecordMeasurementRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { actionPlanRules, activityFacts } from './action-plan.policy.js';
import * as repo from './action-plan.repo.js';
import { measureOfComputed } from './computed-indicators.js';

const purpose = 'coordination';

/** Adds an indicator (the coordinator): entered by hand with its source, or computed by a catalogue code. */
export async function addIndicator(tx: Db, subject: Subject, actor: Actor, planId: string, input: CreateIndicatorRequest): Promise<{ id: string }> {
  if (!allows(actionPlanRules.edit, subject)) throw forbidden('Only the national coordinator edits the action plan');
  const plan = await repo.findPlan(tx, planId, true);
  if (!plan) throw notFound('Plan');
  if (input.objectiveId && !(await repo.objectivesOf(tx, plan.id)).some((o) => o.id === input.objectiveId)) throw badRequest('objectiveId', 'is not an objective of this plan');
  if (input.activityId) {
    const activity = await repo.findActivity(tx, input.activityId);
    if (!activity || activity.plan_id !== plan.id) throw badRequest('activityId', 'is not an activity of this plan');
  }
  const taken = await tx.selectFrom('plan_indicators').select('id').where('plan_id', '=', plan.id).where('code', '=', input.code).executeTakeFirst();
  if (taken) throw badRequest('code', 'is already the code of another indicator of this plan');
  if (input.baseline && input.baseline.on > plan.period_end) throw badRequest('baseline.on', `must not be after the plan's period ends (${plan.period_end})`);
  input.targets.forEach((t, i) => {
    if (t.periodStart < plan.period_start) throw badRequest(`targets.${i}.periodStart`, `must lie within the plan's period (${plan.period_start} to ${plan.period_end})`);
    if (t.periodEnd > plan.period_end) throw badRequest(`targets.${i}.periodEnd`, `must lie within the plan's period (${plan.period_start} to ${plan.period_end})`);
  });
  const id = randomUUID();
  const computation = input.computation ?? null;
  await tx
    .insertInto('plan_indicators')
    .values({
      id, plan_id: plan.id, objective_id: input.objectiveId ?? null, activity_id: input.activityId ?? null, code: input.code, title: input.title, type: input.type,
      measure: computation ? measureOfComputed(computation) : input.measure, direction: input.direction, computation, source: input.source ?? null,
      disaggregations: [...input.disaggregations], baseline_value: input.baseline?.value ?? null, baseline_on: input.baseline?.on ?? null, created_by: subject.userId,
    })
    .execute();
  if (input.targets.length > 0) {
    await tx.insertInto('plan_indicator_targets').values(input.targets.map((t) => ({ indicator_id: id, period_start: t.periodStart, period_end: t.periodEnd, value: t.value }))).execute();
  }
  const how = computation ? `computed (${computedIndicators[computation].numerator}${computedIndicators[computation].denominator ? ` over ${computedIndicators[computation].denominator}` : ''})` : 'entered by hand';
  await appendAudit(tx, actor, { action: 'action_plan.indicator_add', recordType: 'plan_indicator', recordId: id, purpose, summary: `indicator ${input.code} (${input.type}), ${how}, ${input.targets.length} target(s)` });
  return { id };
}

/**
 * A measurement of an indicator entered by hand, by the responsible organisation of its activity (or the coordinator):
 * within the plan's period, broken down only as the indicator declares; the same period and breakdown again replaces
 * the value. A refusal by the access rules is returned so that its audit entry commits.
 */
export async function recordMeasurement(tx: Db, subject: Subject, actor: Actor, indicatorId: string, input: RecordMeasurementRequest): Promise<{ id: string } | HttpError> {
  const indicator = await tx.selectFrom('plan_indicators').selectAll().where('id', '=', indicatorId).forUpdate().executeTakeFirst();
  if (!indicator) throw notFound('Indicator');
  const activity = indicator.activity_id ? await repo.findActivity(tx, indicator.activity_id) : undefined;
  const facts = activity ? activityFacts(activity.responsible_organisation_id, activity.partner_ids) : activityFacts('', []);
  if (!allows(actionPlanRules.report, subject, facts)) {
    await appendAudit(tx, actor, { action: 'action_plan.measurement_record', recordType: 'plan_indicator', recordId: indicator.id, purpose, summary: 'refused by access rules', outcome: 'denied' });
    return forbidden("Only the responsible organisation of the indicator's activity or the national coordinator records its measurements");
  }
  if (indicator.computation) throw badRequest('value', 'cannot be entered: this indicator is computed from the platform\'s records');
  const plan = await repo.findPlan(tx, indicator.plan_id);
  if (!plan) throw notFound('Plan');
  if (input.periodStart < plan.period_start || input.periodStart > plan.period_end) throw badRequest('periodStart', `must lie within the plan's period (${plan.period_start} to ${plan.period_end})`);
  if (input.periodEnd > plan.period_end) throw badRequest('periodEnd', `must lie within the plan's period (${plan.period_start} to ${plan.period_end})`);
  const breakdown = [['sex', input.sex], ['age_group', input.ageGroup], ['form_of_exploitation', input.formOfExploitation]] as const;
  const field = { sex: 'sex', age_group: 'ageGroup', form_of_exploitation: 'formOfExploitation' } as const;
  for (const [dimension, value] of breakdown) {
    if (value !== undefined && !indicator.disaggregations.includes(dimension)) throw badRequest(field[dimension], 'is not a breakdown this indicator is measured by');
  }
  if (indicator.measure === 'percent' && input.value > 100) throw badRequest('value', 'must be at most 100 (a percentage)');
  const id = randomUUID();
  const { rows } = await sql<{ id: string }>`
    insert into plan_indicator_measurements (id, indicator_id, period_start, period_end, value, sex, age_group, form_of_exploitation, note, recorded_by, organisation_id)
    values (${id}, ${indicator.id}, ${input.periodStart}, ${input.periodEnd}, ${input.value}, ${input.sex ?? null}, ${input.ageGroup ?? null}, ${input.formOfExploitation ?? null}, ${input.note},
      ${subject.userId}, ${subject.organisationId})
    on conflict (indicator_id, period_start, period_end, coalesce(sex, ''), coalesce(age_group, ''), coalesce(form_of_exploitation, ''))
    do update set value = excluded.value, note = excluded.note, recorded_by = excluded.recorded_by, organisation_id = excluded.organisation_id, recorded_at = now()
    returning id`.execute(tx);
  const breakdownNamed = breakdown.filter(([, v]) => v !== undefined).map(([d]) => d).join(', ') || 'total';
  await appendAudit(tx, actor, { action: 'action_plan.measurement_record', recordType: 'plan_indicator', recordId: indicator.id, purpose, summary: `${input.periodStart} to ${input.periodEnd}: ${breakdownNamed}` });
  return { id: rows[0]?.id ?? id };
}
