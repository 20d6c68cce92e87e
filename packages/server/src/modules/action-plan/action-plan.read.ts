import type { ActivityStatus, ActivityView, FundingKind, PlanPillar, PlanSummary, PlanView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { presentFields } from '../../platform/access/field-policy.js';
import { notFound } from '../../platform/http/errors.js';
import { visibleActivityFields } from './action-plan.fields.js';
import { actionPlanRules, activityFacts } from './action-plan.policy.js';
import * as repo from './action-plan.repo.js';
import { groupBy } from './group-by.js';

const summaryOf = (p: repo.PlanRow): PlanSummary => ({ id: p.id, title: p.title, periodStart: p.period_start, periodEnd: p.period_end, currency: p.currency });

export async function listPlans(tx: Db): Promise<PlanSummary[]> {
  return (await repo.listPlans(tx)).map(summaryOf);
}

/** Funding secured until before the activity ends: the sustainability risk the determinants research warns of. */
export const fundingEndsEarly = (securedUntil: string | null, activityEndsOn: string): boolean => securedUntil !== null && securedUntil < activityEndsOn;

/** The plan with its objectives and activities, each activity shown through the field policy (action-plan.fields.ts). */
export async function readPlan(tx: Db, subject: Subject, planId: string): Promise<PlanView> {
  const plan = await repo.findPlan(tx, planId);
  if (!plan) throw notFound('Plan');
  const [objectives, activities] = await Promise.all([repo.objectivesOf(tx, plan.id), repo.activitiesOf(tx, plan.id)]);
  const ids = activities.map((a) => a.id);
  const [money, progress, partnerNames] = await Promise.all([
    repo.moneyOf(tx, ids),
    repo.progressOf(tx, ids).then((rows) => groupBy(rows, (p) => p.activity_id)),
    repo.organisationNames(tx, [...new Set(activities.flatMap((a) => a.partner_ids))]),
  ]);
  const views = activities.map((a) => {
    const facts = activityFacts(a.responsible_organisation_id, a.partner_ids);
    const view: ActivityView = {
      id: a.id,
      objectiveId: a.objective_id,
      code: a.code,
      title: a.title,
      description: a.description,
      responsibleOrganisationId: a.responsible_organisation_id,
      responsibleOrganisationName: a.responsible_organisation_name,
      partners: a.partner_ids.map((id) => ({ id, name: partnerNames.get(id) ?? '' })),
      startsOn: a.starts_on,
      endsOn: a.ends_on,
      status: a.status as ActivityStatus,
      progressPercent: a.progress_percent,
      version: a.version,
      budgets: money.budgets(a.id).map((b) => ({ year: b.year, plannedMinor: b.planned_minor, spentMinor: b.spent_minor, overspendReason: b.overspend_reason })),
      funding: money.funding(a.id).map((f) => ({
          id: f.id, kind: f.kind as FundingKind, donor: f.donor, amountMinor: f.amount_minor, ...(f.secured_until ? { securedUntil: f.secured_until } : {}),
          endsBeforeActivity: fundingEndsEarly(f.secured_until, a.ends_on),
        })),
      progress: (progress.get(a.id) ?? []).map((p) => ({ reportedOn: p.reported_on, status: p.status as ActivityStatus, progressPercent: p.progress_percent, note: p.note, organisationName: p.organisation_name, recordedAt: p.recorded_at.toISOString() })),
      mayReport: allows(actionPlanRules.report, subject, facts),
    };
    return presentFields(view, visibleActivityFields(subject, facts)) as ActivityView;
  });
  return {
    ...summaryOf(plan),
    version: plan.version,
    objectives: objectives.map((o) => ({ id: o.id, pillar: o.pillar as PlanPillar, code: o.code, title: o.title })),
    activities: views,
    mayEdit: allows(actionPlanRules.edit, subject),
  };
}
