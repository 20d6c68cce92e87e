import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { HttpError, badRequest } from '../../platform/http/errors.js';
import type { CaseRow } from '../case/case.repo.js';
import {
  bestInterestsAssessmentData,
  childOnlyKinds,
  riskAssessmentData,
  uncorrectableKinds,
  type AddCaseRecord,
  type CaseRecordKind,
} from './case-record.contracts.js';
import * as repo from './case-record.repo.js';

/** Dates that record something that has happened: they may not lie in the future. */
const pastDateFields: Partial<Record<CaseRecordKind, readonly string[]>> = {
  service_delivered: ['startDate'],
  follow_up: ['date'],
  compensation_claim: ['filedOn'],
  best_interests_assessment: ['assessedOn'],
  guardian_appointed: ['appointedOn'],
  return_decision: ['decidedOn'],
};

/**
 * Everything about a new record that the request's schema cannot know: the case it goes into, the records already
 * there, the organisations and users it names. Field problems answer 400 naming the field; states that make the record
 * impossible answer 409 with a clear message. Called inside the transaction, before anything is written.
 */
export async function checkNewRecord(tx: Db, subject: Subject, row: CaseRow, input: AddCaseRecord): Promise<void> {
  if (row.status === 'Closed' || row.status === 'ClosedReferred') {
    throw new HttpError(409, 'case_closed', 'The case is closed; nothing can be added to its record');
  }
  if (childOnlyKinds.includes(input.kind) && !row.is_child) {
    throw new HttpError(409, 'not_a_child', `A ${input.kind.replaceAll('_', ' ')} is recorded only in a child's case`);
  }
  await checkCorrection(tx, subject, row.id, input);
  await checkPastDates(tx, input);
  switch (input.kind) {
    case 'case_manager_assigned':
      if (!(await repo.activeCaseworkerOf(tx, input.data.caseManagerUserId, row.managing_organisation_id))) {
        throw badRequest('data.caseManagerUserId', 'must be an active caseworker of the organisation managing the case');
      }
      if (row.case_manager_user_id === input.data.caseManagerUserId) {
        throw new HttpError(409, 'no_change', 'This caseworker is already the case manager');
      }
      return;
    case 'service_delivered':
      if (!(await repo.activeOrganisation(tx, input.data.providerOrganisationId))) {
        throw badRequest('data.providerOrganisationId', 'must be an active organisation');
      }
      if (input.data.goalId !== undefined) {
        const goal = await repo.findRecord(tx, input.data.goalId);
        if (!goal || goal.case_id !== row.id || goal.kind !== 'assistance_goal') {
          throw badRequest('data.goalId', 'must be an assistance goal of this case');
        }
      }
      return;
    case 'return_decision':
      await checkReturnPrerequisites(tx, row, input.data.decision);
      return;
    default:
      return;
  }
}

/** A correction supersedes a record of the same kind in the same case that the user can see, once. */
async function checkCorrection(tx: Db, subject: Subject, caseId: string, input: AddCaseRecord): Promise<void> {
  const supersedesId = 'supersedesId' in input ? input.supersedesId : undefined;
  if (supersedesId === undefined) return;
  if (uncorrectableKinds.includes(input.kind)) {
    throw badRequest('supersedesId', `does not apply to a ${input.kind.replaceAll('_', ' ')}: record a new one instead`);
  }
  const old = await repo.findVisibleRecord(tx, subject, caseId, supersedesId);
  if (!old) throw badRequest('supersedesId', 'must be a record of this case');
  if (old.kind !== input.kind) throw badRequest('supersedesId', `is a ${old.kind.replaceAll('_', ' ')} record; a correction must be of the same kind`);
  if (old.superseded) throw new HttpError(409, 'already_corrected', 'That record has already been corrected; correct its newest version');
}

async function checkPastDates(tx: Db, input: AddCaseRecord): Promise<void> {
  const data: Record<string, unknown> = input.data;
  const dates = (pastDateFields[input.kind] ?? []).flatMap((field) => {
    const value = data[field];
    return typeof value === 'string' ? [[field, value] as const] : [];
  });
  const [future] = await repo.datesInFuture(tx, dates);
  if (future !== undefined) throw badRequest(`data.${future}`, 'must not be in the future');
}

/**
 * Before any decision on return or stay: a risk and security assessment for return (004:6588-6597), and for a child a
 * best-interests assessment (002:479-480, 487), the newest of which must support a return if the decision is one.
 */
async function checkReturnPrerequisites(tx: Db, row: CaseRow, decision: string): Promise<void> {
  if (row.is_child) {
    const [assessment] = await repo.currentRecordsOfKind(tx, row.id, 'best_interests_assessment');
    if (!assessment) {
      throw new HttpError(409, 'best_interests_assessment_required', "A return decision in a child's case needs a best-interests assessment first");
    }
    const { outcome } = bestInterestsAssessmentData.parse(assessment.data);
    if (decision === 'voluntary_return' && outcome !== 'return_in_best_interests') {
      throw new HttpError(409, 'return_not_in_best_interests', `The latest best-interests assessment (${outcome.replaceAll('_', ' ')}) does not support a return`);
    }
  }
  const risks = await repo.currentRecordsOfKind(tx, row.id, 'risk_assessment');
  if (!risks.some((r) => riskAssessmentData.parse(r.data).forReturn)) {
    throw new HttpError(409, 'risk_assessment_required', 'A return decision needs a risk and security assessment for return first');
  }
}
