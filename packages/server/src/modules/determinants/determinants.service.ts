import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { assessmentEntryRequest, assessmentRequest, CreatedRef } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { determinantRules } from './determinants.policy.js';

type AssessmentInput = z.output<typeof assessmentRequest>;
type EntryInput = z.output<typeof assessmentEntryRequest>;

function mayRecord(subject: Subject): void {
  if (!allows(determinantRules.record, subject)) throw forbidden('Only the national rapporteur records determinants assessments');
}

/** Creates an assessment for a country and a period (the rapporteur; audited). */
export async function createAssessment(tx: Db, subject: Subject, actor: Actor, input: AssessmentInput): Promise<CreatedRef> {
  mayRecord(subject);
  const id = randomUUID();
  await tx
    .insertInto('determinant_assessments')
    .values({ id, country: input.country, period_from: input.periodFrom, period_to: input.periodTo, title: input.title, recorded_by: subject.userId, organisation_id: subject.organisationId })
    .execute();
  await appendAudit(tx, actor, { action: 'determinant_assessment.create', recordType: 'determinant_assessment', recordId: id, purpose: 'oversight', summary: `${input.country}, ${input.periodFrom} to ${input.periodTo}` });
  return { id };
}

/** Edits an assessment's country, period and title (the rapporteur; audited). */
export async function updateAssessment(tx: Db, subject: Subject, actor: Actor, id: string, input: AssessmentInput): Promise<CreatedRef> {
  mayRecord(subject);
  const row = await tx
    .updateTable('determinant_assessments')
    .set({ country: input.country, period_from: input.periodFrom, period_to: input.periodTo, title: input.title, updated_at: new Date() })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Assessment');
  await appendAudit(tx, actor, { action: 'determinant_assessment.update', recordType: 'determinant_assessment', recordId: id, purpose: 'oversight', summary: `${input.country}, ${input.periodFrom} to ${input.periodTo}` });
  return { id };
}

/** Refuses ids that name no row of the table, naming the field. */
async function known(tx: Db, table: 'recommendations' | 'plan_indicators', ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx.selectFrom(table).select('id').where('id', 'in', [...ids]).execute();
  if (rows.length !== ids.length) throw badRequest(field, 'must name existing records');
}

/** Records (or rewrites) one determinant of an assessment (the rapporteur; audited). */
export async function recordEntry(tx: Db, subject: Subject, actor: Actor, id: string, input: EntryInput): Promise<CreatedRef> {
  mayRecord(subject);
  const assessment = await tx.selectFrom('determinant_assessments').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!assessment) throw notFound('Assessment');
  await known(tx, 'recommendations', input.recommendationIds, 'recommendationIds');
  await known(tx, 'plan_indicators', input.indicatorIds, 'indicatorIds');
  const values = {
    direction: input.direction, activity: input.activity, strength: input.strength,
    origin: input.typology.origin, nature: input.typology.nature, specificity: input.typology.specificity, reach: input.typology.reach, level: input.typology.level,
    evidence: input.evidence, recommendation_ids: [...input.recommendationIds], indicator_ids: [...input.indicatorIds], influences: [...input.influences],
    recorded_by: subject.userId, recorded_at: new Date(),
  };
  await tx
    .insertInto('determinant_assessment_entries')
    .values({ assessment_id: id, determinant: input.determinant, ...values })
    .onConflict((oc) => oc.columns(['assessment_id', 'determinant']).doUpdateSet(values))
    .execute();
  await tx.updateTable('determinant_assessments').set({ updated_at: new Date() }).where('id', '=', id).execute();
  await appendAudit(tx, actor, { action: 'determinant_assessment.entry_record', recordType: 'determinant_assessment', recordId: id, purpose: 'oversight', summary: `${input.determinant}: ${input.direction}` });
  return { id };
}
