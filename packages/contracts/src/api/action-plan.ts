import { z } from 'zod';
import { bidiControlProblem, hasBidiControl, uuid } from './common.js';
import { activityStatuses, fundingKinds, planPillars } from '../vocabularies/action-plan.js';

/**
 * The national action plan (decision 0017): a plan with its period, objectives under the four pillars, activities
 * with their responsible organisation, partners, budget per year and funding sources. Amounts are integers in the
 * minor units of the plan's currency (cents for EUR).
 */

const title = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').refine((v) => !hasBidiControl(v), bidiControlProblem);
const longText = z.string().trim().max(4000, 'must be at most 4000 characters');
const date = z.iso.date({ error: 'must be a date (year, month and day)' });
const code = z.string().trim().min(1, 'must not be empty').max(20, 'must be at most 20 characters').regex(/^[0-9A-Za-z.-]+$/u, 'must be letters, digits, dots or dashes (such as 2.1)');
const minorUnits = z.number({ error: 'must be a whole amount in minor units' }).int('must be a whole amount in minor units').min(0, 'must not be negative').max(1e15, 'is too large');
const year = z.number({ error: 'must be a year' }).int('must be a year').min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');

export const createPlanRequest = z
  .object({
    title,
    periodStart: date,
    periodEnd: date,
    currency: z.string().regex(/^[A-Z]{3}$/u, 'must be an ISO 4217 code such as EUR'),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before the start of the period' });
  });
export type CreatePlanRequest = z.infer<typeof createPlanRequest>;

export const createObjectiveRequest = z.object({ pillar: z.enum(planPillars), code, title });
export type CreateObjectiveRequest = z.infer<typeof createObjectiveRequest>;

export const budgetYear = z.object({
  year,
  plannedMinor: minorUnits,
  spentMinor: minorUnits.default(0),
  /** Required when more is spent than planned. */
  overspendReason: longText.min(1, 'must not be empty').optional(),
});
export type BudgetYear = z.infer<typeof budgetYear>;

export const fundingSource = z.object({
  kind: z.enum(fundingKinds),
  donor: title,
  amountMinor: minorUnits.min(1, 'must be more than zero'),
  /** The last day the funding is secured; none: secured for the whole activity. */
  securedUntil: date.optional(),
});
export type FundingSource = z.infer<typeof fundingSource>;

function checkBudgets(budgets: readonly BudgetYear[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<number>();
  budgets.forEach((b, i) => {
    if (seen.has(b.year)) ctx.addIssue({ code: 'custom', path: [path, i, 'year'], message: 'must not repeat a year' });
    seen.add(b.year);
    if (b.spentMinor > b.plannedMinor && !b.overspendReason) ctx.addIssue({ code: 'custom', path: [path, i, 'overspendReason'], message: 'is required when the amount spent is over the budget planned' });
  });
}

const activityFields = {
  objectiveId: uuid,
  code,
  title,
  description: longText.default(''),
  responsibleOrganisationId: uuid,
  partnerOrganisationIds: z.array(uuid).max(30).default([]).refine((list) => new Set(list).size === list.length, 'must not repeat an organisation'),
  startsOn: date,
  endsOn: date,
  budgets: z.array(budgetYear).max(30).default([]),
  funding: z.array(fundingSource).max(30).default([]),
};

export const createActivityRequest = z.object(activityFields).superRefine((v, ctx) => {
  if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before the start date' });
  checkBudgets(v.budgets, ctx, 'budgets');
});
export type CreateActivityRequest = z.infer<typeof createActivityRequest>;

/** The coordinator's edit of an activity: everything again, naming the version read. */
export const updateActivityRequest = z.object({ ...activityFields, version: z.number().int().min(0) }).superRefine((v, ctx) => {
  if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before the start date' });
  checkBudgets(v.budgets, ctx, 'budgets');
});
export type UpdateActivityRequest = z.infer<typeof updateActivityRequest>;

/** The responsible organisation's report: where the activity stands, and what was spent in which year. */
export const recordProgressRequest = z
  .object({
    reportedOn: date,
    status: z.enum(activityStatuses),
    progressPercent: z.number().int().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
    note: longText.default(''),
    spending: z
      .array(z.object({ year, spentMinor: minorUnits, overspendReason: longText.min(1, 'must not be empty').optional() }))
      .max(30)
      .default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.spending.forEach((s, i) => {
      if (seen.has(s.year)) ctx.addIssue({ code: 'custom', path: ['spending', i, 'year'], message: 'must not repeat a year' });
      seen.add(s.year);
    });
  });
export type RecordProgressRequest = z.infer<typeof recordProgressRequest>;

export const planSummary = z.object({ id: uuid, title: z.string(), periodStart: z.string(), periodEnd: z.string(), currency: z.string() });
export type PlanSummary = z.infer<typeof planSummary>;
export const planList = z.object({ plans: z.array(planSummary) });

export const objectiveView = z.object({ id: uuid, pillar: z.enum(planPillars), code: z.string(), title: z.string() });
export type ObjectiveView = z.infer<typeof objectiveView>;

export const fundingView = fundingSource.extend({
  id: uuid,
  /** The funding is secured until before the activity ends: a sustainability risk. */
  endsBeforeActivity: z.boolean(),
});
export type FundingView = z.infer<typeof fundingView>;

export const budgetView = z.object({ year: z.number(), plannedMinor: z.number(), spentMinor: z.number(), overspendReason: z.string().nullable() });

export const progressReportView = z.object({ reportedOn: z.string(), status: z.enum(activityStatuses), progressPercent: z.number(), note: z.string(), organisationName: z.string(), recordedAt: z.string() });

export const activityView = z.object({
  id: uuid,
  objectiveId: uuid,
  code: z.string(),
  title: z.string(),
  description: z.string(),
  responsibleOrganisationId: uuid,
  responsibleOrganisationName: z.string(),
  partners: z.array(z.object({ id: uuid, name: z.string() })),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(activityStatuses),
  progressPercent: z.number(),
  version: z.number(),
  /** Shown to the coordinator, the rapporteur and the responsible organisation (action-plan.fields.ts). */
  budgets: z.array(budgetView).optional(),
  funding: z.array(fundingView).optional(),
  progress: z.array(progressReportView).optional(),
  /** May the caller record this activity's progress and measurements (its responsible organisation, the coordinator)? */
  mayReport: z.boolean(),
});
export type ActivityView = z.infer<typeof activityView>;

export const planView = planSummary.extend({
  version: z.number(),
  objectives: z.array(objectiveView),
  activities: z.array(activityView),
  /** May the caller edit the plan (the national coordinator)? */
  mayEdit: z.boolean(),
});
export type PlanView = z.infer<typeof planView>;

export const planOrganisations = z.object({ organisations: z.array(z.object({ id: uuid, name: z.string() })) });
