import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { PublicView, PublicViewContent, PublicViewPreview } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { publicViewRules } from './public-view.policy.js';
import { publicViewContent } from './public-view.content.js';

/**
 * Publishing the public page (migrations/0056_public_view.sql): the coordinator previews the content as it would be
 * published now, publishes it (a snapshot that replaces the current one) or withdraws it. Each step is audited. The
 * public read returns the current snapshot with its entity tag, or nothing.
 */

async function current(tx: Db) {
  return tx
    .selectFrom('public_view_publications as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('action_plans as a', 'a.id', 'p.plan_id')
    .select(['p.id', 'p.plan_id', 'a.title as plan_title', 'p.content', 'p.etag', 'p.published_at', 'o.name as organisation_name'])
    .where('p.ended_at', 'is', null)
    .executeTakeFirst();
}

export async function previewPublicView(tx: Db, keys: RecordKeys, subject: Subject, actor: Actor, planId: string, today: string): Promise<PublicViewPreview> {
  if (!allows(publicViewRules.publish, subject)) throw forbidden('Only the national coordinator publishes the public page');
  const content = await publicViewContent(tx, keys, subject, planId, today);
  const now = await current(tx);
  await appendAudit(tx, actor, { action: 'action_plan.public_view_preview', recordType: 'action_plan', recordId: planId, purpose: 'coordination', summary: 'public page previewed' });
  return {
    content,
    current: now ? { planId: now.plan_id, planTitle: now.plan_title, publishedAt: new Date(now.published_at).toISOString(), publishedBy: now.organisation_name } : null,
  };
}

/** The entity tag of a publication: its content's fingerprint with its id (two publications never share one). */
const entityTag = (id: string, content: PublicViewContent) => `"${createHash('sha256').update(id).update(JSON.stringify(content)).digest('base64url')}"`;

export async function publishPublicView(tx: Db, keys: RecordKeys, subject: Subject, actor: Actor, planId: string, today: string): Promise<{ id: string; publishedAt: string }> {
  if (!allows(publicViewRules.publish, subject) || !actor.userId || !actor.organisationId) throw forbidden('Only the national coordinator publishes the public page');
  const content = await publicViewContent(tx, keys, subject, planId, today);
  // One publication at a time: the current one, if any, is ended as replaced (locked first, so two publishers queue).
  await sql`select id from public_view_publications where ended_at is null for update`.execute(tx);
  await tx.updateTable('public_view_publications').set({ ended_at: sql`now()`, ended_by: actor.userId, ended_how: 'replaced' }).where('ended_at', 'is', null).execute();
  const id = randomUUID();
  const row = await tx
    .insertInto('public_view_publications')
    .values({ id, plan_id: planId, content: JSON.stringify(content), etag: entityTag(id, content), published_by: actor.userId, organisation_id: actor.organisationId })
    .returning('published_at')
    .executeTakeFirstOrThrow();
  const counted = content.indicators.filter((i) => i.computation !== null).length;
  await appendAudit(tx, actor, {
    action: 'action_plan.public_view_publish', recordType: 'action_plan', recordId: planId, purpose: 'coordination',
    summary: `public page published: ${content.objectives.reduce((n, o) => n + o.activities.length, 0)} activities, ${content.indicators.length} indicators (${counted} computed, perturbed), ${content.recommendations.items.length} recommendations`,
  });
  return { id, publishedAt: new Date(row.published_at).toISOString() };
}

export async function withdrawPublicView(tx: Db, subject: Subject, actor: Actor): Promise<void> {
  if (!allows(publicViewRules.publish, subject) || !actor.userId) throw forbidden('Only the national coordinator withdraws the public page');
  const ended = await tx
    .updateTable('public_view_publications')
    .set({ ended_at: sql`now()`, ended_by: actor.userId, ended_how: 'withdrawn' })
    .where('ended_at', 'is', null)
    .returning('plan_id')
    .executeTakeFirst();
  if (!ended) throw notFound('Publication');
  await appendAudit(tx, actor, { action: 'action_plan.public_view_withdraw', recordType: 'action_plan', recordId: ended.plan_id, purpose: 'coordination', summary: 'public page withdrawn' });
}

/** The page as published, with its entity tag; undefined when nothing is published. Not personal data: not audited. */
export async function readPublicView(tx: Db): Promise<{ view: PublicView; etag: string } | undefined> {
  const now = await current(tx);
  if (!now) return undefined;
  const content = (typeof now.content === 'string' ? JSON.parse(now.content) : now.content) as PublicViewContent;
  return { view: { publishedAt: new Date(now.published_at).toISOString(), publishedBy: now.organisation_name, content }, etag: now.etag };
}
