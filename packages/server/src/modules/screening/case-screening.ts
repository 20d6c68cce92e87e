import { randomUUID } from 'node:crypto';
import { screeningSubmissionFor, type ScreeningAssessment, type ScreeningSubmission } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest } from '../../platform/http/errors.js';
import { caseRules } from '../case/case.policy.js';
import { caseForChange } from '../case/case.service.js';
import { recordAction } from '../case/case-timeline.js';
import { assessScreening, getChecklist, issuesOf } from './screening.service.js';

/**
 * Screens the person of a case: the answers are checked against the checklist version named, scored, and stored
 * with the suggestion (notes encrypted). A first screening moves a reported case to "screened"; the suggestion never
 * changes victim status, which only the competent authority decides.
 */
export async function screenCase(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  submission: ScreeningSubmission,
  key: string,
): Promise<ScreeningAssessment> {
  const row = await caseForChange(tx, subject, caseId, caseRules.manage, undefined);
  const checklist = await getChecklist(tx, submission.checklistCode, submission.checklistVersion);
  if (!checklist) throw badRequest('checklistVersion', `no version ${submission.checklistVersion} of checklist ${submission.checklistCode}`);
  const checked = screeningSubmissionFor(checklist.document).safeParse(submission);
  if (!checked.success) {
    const issues = issuesOf(checked.error);
    throw new HttpError(400, 'validation', issues.map((i) => `${i.field}: ${i.problem}`).join('; '), issues);
  }
  const isChild = submission.isChild ?? row.is_child;
  const assessment = assessScreening(checklist.document, submission.answers, { isChild });
  if ((await recordAction(tx, subject, caseId, 'case.screened', `screened with ${checklist.code} v${checklist.version}: ${assessment.suggestion}`, key)) === 'already_done') {
    return assessment;
  }
  const id = randomUUID();
  await tx
    .insertInto('screenings')
    .values({
      id,
      case_id: caseId,
      checklist_code: checklist.code,
      checklist_version: checklist.version,
      answers: JSON.stringify(submission.answers),
      is_child: isChild,
      assessment: JSON.stringify(assessment),
      notes: cipher.encryptOptional(submission.notes, `screenings.notes:${id}`),
      screened_by: subject.userId,
      organisation_id: subject.organisationId,
      screened_at: new Date(),
    })
    .execute();
  if (row.stage === 'reported') await tx.updateTable('cases').set({ stage: 'screened', updated_at: new Date() }).where('id', '=', caseId).execute();
  await appendAudit(tx, actor, { action: 'case.screen', recordType: 'case', recordId: caseId, purpose: 'identification', summary: `screening recorded (${checklist.code} v${checklist.version}); suggestion: ${assessment.suggestion}` });
  return assessment;
}
