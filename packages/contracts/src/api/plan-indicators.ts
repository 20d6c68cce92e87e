import { z } from 'zod';
import { bidiControlProblem, hasBidiControl, uuid } from './common.js';
import { formsOfExploitation } from '../vocabularies/cases.js';
import {
  computedIndicatorCodes,
  indicatorDisaggregations,
  measurementAgeGroups,
  measurementSexes,
  planIndicatorDirections,
  planIndicatorMeasures,
  planIndicatorTypes,
  progressFlags,
  activityStatuses,
  planPillars,
} from '../vocabularies/action-plan.js';

/**
 * Indicators of the national action plan in the IATI results shape, entered by hand (with their source) or computed
 * from the platform's facts (a code of the catalogue); targets per period; measurements with their disaggregation.
 * And the progress page that reads them against the plan.
 */

const title = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').refine((v) => !hasBidiControl(v), bidiControlProblem);
const date = z.iso.date({ error: 'must be a date (year, month and day)' });
const value = z.number({ error: 'must be a number' }).finite('must be a number').min(0, 'must not be negative').max(1e12, 'is too large');

export const indicatorTarget = z.object({ periodStart: date, periodEnd: date, value });
export type IndicatorTarget = z.infer<typeof indicatorTarget>;

export const createIndicatorRequest = z
  .object({
    code: z.string().trim().min(1, 'must not be empty').max(20, 'must be at most 20 characters').regex(/^[0-9A-Za-z.-]+$/u, 'must be letters, digits, dots or dashes (such as I-2.1)'),
    title,
    type: z.enum(planIndicatorTypes),
    objectiveId: uuid.optional(),
    activityId: uuid.optional(),
    /** A code of the computed-indicator catalogue; absent for an indicator entered by hand. */
    computation: z.enum(computedIndicatorCodes).optional(),
    /** Where the figures of an indicator entered by hand come from. */
    source: z.string().trim().min(1, 'must not be empty').max(500).optional(),
    /** Entered by hand only: count or percent (a computed indicator's measure follows from its definition). */
    measure: z.enum(planIndicatorMeasures).default('count'),
    direction: z.enum(planIndicatorDirections).default('increase'),
    disaggregations: z.array(z.enum(indicatorDisaggregations)).max(3).default([]).refine((l) => new Set(l).size === l.length, 'must not repeat a value'),
    baseline: z.object({ value, on: date }).optional(),
    targets: z.array(indicatorTarget).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.computation === undefined && v.source === undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'is required for an indicator entered by hand' });
    if (v.computation !== undefined && v.disaggregations.length > 0) ctx.addIssue({ code: 'custom', path: ['disaggregations'], message: 'are for indicators entered by hand (a computed indicator is counted whole)' });
    if (v.targets.length > 0 && v.baseline === undefined) ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'is required before targets can be set' });
    const starts = new Set<string>();
    v.targets.forEach((t, i) => {
      if (t.periodEnd < t.periodStart) ctx.addIssue({ code: 'custom', path: ['targets', i, 'periodEnd'], message: 'must not be before the start of the period' });
      if (starts.has(t.periodStart)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'periodStart'], message: 'must not repeat a period' });
      starts.add(t.periodStart);
      if (v.measure === 'percent' && t.value > 100 && v.computation === undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, 'value'], message: 'must be at most 100 (a percentage)' });
    });
  });
export type CreateIndicatorRequest = z.infer<typeof createIndicatorRequest>;

export const recordMeasurementRequest = z
  .object({
    periodStart: date,
    periodEnd: date,
    value,
    sex: z.enum(measurementSexes).optional(),
    ageGroup: z.enum(measurementAgeGroups).optional(),
    formOfExploitation: z.enum(formsOfExploitation).optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before the start of the period' });
  });
export type RecordMeasurementRequest = z.infer<typeof recordMeasurementRequest>;

export const indicatorPoint = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The total for the period (a computed value is perturbed by the cell-key method); null when none is known. */
  value: z.number().nullable(),
  target: z.number().nullable(),
});
export type IndicatorPoint = z.infer<typeof indicatorPoint>;

export const measurementView = z.object({
  id: uuid,
  periodStart: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  sex: z.enum(measurementSexes).nullable(),
  ageGroup: z.enum(measurementAgeGroups).nullable(),
  formOfExploitation: z.enum(formsOfExploitation).nullable(),
  note: z.string(),
  organisationName: z.string(),
});
export type MeasurementView = z.infer<typeof measurementView>;

export const indicatorView = z.object({
  id: uuid,
  code: z.string(),
  title: z.string(),
  type: z.enum(planIndicatorTypes),
  objectiveId: uuid.nullable(),
  activityId: uuid.nullable(),
  computation: z.enum(computedIndicatorCodes).nullable(),
  source: z.string().nullable(),
  measure: z.enum(planIndicatorMeasures),
  direction: z.enum(planIndicatorDirections),
  disaggregations: z.array(z.enum(indicatorDisaggregations)),
  baseline: z.object({ value: z.number(), on: z.string() }).nullable(),
  targets: z.array(indicatorTarget),
  /** Entered by hand: every measurement; computed: none (the series carries the values). */
  measurements: z.array(measurementView),
  /** The totals per period (targets' periods and the plan's years) against the targets. */
  series: z.array(indicatorPoint),
  /** May the caller record measurements of it (the responsible organisation of its activity, the coordinator)? */
  mayMeasure: z.boolean(),
});
export type IndicatorView = z.infer<typeof indicatorView>;
export const indicatorList = z.object({ indicators: z.array(indicatorView) });

export const progressActivity = z.object({
  id: uuid,
  code: z.string(),
  title: z.string(),
  pillar: z.enum(planPillars),
  organisationName: z.string(),
  status: z.enum(activityStatuses),
  endsOn: z.string(),
  plannedMinor: z.number(),
  spentMinor: z.number(),
  fundedMinor: z.number(),
  flags: z.array(z.enum(progressFlags)),
});
export const progressIndicator = z.object({
  id: uuid,
  code: z.string(),
  title: z.string(),
  type: z.enum(planIndicatorTypes),
  computed: z.boolean(),
  pillar: z.enum(planPillars).nullable(),
  organisationName: z.string().nullable(),
  flags: z.array(z.enum(progressFlags)),
  /** Every point of the indicator (the page draws each); the newest against its target is the one off_target reads. */
  series: z.array(indicatorPoint),
});
export type ProgressIndicator = z.infer<typeof progressIndicator>;
const flagCounts = z.object({ late: z.number(), under_funded: z.number(), funding_ends_early: z.number(), off_target: z.number(), measurement_missing: z.number() });
export const progressGroup = z.object({ key: z.string(), name: z.string(), activities: z.number(), indicators: z.number(), flags: flagCounts });
export const planProgress = z.object({
  planId: uuid,
  title: z.string(),
  /** The plan's period, marked on the reference series drawn beside it. */
  periodStart: z.string(),
  periodEnd: z.string(),
  currency: z.string(),
  asOf: z.string(),
  activities: z.array(progressActivity),
  indicators: z.array(progressIndicator),
  byPillar: z.array(progressGroup),
  byOrganisation: z.array(progressGroup),
});
export type PlanProgress = z.infer<typeof planProgress>;
export const progressDownloadQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
