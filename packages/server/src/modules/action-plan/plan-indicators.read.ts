import { sql } from 'kysely';
import type { ComputedIndicatorCode, FormOfExploitation, IndicatorDisaggregation, IndicatorPoint, IndicatorView, MeasurementAgeGroup, MeasurementSex, PlanIndicatorDirection, PlatformFact, PlanIndicatorMeasure, PlanIndicatorType } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { actionPlanRules, activityFacts } from './action-plan.policy.js';
import * as repo from './action-plan.repo.js';
import { countFacts, factsOf, indicatorValues, type Period } from './computed-indicators.js';

/** Each calendar year of the plan's period, clipped to it. */
export function planYears(plan: repo.PlanRow): Period[] {
  const out: Period[] = [];
  for (let y = Number(plan.period_start.slice(0, 4)); y <= Number(plan.period_end.slice(0, 4)); y += 1) {
    const start = `${y}-01-01` < plan.period_start ? plan.period_start : `${y}-01-01`;
    const end = `${y}-12-31` > plan.period_end ? plan.period_end : `${y}-12-31`;
    out.push({ start, end });
  }
  return out;
}

const periodKey = (p: Period) => `${p.start}|${p.end}`;

/** Rows grouped by a key, each group in the rows' order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = out.get(key);
    if (group) group.push(row);
    else out.set(key, [row]);
  }
  return out;
}

async function indicatorRows(tx: Db, planId: string) {
  return tx
    .selectFrom('plan_indicators')
    .select([
      'id', 'code', 'title', 'type', 'objective_id', 'activity_id', 'computation', 'source', 'measure', 'direction', 'disaggregations',
      sql<string | null>`baseline_value::text`.as('baseline_value'), sql<string | null>`baseline_on::text`.as('baseline_on'),
    ])
    .where('plan_id', '=', planId)
    .orderBy('code')
    .execute();
}

async function targetsOf(tx: Db, planId: string) {
  return sql<{ indicator_id: string; period_start: string; period_end: string; value: string }>`
    select t.indicator_id, t.period_start::text as period_start, t.period_end::text as period_end, t.value::text as value
    from plan_indicator_targets t join plan_indicators i on i.id = t.indicator_id where i.plan_id = ${planId} order by t.period_start`.execute(tx);
}

async function measurementsOf(tx: Db, planId: string) {
  return sql<{ id: string; indicator_id: string; period_start: string; period_end: string; value: string; sex: string | null; age_group: string | null; form_of_exploitation: string | null; note: string; organisation_name: string }>`
    select m.id, m.indicator_id, m.period_start::text as period_start, m.period_end::text as period_end, m.value::text as value, m.sex, m.age_group, m.form_of_exploitation,
      m.note, o.name as organisation_name
    from plan_indicator_measurements m join plan_indicators i on i.id = m.indicator_id join organisations o on o.id = m.organisation_id
    where i.plan_id = ${planId} order by m.period_start, m.period_end, m.sex nulls first, m.age_group nulls first, m.form_of_exploitation nulls first`.execute(tx);
}

/**
 * The plan's indicators with their targets, measurements and series: per period (the targets' periods and the plan's
 * years), the total against the target. Computed indicators are counted for those periods from the case tables,
 * published through the cell-key method (computed-indicators.ts).
 */
export async function readIndicators(tx: Db, keys: RecordKeys, subject: Subject, plan: repo.PlanRow): Promise<IndicatorView[]> {
  const [rows, targets, measurements, activities] = await Promise.all([indicatorRows(tx, plan.id), targetsOf(tx, plan.id), measurementsOf(tx, plan.id), repo.activitiesOf(tx, plan.id)]);
  const activityOf = new Map(activities.map((a) => [a.id, a]));
  // Every period any indicator is read for: the plan's years and every target's period, computed once for all.
  const periods = new Map<string, Period>();
  for (const p of planYears(plan)) periods.set(periodKey(p), p);
  for (const t of targets.rows) periods.set(periodKey({ start: t.period_start, end: t.period_end }), { start: t.period_start, end: t.period_end });
  const ordered = [...periods.values()].sort((a, b) => (a.end === b.end ? a.start.localeCompare(b.start) : a.end.localeCompare(b.end)));
  const codes = rows.map((r) => r.computation).filter((c): c is ComputedIndicatorCode => c !== null);
  // Each indicator's targets and measurements, grouped once (a plan holds thousands of indicators and their measurements).
  const targetsBy = groupBy(targets.rows, (t) => t.indicator_id);
  const measurementsBy = groupBy(measurements.rows, (m) => m.indicator_id);
  const facts = codes.length > 0 ? await countFacts(tx, keys, factsOf(codes), ordered) : new Map<PlatformFact, Array<number | null>>();
  return rows.map((r) => {
    const own = targetsBy.get(r.id) ?? [];
    const targetOf = new Map(own.map((t) => [periodKey({ start: t.period_start, end: t.period_end }), Number(t.value)]));
    const mine = measurementsBy.get(r.id) ?? [];
    const computed = r.computation ? indicatorValues(r.computation as ComputedIndicatorCode, facts, ordered.length) : null;
    // A series point for each target period and each period with a total; the plan's years only for computed ones.
    const totals = new Map(mine.filter((m) => !m.sex && !m.age_group && !m.form_of_exploitation).map((m) => [periodKey({ start: m.period_start, end: m.period_end }), Number(m.value)]));
    const series: IndicatorPoint[] = ordered.flatMap((p, i) => {
      const key = periodKey(p);
      const value = computed ? (computed[i] ?? null) : (totals.get(key) ?? null);
      const target = targetOf.get(key) ?? null;
      if (!computed && value === null && target === null) return [];
      return [{ periodStart: p.start, periodEnd: p.end, value, target }];
    });
    for (const [key, value] of totals) {
      if (!periods.has(key)) {
        const [start = '', end = ''] = key.split('|');
        series.push({ periodStart: start, periodEnd: end, value, target: null });
      }
    }
    series.sort((a, b) => (a.periodEnd === b.periodEnd ? a.periodStart.localeCompare(b.periodStart) : a.periodEnd.localeCompare(b.periodEnd)));
    const activity = r.activity_id ? activityOf.get(r.activity_id) : undefined;
    const standing = activity ? activityFacts(activity.responsible_organisation_id, activity.partner_ids) : activityFacts('', []);
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      type: r.type as PlanIndicatorType,
      objectiveId: r.objective_id,
      activityId: r.activity_id,
      computation: r.computation as ComputedIndicatorCode | null,
      source: r.source,
      measure: r.measure as PlanIndicatorMeasure,
      direction: r.direction as PlanIndicatorDirection,
      disaggregations: r.disaggregations as IndicatorDisaggregation[],
      baseline: r.baseline_value !== null && r.baseline_on !== null ? { value: Number(r.baseline_value), on: r.baseline_on } : null,
      targets: own.map((t) => ({ periodStart: t.period_start, periodEnd: t.period_end, value: Number(t.value) })),
      measurements: mine.map((m) => ({
        id: m.id, periodStart: m.period_start, periodEnd: m.period_end, value: Number(m.value), sex: m.sex as MeasurementSex | null, ageGroup: m.age_group as MeasurementAgeGroup | null,
        formOfExploitation: m.form_of_exploitation as FormOfExploitation | null, note: m.note, organisationName: m.organisation_name,
      })),
      series,
      mayMeasure: r.computation === null && allows(actionPlanRules.report, subject, standing),
    };
  });
}
