import { sql } from 'kysely';
import type { CreateActivityRequest, CreateIndicatorRequest, OrganisationType, RecordMeasurementRequest } from '@palermo/contracts';
import { computedIndicators, createActivityRequest, createIndicatorRequest, createObjectiveRequest, createPlanRequest, recordMeasurementRequest, recordProgressRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { addActivity, addObjective, createPlan, recordProgress } from '../action-plan/action-plan.service.js';
import { addIndicator, recordMeasurement } from '../action-plan/plan-indicators.service.js';
import { demoActivities, demoIndicators, demoObjectives } from './demo.action-plan.data.js';
import { demoOrganisations, demoSubject, ensureOrganisationLeads } from './demo.subjects.js';
import type { DemoCredential } from './demo.seed.js';
import { SYNTHETIC } from './synthetic-label.js';
import { SyntheticRandom } from './synthetic-random.js';

const SEED = 20_261_001;
export const DEMO_PLAN_TITLE = `${SYNTHETIC} National Action Plan against Trafficking in Human Beings`;

export interface DemoPlanSummary {
  readonly plans: number;
  readonly objectives: number;
  readonly activities: number;
  readonly indicators: number;
  readonly measurements: number;
  /** Activity ids by code, for the recommendations that the plan answers. */
  readonly activityIds: ReadonlyMap<string, string>;
  readonly indicatorIds: ReadonlyMap<string, string>;
  readonly credentials: DemoCredential[];
}

const fail = (what: string, result: unknown) => {
  if (result instanceof HttpError) throw new Error(`demo action plan: ${what}: ${result.message}`);
};

/**
 * The demo's national action plan: five years, the current one its fourth, with objectives under the four pillars,
 * about forty activities (responsible organisation, partners, yearly budget, domestic and external funding, some funded
 * for less time than they run), progress reports, and thirty indicators, twelve computed from the case records and
 * the others measured by hand each year (some years' measurements missing, as they are). Every write goes through the
 * action plan's services, so the same checks apply. A second run finds the plan by its title and adds nothing.
 */
export async function seedDemoActionPlan(tx: Db, today = new Date()): Promise<DemoPlanSummary> {
  const existing = await tx.selectFrom('action_plans').select('id').where('title', 'like', `${DEMO_PLAN_TITLE}%`).executeTakeFirst();
  const coordinator = await demoSubject(tx, 'national_coordinator', ['national_coordinator']);
  const empty = { plans: 0, objectives: 0, activities: 0, indicators: 0, measurements: 0, activityIds: new Map(), indicatorIds: new Map(), credentials: [] };
  if (existing || !coordinator) {
    if (!existing) return empty;
    const activities = await tx.selectFrom('plan_activities').select(['id', 'code']).where('plan_id', '=', existing.id).execute();
    const indicators = await tx.selectFrom('plan_indicators').select(['id', 'code']).where('plan_id', '=', existing.id).execute();
    return { ...empty, activityIds: new Map(activities.map((x) => [x.code, x.id])), indicatorIds: new Map(indicators.map((x) => [x.code, x.id])) };
  }
  const actor = systemActor('demo');
  const random = SyntheticRandom.fromSeed(SEED);
  const organisations = await demoOrganisations(tx);
  const orgId = (type: OrganisationType) => organisations.get(type)?.id ?? coordinator.organisationId;
  const responsibleTypes = [...new Set(demoActivities.map((x) => x.responsible))].filter((t) => organisations.has(t) && t !== 'national_coordinator');
  const credentials = await ensureOrganisationLeads(tx, responsibleTypes.map((type) => ({ type, ...(organisations.get(type) as { id: string; name: string }) })));

  const year = today.getUTCFullYear();
  const first = year - 3;
  const todayIso = today.toISOString().slice(0, 10);
  const plan = await createPlan(tx, coordinator, actor, createPlanRequest.parse({ title: `${DEMO_PLAN_TITLE} ${first}–${first + 4}`, periodStart: `${first}-01-01`, periodEnd: `${first + 4}-12-31`, currency: 'EUR' }));
  const objectiveIds = new Map<string, string>();
  for (const [pillar, code, title] of demoObjectives) {
    objectiveIds.set(code, (await addObjective(tx, coordinator, actor, plan.id, createObjectiveRequest.parse({ pillar, code, title }))).id);
  }

  const activityIds = new Map<string, string>();
  for (const d of demoActivities) {
    const [from, to] = d.years;
    const budgets = [];
    let total = 0;
    for (let y = first + from; y <= first + to; y += 1) {
      const planned = Math.round(d.yearly * (0.9 + random.float() * 0.2)) * 100_000;
      total += planned;
      // Years past are mostly spent; the current year partly; a few overspent with their reason.
      const spent = y < year ? Math.round(planned * (0.6 + random.float() * 0.45)) : y === year ? Math.round(planned * random.float() * 0.8) : 0;
      budgets.push({ year: y, plannedMinor: planned, spentMinor: spent, ...(spent > planned ? { overspendReason: 'Prices of services rose over the year; the difference was covered from the ministry\'s reserve' } : {}) });
    }
    const externalAmount = Math.round(total * d.external);
    // A few activities are funded for less than their budget: the progress page flags them as under-funded.
    const domesticAmount = Math.round((total - externalAmount) * (random.chance(0.15) ? 0.7 : 1));
    const ends = `${first + to}-12-31`;
    const funding = [
      ...(domesticAmount > 0 ? [{ kind: 'domestic' as const, donor: 'State budget, line of the responsible ministry', amountMinor: domesticAmount }] : []),
      ...(externalAmount > 0 ? [{ kind: 'external' as const, donor: random.pick(['European Union, Internal Security Fund', 'Embassy of Neighbouria, bilateral grant', 'International Migration Office project', 'Private foundation grant']), amountMinor: externalAmount, ...(d.fundingEndsEarly ? { securedUntil: `${Math.min(first + to - 1, year)}-06-30` } : {}) }] : []),
    ];
    const input: CreateActivityRequest = createActivityRequest.parse({
      objectiveId: objectiveIds.get(d.objective), code: d.code, title: d.title, description: d.description, responsibleOrganisationId: orgId(d.responsible),
      partnerOrganisationIds: d.partners.filter((p) => organisations.has(p) && p !== d.responsible).map(orgId), startsOn: `${first + from}-01-01`, endsOn: ends, budgets, funding,
    });
    const { id } = await addActivity(tx, coordinator, actor, plan.id, input);
    activityIds.set(d.code, id);
    // Progress: what has started reports where it stands; some finished, a few late or suspended.
    if (first + from <= year) {
      const finished = first + to < year;
      const status = finished ? (random.chance(0.8) ? 'completed' : 'in_progress') : random.weighted([['in_progress', 8], ['not_started', 1], ['suspended', 1]] as const);
      const percent = status === 'completed' ? 100 : status === 'not_started' ? 0 : random.int(15, 85);
      const reportedOn = `${year}-${String(random.int(1, Math.max(1, today.getUTCMonth()))).padStart(2, '0')}-15`;
      const spending = budgets.filter((b) => b.year <= year).map((b) => ({ year: b.year, spentMinor: b.spentMinor, ...(b.overspendReason ? { overspendReason: b.overspendReason } : {}) }));
      const lead = (await demoLead(tx, orgId(d.responsible))) ?? coordinator;
      fail(`progress of ${d.code}`, await recordProgress(tx, lead, actor, id, recordProgressRequest.parse({ reportedOn: reportedOn > todayIso ? todayIso : reportedOn, status, progressPercent: percent, note: status === 'suspended' ? 'Suspended until the funding is renewed' : '', spending })));
    }
  }

  const indicatorIds = new Map<string, string>();
  let measurements = 0;
  for (const d of demoIndicators) {
    const percent = d.measure === 'percent' || (d.computation !== undefined && computedIndicators[d.computation].denominator !== null);
    const targets = Array.from({ length: 5 }, (_, i) => ({ periodStart: `${first + i}-01-01`, periodEnd: `${first + i}-12-31`, value: Math.min(percent ? 98 : Infinity, Math.max(0, d.baseline + d.step * (i + 1))) }));
    const input: CreateIndicatorRequest = createIndicatorRequest.parse({
      code: d.code, title: d.title, type: d.type, ...(d.activity ? { activityId: activityIds.get(d.activity) } : {}), ...(d.objective ? { objectiveId: objectiveIds.get(d.objective) } : {}),
      ...(d.computation ? { computation: d.computation } : { source: d.source, measure: d.measure ?? 'count', disaggregations: d.disaggregations ?? [] }),
      direction: d.direction ?? 'increase', baseline: { value: d.baseline, on: `${first - 1}-12-31` }, targets,
    });
    const { id } = await addIndicator(tx, coordinator, actor, plan.id, input);
    indicatorIds.set(d.code, id);
    if (d.computation || !d.activity) continue;
    const activity = demoActivities.find((x) => x.code === d.activity);
    const reporter = (activity && (await demoLead(tx, orgId(activity.responsible)))) ?? coordinator;
    for (let y = first; y < year; y += 1) {
      // About one year in eight is not reported: the progress page shows it missing, and its reminder is due.
      if (random.chance(0.12)) continue;
      const target = d.baseline + d.step * (y - first + 1);
      const value = Math.max(0, Math.round(target * (0.75 + random.float() * 0.4)));
      const capped = d.measure === 'percent' ? Math.min(100, value) : value;
      const record = async (extra: Partial<RecordMeasurementRequest>, v: number) => {
        fail(`measurement of ${d.code}`, await recordMeasurement(tx, reporter, actor, id, recordMeasurementRequest.parse({ periodStart: `${y}-01-01`, periodEnd: `${y}-12-31`, value: v, ...extra })));
        measurements += 1;
      };
      await record({}, capped);
      if (d.disaggregations?.includes('sex') && d.measure !== 'percent') {
        const women = Math.round(capped * 0.6);
        await record({ sex: 'female' }, women);
        await record({ sex: 'male' }, capped - women);
      }
    }
  }
  return { plans: 1, objectives: demoObjectives.length, activities: demoActivities.length, indicators: demoIndicators.length, measurements, activityIds, indicatorIds, credentials };
}

/** The organisation's first administrator or supervisor, who reports for it. */
async function demoLead(tx: Db, organisationId: string): Promise<Subject | undefined> {
  for (const role of ['organisation_admin', 'supervisor'] as const) {
    const own = await tx.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
      .where('users.organisation_id', '=', organisationId).where('users.active', '=', true)
      .where(sql<boolean>`${role} = any(users.roles)`).orderBy('users.created_at').executeTakeFirst();
    if (own) return { userId: own.id, organisationId, organisationType: own.type as OrganisationType, jurisdictions: own.jurisdictions, roles: own.roles as Subject['roles'] };
  }
  return undefined;
}
