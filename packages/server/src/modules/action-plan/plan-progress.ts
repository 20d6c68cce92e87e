import { planPillars, progressFlags, type ActivityStatus, type IndicatorView, type PlanPillar, type PlanProgress, type ProgressFlag } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import type { Subject } from '../../platform/access/rules.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from './action-plan.repo.js';
import { fundingEndsEarly } from './action-plan.read.js';
import { readIndicatorSeries } from './plan-indicators.read.js';

/**
 * The progress page: what is late, under-funded, funded for less time than it runs, off target or missing its
 * measurement, per activity and indicator, counted per pillar and per responsible organisation.
 * - late: not completed (nor cancelled) after its end date;
 * - under_funded: the funding sources add up to less than the budget planned;
 * - funding_ends_early: a funding source is secured until before the activity ends (a sustainability risk);
 * - off_target: the newest value of a period with a target misses it (below it, or above it when less is better);
 * - measurement_missing: an indicator entered by hand has a target for a period that has ended and no value for it.
 */

type Point = IndicatorView['series'][number];

/** The newest point that has both a value and a target. */
function latestAgainstTarget(series: readonly Point[]): Point | null {
  for (let i = series.length - 1; i >= 0; i -= 1) {
    const p = series[i];
    if (p && p.value !== null && p.target !== null) return p;
  }
  return null;
}

export function indicatorFlags(indicator: Pick<IndicatorView, 'series' | 'computation' | 'direction'>, today: string): ProgressFlag[] {
  const flags: ProgressFlag[] = [];
  const latest = latestAgainstTarget(indicator.series);
  if (latest && latest.value !== null && latest.target !== null) {
    const missed = indicator.direction === 'increase' ? latest.value < latest.target : latest.value > latest.target;
    if (missed) flags.push('off_target');
  }
  if (!indicator.computation && indicator.series.some((p) => p.target !== null && p.periodEnd < today && p.value === null)) flags.push('measurement_missing');
  return flags;
}

export function activityFlags(a: { status: string; ends_on: string }, planned: number, funded: number, securedUntil: ReadonlyArray<string | null>, today: string): ProgressFlag[] {
  const flags: ProgressFlag[] = [];
  if (a.ends_on < today && a.status !== 'completed' && a.status !== 'cancelled') flags.push('late');
  if (funded < planned) flags.push('under_funded');
  if (securedUntil.some((s) => fundingEndsEarly(s, a.ends_on))) flags.push('funding_ends_early');
  return flags;
}

const noFlags = (): Record<ProgressFlag, number> => Object.fromEntries(progressFlags.map((f) => [f, 0])) as Record<ProgressFlag, number>;

/** The page is the same for every reader its route admits (`_subject`: no field of it is withheld from one of them). */
export async function planProgress(tx: Db, keys: RecordKeys, _subject: Subject, planId: string, today: string): Promise<PlanProgress> {
  const plan = await repo.findPlan(tx, planId);
  if (!plan) throw notFound('Plan');
  const [objectives, activities] = await Promise.all([repo.objectivesOf(tx, plan.id), repo.activitiesOf(tx, plan.id)]);
  const ids = activities.map((a) => a.id);
  // The indicators' series only: the page shows no measurement's detail (readIndicators reads every one of them).
  const [money, indicators] = await Promise.all([repo.moneyOf(tx, ids), readIndicatorSeries(tx, keys, plan)]);
  const pillarOfObjective = new Map(objectives.map((o) => [o.id, o.pillar as PlanPillar]));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const sum = (values: readonly number[]) => values.reduce((x, y) => x + y, 0);

  const activityRows = activities.map((a) => {
    const own = money.budgets(a.id);
    const sources = money.funding(a.id);
    const plannedMinor = sum(own.map((b) => b.planned_minor));
    const fundedMinor = sum(sources.map((f) => f.amount_minor));
    return {
      id: a.id, code: a.code, title: a.title, pillar: pillarOfObjective.get(a.objective_id) ?? 'partnership', organisationName: a.responsible_organisation_name,
      status: a.status as ActivityStatus, endsOn: a.ends_on, plannedMinor, spentMinor: sum(own.map((b) => b.spent_minor)), fundedMinor,
      flags: activityFlags(a, plannedMinor, fundedMinor, sources.map((f) => f.secured_until), today),
    };
  });
  const indicatorRows = indicators.map((i) => {
    const activity = i.activityId ? activityById.get(i.activityId) : undefined;
    const objectiveId = i.objectiveId ?? activity?.objective_id ?? null;
    const pillar = objectiveId ? (pillarOfObjective.get(objectiveId) ?? null) : null;
    return {
      id: i.id, code: i.code, title: i.title, type: i.type, computed: i.computation !== null, pillar, organisationName: activity?.responsible_organisation_name ?? null,
      flags: indicatorFlags(i, today), series: i.series,
    };
  });

  const group = (keyOf: (row: { pillar: PlanPillar | null; organisationName: string | null }) => string | null, nameOf: (key: string) => string, order: readonly string[]) => {
    const groups = new Map<string, { key: string; name: string; activities: number; indicators: number; flags: Record<ProgressFlag, number> }>();
    const add = (row: { pillar: PlanPillar | null; organisationName: string | null; flags: ProgressFlag[] }, kind: 'activities' | 'indicators') => {
      const key = keyOf(row);
      if (key === null) return;
      const g = groups.get(key) ?? { key, name: nameOf(key), activities: 0, indicators: 0, flags: noFlags() };
      g[kind] += 1;
      for (const f of row.flags) g.flags[f] += 1;
      groups.set(key, g);
    };
    for (const row of activityRows) add(row, 'activities');
    for (const row of indicatorRows) add(row, 'indicators');
    return [...groups.values()].sort((a, b) => {
      const ia = order.indexOf(a.key);
      const ib = order.indexOf(b.key);
      return ia !== ib ? ia - ib : a.name.localeCompare(b.name);
    });
  };
  return {
    planId: plan.id,
    title: plan.title,
    periodStart: plan.period_start,
    periodEnd: plan.period_end,
    currency: plan.currency,
    asOf: today,
    activities: activityRows,
    indicators: indicatorRows,
    byPillar: group((r) => r.pillar, (k) => k, planPillars),
    byOrganisation: group((r) => r.organisationName, (k) => k, []),
  };
}
