import { addDays, formatISO } from 'date-fns';
import { clusterRequest, commentRequest, createRecommendationRequest, recordResponseRequest, recordStatusRequest, type ImplementationStatus, type RecommendationResponse } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { systemActor } from '../../platform/audit/audit.js';
import { comment, createRecommendation, linkActivities, linkCluster, recordResponse, recordStatus } from '../recommendations/recommendations.service.js';
import { cycleOf, demoRecommendations, issuedDay } from './demo.recommendations.data.js';
import { demoSubject } from './demo.subjects.js';
import { SyntheticRandom } from './synthetic-random.js';

const SEED = 20_261_002;

export interface DemoRecommendationsSummary {
  readonly recommendations: number;
  readonly versions: number;
  readonly clusters: number;
  readonly activityLinks: number;
  /** Ids in the order of the demo's list, for the determinants that rest on them. */
  readonly ids: readonly string[];
}

const evidence: Record<ImplementationStatus, readonly string[]> = {
  not_started: [''],
  in_progress: [
    'Draft amendment submitted to parliament by the ministry',
    'Working group set up by order of the national coordinator; terms of reference published',
    'Funding for the measure included in the draft state budget',
    'Pilot started in the capital, according to the ministry\'s progress report',
  ],
  partly_implemented: [
    'Law adopted; the implementing regulation is still pending',
    'Applied in two of the three regions, according to the coordinator\'s yearly report',
    'Guidelines issued, but the monitoring visits found them applied unevenly',
    'Measure in place, funded by a donor grant until the end of next year',
  ],
  implemented: [
    'Law in force and applied; the national rapporteur\'s monitoring confirmed it in the annual report',
    'Decree adopted and budget allocated; the first cases handled under the new procedure',
    'Service operating nationwide, financed from the state budget',
  ],
};
const comments = [
  'Member organisations report that the measure is not yet applied outside the capital.',
  'The NGO platform welcomes the law but notes that no victim has yet received payment.',
  'Shelters still receive their funding months late; the status overstates the progress made.',
  'Our outreach teams confirm the change in practice since last spring.',
  'The procedure exists on paper; caseworkers have not been trained in it.',
];

/**
 * Sixty recommendations of eleven monitoring bodies over ten years, recorded by the demo's national rapporteur; the
 * government's response recorded by the coordinator for most (accepted, noted, rejected), the implementation status
 * followed over the years with its evidence, civil society comments, near-identical texts of different bodies linked
 * as clusters (and a few left for the suggestions), and links to the plan's activities answering them. Written through
 * the recommendations' services. Deterministic; a second run finds them and adds nothing.
 */
export async function seedDemoRecommendations(tx: Db, activityIds: ReadonlyMap<string, string>, today = new Date()): Promise<DemoRecommendationsSummary> {
  const rapporteur = await demoSubject(tx, 'national_rapporteur', ['national_rapporteur']);
  const coordinator = await demoSubject(tx, 'national_coordinator', ['national_coordinator']);
  const civilSociety = await demoSubject(tx, 'civil_society', ['ngo', 'international_organisation']);
  const existing = await tx.selectFrom('recommendations').select('id').where('text', '=', demoRecommendations[0]?.text ?? '').executeTakeFirst();
  if (existing || !rapporteur || !coordinator) return { recommendations: 0, versions: 0, clusters: 0, activityLinks: 0, ids: [] };
  const actor = systemActor('demo');
  const random = SyntheticRandom.fromSeed(SEED);
  const year = today.getUTCFullYear();
  const yesterday = formatISO(addDays(today, -1), { representation: 'date' });
  const clamp = (d: string) => (d > yesterday ? yesterday : d);
  const later = (from: string, min: number, max: number) => clamp(formatISO(addDays(new Date(`${from}T12:00:00Z`), random.int(min, max)), { representation: 'date' }));
  const ids: string[] = [];
  let versions = 0;
  let activityLinks = 0;
  const clusters = new Map<string, string[]>();
  for (const d of demoRecommendations) {
    const issuedOn = `${year - d.ago}-${issuedDay[d.body]}`;
    const { id } = await createRecommendation(tx, rapporteur, actor, createRecommendationRequest.parse({
      sourceBody: d.body, cycle: cycleOf(d.body, year - d.ago), issuedOn, text: d.text, paragraph: d.paragraph, themes: d.themes, addressedTo: d.addressedTo, urgency: d.urgency,
    }));
    ids.push(id);
    versions += 1;
    if (d.cluster) clusters.set(d.cluster, [...(clusters.get(d.cluster) ?? []), id]);
    // The government answers most within months; the newest are still unanswered.
    if (d.ago === 1 && random.chance(0.5)) continue;
    const response: RecommendationResponse = d.body === 'upr' || d.body === 'civil_society_shadow'
      ? random.weighted([['accepted', 5], ['noted', 4], ['rejected', 1]] as const)
      : random.weighted([['accepted', 8], ['noted', 2], ['rejected', 1]] as const);
    const answeredOn = later(issuedOn, 40, 200);
    await recordResponse(tx, coordinator, actor, id, recordResponseRequest.parse({ response, effectiveOn: answeredOn, evidence: d.body === 'upr' ? 'Addendum to the report of the Working Group (views on conclusions and recommendations)' : 'Government\'s written reply to the body' }));
    versions += 1;
    // The status moves on with the years (a rejected one rarely does); each step with what shows it.
    const steps: ImplementationStatus[] = response === 'rejected' ? [] : (['in_progress', 'partly_implemented', 'implemented'] as const).slice(0, Math.min(3, Math.floor((d.ago + random.int(0, 2)) / 2)));
    if (response === 'noted' && steps.length > 1) steps.length = 1;
    let on = answeredOn;
    for (const status of steps) {
      on = later(on, 120, 420);
      await recordStatus(tx, rapporteur, actor, id, recordStatusRequest.parse({ status, effectiveOn: on, evidence: random.pick(evidence[status]) }));
      versions += 1;
    }
    if (civilSociety && steps.length > 0 && random.chance(0.2)) {
      await comment(tx, civilSociety, actor, id, commentRequest.parse({ comment: random.pick(comments) }));
      versions += 1;
    }
  }
  for (const members of clusters.values()) await linkCluster(tx, rapporteur, actor, clusterRequest.parse({ recommendationIds: members }));
  for (const [i, d] of demoRecommendations.entries()) {
    const activities = (d.activities ?? []).map((code) => activityIds.get(code)).filter((x): x is string => x !== undefined);
    const id = ids[i];
    if (activities.length > 0 && id) activityLinks += (await linkActivities(tx, coordinator, actor, id, activities, false)).links;
  }
  return { recommendations: ids.length, versions, clusters: clusters.size, activityLinks, ids };
}
