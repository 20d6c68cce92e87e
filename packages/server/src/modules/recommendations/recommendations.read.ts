import { sql } from 'kysely';
import type { RecommendationFilters, RecommendationSummary, RecommendationVersion, RecommendationView, SimilarRecommendation } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { allows } from '../../platform/access/rules.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { recommendationFieldPolicy } from './recommendations.fields.js';
import { recommendationRules } from './recommendations.policy.js';

/**
 * Trigram similarity (pg_trgm) at or above which a recommendation of another body is offered to link as one cluster:
 * the same ask reworded by a second body scores well above it, two different asks on the same theme well below
 * (recommendations.test.ts holds both).
 */
export const CLUSTER_SIMILARITY = 0.55;

/** Dates read as text (yyyy-mm-dd), as the contracts carry them. */
const summaryColumns = ['id', 'source_body', 'cycle', sql<string>`issued_on::text`.as('issued_on'), 'text', 'themes', 'urgency', 'response', 'status', 'cluster_id'] as const;
type SummaryRow = { id: string; source_body: string; cycle: string; issued_on: string; text: string; themes: string[]; urgency: string; response: string | null; status: string; cluster_id: string | null };

const summaryOf = (r: SummaryRow): RecommendationSummary =>
  ({
    id: r.id, sourceBody: r.source_body, cycle: r.cycle, issuedOn: r.issued_on, text: r.text, themes: r.themes, urgency: r.urgency,
    response: r.response, status: r.status, clusterId: r.cluster_id,
  }) as RecommendationSummary;

/** Recommendations do not depend on the record: the relationships that hold are the reader's roles'. */
const facts = { organisationId: null, assigneeUserId: null, jurisdiction: null, consentsGiven: [] } as const;

/** The recommendations the filters keep (body, theme, status, response, an activity answering them), newest first, through the field policy. Not personal data: not audited. */
export async function listRecommendations(tx: Db, subject: Subject, filters: RecommendationFilters): Promise<Array<Partial<RecommendationSummary>>> {
  if (!allows(recommendationRules.read, subject)) throw forbidden('You are not allowed to read recommendations');
  let query = tx.selectFrom('recommendations').select([...summaryColumns]).orderBy('issued_on', 'desc').orderBy('id');
  if (filters.body) query = query.where('source_body', '=', filters.body);
  if (filters.theme) query = query.where(sql<boolean>`${filters.theme} = ANY(themes)`);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.response === 'none') query = query.where('response', 'is', null);
  else if (filters.response) query = query.where('response', '=', filters.response);
  const { activity } = filters;
  if (activity) query = query.where('id', 'in', (eb) => eb.selectFrom('recommendation_activities').select('recommendation_id').where('activity_id', '=', activity));
  const rows = await query.limit(2000).execute();
  const visible = visibleFields(recommendationFieldPolicy, subject, facts);
  return rows.map((r) => presentFields(summaryOf(r), visible));
}

/**
 * Near-identical recommendations of other bodies, not yet in this one's cluster, most similar first. The `%` operator
 * lets the trigram index find the candidates; `similarity` keeps those at the threshold.
 */
export async function similarRecommendations(tx: Db, id: string, text: string, sourceBody: string, clusterId: string | null): Promise<SimilarRecommendation[]> {
  const rows = await tx
    .selectFrom('recommendations')
    .select([...summaryColumns, sql<number>`similarity(text, ${text})`.as('similarity')])
    .where('id', '<>', id)
    .where('source_body', '<>', sourceBody)
    .where(sql<boolean>`text % ${text}`)
    .where(sql<boolean>`similarity(text, ${text}) >= ${CLUSTER_SIMILARITY}`)
    .$if(clusterId !== null, (q) => q.where((eb) => eb.or([eb('cluster_id', 'is', null), eb('cluster_id', '<>', clusterId as string)])))
    .orderBy('similarity', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({ ...summaryOf(r), similarity: Math.round(Number(r.similarity) * 100) / 100 }));
}

/** The activities of the plan answering a recommendation (empty until the plan links some). */
async function activitiesOf(tx: Db, id: string): Promise<Array<{ id: string; title: string }>> {
  return tx
    .selectFrom('recommendation_activities as ra')
    .innerJoin('plan_activities as a', 'a.id', 'ra.activity_id')
    .select(['a.id', 'a.title'])
    .where('ra.recommendation_id', '=', id)
    .orderBy('a.code')
    .execute();
}

/** One recommendation with its history, its cluster, the similar ones and its activities, through the field policy. */
export async function readRecommendation(tx: Db, subject: Subject, id: string): Promise<Partial<RecommendationView>> {
  if (!allows(recommendationRules.read, subject)) throw forbidden('You are not allowed to read recommendations');
  const row = await tx
    .selectFrom('recommendations')
    .select([...summaryColumns, 'paragraph', 'addressed_to', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Recommendation');
  const visible = visibleFields(recommendationFieldPolicy, subject, facts);
  const history = await tx
    .selectFrom('recommendation_history as h')
    .innerJoin('organisations as o', 'o.id', 'h.organisation_id')
    .select(['h.version', 'h.change', 'h.response', 'h.status', sql<string>`h.effective_on::text`.as('effective_on'), 'h.evidence', 'h.comment', 'o.name as organisation_name', 'h.recorded_at'])
    .where('h.recommendation_id', '=', id)
    .orderBy('h.version')
    .execute();
  const cluster = row.cluster_id
    ? (await tx.selectFrom('recommendations').select([...summaryColumns]).where('cluster_id', '=', row.cluster_id).where('id', '<>', id).orderBy('issued_on').execute()).map(summaryOf)
    : [];
  const view: RecommendationView = {
    ...summaryOf(row),
    paragraph: row.paragraph,
    addressedTo: row.addressed_to,
    version: row.version,
    history: history.map(
      (h) =>
        ({
          version: h.version, change: h.change, response: h.response, status: h.status, effectiveOn: h.effective_on, evidence: h.evidence, comment: h.comment,
          organisationName: h.organisation_name, recordedAt: h.recorded_at.toISOString(),
        }) as RecommendationVersion,
    ),
    cluster,
    similar: visible.has('similar') ? await similarRecommendations(tx, id, row.text, row.source_body, row.cluster_id) : [],
    activities: visible.has('activities') ? await activitiesOf(tx, id) : [],
  };
  return presentFields(view, visible);
}
