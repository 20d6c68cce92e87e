import type { z } from 'zod';
import { checklistItem, checklistItems, determinantsChecklistVersion, type AssessmentComparison, type checklistScoresRequest, type ChecklistScore, type ChecklistScoreView, type CreatedRef } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { determinantRules } from './determinants.policy.js';

/**
 * The seeds' recommendations as a checklist an assessment scores (contracts vocabularies/determinants-checklist.ts):
 * the rapporteur scores items (not met, partly met, met, not applicable) with a note; the assessment's readers read
 * the scores with the assessment, in its comparison and in its PDF.
 */

type ScoresInput = z.output<typeof checklistScoresRequest>;

const order = (code: string) => {
  const index = checklistItems.findIndex((i) => i.code === code);
  return index < 0 ? checklistItems.length : index;
};

/** An assessment's scores, in the checklist's order. */
export async function checklistOf(tx: Db, assessmentId: string): Promise<ChecklistScoreView[]> {
  const rows = await tx.selectFrom('determinant_checklist_scores').selectAll().where('assessment_id', '=', assessmentId).execute();
  return rows
    .sort((a, b) => order(a.item) - order(b.item))
    .map((r) => ({ item: r.item, score: r.score as ChecklistScore, note: r.note, checklistVersion: r.checklist_version, recordedAt: new Date(r.recorded_at).toISOString() }));
}

/** Records (or rewrites) scores of checklist items, all or none (the rapporteur; audited). */
export async function recordChecklistScores(tx: Db, subject: Subject, actor: Actor, id: string, input: ScoresInput): Promise<CreatedRef> {
  if (!allows(determinantRules.record, subject)) throw forbidden('Only the national rapporteur records determinants assessments');
  const assessment = await tx.selectFrom('determinant_assessments').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!assessment) throw notFound('Assessment');
  const now = new Date();
  for (const s of input.scores) {
    const values = { score: s.score, note: s.note, checklist_version: determinantsChecklistVersion, recorded_by: subject.userId, recorded_at: now };
    await tx
      .insertInto('determinant_checklist_scores')
      .values({ assessment_id: id, item: s.item, ...values })
      .onConflict((oc) => oc.columns(['assessment_id', 'item']).doUpdateSet(values))
      .execute();
  }
  await tx.updateTable('determinant_assessments').set({ updated_at: now }).where('id', '=', id).execute();
  const summary = input.scores.map((s) => `${s.item}: ${s.score}`).join(', ');
  await appendAudit(tx, actor, { action: 'determinant_assessment.checklist_score', recordType: 'determinant_assessment', recordId: id, purpose: 'oversight', summary: summary.slice(0, 500) });
  return { id };
}

/** Per checklist item scored in either assessment, its score in each (null where not scored) and whether it changed. */
export function compareChecklists(earlier: readonly ChecklistScoreView[], later: readonly ChecklistScoreView[]): AssessmentComparison['checklist'] {
  const a = new Map(earlier.map((s) => [s.item, s.score] as const));
  const b = new Map(later.map((s) => [s.item, s.score] as const));
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((item) => checklistItem(item) !== undefined)
    .sort((x, y) => order(x) - order(y))
    .map((item) => {
      const before = a.get(item) ?? null;
      const after = b.get(item) ?? null;
      return { item, earlier: before, later: after, changed: before !== after };
    });
}
