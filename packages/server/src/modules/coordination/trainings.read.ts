import { sql } from 'kysely';
import type { z } from 'zod';
import type { trainingListQuery, TrainingList, TrainingView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { allows, mayEverAllow, type Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { forbidden } from '../../platform/http/errors.js';
import { coordinationTrainingFieldPolicy } from './coordination.fields.js';
import { coordinationRules, trainingFacts } from './coordination.policy.js';

type TrainingQuery = z.output<typeof trainingListQuery>;

/**
 * The trainings the reader may see (every one for the national roles, its own organisation's otherwise), newest first,
 * with the officials they trained. The total is an aggregate of staff trained, not of persons assisted: no case data
 * is counted, so it is shown exact (no cell-key perturbation).
 */
export async function listTrainings(tx: Db, subject: Subject, query: TrainingQuery): Promise<TrainingList> {
  if (!mayEverAllow(coordinationRules.readTrainings, subject)) throw forbidden('You are not allowed to read trainings');
  let q = tx
    .selectFrom('coordination_trainings as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .leftJoin('plan_activities as pa', 'pa.id', 't.activity_id')
    .select([
      't.id', 't.topic', 't.title', 't.audience', 't.organisation_id', 'o.name as organisation_name', 't.number_trained', 't.women', 't.men', 't.activity_id',
      sql<string | null>`case when pa.id is null then null else pa.code || ' ' || pa.title end`.as('activity_title'),
      sql<string>`t.held_on::text`.as('held_on'),
    ])
    .where(compileRule(coordinationRules.readTrainings, subject, { organisationId: sql`t.organisation_id` }));
  if (query.from) q = q.where('t.held_on', '>=', query.from);
  if (query.to) q = q.where('t.held_on', '<=', query.to);
  if (query.audience) q = q.where('t.audience', '=', query.audience);
  if (query.topic) q = q.where('t.topic', '=', query.topic);
  const rows = await q.orderBy('t.held_on', 'desc').orderBy('t.id').limit(1000).execute();
  const trainings = rows.map((r) => {
    const facts = trainingFacts(r.organisation_id);
    const view: TrainingView = {
      id: r.id, topic: r.topic as TrainingView['topic'] & string, title: r.title, audience: r.audience as TrainingView['audience'] & string,
      organisationId: r.organisation_id, organisationName: r.organisation_name, heldOn: r.held_on, numberTrained: r.number_trained,
      bySex: r.women === null && r.men === null ? null : { women: r.women ?? 0, men: r.men ?? 0 },
      activityId: r.activity_id, activityTitle: r.activity_title, mayEdit: allows(coordinationRules.recordTraining, subject, facts),
    };
    return presentFields(view, visibleFields(coordinationTrainingFieldPolicy, subject, facts)) as TrainingView;
  });
  return { trainings, totalTrained: rows.reduce((sum, r) => sum + r.number_trained, 0) };
}
