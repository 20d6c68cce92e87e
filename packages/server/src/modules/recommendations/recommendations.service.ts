import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { clusterRequest, commentRequest, createRecommendationRequest, CreatedRef, recordResponseRequest, recordStatusRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { recommendationRules } from './recommendations.policy.js';

type Change = 'recorded' | 'response' | 'status' | 'comment' | 'clustered' | 'activity_unlinked';

interface NewVersion {
  readonly change: Change;
  readonly response?: string | null;
  readonly status?: string;
  readonly effectiveOn: string;
  readonly evidence?: string;
  readonly comment?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Writes the next version of a recommendation: its row moves to the version (response and status as given, else as
 * they were) and the history keeps the version with its change, evidence and date. The row is locked by the update, so
 * concurrent changes queue and every version is kept.
 */
async function nextVersion(tx: Db, subject: Subject, id: string, change: NewVersion): Promise<{ version: number } | undefined> {
  const row = await tx
    .updateTable('recommendations')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: new Date(),
      ...(change.response !== undefined ? { response: change.response } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
    }))
    .where('id', '=', id)
    .returning(['version', 'response', 'status'])
    .executeTakeFirst();
  if (!row) return undefined;
  await tx
    .insertInto('recommendation_history')
    .values({
      recommendation_id: id, version: row.version, change: change.change, response: row.response, status: row.status, effective_on: change.effectiveOn,
      evidence: change.evidence ?? '', comment: change.comment ?? '', recorded_by: subject.userId, organisation_id: subject.organisationId,
    })
    .execute();
  return { version: row.version };
}

/** Inserts a recommendation and its first version (no response yet, not started). Shared by the form and the import. */
export async function insertRecommendation(tx: Db, subject: Subject, input: z.output<typeof createRecommendationRequest>): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('recommendations')
    .values({
      id, source_body: input.sourceBody, cycle: input.cycle, issued_on: input.issuedOn, text: input.text, paragraph: input.paragraph, themes: [...input.themes],
      addressed_to: input.addressedTo, urgency: input.urgency, response: null, cluster_id: null, recorded_by: subject.userId, organisation_id: subject.organisationId,
    })
    .execute();
  await tx
    .insertInto('recommendation_history')
    .values({ recommendation_id: id, version: 1, change: 'recorded', response: null, status: 'not_started', effective_on: input.issuedOn, recorded_by: subject.userId, organisation_id: subject.organisationId })
    .execute();
  return id;
}

export async function createRecommendation(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof createRecommendationRequest>): Promise<CreatedRef> {
  if (!allows(recommendationRules.record, subject)) throw forbidden('Only the national rapporteur records recommendations');
  const id = await insertRecommendation(tx, subject, input);
  await appendAudit(tx, actor, { action: 'recommendation.create', recordType: 'recommendation', recordId: id, purpose: 'oversight', summary: `${input.sourceBody}, ${input.themes.length} theme(s)` });
  return { id };
}

async function issuedOn(tx: Db, id: string): Promise<string> {
  const row = await tx.selectFrom('recommendations').select(sql<string>`issued_on::text`.as('issued_on')).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Recommendation');
  return row.issued_on;
}

/** The government's response (the coordinator), apart from the status: the status stays as it was. */
export async function recordResponse(tx: Db, subject: Subject, actor: Actor, id: string, input: z.output<typeof recordResponseRequest>): Promise<{ version: number }> {
  if (!allows(recommendationRules.respond, subject)) throw forbidden("Only the national coordinator records the government's response");
  if (input.effectiveOn < (await issuedOn(tx, id))) throw badRequest('effectiveOn', 'must not be before the recommendation was issued');
  const written = await nextVersion(tx, subject, id, { change: 'response', response: input.response, effectiveOn: input.effectiveOn, evidence: input.evidence });
  if (!written) throw notFound('Recommendation');
  await appendAudit(tx, actor, { action: 'recommendation.response', recordType: 'recommendation', recordId: id, purpose: 'oversight', summary: `response ${input.response}, version ${written.version}` });
  return { version: written.version };
}

/** The implementation status (the rapporteur), with its evidence; the response stays as it was. */
export async function recordStatus(tx: Db, subject: Subject, actor: Actor, id: string, input: z.output<typeof recordStatusRequest>): Promise<{ version: number }> {
  if (!allows(recommendationRules.recordStatus, subject)) throw forbidden('Only the national rapporteur records the implementation status');
  if (input.effectiveOn < (await issuedOn(tx, id))) throw badRequest('effectiveOn', 'must not be before the recommendation was issued');
  const written = await nextVersion(tx, subject, id, { change: 'status', status: input.status, effectiveOn: input.effectiveOn, evidence: input.evidence });
  if (!written) throw notFound('Recommendation');
  await appendAudit(tx, actor, { action: 'recommendation.status', recordType: 'recommendation', recordId: id, purpose: 'oversight', summary: `status ${input.status}, version ${written.version}` });
  return { version: written.version };
}

