import { sql } from 'kysely';
import {
  determinantCodes,
  implementationStatuses,
  planPillars,
  recommendationBodies,
  type ActivityStatus,
  type ImplementationStatus,
  type PlanPillar,
  type PublicViewContent,
  type RecommendationBody,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import type { Subject } from '../../platform/access/rules.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from '../action-plan/action-plan.repo.js';
import { groupBy } from '../action-plan/group-by.js';
import { readIndicators } from '../action-plan/plan-indicators.read.js';
import { activityFlags } from '../action-plan/plan-progress.js';

/**
 * The content of the public page, computed at publication from what the signed-in pages show:
 * - the plan: objectives under their pillar, each activity's title, responsible organisation (by name), dates, status,
 *   whether it is late (plan-progress.ts's definition) and its budget planned and spent; totals per pillar;
 * - indicators with baseline, targets and values per period: the very series the signed-in progress page reads
 *   (plan-indicators.read.ts), so a computed count is the cell-key perturbed count it shows, never recomputed exactly
 *   (the two pages give the same figure and subtracting one from the other recovers nothing); hand-entered values
 *   are totals only (no disaggregation, no note, no one who recorded them);
 * - recommendations of monitoring bodies: each one's text, body, response and implementation status, and their counts
 *   by body and status (counts of texts of monitoring bodies, not of people: not personal data, shown exactly);
 * - the latest determinants assessment (by its period): each determinant's direction, activity, strength and
 *   influences (no evidence text, which is the rapporteur's free text).
 * No user, no person, no case: the only figures from case data are the computed indicators' perturbed counts.
 */
export async function publicViewContent(tx: Db, keys: RecordKeys, subject: Subject, planId: string, today: string): Promise<PublicViewContent> {
  const plan = await repo.findPlan(tx, planId);
  if (!plan) throw notFound('Plan');
  const [objectives, activities] = await Promise.all([repo.objectivesOf(tx, plan.id), repo.activitiesOf(tx, plan.id)]);
  const ids = activities.map((a) => a.id);
  const [money, indicators] = await Promise.all([repo.moneyOf(tx, ids), readIndicators(tx, keys, subject, plan)]);
  const sum = (values: Array<number | string>) => values.reduce<number>((x, y) => x + Number(y), 0);

  const activityView = (a: repo.ActivityRow) => {
    const own = money.budgets(a.id);
    const sources = money.funding(a.id);
    const plannedMinor = sum(own.map((b) => b.planned_minor));
    const flags = activityFlags(a, plannedMinor, sum(sources.map((f) => f.amount_minor)), sources.map((f) => f.secured_until), today);
    return {
      code: a.code, title: a.title, organisationName: a.responsible_organisation_name, startsOn: a.starts_on, endsOn: a.ends_on, status: a.status as ActivityStatus,
      progressPercent: a.progress_percent, late: flags.includes('late'), plannedMinor, spentMinor: sum(own.map((b) => b.spent_minor)),
    };
  };
  const activitiesBy = groupBy(activities, (a) => a.objective_id);
  const objectiveViews = objectives
    .map((o) => ({ code: o.code, pillar: o.pillar as PlanPillar, title: o.title, activities: (activitiesBy.get(o.id) ?? []).map(activityView) }))
    .sort((a, b) => planPillars.indexOf(a.pillar) - planPillars.indexOf(b.pillar) || a.code.localeCompare(b.code));
  const pillars = planPillars.flatMap((pillar) => {
    const mine = objectiveViews.filter((o) => o.pillar === pillar).flatMap((o) => o.activities);
    if (mine.length === 0) return [];
    return [{ pillar, activities: mine.length, late: mine.filter((a) => a.late).length, plannedMinor: sum(mine.map((a) => a.plannedMinor)), spentMinor: sum(mine.map((a) => a.spentMinor)) }];
  });
  const activityCode = new Map(activities.map((a) => [a.id, a.code]));

  return {
    plan: { title: plan.title, periodStart: plan.period_start, periodEnd: plan.period_end, currency: plan.currency, asOf: today },
    pillars,
    objectives: objectiveViews,
    indicators: indicators.map((i) => ({
      code: i.code, title: i.title, type: i.type, measure: i.measure, direction: i.direction, computation: i.computation, source: i.source,
      activityCode: i.activityId ? (activityCode.get(i.activityId) ?? null) : null, baseline: i.baseline, series: i.series,
    })),
    recommendations: await recommendationsPart(tx, plan.id),
    determinants: await determinantsPart(tx),
  };
}

async function recommendationsPart(tx: Db, planId: string): Promise<PublicViewContent['recommendations']> {
  const rows = await tx
    .selectFrom('recommendations as r')
    .select([
      'r.source_body', 'r.cycle', sql<string>`r.issued_on::text`.as('issued_on'), 'r.text', 'r.response', 'r.status',
      sql<string[]>`array(select a.code from recommendation_activities ra join plan_activities a on a.id = ra.activity_id where ra.recommendation_id = r.id and a.plan_id = ${planId} order by a.code)`.as('activity_codes'),
    ])
    .orderBy('r.source_body')
    .orderBy('r.issued_on', 'desc')
    .orderBy('r.id')
    .limit(2000)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.source_body}|${r.status}`, (counts.get(`${r.source_body}|${r.status}`) ?? 0) + 1);
  return {
    counts: recommendationBodies.flatMap((body) =>
      implementationStatuses.flatMap((status) => {
        const count = counts.get(`${body}|${status}`) ?? 0;
        return count > 0 ? [{ body, status, count }] : [];
      }),
    ),
    items: rows.map((r) => ({
      body: r.source_body as RecommendationBody, cycle: r.cycle, issuedOn: r.issued_on, text: r.text, response: r.response as PublicViewContent['recommendations']['items'][number]['response'],
      status: r.status as ImplementationStatus, activityCodes: r.activity_codes,
    })),
  };
}

async function determinantsPart(tx: Db): Promise<PublicViewContent['determinants']> {
  const latest = await tx
    .selectFrom('determinant_assessments')
    .select(['id', 'title', 'country', sql<string>`period_from::text`.as('period_from'), sql<string>`period_to::text`.as('period_to')])
    .orderBy('period_from', 'desc')
    .orderBy('period_to', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  if (!latest) return null;
  const entries = await tx.selectFrom('determinant_assessment_entries').select(['determinant', 'direction', 'activity', 'strength', 'influences']).where('assessment_id', '=', latest.id).execute();
  const order = (code: string) => (determinantCodes as readonly string[]).indexOf(code);
  type Entry = NonNullable<PublicViewContent['determinants']>['entries'][number];
  return {
    title: latest.title, country: latest.country, periodFrom: latest.period_from, periodTo: latest.period_to,
    entries: entries
      .sort((a, b) => order(a.determinant) - order(b.determinant))
      .map((e) => ({ determinant: e.determinant, direction: e.direction, activity: e.activity, strength: e.strength, influences: e.influences }) as Entry),
  };
}
