import { sql } from 'kysely';
import type { ComputedIndicatorCode, FormOfExploitation, IndicatorDisaggregation, IndicatorPoint, IndicatorView, MeasurementAgeGroup, MeasurementSex, PlanIndicatorDirection, PlatformFact, PlanIndicatorMeasure, PlanIndicatorType } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { actionPlanRules, activityFacts } from './action-plan.policy.js';
import * as repo from './action-plan.repo.js';
import { groupBy } from './group-by.js';
import { countFacts, factsOf, indicatorValues, type Period } from './computed-indicators.js';
import { smallCellThreshold } from '../statistics/statistics.service.js';

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

/** A target or a total: the period's start and end ('YYYY-MM-DD') and the value. */
type PeriodValue = readonly [start: string, end: string, value: number];
const periodValue = (r: { period_start: string; period_end: string; value: string }): PeriodValue => [r.period_start, r.period_end, Number(r.value)];

/** 'YYYY-MM-DD' dates order as their characters do: compared as such, not through the locale's collation (ten thousand points). */
const compareDates = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPeriodEnd = (a: IndicatorPoint, b: IndicatorPoint) => compareDates(a.periodEnd, b.periodEnd) || compareDates(a.periodStart, b.periodStart);

/**
 * The series of the plan's indicators: per period, the total against the target. An indicator entered by hand has a
 * point for each period with a target or a total; a computed one a point for each of the plan's years and every
 * target's period (of any indicator), its values counted once for all from the case tables and published through the
 * cell-key method (computed-indicators.ts).
 */
async function seriesReader(tx: Db, keys: RecordKeys, plan: repo.PlanRow, computations: ReadonlyArray<string | null>, targets: Iterable<PeriodValue>) {
  const periods = new Map<string, Period>();
  for (const p of planYears(plan)) periods.set(periodKey(p), p);
  for (const [start, end] of targets) periods.set(periodKey({ start, end }), { start, end });
  const ordered = [...periods.values()].sort((a, b) => compareDates(a.end, b.end) || compareDates(a.start, b.start));
  const codes = computations.filter((c): c is ComputedIndicatorCode => c !== null);
  const facts = codes.length > 0 ? await countFacts(tx, keys, factsOf(codes), ordered) : new Map<PlatformFact, Array<number | null>>();
  const threshold = codes.length > 0 ? await smallCellThreshold(tx) : 0;
  return (computation: string | null, own: readonly PeriodValue[], totals: readonly PeriodValue[]): IndicatorPoint[] => {
    const points = new Map<string, IndicatorPoint>();
    if (computation) {
      const computed = indicatorValues(computation as ComputedIndicatorCode, facts, ordered.length, threshold);
      ordered.forEach((p, i) => points.set(periodKey(p), { periodStart: p.start, periodEnd: p.end, value: computed[i] ?? null, target: null }));
    }
    for (const [start, end, target] of own) {
      const key = `${start}|${end}`;
      const point = points.get(key);
      if (point) point.target = target;
      else points.set(key, { periodStart: start, periodEnd: end, value: null, target });
    }
    for (const [start, end, value] of totals) {
      const key = `${start}|${end}`;
      const point = points.get(key);
      // A computed indicator's values are counted: a total entered for one of its periods does not replace them.
      if (!point) points.set(key, { periodStart: start, periodEnd: end, value, target: null });
      else if (!computation) point.value = value;
    }
    return [...points.values()].sort(byPeriodEnd);
  };
}

/** An indicator as the progress page reads it: what it is and its series, without its measurements. */
export type IndicatorSeries = Pick<IndicatorView, 'id' | 'code' | 'title' | 'type' | 'objectiveId' | 'activityId' | 'computation' | 'direction' | 'series'>;

/**
 * The plan's indicators with their series only. Each indicator's targets and totals (the measurements without sex, age
 * group or form of exploitation) come on its own row as JSON arrays of [start, end, value]: a plan holds thousands of
 * indicators and tens of thousands of measurements, and a parsed document per indicator costs a fraction of what a
 * row per target and per total costs to parse. The arrays come in no order: seriesReader orders the points.
 */
export async function readIndicatorSeries(tx: Db, keys: RecordKeys, plan: repo.PlanRow): Promise<IndicatorSeries[]> {
  type Row = { id: string; code: string; title: string; type: string; objective_id: string | null; activity_id: string | null; computation: string | null; direction: string; targets: PeriodValue[]; totals: PeriodValue[] };
  const { rows } = await sql<Row>`
    with t as (
      select t.indicator_id, json_agg(json_build_array(t.period_start, t.period_end, t.value)) as targets
      from plan_indicator_targets t join plan_indicators i on i.id = t.indicator_id where i.plan_id = ${plan.id} group by t.indicator_id
    ), m as (
      select m.indicator_id, json_agg(json_build_array(m.period_start, m.period_end, m.value)) as totals
      from plan_indicator_measurements m join plan_indicators i on i.id = m.indicator_id
      where i.plan_id = ${plan.id} and coalesce(m.sex, '') = '' and coalesce(m.age_group, '') = '' and coalesce(m.form_of_exploitation, '') = ''
      group by m.indicator_id
    )
    select i.id, i.code, i.title, i.type, i.objective_id, i.activity_id, i.computation, i.direction, coalesce(t.targets, '[]') as targets, coalesce(m.totals, '[]') as totals
    from plan_indicators i left join t on t.indicator_id = i.id left join m on m.indicator_id = i.id
    where i.plan_id = ${plan.id} order by i.code`.execute(tx);
  const seriesOf = await seriesReader(tx, keys, plan, rows.map((r) => r.computation), rows.flatMap((r) => r.targets));
  return rows.map((r) => ({
    id: r.id, code: r.code, title: r.title, type: r.type as PlanIndicatorType, objectiveId: r.objective_id, activityId: r.activity_id,
    computation: r.computation as ComputedIndicatorCode | null, direction: r.direction as PlanIndicatorDirection, series: seriesOf(r.computation, r.targets, r.totals),
  }));
}

/** The plan's indicators with their targets, every measurement and their series (seriesReader). */
export async function readIndicators(tx: Db, keys: RecordKeys, subject: Subject, plan: repo.PlanRow): Promise<IndicatorView[]> {
  const [rows, targets, measurements, activities] = await Promise.all([indicatorRows(tx, plan.id), targetsOf(tx, plan.id), measurementsOf(tx, plan.id), repo.activitiesOf(tx, plan.id)]);
  const activityOf = new Map(activities.map((a) => [a.id, a]));
  const seriesOf = await seriesReader(tx, keys, plan, rows.map((r) => r.computation), targets.rows.map(periodValue));
  // Each indicator's targets and measurements, grouped once (a plan holds thousands of indicators and their measurements).
  const targetsBy = groupBy(targets.rows, (t) => t.indicator_id);
  const measurementsBy = groupBy(measurements.rows, (m) => m.indicator_id);
  return rows.map((r) => {
    const own = targetsBy.get(r.id) ?? [];
    const mine = measurementsBy.get(r.id) ?? [];
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
      series: seriesOf(r.computation, own.map(periodValue), mine.filter((m) => !m.sex && !m.age_group && !m.form_of_exploitation).map(periodValue)),
      mayMeasure: r.computation === null && allows(actionPlanRules.report, subject, standing),
    };
  });
}