/** A civil society comment on the status: a version of the history, attributed to the commenter's organisation. */
export async function comment(tx: Db, subject: Subject, actor: Actor, id: string, input: z.output<typeof commentRequest>): Promise<{ version: number }> {
  if (!allows(recommendationRules.comment, subject)) throw forbidden('Only a civil society organisation comments on the status');
  const written = await nextVersion(tx, subject, id, { change: 'comment', effectiveOn: today(), comment: input.comment });
  if (!written) throw notFound('Recommendation');
  await appendAudit(tx, actor, { action: 'recommendation.comment', recordType: 'recommendation', recordId: id, purpose: 'oversight', summary: `comment, version ${written.version}` });
  return { version: written.version };
}

/**
 * Links recommendations together as one cluster: those already in clusters bring their clusters along (the clusters
 * merge). Each recommendation whose cluster changes gets a version saying so.
 */
export async function linkCluster(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof clusterRequest>): Promise<{ clusterId: string; members: number }> {
  if (!allows(recommendationRules.cluster, subject)) throw forbidden('Only the national rapporteur and the national coordinator link recommendations together');
  const rows = await tx.selectFrom('recommendations').select(['id', 'cluster_id']).where('id', 'in', input.recommendationIds).execute();
  for (const [i, id] of input.recommendationIds.entries()) {
    if (!rows.some((r) => r.id === id)) throw badRequest(`recommendationIds.${i}`, `no recommendation ${id}`);
  }
  const clusters = [...new Set(rows.map((r) => r.cluster_id).filter((c): c is string => c !== null))].sort();
  const clusterId = clusters[0] ?? randomUUID();
  const members = await tx
    .selectFrom('recommendations')
    .select(['id', 'cluster_id'])
    .where((eb) => eb.or([eb('id', 'in', input.recommendationIds), ...(clusters.length > 0 ? [eb('cluster_id', 'in', clusters)] : [])]))
    .execute();
  const moving = members.filter((m) => m.cluster_id !== clusterId).map((m) => m.id).sort();
  if (moving.length > 0) await tx.updateTable('recommendations').set({ cluster_id: clusterId }).where('id', 'in', moving).execute();
  for (const id of moving) await nextVersion(tx, subject, id, { change: 'clustered', effectiveOn: today() });
  await appendAudit(tx, actor, { action: 'recommendation.cluster', recordType: 'recommendation', recordId: clusterId, purpose: 'oversight', summary: `${members.length} recommendation(s) in the cluster, ${moving.length} joined` });
  return { clusterId, members: members.length };
}

/**
 * Links activities of the plan to a recommendation, and with `withCluster` to every member of its cluster at once
 * (links already made stay as they were).
 */
export async function linkActivities(tx: Db, subject: Subject, actor: Actor, id: string, activityIds: readonly string[], withCluster: boolean): Promise<{ links: number }> {
  if (!allows(recommendationRules.linkActivities, subject)) throw forbidden('Only the national coordinator links recommendations to activities');
  const row = await tx.selectFrom('recommendations').select(['id', 'cluster_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Recommendation');
  const found = activityIds.length === 0 ? [] : await tx.selectFrom('plan_activities').select('id').where('id', 'in', activityIds).execute();
  for (const [i, activityId] of activityIds.entries()) {
    if (!found.some((a) => a.id === activityId)) throw badRequest(`activityIds.${i}`, `no activity ${activityId} in the plan`);
  }
  const targets = withCluster && row.cluster_id ? (await tx.selectFrom('recommendations').select('id').where('cluster_id', '=', row.cluster_id).execute()).map((r) => r.id) : [id];
  const values = targets.flatMap((recommendation_id) => activityIds.map((activity_id) => ({ recommendation_id, activity_id, linked_by: subject.userId })));
  const inserted = values.length === 0 ? [] : await tx.insertInto('recommendation_activities').values(values).onConflict((oc) => oc.doNothing()).returning('activity_id').execute();
  await appendAudit(tx, actor, { action: 'recommendation.activities_link', recordType: 'recommendation', recordId: id, purpose: 'coordination', summary: `${activityIds.length} activity(ies) to ${targets.length} recommendation(s): ${inserted.length} new link(s)` });
  return { links: inserted.length };
}

/**
 * Undoes the link between a recommendation and an activity of the plan (this recommendation only; the national
 * coordinator; audited). The recommendation's history keeps a version naming the activity unlinked.
 */
export async function unlinkActivity(tx: Db, subject: Subject, actor: Actor, id: string, activityId: string): Promise<{ version: number }> {
  if (!allows(recommendationRules.linkActivities, subject)) throw forbidden('Only the national coordinator links recommendations to activities');
  const removed = await tx.deleteFrom('recommendation_activities').where('recommendation_id', '=', id).where('activity_id', '=', activityId).returning('activity_id').executeTakeFirst();
  if (!removed) throw notFound('Link between the recommendation and the activity');
  const activity = await tx.selectFrom('plan_activities').select(['code', 'title']).where('id', '=', activityId).executeTakeFirstOrThrow();
  const written = await nextVersion(tx, subject, id, { change: 'activity_unlinked', effectiveOn: today(), evidence: `${activity.code} ${activity.title}` });
  if (!written) throw notFound('Recommendation');
  await appendAudit(tx, actor, { action: 'recommendation.activity_unlink', recordType: 'recommendation', recordId: id, purpose: 'coordination', summary: `activity ${activityId} unlinked, version ${written.version}` });
  return written;
}
